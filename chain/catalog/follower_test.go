package catalog_test

import (
	"context"
	"log/slog"
	"math"
	"math/big"
	"net/url"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain/catalog"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

var fast = []catalog.Option{
	catalog.WithPollInterval(20 * time.Millisecond),
	catalog.WithBackoff(10*time.Millisecond, 100*time.Millisecond),
	// A request written as the outage proxy cuts its connection may go
	// unanswered: give it up well within the tests' 10 s waits.
	catalog.WithRPCTimeout(2 * time.Second),
}

func TestFollowerTracksRegistry(t *testing.T) {
	for _, transport := range []string{"ws", "http"} {
		t.Run(transport, func(t *testing.T) { testTracksRegistry(t, transport) })
	}
}

func testTracksRegistry(t *testing.T, transport string) {
	d, _, tc := startDevnet(t)
	endpoint := d.WSURL()
	if transport == "http" {
		endpoint = d.HTTPURL()
	}
	fc := dial(t, endpoint)
	path := tempStorePath(t)
	store := openStore(t, path)
	f := catalog.NewFollower(fc, tc.addr, store, fast...)
	stop := runFollower(t, f)

	acc := devnet.Accounts()
	creator, co, buyer, receiver, grantee := acc[0], acc[1], acc[2], acc[3], acc[4]
	rootA, rootB := common.Hash{0xa1}, common.Hash{0xb2}
	rcpt := tc.register(creator, rootA, "Moonlight Sonata", []string{"Music", "piano"},
		[]registry.IEssaimRegistrySplit{{Payee: creator.Address, Bps: 7000}, {Payee: co.Address, Bps: 3000}},
		terms(1000, true))
	var w catalog.Work
	waitFor(t, "work A", func() bool { w, _, _ = store.Work(rootA); return w.Creator != (common.Address{}) })
	if w.Title != "Moonlight Sonata" || w.Block != rcpt.BlockNumber.Uint64() || w.Time == 0 || len(w.Splits) != 2 ||
		w.MetadataHash != (common.Hash{0x4d}) || w.Open {
		t.Fatalf("work A = %+v", w)
	}
	offers := func() []catalog.Offer { o, _ := store.Offers(rootA); return o }
	if o := offers(); len(o) != 1 || o[0].Price.Int64() != 1000 || !o[0].Transferable {
		t.Fatalf("offers = %+v", o)
	}

	tc.send(creator, tc.reg.PackAddOffer(rootA, terms(0, false)), nil)
	waitFor(t, "added offer", func() bool { return len(offers()) == 2 })
	tc.send(creator, tc.reg.PackRetireOffer(rootA, 1), nil)
	waitFor(t, "retired offer", func() bool { return offers()[1].Retired })

	tc.send(buyer, tc.reg.PackBuy(rootA, 0, big.NewInt(1000)), big.NewInt(1000))
	waitFor(t, "purchase", func() bool {
		l, ok, _ := store.License(rootA, buyer.Address)
		return ok && l.Transferable && l.Expiry > 0 && offers()[0].Sold == 1
	})
	tc.send(creator, tc.reg.PackGrant(rootA, grantee.Address, 0), nil)
	waitFor(t, "grant", func() bool {
		l, ok, _ := store.License(rootA, grantee.Address)
		return ok && l.Expiry == math.MaxUint64 && !l.Transferable
	})
	tc.send(buyer, tc.reg.PackTransferLicense(rootA, receiver.Address), nil)
	waitFor(t, "transfer", func() bool {
		_, had, _ := store.License(rootA, buyer.Address)
		l, _ := store.LicensesOf(receiver.Address)
		return !had && len(l) == 1 && l[0].Transferable
	})

	tc.register(co, rootB, "City Lights", []string{"film"}, nil)
	waitFor(t, "work B", func() bool { _, ok, _ := store.Work(rootB); return ok })
	for q, want := range map[string][]common.Hash{
		"": {rootA, rootB}, "LIGHT": {rootA, rootB}, "mus": {rootA}, "FIL": {rootB}, "sonata": {rootA}, "ilm": nil,
	} {
		if got := roots(t, store, q); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %x, want %x", q, got, want)
		}
	}
	if got, _ := store.PayeeRoots(co.Address); !slices.Equal(got, []common.Hash{rootA, rootB}) {
		t.Errorf("PayeeRoots(co) = %x", got)
	}
	if got, _ := store.PayeeRoots(creator.Address); !slices.Equal(got, []common.Hash{rootA}) {
		t.Errorf("PayeeRoots(creator) = %x", got)
	}
	// 2 (registration + its offer) + add + retire + buy + grant + transfer + 1 (B)
	// (The count is bumped just after the range's transaction commits.)
	const wantApplied = 8
	waitFor(t, "the applied count", func() bool { return f.Applied() >= wantApplied })
	if n := f.Applied(); n != wantApplied {
		t.Errorf("applied %d logs, want %d", n, wantApplied)
	}

	// Reopen: the new follower starts from the stored block and applies nothing old.
	stop()
	last, _, _, _ := store.LastBlock()
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	store = openStore(t, path)
	t.Cleanup(func() { store.Close() })
	f2 := catalog.NewFollower(fc, tc.addr, store, fast...)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f2.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _, _, _ := store.LastBlock(); f2.Applied() != 0 || again < last {
		t.Fatalf("after reopening: applied %d, last block %d (was %d)", f2.Applied(), again, last)
	}
	if o := offers(); len(o) != 2 || o[0].Sold != 1 {
		t.Fatalf("offers after reopening = %+v", o)
	}
	runFollower(t, f2)
	tc.send(creator, tc.reg.PackSetOpen(rootA, true), nil)
	waitFor(t, "open after reopening", func() bool { w, _, _ := store.Work(rootA); return w.Open && f2.Applied() > 0 })
	if n := f2.Applied(); n != 1 {
		t.Errorf("reopened follower applied %d logs, want 1", n)
	}
}

