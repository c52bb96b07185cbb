package rights_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain/registry"
	"essaim/licensing/rights"
)

var (
	start    = time.Unix(1_800_000_000, 0)
	chainT0  = uint64(start.Unix())
	creator  = common.Address{0xc0}
	alice    = common.Address{0xa1}
	bob      = common.Address{0xb0}
	workW    = [32]byte{0x01}
	workOpen = [32]byte{0x02}
	unknown  = [32]byte{0x03}
	quiet    = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// setup returns a fake registry holding workW (closed) and workOpen, a
// checker on it with a fake clock, and the clock.
func setup(t *testing.T, opts ...rights.Option) (*fakeChain, *rights.Checker, *fakeClock) {
	t.Helper()
	f := newFake(chainT0)
	f.setWork(workW, creator, false)
	f.setWork(workOpen, creator, true)
	clk := &fakeClock{t: start}
	opts = append([]rights.Option{rights.WithClock(clk.Now), rights.WithLogger(quiet), rights.WithRetries(0, 0)}, opts...)
	return f, rights.New(f, opts...), clk
}

func check(t *testing.T, c *rights.Checker, root [32]byte, who common.Address) rights.Decision {
	t.Helper()
	d, err := c.Check(context.Background(), root, who)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return d
}

var (
	allRead   = []string{"Work", "HasValidLicense", "LicenseExpiry", "Now"}
	workRead  = []string{"Work"}
	verdict   = []string{"Work", "HasValidLicense", "LicenseExpiry"}
	noRead    []string
	licensedD = rights.Decision{Allowed: true, Reason: rights.Licensed}
	noLicD    = rights.Decision{Allowed: false, Reason: rights.NoLicense}
	expiredD  = rights.Decision{Allowed: false, Reason: rights.Expired}
)

func TestCheckDecisions(t *testing.T) {
	tests := []struct {
		name    string
		root    [32]byte
		who     common.Address
		license uint64 // alice's expiry on workW
		want    rights.Decision
		reads   []string
	}{
		{"creator", workW, creator, 0, rights.Decision{Allowed: true, Reason: rights.Creator}, workRead},
		{"creator of an open work", workOpen, creator, 0, rights.Decision{Allowed: true, Reason: rights.Creator}, workRead},
		{"open work", workOpen, alice, 0, rights.Decision{Allowed: true, Reason: rights.Open}, workRead},
		{"license", workW, alice, chainT0 + 3600, licensedD, allRead},
		{"perpetual license", workW, alice, perpetual, licensedD, allRead},
		{"license expiring next second", workW, alice, chainT0 + 1, licensedD, allRead},
		{"license expired at this second", workW, alice, chainT0, expiredD, verdict},
		{"expired license", workW, alice, chainT0 - 100, expiredD, verdict},
		{"no license", workW, alice, 0, noLicD, verdict},
		{"zero address", workW, common.Address{}, 0, noLicD, verdict},
		{"unregistered", unknown, alice, 0, rights.Decision{Allowed: false, Reason: rights.NotRegistered}, workRead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, c, _ := setup(t)
			f.setLicense(workW, alice, tt.license)
			if d := check(t, c, tt.root, tt.who); d != tt.want {
				t.Fatalf("decision %+v, want %+v", d, tt.want)
			}
			if got := f.takeCalls(); !slices.Equal(got, tt.reads) {
				t.Fatalf("reads %v, want %v", got, tt.reads)
			}
			if d := check(t, c, tt.root, tt.who); d != tt.want {
				t.Fatalf("cached decision %+v, want %+v", d, tt.want)
			}
			if got := f.takeCalls(); len(got) != 0 {
				t.Fatalf("second check read %v, want the cache", got)
			}
		})
	}
}

