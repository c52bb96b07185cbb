package xfer

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/devnet"
	"essaim/chain/simtest"
	"essaim/licensing/rights"
	"essaim/p2p/content"
	"essaim/p2p/ratelimit"
)

// sendLog records when the server wrote each content frame.
type sendLog struct {
	mu    sync.Mutex
	times []time.Time
	sizes []int
}

func (l *sendLog) sent(_ peer.ID, _ content.Hash, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.times, l.sizes = append(l.times, time.Now()), append(l.sizes, n)
}

// after returns the frames and bytes written after t.
func (l *sendLog) after(t time.Time) (frames, bytes int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, at := range l.times {
		if at.After(t) {
			frames++
			bytes += l.sizes[i]
		}
	}
	return frames, bytes
}

func (l *sendLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.times)
}

// TestStreamCutWhenLicenseExpires attacks a real holder the way a licensee
// whose license ends would profit from: it opens a stream while its
// license is valid and keeps asking for chunks. The chain's clock then
// passes the expiry in a block with no registry log. The holder (the real
// rights checker fed by the real catalogue follower, on the simulated
// chain with the real registry) must send nothing after the expiry plus
// one head poll, cut the stream with "license expired", and refuse new
// streams.
func TestStreamCutWhenLicenseExpires(t *testing.T) {
	const (
		poll     = 100 * time.Millisecond
		slack    = 150 * time.Millisecond // the follower's reads and the checker's query
		duration = 3600                   // seconds of license
	)
	quiet := slog.New(slog.DiscardHandler)
	s := simtest.New(t)
	checker := rights.New(chain.NewRightsReader(s.Client, s.Addr), rights.WithLogger(quiet))
	var log sendLog
	// 4 MiB in 64 KiB chunks at 512 KiB/s: 8 s to send it all.
	f := newFixture(t, 4<<20, ServerConfig{Rights: checker, Upload: ratelimit.New(512 << 10), Sent: log.sent})
	buyer := devnet.Accounts()[2]
	f.key, f.addr = buyer.Key, buyer.Address
	s.Register(devnet.Accounts()[0], f.root(), false, simtest.Offer(1000, duration))
	s.Buy(buyer, f.root(), 1000)

	store, err := catalog.Open(filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	follower := catalog.NewFollower(s.Client, s.Addr, store, catalog.WithPollInterval(poll), catalog.WithLogger(quiet),
		catalog.WithLogHook(checker.Observe), catalog.WithHeadHook(checker.ObserveHead))
	ctx, cancel := context.WithCancel(context.Background())
	followed := make(chan error, 1)
	go func() { followed <- follower.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-followed; err != nil {
			t.Error(err)
		}
	})

	sess, err := Open(context.Background(), f.client, f.server.ID(), f.root(), f.prover(domain, nil))
	if err != nil {
		t.Fatalf("licensed stream refused: %v", err)
	}
	defer sess.Reset()
	m, err := sess.Manifest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Keep the window full, as a greedy client would.
	next := 0
	ask := func() {
		for sess.Outstanding() < 8 && next < m.NumChunks() {
			if err := sess.Request(next); err != nil {
				return
			}
			next++
		}
	}
	ask()
	buf := make([]byte, m.ChunkSize())
	for log.count() < 8 { // about a second of licensed streaming
		if _, err := sess.Recv(buf); err != nil {
			t.Fatalf("while licensed: %v", err)
		}
		ask()
	}

	head := s.Head()
	if err := s.Sim.AdjustTime(time.Duration(duration+1) * time.Second); err != nil {
		t.Fatal(err)
	}
	expired := time.Now() // the block past the expiry exists from here
	if h := s.Head(); h.Time <= head.Time+duration {
		t.Fatalf("head at %d, want past the expiry %d", h.Time, head.Time+duration)
	}

	var recvErr error
	for recvErr == nil && (next < m.NumChunks() || sess.Outstanding() > 0) {
		_, recvErr = sess.Recv(buf)
		ask()
	}
	bound := expired.Add(poll + slack)
	if frames, n := log.after(bound); frames != 0 {
		t.Fatalf("%d frames (%d bytes) sent more than %s after the expiry (the stream ended with %v)",
			frames, n, poll+slack, recvErr)
	}
	var refused *RefusedError
	if !errors.As(recvErr, &refused) || refused.Code != CodeExpired {
		t.Fatalf("stream ended with %v, want a refusal: license expired", recvErr)
	}
	frames, n := log.after(expired)
	t.Logf("after the expiry: %d frames (%d bytes) before the cut, within %s", frames, n, poll+slack)
	if _, err := sess.Recv(buf); !errors.Is(err, io.EOF) && err == nil {
		t.Fatal("stream still open after the refusal")
	}

	// New streams are refused too.
	_, err = Open(context.Background(), f.client, f.server.ID(), f.root(), f.prover(domain, nil))
	if !errors.As(err, &refused) || refused.Code != CodeExpired {
		t.Fatalf("new stream after the expiry: %v, want refused: license expired", err)
	}
}
