package xfer

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/network"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// rawAccepted opens a stream and passes the gate by hand, returning the
// stream positioned after the accept frame.
func rawAccepted(t *testing.T, f *fixture) network.Stream {
	t.Helper()
	st, err := f.client.NewStream(context.Background(), f.server.ID(), ProtocolID)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Reset() })
	s := newSession(st, f.server.ID(), f.root())
	if err := s.handshake(context.Background(), f.client.ID(), f.prover(domain, nil)); err != nil {
		t.Fatal(err)
	}
	return st
}

// waitReset reads until the stream ends and reports whether it ended with
// an error (a reset) within the deadline, returning the bytes seen.
func waitReset(t *testing.T, st network.Stream, within time.Duration) int64 {
	t.Helper()
	st.SetReadDeadline(time.Now().Add(within))
	n, err := io.Copy(io.Discard, st)
	if err == nil {
		t.Fatalf("stream closed cleanly after %d bytes, want a reset", n)
	}
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("stream still open after %s", within)
	}
	return n
}

func readChallenge(t *testing.T, st network.Stream) {
	t.Helper()
	b := make([]byte, headerLen+nonceLen)
	if _, err := io.ReadFull(st, b); err != nil || b[0] != tChallenge {
		t.Fatalf("challenge: %x, %v", b, err)
	}
}

func TestHugeLengthPrefixResets(t *testing.T) {
	f := newFixture(t, 100<<10, ServerConfig{})
	st, err := f.client.NewStream(context.Background(), f.server.ID(), ProtocolID)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Reset()
	readChallenge(t, st)
	var hdr [headerLen]byte
	hdr[0] = tHello
	binary.BigEndian.PutUint32(hdr[1:], 0xffffffff)
	st.Write(hdr[:])
	if n := waitReset(t, st, 5*time.Second); n != 0 {
		t.Fatalf("%d bytes after the challenge, want a reset", n)
	}
	if f.rights.calls != 0 {
		t.Fatal("rights were checked for a malformed hello")
	}
}

func TestUnexpectedFrameResets(t *testing.T) {
	f := newFixture(t, 100<<10, ServerConfig{})
	st, _ := f.client.NewStream(context.Background(), f.server.ID(), ProtocolID)
	defer st.Reset()
	readChallenge(t, st)
	st.Write(indexFrame(tRequest, 0)) // a request before any hello
	if n := waitReset(t, st, 5*time.Second); n != 0 {
		t.Fatalf("%d bytes after the challenge, want a reset", n)
	}
}

func TestSilentPeerIsCutOff(t *testing.T) {
	f := newFixture(t, 100<<10, ServerConfig{HandshakeTimeout: 300 * time.Millisecond})
	st, _ := f.client.NewStream(context.Background(), f.server.ID(), ProtocolID)
	defer st.Reset()
	start := time.Now()
	waitReset(t, st, 5*time.Second)
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("silent peer held the stream %s", d)
	}
}

func TestOutOfRangeRequestResets(t *testing.T) {
	f := newFixture(t, 100<<10, ServerConfig{})
	f.rights.licensed[f.addr] = true
	st := rawAccepted(t, f)
	st.Write(indexFrame(tRequest, f.work.Manifest().NumChunks()))
	if n := waitReset(t, st, 5*time.Second); n != 0 {
		t.Fatalf("%d bytes sent for an out-of-range request", n)
	}
}

func TestTooManyQueuedRequestsResets(t *testing.T) {
	f := newFixture(t, 4<<20, ServerConfig{MaxQueue: 4})
	f.rights.licensed[f.addr] = true
	st := rawAccepted(t, f)
	var b bytes.Buffer
	for range 200 {
		b.Write(indexFrame(tRequest, 1))
	}
	st.Write(b.Bytes()) // never read: the queue fills
	waitReset(t, st, 10*time.Second)
}