// TestLicenseExpiredBetweenReads: the verdict said yes but the expiry is
// already past by the chain's clock read after it: the answer is no.
func TestLicenseExpiredBetweenReads(t *testing.T) {
	f, _, _ := setup(t)
	f.setNow(chainT0 + 1)
	f.setLicense(workW, alice, chainT0+2) // valid when the verdict is read
	c := rights.New(&expireAfterVerdict{fakeChain: f, expiry: chainT0 + 1}, rights.WithLogger(quiet))
	if d := check(t, c, workW, alice); d != expiredD {
		t.Fatalf("decision %+v, want license expired", d)
	}
}

// expireAfterVerdict reports an expiry that the chain's clock has reached,
// as if the license expired between the reads.
type expireAfterVerdict struct {
	*fakeChain
	expiry uint64
}

func (e *expireAfterVerdict) LicenseExpiry(ctx context.Context, root [32]byte, account common.Address) (uint64, error) {
	if _, err := e.fakeChain.LicenseExpiry(ctx, root, account); err != nil {
		return 0, err
	}
	return e.expiry, nil
}

// TestCacheNeverOutlivesLicense: an entry is used until the license's
// expiry and not a moment after, even with a long MaxTTL.
func TestCacheNeverOutlivesLicense(t *testing.T) {
	f, c, clk := setup(t, rights.WithMaxTTL(time.Hour))
	f.setLicense(workW, alice, chainT0+10)
	if d := check(t, c, workW, alice); d != licensedD {
		t.Fatalf("decision %+v", d)
	}
	f.takeCalls()
	clk.Advance(9*time.Second + 999*time.Millisecond)
	f.setNow(chainT0 + 9)
	if d := check(t, c, workW, alice); d != licensedD || len(f.takeCalls()) != 0 {
		t.Fatalf("just before expiry: %+v, want licensed from the cache", d)
	}
	clk.Advance(time.Millisecond)
	f.setNow(chainT0 + 10)
	if d := check(t, c, workW, alice); d != expiredD {
		t.Fatalf("at expiry: %+v, want license expired", d)
	}
	if got := f.takeCalls(); !slices.Equal(got, verdict) {
		t.Fatalf("at expiry read %v, want %v", got, verdict)
	}
}

func TestNegativeTTL(t *testing.T) {
	f, c, clk := setup(t)
	if d := check(t, c, workW, alice); d != noLicD {
		t.Fatalf("decision %+v", d)
	}
	f.setLicense(workW, alice, perpetual) // bought, but the event was missed
	clk.Advance(rights.DefaultNegativeTTL - time.Millisecond)
	if d := check(t, c, workW, alice); d != noLicD {
		t.Fatalf("within the negative TTL: %+v, want the cached no", d)
	}
	clk.Advance(time.Millisecond)
	if d := check(t, c, workW, alice); d != licensedD {
		t.Fatalf("after the negative TTL: %+v, want licensed", d)
	}
}

func TestMaxTTL(t *testing.T) {
	f, c, clk := setup(t, rights.WithMaxTTL(5*time.Second))
	f.setLicense(workW, alice, perpetual)
	check(t, c, workW, alice)
	f.takeCalls()
	clk.Advance(5 * time.Second)
	check(t, c, workW, alice)
	if got := f.takeCalls(); !slices.Equal(got, allRead) {
		t.Fatalf("after MaxTTL read %v, want %v", got, allRead)
	}
}

func eventLog(name string, topics ...common.Hash) types.Log {
	id := registry.NewEssaimRegistry().GetABI().Events[name].ID
	return types.Log{Topics: append([]common.Hash{id}, topics...)}
}

func addrTopic(a common.Address) common.Hash { return common.BytesToHash(a[:]) }

