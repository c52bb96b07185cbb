package node

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/announce"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/fetch"
	phost "essaim/p2p/host"
	"essaim/p2p/shelf"
	"essaim/p2p/xfer"
)

const (
	provideTimeout = 30 * time.Second
	// announceEvery bounds how often a download rebuilds and publishes its
	// chunk set (have frames carry every chunk to connected peers at once).
	announceEvery = 500 * time.Millisecond
)

func newBig(x uint64) *big.Int { return new(big.Int).SetUint64(x) }

// Share serves the work at path (a file or folder whose manifest is m) and
// records it on the shelf, so that the node serves it again after a
// restart.
func (n *Node) Share(ctx context.Context, path string, m *content.Manifest) error {
	h, err := openSource(shelf.Source, path, m)
	if err != nil {
		return err
	}
	if err := n.cfg.Shelf.Put(shelf.Entry{Root: m.Root(), Kind: shelf.Source, Path: path}, m); err != nil {
		h.close()
		return err
	}
	return n.serve(ctx, h)
}

// openSource opens the complete work at path, to be served in place.
func openSource(kind shelf.Kind, path string, m *content.Manifest) (*held, error) {
	src, err := content.OpenSource(path, m)
	if err != nil {
		return nil, err
	}
	h, err := newHeld(m, kind, path, src, nil)
	if err != nil {
		src.Close()
		return nil, err
	}
	return h, nil
}

// Restore serves every work on the shelf that the node does not serve
// already: sources in place, finished downloads from their output folders,
// unfinished ones from their chunk stores (what they hold). It returns the
// roots it serves; works it cannot open are reported in the error and
// skipped.
func (n *Node) Restore(ctx context.Context) ([]content.Hash, error) {
	roots, err := n.cfg.Shelf.Roots()
	if err != nil {
		return nil, err
	}
	var served []content.Hash
	var errs []error
	for _, r := range roots {
		if n.Holds(r) {
			// Shared in this run (share, --serve): its source knows which
			// chunks were hashed when it was built; reopening it from the
			// shelf would hash every chunk again as it is first served.
			served = append(served, r)
			continue
		}
		if err := n.restore(ctx, r); err != nil {
			errs = append(errs, fmt.Errorf("work %s: %w", r, err))
			continue
		}
		served = append(served, r)
	}
	return served, errors.Join(errs...)
}

func (n *Node) restore(ctx context.Context, root content.Hash) error {
	e, m, err := n.cfg.Shelf.Get(root)
	if err != nil {
		return err
	}
	if e.Kind == shelf.Download {
		if _, err := os.Lstat(filepath.Join(e.Path, chunkstore.StageName(root))); err == nil {
			// Unfinished: serve what the store holds; `get` resumes it.
			return n.serveStoreReadOnly(ctx, e.Path, m)
		}
	}
	h, err := openSource(e.Kind, e.Path, m)
	if err != nil {
		return err
	}
	return n.serve(ctx, h)
}

// serveStoreReadOnly serves the chunks an unfinished download holds. The
// store stays open (and locked) while served; a `get` of the same work in
// another process then reports the store busy.
func (n *Node) serveStoreReadOnly(ctx context.Context, dir string, m *content.Manifest) error {
	store, err := chunkstore.Open(dir, m)
	if err != nil {
		return err
	}
	h, err := newHeld(m, shelf.Download, dir, nil, store)
	if err != nil {
		store.Close()
		return err
	}
	h.owned = true
	return n.serve(ctx, h)
}

// serve adds h to the library, announces it and provides it in the DHT.
func (n *Node) serve(ctx context.Context, h *held) error {
	root := h.m.Root()
	if old := n.lib.put(h); old != nil {
		old.close()
	}
	t, err := n.topic(root)
	if err != nil {
		return err
	}
	if err := t.Publish(ctx, h.Held()); err != nil {
		return err
	}
	n.goProvide(n.life, root)
	return nil
}

// topic joins the work's announcement topic once.
func (n *Node) topic(root content.Hash) (*announce.Topic, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return nil, errors.New("node closed")
	}
	if t := n.topics[root]; t != nil {
		return t, nil
	}
	t, err := n.ann.Join(root)
	if err != nil {
		return nil, err
	}
	n.topics[root] = t
	return t, nil
}

