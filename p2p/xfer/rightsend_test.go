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

// rightEnd is one way a right ends while its stream is open.
type rightEnd struct {
	name string
	// grant gives the client's account (buyer) its right to the work.
	grant func(s *simtest.Registry, root [32]byte)
	// end takes it away and returns when the chain shows it.
	end  func(t *testing.T, s *simtest.Registry, root [32]byte)
	want Code
}

const licenseSeconds = 3600

var (
	creator, buyer, other = devnet.Accounts()[0], devnet.Accounts()[2], devnet.Accounts()[3]

	rightEnds = []rightEnd{
		{
			name: "license expires",
			grant: func(s *simtest.Registry, root [32]byte) {
				s.Register(creator, root, false, simtest.Offer(1000, licenseSeconds))
				s.Buy(buyer, root, 1000)
			},
			end: func(t *testing.T, s *simtest.Registry, _ [32]byte) {
				// A block past the expiry, with no registry log in it.
				if err := s.Sim.AdjustTime((licenseSeconds + 1) * time.Second); err != nil {
					t.Fatal(err)
				}
			},
			want: CodeExpired,
		},
		{
			name: "license transferred away",
			grant: func(s *simtest.Registry, root [32]byte) {
				s.Register(creator, root, false, simtest.Offer(1000, licenseSeconds))
				s.Buy(buyer, root, 1000)
			},
			end: func(_ *testing.T, s *simtest.Registry, root [32]byte) {
				s.Send(buyer, s.Reg.PackTransferLicense(root, other.Address), nil)
			},
			want: CodeNoLicense,
		},
		{
			name: "work closed",
			grant: func(s *simtest.Registry, root [32]byte) {
				s.Register(creator, root, true) // open: anyone may fetch
			},
			end: func(_ *testing.T, s *simtest.Registry, root [32]byte) {
				s.Send(creator, s.Reg.PackSetOpen(root, false), nil)
			},
			want: CodeNoLicense,
		},
	}
)

// TestStreamCutWhenRightEnds attacks a real holder the way a requester
// whose right ends would profit from: it opens a stream while its right
// holds and keeps asking for chunks. The right then ends on the chain: the
// license expires (a block past its expiry, with no registry log), is
// transferred away, or the open work is closed. The holder (the real
// rights checker fed by the real catalogue follower, on the simulated
// chain with the real registry) must send nothing after the end plus one
// head poll, cut the stream with the refusal the gate would give now, and
// refuse new streams the same way.
func TestStreamCutWhenRightEnds(t *testing.T) {
	for _, re := range rightEnds {
		t.Run(re.name, func(t *testing.T) { streamCutWhenRightEnds(t, re) })
	}
}

func streamCutWhenRightEnds(t *testing.T, re rightEnd) {
	const (
		poll  = 100 * time.Millisecond
		slack = 150 * time.Millisecond // the follower's reads and the checker's query
	)
	quiet := slog.New(slog.DiscardHandler)
	s := simtest.New(t)
	checker := rights.New(chain.NewRightsReader(s.Client, s.Addr), rights.WithLogger(quiet))
	var log sendLog
	// 4 MiB in 64 KiB chunks at 512 KiB/s: 8 s to send it all.
	f := newFixture(t, 4<<20, ServerConfig{Rights: checker, Upload: ratelimit.New(512 << 10), Sent: log.sent})
	f.key, f.addr = buyer.Key, buyer.Address
	re.grant(s, f.root())

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
		t.Fatalf("stream refused while the right holds: %v", err)
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
	for log.count() < 8 { // about a second of streaming under the right
		if _, err := sess.Recv(buf); err != nil {
			t.Fatalf("while the right holds: %v", err)
		}
		ask()
	}

	re.end(t, s, f.root())
	ended := time.Now() // the block that ends the right exists from here

	var recvErr error
	for recvErr == nil && (next < m.NumChunks() || sess.Outstanding() > 0) {
		_, recvErr = sess.Recv(buf)
		ask()
	}
	bound := ended.Add(poll + slack)
	if frames, n := log.after(bound); frames != 0 {
		t.Fatalf("%d frames (%d bytes) sent more than %s after the right ended (the stream ended with %v)",
			frames, n, poll+slack, recvErr)
	}
	var refused *RefusedError
	if !errors.As(recvErr, &refused) || refused.Code != re.want {
		t.Fatalf("stream ended with %v, want a refusal: %s", recvErr, re.want)
	}
	frames, n := log.after(ended)
	t.Logf("after the end: %d frames (%d bytes) before the cut, within %s", frames, n, poll+slack)
	if _, err := sess.Recv(buf); !errors.Is(err, io.EOF) && err == nil {
		t.Fatal("stream still open after the refusal")
	}

	// New streams are refused too.
	_, err = Open(context.Background(), f.client, f.server.ID(), f.root(), f.prover(domain, nil))
	if !errors.As(err, &refused) || refused.Code != re.want {
		t.Fatalf("new stream after the end: %v, want refused: %s", err, re.want)
	}
}