func TestObserveInvalidates(t *testing.T) {
	root := common.Hash(workW)
	tests := []struct {
		name    string
		log     types.Log
		refresh []common.Address // accounts whose answer must be read again
	}{
		{"purchase", eventLog("LicensePurchased", root, addrTopic(alice), common.Hash{}), []common.Address{alice}},
		{"grant", eventLog("LicenseGranted", root, addrTopic(alice)), []common.Address{alice}},
		{"transfer", eventLog("LicenseTransferred", root, addrTopic(alice), addrTopic(bob)), []common.Address{alice, bob}},
		{"open set", eventLog("OpenSet", root), []common.Address{alice, bob, creator}},
		{"registered", eventLog("WorkRegistered", root, addrTopic(creator)), []common.Address{alice, bob, creator}},
		{"removed purchase", func() types.Log {
			l := eventLog("LicensePurchased", root, addrTopic(bob), common.Hash{})
			l.Removed = true
			return l
		}(), []common.Address{bob}},
		{"purchase of another work", eventLog("LicensePurchased", common.Hash{0xee}, addrTopic(alice), common.Hash{}), nil},
		{"other event", eventLog("Withdrawn", addrTopic(alice), addrTopic(alice)), nil},
		{"purchase without its buyer topic", eventLog("LicensePurchased", root), nil},
		{"transfer without its receiver topic", eventLog("LicenseTransferred", root, addrTopic(alice)), nil},
		{"no topics", types.Log{}, nil},
		{"unknown topic", types.Log{Topics: []common.Hash{{0x99}, root}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, c, _ := setup(t)
			everyone := []common.Address{alice, bob, creator}
			for _, a := range everyone {
				check(t, c, workW, a)
			}
			f.takeCalls()
			c.Observe(tt.log)
			for _, a := range everyone {
				check(t, c, workW, a)
				read := len(f.takeCalls()) > 0
				if want := slices.Contains(tt.refresh, a); read != want {
					t.Errorf("account %s read again = %v, want %v", a, read, want)
				}
			}
		})
	}
}

// TestObserveChainClock: a log stamped at or after a cached license's
// expiry drops it, even when the local clock has not moved (a chain whose
// clock jumped).
func TestObserveChainClock(t *testing.T) {
	f, c, _ := setup(t)
	f.setLicense(workW, alice, chainT0+10)
	check(t, c, workW, alice)
	l := eventLog("LicenseGranted", common.Hash{0xee}, addrTopic(bob))
	l.BlockTimestamp = chainT0 + 9
	c.Observe(l)
	f.takeCalls()
	if d := check(t, c, workW, alice); d != licensedD || len(f.takeCalls()) != 0 {
		t.Fatalf("chain clock before expiry: %+v, want licensed from the cache", d)
	}
	l.BlockTimestamp = chainT0 + 10
	c.Observe(l)
	f.setNow(chainT0 + 10)
	if d := check(t, c, workW, alice); d != expiredD {
		t.Fatalf("chain clock at expiry: %+v, want license expired", d)
	}
}

func TestForgetAndReset(t *testing.T) {
	f, c, _ := setup(t)
	fill := func() {
		for _, r := range [][32]byte{workW, workOpen} {
			for _, a := range []common.Address{alice, bob} {
				check(t, c, r, a)
			}
		}
		f.takeCalls()
	}
	reads := func() int {
		n := 0
		for _, r := range [][32]byte{workW, workOpen} {
			for _, a := range []common.Address{alice, bob} {
				check(t, c, r, a)
				if len(f.takeCalls()) > 0 {
					n++
				}
			}
		}
		return n
	}
	fill()
	c.Forget(workW, alice)
	if n := reads(); n != 1 {
		t.Errorf("after Forget %d keys read again, want 1", n)
	}
	c.ForgetWork(workOpen)
	if n := reads(); n != 2 {
		t.Errorf("after ForgetWork %d keys read again, want 2", n)
	}
	c.Reset()
	if n := reads(); n != 4 {
		t.Errorf("after Reset %d keys read again, want 4", n)
	}
}

func TestMaxEntries(t *testing.T) {
	f, c, _ := setup(t, rights.WithMaxEntries(2))
	for _, a := range []common.Address{alice, bob, creator} {
		check(t, c, workOpen, a)
	}
	f.takeCalls()
	check(t, c, workOpen, alice) // the least recently used: evicted
	if got := f.takeCalls(); !slices.Equal(got, workRead) {
		t.Fatalf("evicted entry: reads %v, want %v", got, workRead)
	}
}

