package fetch

import (
	"context"
	"sync"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/bitfield"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/xfer"
)

// conn is the loop's handle on one accepted session: a writer goroutine
// sends its requests and cancels (so a peer that stops reading cannot
// block the loop) and a reader goroutine verifies and stores what arrives.
type conn struct {
	sess    *xfer.Session
	ops     chan op
	stop    context.CancelFunc
	relayed bool // the session runs over a relayed (limited) connection
	inTurn  bool // the holder shows its chunks in turn: its session, not gossip, says what to ask
}

// op is a request (cancel false) or a cancel for one chunk.
type op struct {
	chunk  int
	cancel bool
}

// event is what the goroutines of a download tell its loop.
type event struct {
	peer peer.ID
	c    *conn // the session it came from (nil for dials)
	kind eventKind

	chunk   int
	n       int                // bytes of a stored chunk
	sess    *xfer.Session      // evDial, evMove
	relayed bool               // evDial, evMove: sess is on a relayed connection
	m       *content.Manifest  // evDial, when the dialer fetched it
	shown   *bitfield.Bitfield // evShown
	err     error
}

type eventKind int

const (
	evDial    eventKind = iota + 1 // a dial finished: sess or err
	evStored                       // chunk verified and written
	evBad                          // chunk failed verification
	evMissing                      // the peer does not hold chunk
	evHave                         // the peer now holds chunk
	evDown                         // the session ended (err says why)
	evFatal                        // the download cannot go on (disk)
	evMove                         // a session over a direct connection, to replace a relayed one
	evShown                        // a holder in turn replaced the set it shows
)

// startConn starts the goroutines of an accepted session, counted in wg;
// they stop when ctx ends or the session fails, and say so with one
// evDown.
func startConn(dctx context.Context, wg *sync.WaitGroup, sess *xfer.Session, relayed bool, pt *putter, lim xfer.Limiter, events chan<- event) *conn {
	ctx, stop := context.WithCancel(dctx)
	c := &conn{sess: sess, ops: make(chan op, 2*xfer.MaxWindow), stop: stop, relayed: relayed, inTurn: sess.InTurn()}
	p := sess.Peer()
	wg.Add(3)
	go func() {
		defer wg.Done()
		<-ctx.Done()
		sess.Reset()
	}()
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case o := <-c.ops:
				var err error
				if o.cancel {
					err = sess.Cancel(o.chunk)
				} else {
					err = sess.Request(o.chunk)
				}
				if err != nil {
					stop()
					return
				}
			}
		}
	}()
	go func() {
		defer wg.Done()
		err := read(ctx, c, pt, lim, events)
		stop()
		// Told with the download's context: the loop must learn of every
		// session's end, even one this conn stopped itself.
		send(dctx, events, event{peer: p, c: c, kind: evDown, err: err})
	}()
	return c
}

// read receives replies until the session fails. Every chunk is verified
// and stored before the loop hears of it: by a putter worker while this
// goroutine receives the next one, or here when no spare buffer is free.
func read(ctx context.Context, c *conn, pt *putter, lim xfer.Limiter, events chan<- event) error {
	sess := c.sess
	p := sess.Peer()
	buf := chunkstore.NewBuffer(pt.store.Manifest().ChunkSize())
	for {
		ev, err := sess.Recv(buf)
		if err != nil {
			return err
		}
		out := event{peer: p, c: c, chunk: ev.Index}
		switch ev.Kind {
		case xfer.EventMissing:
			out.kind = evMissing
		case xfer.EventHave:
			out.kind = evHave
		case xfer.EventShown:
			out.kind, out.shown = evShown, ev.Shown
		case xfer.EventChunk:
			if lim != nil {
				if err := lim.WaitN(ctx, len(ev.Data)); err != nil {
					return err
				}
			}
			if next, ok := pt.handOff(c, p, ev.Index, ev.Data, buf); ok {
				buf = next
				continue
			}
			out = pt.put(c, p, ev.Index, ev.Data)
		}
		if !send(ctx, events, out) {
			return ctx.Err()
		}
	}
}

// send delivers ev unless ctx ends first.
func send(ctx context.Context, events chan<- event, ev event) bool {
	if ctx.Err() != nil {
		return false
	}
	select {
	case events <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

// queue queues a request or cancel; a full queue means the peer is not
// keeping up with its own window, so the session is dropped.
func (c *conn) queue(o op) bool {
	select {
	case c.ops <- o:
		return true
	default:
		c.stop()
		return false
	}
}
