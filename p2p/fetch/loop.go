package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/sched"
	"essaim/p2p/xfer"
)

const (
	dialTimeout    = 15 * time.Second
	retryRefused   = time.Second            // a holder that could not check rights
	retryFailed    = 5 * time.Second        // a holder we could not reach
	retryForbidden = time.Minute            // a holder that said no for good
	retryNotHeld   = 30 * time.Second       // a peer without the work (yet)
	recheckTimeout = 5 * time.Second        // the downloader's own license check
	recheckEvery   = 5 * time.Second        // how long its answer stands
	rediscoverMin  = 250 * time.Millisecond // the least time between two discovery rounds
	// While fewer than fewHolders serve us, holders are searched for every
	// rediscoverFew rather than every DiscoverEvery.
	fewHolders    = 4
	rediscoverFew = time.Second
)

func (l *loop) run() (*Result, error) {
	if m := l.cfg.Manifest; m != nil {
		if m.Root() != l.cfg.Root {
			return nil, fmt.Errorf("fetch: manifest of %s given for %s", m.Root(), l.cfg.Root)
		}
		if err := l.open(m); err != nil {
			return nil, err
		}
		if l.sch.Done() {
			return l.finish() // every chunk on disk: no holder needed
		}
	}
	disc := make(chan peer.AddrInfo, 16)
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		l.discover(disc)
	}()
	t := time.NewTicker(tick)
	defer t.Stop()
	l.served = time.Now()
	var wanted <-chan struct{}
	if l.cfg.Wants != nil {
		wanted = l.cfg.Wants.kick
	}
	for {
		if l.sch != nil && l.sch.Done() {
			return l.finish()
		}
		select {
		case <-l.ctx.Done():
			return nil, l.ctx.Err()
		case <-wanted:
			l.applyWants(false)
		case p := <-disc:
			l.dial(p)
		case h := <-l.cfg.Holders:
			l.heard(h)
		case ev := <-l.events:
			if err := l.handle(ev); err != nil {
				return nil, err
			}
		case now := <-t.C:
			if err := l.tick(now); err != nil {
				return nil, err
			}
		}
	}
}

// discover asks for candidates now, passing each to the loop as it is
// found, then every DiscoverEvery and whenever a holder is lost: the download should not wait out the period before
// turning to holders it has not met yet (a holder that dies is often the
// only one a downloader knew at start, before its DHT table filled).
func (l *loop) discover(out chan<- peer.AddrInfo) {
	found := func(p peer.AddrInfo) {
		select {
		case out <- p:
		case <-l.ctx.Done():
		}
	}
	// A lost holder asks for a round at once, but rounds that keep finding
	// nobody (a work no one serves yet) back off, from rediscoverMin to
	// DiscoverEvery: a download waiting for holders must cost its node
	// next to nothing.
	gap := rediscoverMin
	for {
		start := time.Now()
		n := 0
		l.cfg.Discover(l.ctx, func(p peer.AddrInfo) { n++; found(p) })
		if n > 0 {
			gap = rediscoverMin
		} else {
			gap = min(2*gap, l.cfg.DiscoverEvery)
		}
		select {
		case <-time.After(l.cfg.DiscoverEvery):
		case <-l.lost:
			// At most one round per gap, however often holders are lost.
			select {
			case <-time.After(time.Until(start.Add(gap))):
			case <-l.ctx.Done():
				return
			}
		case <-l.ctx.Done():
			return
		}
	}
}

// heard handles gossip about a holder.
func (l *loop) heard(h Holder) {
	c := l.conns[h.Peer.ID]
	if c == nil {
		if h.Have != nil && h.Have.Count() > 0 {
			l.gained(h.Peer.ID)
		}
		l.dial(h.Peer)
		return
	}
	// A holder showing its chunks in turn announces its whole set; what
	// to ask it is what its session showed.
	if h.Have != nil && l.sch != nil && !c.inTurn {
		l.sch.Update(string(h.Peer.ID), h.Have)
		l.refill(h.Peer.ID)
	}
}

