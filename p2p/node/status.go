package node

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
	"essaim/p2p/shelf"
	"essaim/p2p/xfer"
)

// traffic counts the bytes of works sent and received, per work. It is
// safe for concurrent use; the transfer server and downloads feed it.
type traffic struct {
	mu       sync.Mutex
	up, down map[content.Hash]int64
	refused  map[string]int64 // refusals sent, by reason
	lastSent atomic.Int64     // unix nanoseconds of the last bytes sent
}

func newTraffic() *traffic {
	return &traffic{up: map[content.Hash]int64{}, down: map[content.Hash]int64{}, refused: map[string]int64{}}
}

func (t *traffic) refusal(code xfer.Code) {
	t.mu.Lock()
	t.refused[code.String()]++
	t.mu.Unlock()
}

func (t *traffic) sent(_ peer.ID, root content.Hash, n int) {
	t.lastSent.Store(time.Now().UnixNano())
	t.mu.Lock()
	t.up[root] += int64(n)
	t.mu.Unlock()
}

// busyFor is how recently bytes must have been sent for the node to count
// as busy serving (its relay then slows down, so its own uploads come
// first).
const busyFor = time.Second

// busy reports whether the node sent bytes of a work within busyFor.
func (t *traffic) busy() bool {
	return time.Since(time.Unix(0, t.lastSent.Load())) < busyFor
}

func (t *traffic) received(root content.Hash, n int) {
	t.mu.Lock()
	t.down[root] += int64(n)
	t.mu.Unlock()
}

// Traffic is what a node has sent and received, in bytes of transfer
// frames (manifests and chunks), since it started.
type Traffic struct {
	Up, Down int64
	// PerWork holds the same per work.
	PerWork map[content.Hash]WorkTraffic
	// Refused counts the refusals sent to requesters, by reason.
	Refused map[string]int64
}

// WorkTraffic is one work's share of Traffic.
type WorkTraffic struct{ Up, Down int64 }

// Traffic returns a snapshot of the bytes sent and received.
func (n *Node) Traffic() Traffic {
	t := n.traffic
	t.mu.Lock()
	defer t.mu.Unlock()
	out := Traffic{PerWork: map[content.Hash]WorkTraffic{}, Refused: maps.Clone(t.refused)}
	for r, b := range t.up {
		w := out.PerWork[r]
		w.Up = b
		out.PerWork[r] = w
		out.Up += b
	}
	for r, b := range t.down {
		w := out.PerWork[r]
		w.Down = b
		out.PerWork[r] = w
		out.Down += b
	}
	return out
}

// Held is one work the node serves.
type Held struct {
	Root   content.Hash
	Kind   shelf.Kind // source, or download (finished or not)
	Path   string     // the work (a source) or the output folder
	Size   int64
	Chunks int // in the work
	Have   int // held now
}

// Works lists the works the node serves, sorted by root.
func (n *Node) Works() []Held {
	var out []Held
	for _, r := range n.lib.roots() {
		w, ok := n.lib.Lookup(r)
		if !ok {
			continue
		}
		h := w.(*held)
		info := Held{Root: r, Kind: h.kind, Path: h.path, Size: h.m.Size(), Chunks: h.m.NumChunks(),
			Have: h.Held().Count()}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Root.String() < out[j].Root.String() })
	return out
}

// ErrNotServed means the node does not serve the work asked about.
var ErrNotServed = errors.New("this node does not serve the work")

// Unserve stops serving root: it leaves the library, its announcement
// topic and the shelf, so a restart does not serve it again. Its files are
// left where they are.
func (n *Node) Unserve(root content.Hash) error {
	h := n.lib.remove(root)
	if h == nil {
		return fmt.Errorf("%w: %s", ErrNotServed, root)
	}
	h.close()
	n.leave(root)
	return n.cfg.Shelf.Remove(root)
}

// NumWorks is the number of works the node serves.
func (n *Node) NumWorks() int { return len(n.lib.roots()) }

// Peers is the number of peers the node is connected to.
func (n *Node) Peers() int { return len(n.host.Host().Network().Peers()) }

// HolderCount counts the peers known to hold root, this node included
// when it does: those heard on the work's topic and the providers the DHT
// reports before ctx ends (at most max in all).
func (n *Node) HolderCount(ctx context.Context, root content.Hash, max int) int {
	seen := map[peer.ID]bool{}
	if n.Holds(root) {
		seen[n.ID()] = true
	}
	if t := n.topicOf(root); t != nil {
		for _, h := range t.Holders() {
			seen[h.Peer] = true
		}
	}
	if len(seen) < max {
		n.host.FindProvidersFunc(ctx, phost.WorkKey(n.cfg.ChainID, n.cfg.Contract, root), max,
			func(p peer.AddrInfo) { seen[p.ID] = true })
	}
	return min(len(seen), max)
}

// Chunks is a work as a reader of its bytes sees it: the chunks held now,
// each read verified, and the ones that arrive while it downloads.
type Chunks interface {
	Manifest() *content.Manifest
	Held() *bitfield.Bitfield
	ReadChunk(i int, buf []byte) ([]byte, error)
	// Watch delivers the chunks stored from now on (never, for a
	// complete work); a slow reader may miss some, so it looks at Held
	// again when it wakes.
	Watch() (<-chan int, func())
}

// Chunks returns the work root as the node holds it now, complete or
// downloading; false when it holds none of it.
func (n *Node) Chunks(root content.Hash) (Chunks, bool) {
	w, ok := n.lib.Lookup(root)
	if !ok {
		return nil, false
	}
	return w.(*held), true
}