// countingHandler counts the warnings logged.
type countingHandler struct{ n atomic.Int64 }

func (h *countingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *countingHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		h.n.Add(1)
	}
	return nil
}
func (h *countingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *countingHandler) WithGroup(string) slog.Handler      { return h }

func roots(t *testing.T, s *catalog.Store, q string) []common.Hash {
	t.Helper()
	ws, err := s.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	var out []common.Hash
	for _, w := range ws {
		out = append(out, w.Root)
	}
	return out
}

func TestFollowerRecoversFromOutage(t *testing.T) {
	for _, transport := range []string{"ws", "http"} {
		t.Run(transport, func(t *testing.T) {
			d, _, tc := startDevnet(t)
			u, err := url.Parse(d.HTTPURL())
			if err != nil {
				t.Fatal(err)
			}
			p := startProxy(t, u.Host)
			fc := dial(t, transport+"://"+p.addr)
			store := openStore(t, tempStorePath(t))
			t.Cleanup(func() { store.Close() })
			warnings := &countingHandler{}
			f := catalog.NewFollower(fc, tc.addr, store, append(fast, catalog.WithLogger(slog.New(warnings)))...)
			runFollower(t, f)

			acc := devnet.Accounts()
			rootA, rootB := common.Hash{0xa1}, common.Hash{0xb2}
			tc.register(acc[0], rootA, "Before", nil, nil, terms(0, false))
			waitFor(t, "work A", func() bool { _, ok, _ := store.Work(rootA); return ok })

			p.cut()
			tc.register(acc[1], rootB, "During", []string{"outage"}, nil, terms(0, false))
			tc.send(acc[2], tc.reg.PackBuy(rootA, 0, big.NewInt(0)), nil)
			if _, ok, _ := store.Work(rootB); ok {
				t.Fatal("the follower saw work B through a cut proxy")
			}
			waitFor(t, "the follower to hit the outage", func() bool { return warnings.n.Load() > 0 })
			p.restore(t)
			waitFor(t, "events of the outage", func() bool {
				_, okB, _ := store.Work(rootB)
				_, okL, _ := store.License(rootA, acc[2].Address)
				return okB && okL
			})
			waitFor(t, "the applied count", func() bool { return f.Applied() >= 5 })
			o, _ := store.Offers(rootA)
			if n := f.Applied(); n != 5 || len(o) != 1 || o[0].Sold != 1 {
				t.Fatalf("applied %d logs (want 5), offers %+v: a log was skipped or applied twice", n, o)
			}
		})
	}
}

// unanswered is a backend whose first call of each kind is never
// answered: it waits for its context, as go-ethereum's client waits for an
// answer to a request written into a connection that broke at that moment.
type unanswered struct {
	catalog.Backend
	hung atomic.Int32 // calls left unanswered so far
}

func (u *unanswered) BlockNumber(ctx context.Context) (uint64, error) {
	if u.hung.Add(1) == 1 {
		<-ctx.Done()
		return 0, ctx.Err()
	}
	return u.Backend.BlockNumber(ctx)
}

// TestFollowerUnansweredCall: a call that is never answered fails after
// the RPC timeout and is retried; the follower does not wait for it for
// ever.
func TestFollowerUnansweredCall(t *testing.T) {
	d, _, tc := startDevnet(t)
	b := &unanswered{Backend: dial(t, d.HTTPURL())}
	store := openStore(t, tempStorePath(t))
	t.Cleanup(func() { store.Close() })
	f := catalog.NewFollower(b, tc.addr, store, append(fast, catalog.WithRPCTimeout(300*time.Millisecond))...)
	runFollower(t, f)
	root := common.Hash{0xa1}
	tc.register(devnet.Accounts()[0], root, "After a lost answer", nil, nil, terms(0, false))
	waitFor(t, "the work, past the unanswered call", func() bool { _, ok, _ := store.Work(root); return ok })
	if n := b.hung.Load(); n < 2 {
		t.Fatalf("%d calls of the block number: the first was never given up", n)
	}
}