// gained handles an announcement of chunks from a peer we have no
// session with. It had nothing when we asked (another downloader,
// typically): it is asked again now rather than after retryNotHeld. When
// a dial to it is under way, its answer may have been settled before the
// peer gained the chunks; dialed asks again if that answer is "not held".
func (l *loop) gained(id peer.ID) {
	if l.dialing[id] {
		l.announced[id] = true
	}
	if l.notHeld[id] {
		delete(l.notHeld, id)
		delete(l.refused, id)
	}
}

// dial opens a session to p in the background unless one is open, being
// opened, or p refused us recently.
func (l *loop) dial(p peer.AddrInfo) {
	h := l.cfg.Host
	id := p.ID
	if id == h.ID() || l.conns[id] != nil || l.dialing[id] || time.Now().Before(l.refused[id]) {
		return
	}
	if l.sch != nil && l.sch.Banned(string(id)) {
		return
	}
	l.candidates[id] = p
	l.dialing[id] = true
	needManifest := l.m == nil
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		ctx, cancel := context.WithTimeout(l.ctx, dialTimeout)
		defer cancel()
		ev := event{peer: id, kind: evDial}
		if len(p.Addrs) > 0 {
			h.Peerstore().AddAddrs(id, p.Addrs, peerstore.TempAddrTTL)
		}
		// A holder behind a NAT may be reachable through a relay only, for
		// now (direct.go).
		sh := &streamHost{Host: h}
		ev.sess, ev.err = xfer.Open(allowRelayed(ctx), sh, id, l.cfg.Root, l.cfg.Prove)
		ev.relayed = sh.relayed()
		if ev.err == nil && needManifest {
			if ev.m, ev.err = ev.sess.Manifest(ctx); ev.err != nil {
				ev.sess.Reset()
				ev.sess = nil
			}
		}
		if (!send(l.ctx, l.events, ev) || l.ctx.Err() != nil) && ev.sess != nil {
			ev.sess.Reset() // the download ended: nobody will take it
		}
	}()
}

func (l *loop) handle(ev event) error {
	now := time.Now()
	if ev.c != nil && l.conns[ev.peer] != ev.c && ev.kind != evStored && ev.kind != evFatal {
		return nil // from a session already dropped (a newer one may be open)
	}
	switch ev.kind {
	case evDial:
		return l.dialed(ev, now)
	case evMove:
		return l.moved(ev, now)
	case evStored:
		l.stored(ev, now)
	case evBad:
		l.cfg.Logger.Warn("bad chunk", "peer", ev.peer, "chunk", ev.chunk)
		if l.sch.Bad(string(ev.peer), ev.chunk) {
			l.cfg.Logger.Warn("holder banned for sending bad data", "peer", ev.peer)
			l.drop(ev.peer, now)
		}
		l.refillAll()
	case evMissing:
		l.sch.Refused(string(ev.peer), ev.chunk)
		l.refillAll()
	case evHave:
		l.sch.Have(string(ev.peer), ev.chunk)
		l.refill(ev.peer)
	case evShown:
		// What to ask a holder in turn is what it shows now; requests in
		// flight stay.
		l.sch.Update(string(ev.peer), ev.shown)
		l.refill(ev.peer)
	case evDown:
		if l.conns[ev.peer] != nil {
			l.drop(ev.peer, now)
			l.refillAll()
			var r *xfer.RefusedError
			if errors.As(ev.err, &r) {
				// The holder cut a running stream: the right ended.
				return l.refusal(ev.peer, ev.err, r, now)
			}
			l.cfg.Logger.Debug("holder gone", "peer", ev.peer, "err", ev.err)
			l.refused[ev.peer] = now.Add(retryFailed)
		}
	case evFatal:
		return ev.err
	}
	return nil
}