// provide puts the node's provider record for root in the DHT, retrying
// with backoff (a node alone, or whose routing table is still empty, finds
// no peer to store it with) until it succeeds or ctx ends.
func (n *Node) provide(ctx context.Context, root content.Hash) {
	if n.cfg.Ephemeral {
		return
	}
	n.mu.Lock()
	if n.providing[root] {
		n.mu.Unlock()
		return // one at a time per work
	}
	n.providing[root] = true
	n.mu.Unlock()
	defer func() {
		n.mu.Lock()
		delete(n.providing, root)
		n.mu.Unlock()
	}()
	key := phost.WorkKey(n.cfg.ChainID, n.cfg.Contract, root)
	for wait := time.Second; n.Holds(root); wait = min(2*wait, time.Minute) {
		// Alone, there is nobody to store the record with: wait without
		// asking the DHT (a node seeding many works alone would otherwise
		// spin its lookups). Connected, Provide waits for the routing table
		// to fill itself.
		var joined <-chan struct{} // alone: a first connection ends the wait
		if n.host.RoutingTableSize() > 0 || n.Peers() > 0 {
			pctx, cancel := context.WithTimeout(ctx, provideTimeout)
			err := n.host.Provide(pctx, key)
			cancel()
			if err == nil {
				return
			}
			n.cfg.Logger.Debug("provide", "work", root, "err", err, "retry", wait)
		} else {
			joined = n.nextConnection()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		case <-joined:
		}
	}
}

// GetOptions tune a download.
type GetOptions struct {
	Prove    xfer.Prover // nil for open works
	Recheck  func(context.Context) bool
	Progress func(fetch.Progress)
	Wants    *fetch.Wants // readers' windows (a player streaming the work), may be nil
	GiveUp   time.Duration
	Seed     uint64
	// Peers are holders to ask first (from a link), before any search.
	Peers []peer.AddrInfo
}

// holePunchWait bounds how long a download waits for its hole punching
// handler before it asks holders (see phost.Host.WaitHolePunch): libp2p
// looks for the host's public address at 0.25, 0.75 and 1.75 s after start.
const holePunchWait = 2 * time.Second

// Get downloads root into dir from every holder the node can find, serving
// the chunks it holds onward meanwhile, and keeps serving the finished
// work (recorded on the shelf) for as long as the node runs.
func (n *Node) Get(ctx context.Context, root content.Hash, dir string, o GetOptions) (*fetch.Result, error) {
	if n.Holds(root) {
		return nil, fmt.Errorf("this node already serves work %s", root)
	}
	if res, err := Finished(n.cfg.Shelf, root, dir); err == nil {
		if err := n.restore(context.WithoutCancel(ctx), root); err != nil {
			n.cfg.Logger.Warn("serve downloaded work", "work", root, "err", err)
		}
		return res, nil
	} else if !errors.Is(err, ErrNotLocal) {
		return nil, err
	}
	// A work the shelf knows (an earlier, unfinished run) needs no
	// manifest from the network: its store opens before any holder is
	// asked.
	var known *content.Manifest
	if _, m, err := n.cfg.Shelf.Get(root); err == nil {
		known = m
	}
	// A holder behind a NAT punches a hole towards us once, as soon as we
	// reach it through a relay: be ready to answer before asking anyone.
	wctx, cancel := context.WithTimeout(ctx, holePunchWait)
	n.host.WaitHolePunch(wctx)
	cancel()
	holders := make(chan fetch.Holder, 16)
	gctx, stop := context.WithCancel(ctx)
	defer stop()
	var dl *held
	var lastPub time.Time
	res, err := fetch.Run(gctx, fetch.Config{
		Host:      n.host.Host(),
		Root:      root,
		Manifest:  known,
		Out:       dir,
		Prove:     o.Prove,
		PageCache: n.cfg.PageCache,
		Download:  n.cfg.Download,
		Logger:    n.cfg.Logger,
		Discover:  func(ctx context.Context, found func(peer.AddrInfo)) { n.discover(ctx, root, o.Peers, found) },
		Holders:   holders,
		Opened: func(store *chunkstore.Store, m *content.Manifest) {
			// Serve onward from now on, and hear holders on the work's
			// topic: its validator knows the work once it is in the library.
			h, err := newHeld(m, shelf.Download, dir, nil, store)
			if err != nil {
				return
			}
			dl = h
			if err := n.cfg.Shelf.Put(shelf.Entry{Root: root, Kind: shelf.Download, Path: dir}, m); err != nil {
				n.cfg.Logger.Warn("shelf", "work", root, "err", err)
			}
			if err := n.serve(gctx, h); err != nil {
				n.cfg.Logger.Warn("serve while downloading", "work", root, "err", err)
			}
			if t := n.topicOf(root); t != nil {
				go forwardHolders(gctx, t, holders)
			}
		},
		Stored: func(i int) {
			if dl == nil {
				return
			}
			n.traffic.received(root, dl.m.ChunkLen(i))
			dl.stored(i)
			// Building the chunk set costs a pass over every chunk, and
			// announcements go out at most every 500 ms anyway: build it no
			// more often. The finished work is announced when it is served.
			if now := time.Now(); now.Sub(lastPub) >= announceEvery {
				lastPub = now
				if t := n.topicOf(root); t != nil {
					t.Publish(gctx, dl.Held())
				}
			}
		},
		Progress: o.Progress,
		Wants:    o.Wants,
		Recheck:  o.Recheck,
		GiveUp:   o.GiveUp,
		Seed:     o.Seed,
	})
	if dl != nil {
		// The store closed with the download: serve the finished files in
		// place, or stop serving an unfinished one. The finished files
		// replace the store in one step, so that a peer asking meanwhile
		// never finds the work gone between two lookups.
		served := false
		if err == nil {
			if rerr := recordFiles(n.cfg.Shelf, root, dir, res.Manifest); rerr != nil {
				n.cfg.Logger.Warn("shelf", "work", root, "err", rerr)
			}
			rerr := n.restore(context.WithoutCancel(ctx), root)
			if rerr != nil {
				n.cfg.Logger.Warn("serve downloaded work", "work", root, "err", rerr)
			}
			served = rerr == nil
		}
		if !served {
			n.lib.remove(root)
		}
	}
	if err != nil && dl != nil {
		n.leave(root)
	}
	return res, err
}

