package host

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/connmgr"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
)

// Inbound connections are admitted by eviction, the way a full server
// makes room for a newcomer rather than turn it away: once more than
// Config.MaxInbound inbound connections are open, each new one closes the
// least valuable existing one. libp2p's resource manager refuses
// connections only past a hard cap (InboundHard) well above MaxInbound, so
// a newcomer always gets in, and then has the time it takes attackers to
// open MaxInbound more connections to prove itself useful.
//
// Value comes from the connection manager's tags, which every protocol
// already sets: the transfer server protects a peer while one of its
// streams is accepted (a licensed downloader) and tags a refused requester
// with a negative value; the DHT tags peers of its routing table; gossipsub
// tags mesh peers; a downloader protects the holders it fetches from.
// Protected peers are never evicted. Among the rest, peers with a negative
// value go first, then peers with none (connected and idle), then useful
// ones, lowest value first; among equals the oldest connection goes first,
// so a flood of new connections evicts its own older members and not the
// newcomer that arrived last.

// inboundConn is what the policy knows of one inbound connection.
type inboundConn struct {
	protected bool
	value     int       // the peer's total tag value
	opened    time.Time // when the connection was opened
}

// evict returns the indexes in conns of the connections to close so that
// at most limit remain: the least valuable first, never a protected one.
// It is a plain function of its input.
func evict(conns []inboundConn, limit int) []int {
	excess := len(conns) - limit
	if excess <= 0 {
		return nil
	}
	var cand []int
	for i, c := range conns {
		if !c.protected {
			cand = append(cand, i)
		}
	}
	slices.SortStableFunc(cand, func(a, b int) int {
		ca, cb := conns[a], conns[b]
		if r := cmp.Compare(rank(ca.value), rank(cb.value)); r != 0 {
			return r
		}
		if r := cmp.Compare(ca.value, cb.value); r != 0 {
			return r
		}
		return ca.opened.Compare(cb.opened)
	})
	return cand[:min(excess, len(cand))]
}

// rank orders values by class: negative (unwanted), zero (idle), positive
// (useful).
func rank(v int) int { return cmp.Compare(v, 0) }

// admission runs the policy whenever an inbound connection arrives. It
// owns one goroutine, which Close stops and waits for.
type admission struct {
	h     host.Host
	cm    connmgr.ConnManager
	limit int

	kick   chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
	notify *network.NotifyBundle
}

func startAdmission(h host.Host, limit int) *admission {
	ctx, cancel := context.WithCancel(context.Background())
	a := &admission{h: h, cm: h.ConnManager(), limit: limit, kick: make(chan struct{}, 1), cancel: cancel}
	a.notify = &network.NotifyBundle{ConnectedF: func(_ network.Network, c network.Conn) {
		if c.Stat().Direction == network.DirInbound {
			select {
			case a.kick <- struct{}{}:
			default: // a pass is due already; it will see this connection
			}
		}
	}}
	h.Network().Notify(a.notify)
	a.wg.Add(1)
	go a.run(ctx)
	return a
}

func (a *admission) run(ctx context.Context) {
	defer a.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case <-a.kick:
			a.pass()
		}
	}
}

// pass closes the inbound connections the policy picks.
func (a *admission) pass() {
	var conns []network.Conn
	for _, c := range a.h.Network().Conns() {
		if c.Stat().Direction == network.DirInbound {
			conns = append(conns, c)
		}
	}
	if len(conns) <= a.limit {
		return
	}
	info := make([]inboundConn, len(conns))
	for i, c := range conns {
		p := c.RemotePeer()
		info[i] = inboundConn{protected: a.cm.IsProtected(p, ""), opened: c.Stat().Opened}
		if ti := a.cm.GetTagInfo(p); ti != nil {
			info[i].value = ti.Value
		}
	}
	for _, i := range evict(info, a.limit) {
		conns[i].CloseWithError(network.ConnGarbageCollected)
	}
}

func (a *admission) close() {
	a.h.Network().StopNotify(a.notify)
	a.cancel()
	a.wg.Wait()
}