func (l *loop) dialed(ev event, now time.Time) error {
	delete(l.dialing, ev.peer)
	announced := l.announced[ev.peer]
	delete(l.announced, ev.peer)
	if ev.err != nil {
		if errors.Is(ev.err, xfer.ErrSign) {
			return ev.err
		}
		var r *xfer.RefusedError
		if !errors.As(ev.err, &r) {
			l.cfg.Logger.Debug("holder unreachable", "peer", ev.peer, "err", ev.err)
			l.refused[ev.peer] = now.Add(retryFailed)
			if l.lastRef == nil {
				l.lastErr = ev.err
			}
			return nil
		}
		if err := l.refusal(ev.peer, ev.err, r, now); err != nil {
			return err
		}
		if announced && r.Code == xfer.CodeNotHeld {
			// It announced chunks while we dialled: its "not held" may
			// predate them. Ask again now.
			l.gained(ev.peer)
			l.dial(l.candidates[ev.peer])
		}
		return nil
	}
	if l.m == nil {
		if err := l.open(ev.m); err != nil {
			ev.sess.Reset()
			return err
		}
	} else if err := ev.sess.SetManifest(l.m); err != nil {
		ev.sess.Reset()
		l.refused[ev.peer] = now.Add(retryForbidden)
		return nil
	}
	if err := l.sch.AddPeer(string(ev.peer), ev.sess.Have(), now); err != nil {
		ev.sess.Reset()
		l.refused[ev.peer] = now.Add(retryForbidden)
		return nil
	}
	if ev.sess.InTurn() {
		l.sch.InTurn(string(ev.peer))
	}
	has := ev.sess.Have().Count() // before the session's reader owns it
	l.conns[ev.peer] = startConn(l.ctx, &l.wg, ev.sess, ev.relayed, l.putter, l.cfg.Download, l.events)
	l.via[string(ev.peer)] = ViaDirect
	if ev.relayed {
		l.via[string(ev.peer)] = ViaRelayed
	}
	// A holder serving us keeps its connection when the host trims.
	l.cfg.Host.ConnManager().Protect(ev.peer, l.protectTag())
	l.served = now
	l.cfg.Logger.Debug("holder serving", "peer", ev.peer, "has", has, "via", l.via[string(ev.peer)])
	l.refill(ev.peer)
	return nil
}

// refusal handles a holder's refusal, at the handshake or in place of a
// reply on a running stream. It returns the download's end when the
// refusal settles it for every holder.
func (l *loop) refusal(p peer.ID, err error, r *xfer.RefusedError, now time.Time) error {
	l.cfg.Logger.Info("holder refused", "peer", p, "reason", r.Error())
	l.lastRef = err
	switch {
	case r.Code == xfer.CodeNotHeld:
		l.refused[p] = now.Add(retryNotHeld)
		l.notHeld[p] = true
		return nil
	case r.Retryable() || l.lagging(r, now):
		l.refused[p] = now.Add(retryRefused)
		return nil
	}
	if l.conclusive(r) {
		return err
	}
	// One holder's word (a skewed clock, a lagging RPC, a liar) is not
	// the chain's: try the others until GiveUp.
	l.refused[p] = now.Add(retryForbidden)
	return nil
}

// conclusive reports whether a refusal settles the download for every
// holder: "no license" or "license expired" when the chain, read by
// Recheck, agrees; "proof required" when this side has no key to prove
// with.
func (l *loop) conclusive(r *xfer.RefusedError) bool {
	switch r.Code {
	case xfer.CodeNoLicense, xfer.CodeExpired:
		return l.cfg.Recheck != nil
	case xfer.CodeNeedProof:
		return l.cfg.Prove == nil
	}
	return false
}

// lagging reports whether a "no license" or "license expired" refusal
// contradicts the chain, as Recheck reads it: the holder has not seen the
// purchase (or the renewal) yet. The chain's answer is kept for
// recheckEvery, since a license that was valid may have ended since.
func (l *loop) lagging(r *xfer.RefusedError, now time.Time) bool {
	if (r.Code != xfer.CodeNoLicense && r.Code != xfer.CodeExpired) || l.cfg.Recheck == nil {
		return false
	}
	if now.Sub(l.rechecked) >= recheckEvery {
		// The loop waits on this call: bound it.
		ctx, cancel := context.WithTimeout(l.ctx, recheckTimeout)
		was := l.licensed
		l.licensed, l.rechecked = l.cfg.Recheck(ctx), now
		cancel()
		if l.licensed && !was {
			l.cfg.Logger.Info("the chain shows a valid license; waiting for the holders to see it")
		}
	}
	return l.licensed
}