var errDown = errors.New("connection refused")

// TestFailClosedBackoffAndRecovery: a failing chain gives Unavailable
// after the retries, then nothing is read during the backoff window, which
// doubles while the chain stays down; when it returns, checks succeed
// without a restart.
func TestFailClosedBackoffAndRecovery(t *testing.T) {
	f, c, clk := setup(t, rights.WithRetries(2, 0), rights.WithFailureBackoff(time.Second, 10*time.Second))
	f.setLicense(workW, alice, perpetual)
	f.setFailAll(errDown)
	unavailable := func(what string) {
		t.Helper()
		d, err := c.Check(context.Background(), workW, alice)
		if d.Allowed || d.Reason != rights.Unavailable || !errors.Is(err, rights.ErrUnavailable) {
			t.Fatalf("%s: %+v, %v; want Unavailable and ErrUnavailable", what, d, err)
		}
	}
	unavailable("chain down")
	if n := len(f.takeCalls()); n != 3 {
		t.Fatalf("chain down: %d reads, want 3 (one try and two retries)", n)
	}
	_, err := c.Check(context.Background(), workW, alice)
	if !errors.Is(err, rights.ErrUnavailable) {
		t.Fatalf("error %v does not wrap ErrUnavailable", err)
	}
	clk.Advance(999 * time.Millisecond)
	unavailable("within the window")
	d, _ := c.Check(context.Background(), workOpen, bob) // any key: the chain is down
	if d.Allowed || len(f.takeCalls()) != 0 {
		t.Fatalf("within the window: %+v and reads made", d)
	}
	clk.Advance(time.Millisecond)
	unavailable("first try after the window")
	if n := len(f.takeCalls()); n != 3 {
		t.Fatalf("after the window: %d reads, want 3", n)
	}
	clk.Advance(1999 * time.Millisecond) // the window doubled
	unavailable("within the doubled window")
	if n := len(f.takeCalls()); n != 0 {
		t.Fatalf("within the doubled window: %d reads", n)
	}
	f.setFailAll(nil)
	clk.Advance(time.Millisecond)
	if d := check(t, c, workW, alice); d != licensedD {
		t.Fatalf("after recovery: %+v, want licensed", d)
	}
	if d := check(t, c, workOpen, bob); d.Reason != rights.Open {
		t.Fatalf("after recovery: %+v, want open", d)
	}
}

// TestErrorsNeverCached: a query that failed half-way leaves nothing
// behind; the next one after the window reads the chain again.
func TestErrorsNeverCached(t *testing.T) {
	for _, method := range allRead {
		t.Run(method, func(t *testing.T) {
			f, c, clk := setup(t, rights.WithFailureBackoff(time.Second, time.Second))
			f.setLicense(workW, alice, perpetual)
			f.setFailOnce(method, errDown)
			d, err := c.Check(context.Background(), workW, alice)
			if d.Allowed || !errors.Is(err, rights.ErrUnavailable) || !errors.Is(err, errDown) {
				t.Fatalf("broken %s: %+v, %v", method, d, err)
			}
			f.takeCalls()
			clk.Advance(time.Second)
			if d := check(t, c, workW, alice); d != licensedD {
				t.Fatalf("after the failure: %+v, want licensed", d)
			}
			if got := f.takeCalls(); !slices.Equal(got, allRead) {
				t.Fatalf("after the failure read %v, want %v", got, allRead)
			}
		})
	}
}

func TestCheckCanceledContext(t *testing.T) {
	f, c, _ := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d, err := c.Check(ctx, workOpen, alice)
	if d.Allowed || d.Reason != rights.Unavailable || !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: %+v, %v", d, err)
	}
	if n := len(f.takeCalls()); n != 0 {
		t.Fatalf("canceled check read the chain %d times", n)
	}
}
