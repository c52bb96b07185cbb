package fetch

import (
	"context"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"essaim/p2p/xfer"
)

// A holder behind a NAT is first reached through a relay: libp2p marks
// such a connection limited, and a transfer stream may use it only when
// asked to (network.WithAllowLimitedConn), which every dial of a holder
// does. Hole punching (DCUtR) may then give a direct connection to the
// same holder, but a stream stays on the connection it was opened on. So
// the loop watches, at every tick, each session that runs over a relayed
// connection; as soon as a direct connection to its holder exists, it
// opens a second session that may not use a limited connection (and dials
// nothing), and once that one is accepted it replaces the relayed session:
// the relayed session's requests go back to the pool and are asked again
// on the direct one. The holder's gate checks the new stream as it checked
// the first: rights are per stream, whatever the connection.

// allowRelayed lets a transfer stream open over a relayed connection when
// no direct one exists.
func allowRelayed(ctx context.Context) context.Context {
	return network.WithAllowLimitedConn(ctx, "essaim transfer")
}

// retryMove is how long to wait before trying again to move a session to
// a direct connection that did not take it.
const retryMove = time.Second

// streamHost is the host a session is opened through, remembering the
// stream it opened, to tell which connection carries the session.
type streamHost struct {
	host.Host
	st network.Stream
}

func (h *streamHost) NewStream(ctx context.Context, p peer.ID, pids ...protocol.ID) (network.Stream, error) {
	st, err := h.Host.NewStream(ctx, p, pids...)
	h.st = st
	return st, err
}

// relayed reports whether the stream opened runs over a relayed connection.
func (h *streamHost) relayed() bool {
	return h.st != nil && h.st.Conn().Stat().Limited
}

// hasDirect reports whether the host holds a direct (not limited)
// connection to p.
func hasDirect(h host.Host, p peer.ID) bool {
	for _, c := range h.Network().ConnsToPeer(p) {
		if !c.Stat().Limited {
			return true
		}
	}
	return false
}

// moveToDirect starts moving every relayed session whose holder is now
// reachable over a direct connection.
func (l *loop) moveToDirect(now time.Time) {
	for p, c := range l.conns {
		if c.relayed && !l.moving[p] && !now.Before(l.moveAfter[p]) && hasDirect(l.cfg.Host, p) {
			l.move(p)
		}
	}
}

// move opens a session to p that may only use a direct connection; the
// loop swaps it in when it is accepted (evMove).
func (l *loop) move(p peer.ID) {
	l.moving[p] = true
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		ctx, cancel := context.WithTimeout(l.ctx, dialTimeout)
		defer cancel()
		sh := &streamHost{Host: l.cfg.Host}
		ev := event{peer: p, kind: evMove}
		ev.sess, ev.err = xfer.Open(network.WithNoDial(ctx, "move to a direct connection"), sh, p, l.cfg.Root, l.cfg.Prove)
		ev.relayed = sh.relayed()
		if (!send(l.ctx, l.events, ev) || l.ctx.Err() != nil) && ev.sess != nil {
			ev.sess.Reset()
		}
	}()
}

// moved swaps a relayed session for the direct one just opened.
func (l *loop) moved(ev event, now time.Time) error {
	delete(l.moving, ev.peer)
	old := l.conns[ev.peer]
	if ev.err != nil || ev.relayed || old == nil || !old.relayed {
		if ev.err != nil {
			l.cfg.Logger.Debug("could not move to a direct connection", "peer", ev.peer, "err", ev.err)
		}
		if ev.sess != nil {
			ev.sess.Reset()
		}
		l.moveAfter[ev.peer] = now.Add(retryMove)
		return nil
	}
	old.stop()
	delete(l.conns, ev.peer)
	l.sch.RemovePeer(string(ev.peer))
	// dialed protects the holder's connection again if the new session
	// takes; if it does not, nothing else would lift this one.
	l.cfg.Host.ConnManager().Unprotect(ev.peer, l.protectTag())
	l.cfg.Logger.Info("transfer moved to a direct connection", "peer", ev.peer,
		"after_relayed_chunks", l.relayedFrom[string(ev.peer)])
	ev.kind = evDial
	return l.dialed(ev, now)
}