// applyWants gives the scheduler the readers' windows that changed (all
// of them when all is set), cancels the requests no window wants any
// more, and hands out what is wanted now.
func (l *loop) applyWants(all bool) {
	if l.sch == nil || l.cfg.Wants == nil {
		return // the windows wait in Wants until the scheduler starts
	}
	for _, c := range l.cfg.Wants.take(all) {
		var cancels []sched.Request
		if c.ok {
			cancels = l.sch.Want(c.reader, c.win)
		} else {
			cancels = l.sch.Unwant(c.reader)
		}
		for _, r := range cancels {
			if conn := l.conns[peer.ID(r.Peer)]; conn != nil {
				conn.queue(op{chunk: r.Chunk, cancel: true})
			}
		}
	}
	l.refillAll()
}

// open opens the chunk store once the manifest is known (resuming what a
// previous run stored) and starts the scheduler from what it holds.
func (l *loop) open(m *content.Manifest) error {
	store, err := chunkstore.Open(l.cfg.Out, m)
	if err != nil {
		return err
	}
	if l.cfg.PageCache {
		store.UsePageCache()
	}
	held := store.Bitfield()
	l.m, l.store, l.resumed = m, store, held.Count()
	l.putter = newPutter(l.ctx, store, l.events)
	rng := rand.New(rand.NewPCG(l.cfg.Seed, l.cfg.Seed^0x9e3779b97f4a7c15))
	l.cfg.Sched.ChunkSize = m.ChunkSize()
	if l.cfg.Sched.Run <= 0 {
		// Runs of adjacent chunks from a holder, which the putter
		// writes together.
		l.cfg.Sched.Run = l.putter.maxRun
	}
	l.sch = sched.New(m.NumChunks(), held, l.cfg.Sched, rng)
	l.applyWants(true)
	if l.cfg.Opened != nil {
		l.cfg.Opened(store, m)
	}
	return nil
}

func (l *loop) stored(ev event, now time.Time) {
	for _, r := range l.sch.Received(string(ev.peer), ev.chunk, ev.n, now) {
		if c := l.conns[peer.ID(r.Peer)]; c != nil {
			c.queue(op{chunk: r.Chunk, cancel: true})
		}
	}
	if l.first == 0 {
		l.first = max(now.Sub(l.start), time.Nanosecond)
	}
	l.from[string(ev.peer)]++
	if ev.c != nil && ev.c.relayed {
		l.relayedFrom[string(ev.peer)]++
	}
	l.recv += int64(ev.n)
	l.rate.add(now, ev.n)
	l.served = now
	if l.cfg.Stored != nil {
		l.cfg.Stored(ev.chunk)
	}
	l.refillAll()
	l.progress(now)
}

func (l *loop) tick(now time.Time) error {
	if l.sch != nil {
		expired, dropped := l.sch.Tick(now)
		for _, r := range expired {
			if c := l.conns[peer.ID(r.Peer)]; c != nil {
				c.queue(op{chunk: r.Chunk, cancel: true})
			}
		}
		for _, id := range dropped {
			l.cfg.Logger.Info("holder dropped: stalled", "peer", peer.ID(id))
			l.drop(peer.ID(id), now)
			l.refused[peer.ID(id)] = now.Add(retryFailed)
		}
		l.refillAll()
	}
	l.moveToDirect(now)
	for id, p := range l.candidates {
		if !now.Before(l.refused[id]) {
			l.dial(p)
		}
	}
	if len(l.conns) == 0 && len(l.dialing) == 0 {
		l.rediscover() // nobody to fetch from: do not wait for the period
	} else if len(l.conns) < fewHolders && now.Sub(l.asked) >= rediscoverFew {
		// A swarm that starts at once: the others' provider records appear
		// a moment after ours, and waiting out the period leaves all of
		// them on the one seed meanwhile.
		l.asked = now
		l.rediscover()
	}
	// Progress, not mere connections, keeps a download alive: holders that
	// lack what we need must not keep it waiting for ever.
	if now.Sub(l.served) > l.cfg.GiveUp {
		switch {
		case l.lastRef != nil:
			return fmt.Errorf("%w within %s: %w", ErrNoHolder, l.cfg.GiveUp, l.lastRef)
		case l.lastErr != nil:
			return fmt.Errorf("%w within %s: holders found failed: %w", ErrNoHolder, l.cfg.GiveUp, l.lastErr)
		case len(l.conns) > 0:
			return fmt.Errorf("%w within %s: the holders found lack the missing chunks", ErrNoHolder, l.cfg.GiveUp)
		}
		return fmt.Errorf("%w: none found within %s", ErrNoHolder, l.cfg.GiveUp)
	}
	l.progress(now)
	return nil
}

