package fetch

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
	"essaim/p2p/xfer"
)

// switchLib serves nothing until on is set.
type switchLib struct {
	on atomic.Bool
	w  *served
}

func (l *switchLib) Lookup(r content.Hash) (xfer.Work, bool) {
	if !l.on.Load() {
		return nil, false
	}
	return lib{l.w}.Lookup(r)
}

// heldLib is a switchLib whose first Lookup reads on, then closes asked
// and answers only once release is closed: the first handshake is still
// under way, with its answer settled, while the test does something else.
type heldLib struct {
	switchLib
	once           sync.Once
	asked, release chan struct{}
}

func (l *heldLib) Lookup(r content.Hash) (xfer.Work, bool) {
	w, ok := l.switchLib.Lookup(r)
	l.once.Do(func() {
		close(l.asked)
		<-l.release
	})
	return w, ok
}

// logWatch is a slog handler that closes a channel the first time a
// record with a given message is logged.
type logWatch struct {
	msg  string
	once *sync.Once
	seen chan struct{}
}

func watchLog(msg string) logWatch {
	return logWatch{msg: msg, once: new(sync.Once), seen: make(chan struct{})}
}

func (w logWatch) Enabled(context.Context, slog.Level) bool { return true }
func (w logWatch) WithAttrs([]slog.Attr) slog.Handler       { return w }
func (w logWatch) WithGroup(string) slog.Handler            { return w }
func (w logWatch) Handle(_ context.Context, r slog.Record) error {
	if r.Message == w.msg {
		w.once.Do(func() { close(w.seen) })
	}
	return nil
}

// within waits for c to close, for at most 10 s.
func within(t *testing.T, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not happen within 10 s", what)
	}
}

// download is a download run in the background; wait returns its end.
type download struct {
	done chan error
	out  string
}

func (f *fixture) start(t *testing.T, cfg Config) *download {
	d := &download{done: make(chan error, 1)}
	go func() {
		var err error
		_, d.out, err = f.run(t, cfg)
		d.done <- err
	}()
	return d
}

func (d *download) wait(t *testing.T, f *fixture) {
	t.Helper()
	if err := <-d.done; err != nil {
		t.Fatal(err)
	}
	f.same(t, d.out)
}

// A peer that had nothing when first asked ("not held") is asked again as
// soon as it announces chunks, not after the 30 s a non-holder waits.
func TestNotHeldPeerAskedAgainWhenItAnnounces(t *testing.T) {
	f := newFixture(t, 256<<10)
	_, w := f.holder(t, open, false, nil) // only to build the served work
	sl := &switchLib{w: w}
	h := newHost(t)
	xfer.NewServer(h, xfer.ServerConfig{Domain: testDomain, Rights: open, Library: sl})
	holders := make(chan Holder, 1)
	refused := watchLog("holder refused")
	// GiveUp is shorter than retryNotHeld: a download that waits out the
	// retry instead of asking again fails.
	d := f.start(t, Config{Discover: addrs(h), Holders: holders, GiveUp: 20 * time.Second, Logger: slog.New(refused)})
	// The first dial is refused; then the peer gains the work and says so.
	within(t, refused.seen, "the first dial's refusal")
	sl.on.Store(true)
	announced := time.Now()
	holders <- Holder{Peer: peer.AddrInfo{ID: h.ID(), Addrs: h.Addrs()}, Have: bitfield.Full(f.m.NumChunks())}
	d.wait(t, f)
	if took := time.Since(announced); took >= retryNotHeld {
		t.Fatalf("took %s after the announcement: the peer was asked again only after the retry", took)
	}
}

// A peer that announces chunks while our dial to it is under way, and
// whose "not held" was settled before it gained them, is asked again at
// once: the announcement is not lost to the refusal that lands after it.
func TestAnnouncementDuringNotHeldDialNotLost(t *testing.T) {
	f := newFixture(t, 256<<10)
	_, w := f.holder(t, open, false, nil) // only to build the served work
	hl := &heldLib{switchLib: switchLib{w: w}, asked: make(chan struct{}), release: make(chan struct{})}
	h := newHost(t)
	xfer.NewServer(h, xfer.ServerConfig{Domain: testDomain, Rights: open, Library: hl})
	holders := make(chan Holder)
	var release sync.Once
	t.Cleanup(func() { release.Do(func() { close(hl.release) }) })
	// GiveUp is shorter than retryNotHeld: a download that waits out the
	// retry instead of asking again fails.
	d := f.start(t, Config{Discover: addrs(h), Holders: holders, GiveUp: 20 * time.Second})
	within(t, hl.asked, "the first dial") // under way; its answer is "not held"
	hl.on.Store(true)
	select { // unbuffered: once sent, the loop has heard it
	case holders <- Holder{Peer: peer.AddrInfo{ID: h.ID(), Addrs: h.Addrs()}, Have: bitfield.Full(f.m.NumChunks())}:
	case err := <-d.done:
		t.Fatalf("the download ended before the announcement: %v", err)
	}
	release.Do(func() { close(hl.release) }) // the refusal lands after the announcement
	d.wait(t, f)
}