func (n *Node) topicOf(root content.Hash) *announce.Topic {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.topics[root]
}

func (n *Node) leave(root content.Hash) {
	n.mu.Lock()
	t := n.topics[root]
	delete(n.topics, root)
	n.mu.Unlock()
	if t != nil {
		t.Close()
	}
}

// forwardHolders turns announcements into download candidates.
func forwardHolders(ctx context.Context, t *announce.Topic, out chan<- fetch.Holder) {
	for {
		select {
		case <-ctx.Done():
			return
		case h, ok := <-t.Updates():
			if !ok {
				return
			}
			select {
			case out <- fetch.Holder{Peer: peer.AddrInfo{ID: h.Peer, Addrs: h.Addrs}, Have: h.Have}:
			case <-ctx.Done():
				return
			}
		}
	}
}

// discover finds candidate holders and hands each to found at once:
// first the peers given (a link's), then what is known locally (peers
// heard on the work's topic, connected peers that speak the transfer
// protocol: a bootstrap node that holds the work, typically, is asked
// before any network search), then providers in the DHT as the search
// reports them.
func (n *Node) discover(ctx context.Context, root content.Hash, given []peer.AddrInfo, found func(peer.AddrInfo)) {
	seen := make(map[peer.ID]bool)
	add := func(p peer.AddrInfo) {
		if p.ID != n.ID() && !seen[p.ID] {
			seen[p.ID] = true
			found(p)
		}
	}
	for _, p := range given {
		add(p)
	}
	if t := n.topicOf(root); t != nil {
		for _, h := range t.Holders() {
			add(peer.AddrInfo{ID: h.Peer, Addrs: h.Addrs})
		}
	}
	// Connected peers that speak the transfer protocol, or whose protocols
	// are not known yet (identify still running): a bootstrap peer is often
	// the holder, and waiting for the DHT would cost a discovery round.
	h := n.host.Host()
	for _, p := range h.Network().Peers() {
		protos, _ := h.Peerstore().GetProtocols(p)
		if len(protos) == 0 {
			add(peer.AddrInfo{ID: p})
		} else if ok, _ := h.Peerstore().SupportsProtocols(p, xfer.ProtocolID); len(ok) > 0 {
			add(peer.AddrInfo{ID: p})
		}
	}
	fctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := n.host.FindProvidersFunc(fctx, phost.WorkKey(n.cfg.ChainID, n.cfg.Contract, root), 32, add); err != nil {
		n.cfg.Logger.Debug("find providers", "work", root, "err", err)
	}
}
