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

	"github.com/ethereum/go-ethereum/common"
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

// gateLog wraps the holder's rights checker and records when each check
// that allowed started.
type gateLog struct {
	Rights
	mu      sync.Mutex
	allowed []time.Time
}

func (g *gateLog) Check(ctx context.Context, root [32]byte, account common.Address) (rights.Decision, error) {
	start := time.Now()
	d, err := g.Rights.Check(ctx, root, account)
	if d.Allowed {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.allowed = append(g.allowed, start)
	}
	return d, err
}

// allowedAfter counts the checks that started after t and allowed.
func (g *gateLog) allowedAfter(t time.Time) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, at := range g.allowed {
		if at.After(t) {
			n++
		}
	}
	return n
}

// headLog passes the follower's heads to the checker and records when
// the checker had been told of each.
type headLog struct {
	checker *rights.Checker
	mu      sync.Mutex
	numbers []uint64
	told    []time.Time
}

func (h *headLog) observe(number, chainTime uint64) {
	h.checker.ObserveHead(number, chainTime)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.numbers, h.told = append(h.numbers, number), append(h.told, time.Now())
}

// toldOf returns when the checker had been told of block n (the follower
// passes the logs of a range before its head).
func (h *headLog) toldOf(n uint64) (time.Time, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, number := range h.numbers {
		if number >= n {
			return h.told[i], true
		}
	}
	return time.Time{}, false
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
// chain with the real registry) must let no check pass once the follower
// has told the checker of the block that ends the right, so at most the
// frame already past its check goes out after that; it must notice within
// a bound from the end (a head poll plus generous slack for the follower's
// reads and its store's commit on a loaded machine), cut the stream with
// the refusal the gate would give now, and refuse new streams the same
// way.
func TestStreamCutWhenRightEnds(t *testing.T) {
	for _, re := range rightEnds {
		t.Run(re.name, func(t *testing.T) { streamCutWhenRightEnds(t, re) })
	}
}

func streamCutWhenRightEnds(t *testing.T, re rightEnd) {
	const (
		poll = 100 * time.Millisecond
		// From the end to the checker's refusal: a head poll, the
		// follower's reads and its store's commit (with fsync), and the
		// checker's query, on a machine busy with other tests. The
		// transfer takes 8 s, so a holder that never cuts still fails.
		bound = 2 * time.Second
	)
	quiet := slog.New(slog.DiscardHandler)
	s := simtest.New(t)
	checker := rights.New(chain.NewRightsReader(s.Client, s.Addr), rights.WithLogger(quiet))
	gate := &gateLog{Rights: checker}
	heads := &headLog{checker: checker}
	var log sendLog
	// 4 MiB in 64 KiB chunks at 512 KiB/s: 8 s to send it all.
	f := newFixture(t, 4<<20, ServerConfig{Rights: gate, Upload: ratelimit.New(512 << 10), Sent: log.sent})
	f.key, f.addr = buyer.Key, buyer.Address
	re.grant(s, f.root())

	store, err := catalog.Open(filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	follower := catalog.NewFollower(s.Client, s.Addr, store, catalog.WithPollInterval(poll), catalog.WithLogger(quiet),
		catalog.WithLogHook(checker.Observe), catalog.WithHeadHook(heads.observe))
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
	endBlock, err := s.Client.BlockNumber(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	var recvErr error
	for recvErr == nil && (next < m.NumChunks() || sess.Outstanding() > 0) {
		_, recvErr = sess.Recv(buf)
		ask()
	}
	if frames, n := log.after(ended.Add(bound)); frames != 0 {
		t.Fatalf("%d frames (%d bytes) sent more than %s after the right ended (the stream ended with %v)",
			frames, n, bound, recvErr)
	}
	var refused *RefusedError
	if !errors.As(recvErr, &refused) || refused.Code != re.want {
		t.Fatalf("stream ended with %v, want a refusal: %s", recvErr, re.want)
	}
	told := waitTold(t, heads, endBlock)
	if n := gate.allowedAfter(told); n != 0 {
		t.Fatalf("%d checks allowed after the checker was told of block %d, which ends the right", n, endBlock)
	}
	if frames, n := log.after(told); frames > 1 {
		t.Fatalf("%d frames (%d bytes) sent after the checker was told of the end, want at most the one past its check",
			frames, n)
	}
	frames, n := log.after(ended)
	t.Logf("after the end: %d frames (%d bytes) before the cut; the checker was told %s after the end",
		frames, n, told.Sub(ended).Round(time.Millisecond))
	if _, err := sess.Recv(buf); !errors.Is(err, io.EOF) && err == nil {
		t.Fatal("stream still open after the refusal")
	}

	// New streams are refused too.
	_, err = Open(context.Background(), f.client, f.server.ID(), f.root(), f.prover(domain, nil))
	if !errors.As(err, &refused) || refused.Code != re.want {
		t.Fatalf("new stream after the end: %v, want refused: %s", err, re.want)
	}
}

// waitTold waits until the follower has told the checker of block n and
// returns when.
func waitTold(t *testing.T, heads *headLog, n uint64) time.Time {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if told, ok := heads.toldOf(n); ok {
			return told
		}
		if time.Now().After(deadline) {
			t.Fatalf("the follower never told the checker of block %d", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