// rediscover asks the discovery goroutine for a round now.
func (l *loop) rediscover() {
	select {
	case l.lost <- struct{}{}:
	default: // a round is due already
	}
}

// drop ends the session with p and gives its chunks back to the pool.
func (l *loop) drop(p peer.ID, now time.Time) {
	if c := l.conns[p]; c != nil {
		c.stop()
		delete(l.conns, p)
		l.cfg.Host.ConnManager().Unprotect(p, l.protectTag())
		l.rediscover()
	}
	l.sch.RemovePeer(string(p))
}

// protectTag names this download's protection of its holders' connections
// (one per work, so two downloads from one holder do not undo each other).
func (l *loop) protectTag() string { return "essaim.fetch/" + l.cfg.Root.String() }

func (l *loop) refill(p peer.ID) {
	c := l.conns[p]
	if c == nil || l.sch == nil {
		return
	}
	for _, i := range l.sch.Next(string(p), time.Now()) {
		if !c.queue(op{chunk: i}) {
			l.drop(p, time.Now())
			return
		}
	}
}

func (l *loop) refillAll() {
	for p := range l.conns {
		l.refill(p)
	}
}

func (l *loop) progress(now time.Time) {
	if l.cfg.Progress == nil || l.m == nil {
		return
	}
	held := l.m.NumChunks() - l.sch.Missing()
	l.cfg.Progress(Progress{
		Held: held, Total: l.m.NumChunks(),
		Bytes: min(int64(held)*int64(l.m.ChunkSize()), l.m.Size()), Size: l.m.Size(),
		Received: l.recv, Peers: len(l.conns), Rate: l.rate.rate(now), Started: l.start,
	})
}

func (l *loop) finish() (*Result, error) {
	for p, c := range l.conns {
		c.stop()
		delete(l.conns, p)
		l.cfg.Host.ConnManager().Unprotect(p, l.protectTag())
	}
	if err := l.store.Finish(); err != nil {
		return nil, err
	}
	l.progress(time.Now())
	return &Result{Manifest: l.m, Resumed: l.resumed, From: l.from, Received: l.recv, Started: l.start,
		Elapsed: time.Since(l.start), FirstChunk: l.first, Relayed: l.relayedFrom, Via: l.via}, nil
}

// rateMeter is a moving average of bytes per second over the last few
// seconds.
type rateMeter struct {
	at    time.Time
	bytes float64
	rate_ float64
}

func (r *rateMeter) add(now time.Time, n int) {
	r.decay(now)
	r.bytes += float64(n)
}

func (r *rateMeter) decay(now time.Time) {
	if r.at.IsZero() {
		r.at = now
		return
	}
	if dt := now.Sub(r.at).Seconds(); dt >= 0.5 {
		inst := r.bytes / dt
		if r.rate_ == 0 {
			r.rate_ = inst
		} else {
			r.rate_ = 0.7*r.rate_ + 0.3*inst
		}
		r.bytes, r.at = 0, now
	}
}

func (r *rateMeter) rate(now time.Time) float64 {
	r.decay(now)
	return r.rate_
}