func TestStreamsPerPeerCapped(t *testing.T) {
	f := newFixture(t, 100<<10, ServerConfig{MaxStreamsPerPeer: 1})
	f.rights.licensed[f.addr] = true
	first, err := Open(context.Background(), f.client, f.server.ID(), f.root(), f.prover(domain, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = Open(context.Background(), f.client, f.server.ID(), f.root(), f.prover(domain, nil))
	var r *RefusedError
	if !errors.As(err, &r) || r.Code != CodeBusy {
		t.Fatalf("second stream: %v, want busy", err)
	}
}

func TestCancelledChunksNotDelivered(t *testing.T) {
	f := newFixture(t, 2<<20, ServerConfig{})
	f.rights.licensed[f.addr] = true
	s := f.open(t)
	m := manifest(t, s)
	for i := range 10 {
		s.Request(i)
	}
	for i := 1; i < 10; i += 2 {
		s.Cancel(i)
	}
	if s.Outstanding() != 5 {
		t.Fatalf("%d outstanding after 5 cancels of 10, want 5", s.Outstanding())
	}
	// Cancelled chunks already on the wire may still come, marked late;
	// the five live ones all come, not late.
	buf := make([]byte, m.ChunkSize())
	live := 0
	for live < 5 {
		ev, err := s.Recv(buf)
		if err != nil {
			t.Fatal(err)
		}
		if late := ev.Index%2 == 1; ev.Late != late {
			t.Fatalf("chunk %d delivered with Late=%v", ev.Index, ev.Late)
		}
		if !ev.Late {
			live++
		}
	}
	if s.Outstanding() != 0 {
		t.Fatalf("%d still outstanding", s.Outstanding())
	}
}

// A server that answers with a chunk nobody asked for, or of the wrong
// length, is a protocol violation on the client side.
func TestClientRejectsUnaskedChunk(t *testing.T) {
	f := newFixture(t, 200<<10, ServerConfig{})
	f.rights.licensed[f.addr] = true
	s := f.open(t)
	manifest(t, s)
	// Ask for chunk 0 but record chunk 1 as the only one wanted.
	s.st.Write(indexFrame(tRequest, 0))
	s.mu.Lock()
	s.outstanding[1]++
	s.nout++
	s.mu.Unlock()
	if _, err := s.Recv(make([]byte, 1<<16)); !errors.Is(err, ErrUnexpected) {
		t.Fatalf("got %v, want ErrUnexpected", err)
	}
}

func TestManifestCheckedAgainstRoot(t *testing.T) {
	f := newFixture(t, 200<<10, ServerConfig{})
	f.rights.licensed[f.addr] = true
	// The server serves this work's manifest under another root.
	other := content.Hash{0xee}
	f2 := lib{other: f.work}
	NewServer(f.server, ServerConfig{Domain: domain, Rights: f.rights, Library: f2})
	s, err := Open(context.Background(), f.client, f.server.ID(), other, f.prover(domain, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Reset()
	if _, err := s.Manifest(context.Background()); !errors.Is(err, content.ErrRootMismatch) {
		t.Fatalf("got %v, want ErrRootMismatch", err)
	}
}

// A holder still downloading may announce chunks before the client asks
// for the manifest: the manifest still comes through, and the chunk counts.
func TestHaveBeforeManifest(t *testing.T) {
	f := newFixture(t, 512<<10, ServerConfig{})
	f.rights.licensed[f.addr] = true
	// Unbuffered: once the server's sending loop takes the have, it
	// writes its frame before anything else, and the manifest is asked
	// for only after that.
	g := &growingWork{sourceWork: f.work, have: bitfield.New(f.work.Manifest().NumChunks()), watch: make(chan int)}
	g.have.Set(0)
	NewServer(f.server, ServerConfig{Domain: domain, Rights: f.rights, Library: lib{f.root(): g}})
	s := f.open(t)
	g.mu.Lock()
	g.have.Set(3)
	g.mu.Unlock()
	select {
	case g.watch <- 3:
	case <-time.After(10 * time.Second):
		t.Fatal("the server never took the have")
	}
	manifest(t, s)
	if !s.Have().Has(3) {
		t.Fatal("the have frame before the manifest was lost")
	}
}

// A cancel that crosses its reply on the wire must not swallow a later
// request for the same chunk.
func TestCrossedCancelDoesNotSwallowLaterRequest(t *testing.T) {
	f := newFixture(t, 512<<10, ServerConfig{})
	f.rights.licensed[f.addr] = true
	s := f.open(t)
	m := manifest(t, s)
	buf := make([]byte, m.ChunkSize())
	s.Request(2)
	if ev, err := s.Recv(buf); err != nil || ev.Index != 2 {
		t.Fatalf("%+v, %v", ev, err)
	}
	// Send a cancel for the chunk already answered, bypassing the
	// session's own bookkeeping, as a cancel crossing its reply does.
	writeAll(s.st, indexFrame(tCancel, 2), time.Second)
	s.Request(2)
	ev, err := s.Recv(buf)
	if err != nil || ev.Kind != EventChunk || ev.Index != 2 || ev.Late {
		t.Fatalf("re-request: %+v, %v", ev, err)
	}
}

// blockedLimiter holds every write until released.
type blockedLimiter chan struct{}

func (b blockedLimiter) WaitN(ctx context.Context, _ int) error {
	select {
	case <-b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A client within its window, cancelling requests the holder has not sent
// yet and asking for others, is never reset: cancelled requests free their
// slot at once.
func TestCancelsFreeWindowSlots(t *testing.T) {
	release := make(blockedLimiter)
	f := newFixture(t, 2<<20, ServerConfig{MaxQueue: 4, Upload: release})
	f.rights.licensed[f.addr] = true
	s := f.open(t)
	go func() { release <- struct{}{} }() // the manifest
	m := manifest(t, s)
	for i := range 4 {
		s.Request(i)
	}
	for i := range 4 {
		s.Cancel(i)
	}
	for i := 4; i < 8; i++ {
		s.Request(i)
	}
	close(release) // from now on every write passes
	buf := make([]byte, m.ChunkSize())
	for got := 0; got < 4; {
		ev, err := s.Recv(buf)
		if err != nil {
			t.Fatalf("after %d live chunks: %v", got, err)
		}
		if !ev.Late {
			got++
		}
	}
}
