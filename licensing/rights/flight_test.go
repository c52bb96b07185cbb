package rights_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"essaim/licensing/rights"
)

// TestConcurrentChecksShareOneQuery: checks of one key that arrive while
// its query is in flight wait for it instead of asking again.
func TestConcurrentChecksShareOneQuery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, c, _ := setup(t)
		f.setLicense(workW, alice, perpetual)
		gate := make(chan struct{})
		f.setGate("Work", gate)
		const n = 20
		got := make([]rights.Decision, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { got[i], errs[i] = c.Check(context.Background(), workW, alice) })
		}
		synctest.Wait() // every check is waiting: one in Work, the rest on it
		if calls := f.takeCalls(); !slices.Equal(calls, workRead) {
			t.Fatalf("while in flight: reads %v, want one Work", calls)
		}
		close(gate)
		wg.Wait()
		for i := range n {
			if errs[i] != nil || got[i] != licensedD {
				t.Fatalf("check %d: %+v, %v", i, got[i], errs[i])
			}
		}
		if calls := f.takeCalls(); !slices.Equal(calls, allRead[1:]) {
			t.Fatalf("after release: reads %v, want %v", calls, allRead[1:])
		}
	})
}

// TestInvalidatedFlightNotCached: an event observed while a query is in
// flight keeps its stale answer out of the cache, and a check made after
// the event asks the chain again instead of joining the old query.
func TestInvalidatedFlightNotCached(t *testing.T) {
	for _, tt := range []struct {
		name       string
		invalidate func(c *rights.Checker)
	}{
		{"Forget", func(c *rights.Checker) { c.Forget(workW, alice) }},
		{"ForgetWork", func(c *rights.Checker) { c.ForgetWork(workW) }},
		{"Reset", func(c *rights.Checker) { c.Reset() }},
		{"Observe", func(c *rights.Checker) {
			c.Observe(eventLog("LicenseTransferred", workW, addrTopic(alice), addrTopic(bob)))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f, c, _ := setup(t)
				f.setLicense(workW, alice, perpetual)
				gate := make(chan struct{})
				f.setGate("Now", gate) // the old query has read the license, not yet the clock
				var old rights.Decision
				done := make(chan struct{})
				go func() { old, _ = c.Check(context.Background(), workW, alice); close(done) }()
				synctest.Wait()
				f.setLicense(workW, alice, 0) // transferred away meanwhile
				tt.invalidate(c)
				if d := check(t, c, workW, alice); d != noLicD {
					t.Fatalf("check after the event: %+v, want no license", d)
				}
				if calls := f.takeCalls(); !slices.Equal(calls, append(slices.Clone(allRead), verdict...)) {
					t.Fatalf("reads %v, want the old query and a new one", calls)
				}
				close(gate)
				<-done
				if old != licensedD {
					t.Fatalf("old query: %+v, want its stale licensed", old)
				}
				if d := check(t, c, workW, alice); d != noLicD {
					t.Fatalf("after the old query ended: %+v, want no license", d)
				}
			})
		})
	}
}

// TestSlowChainTimesOut: reads that hang are cut by the call timeout; the
// check answers Unavailable within the retry budget.
func TestSlowChainTimesOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, c, _ := setup(t, rights.WithCallTimeout(time.Second), rights.WithRetries(2, 100*time.Millisecond))
		f.setGate("Work", make(chan struct{})) // never opens
		t0 := time.Now()
		d, err := c.Check(context.Background(), workW, alice)
		if d.Allowed || !errors.Is(err, rights.ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("hanging chain: %+v, %v", d, err)
		}
		if took, want := time.Since(t0), 3*time.Second+300*time.Millisecond; took != want {
			t.Fatalf("took %v, want %v (three attempts and two waits)", took, want)
		}
		if n := len(f.takeCalls()); n != 3 {
			t.Fatalf("%d reads, want 3", n)
		}
	})
}

// TestCallerGivesUp: a caller whose context ends stops waiting; the query
// goes on and its answer serves the next check.
func TestCallerGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, c, _ := setup(t)
		gate := make(chan struct{})
		f.setGate("Work", gate)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		d, err := c.Check(ctx, workOpen, alice)
		if d.Allowed || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, rights.ErrUnavailable) {
			t.Fatalf("caller timed out: %+v, %v", d, err)
		}
		close(gate)
		synctest.Wait()
		f.takeCalls()
		if d := check(t, c, workOpen, alice); d.Reason != rights.Open || len(f.takeCalls()) != 0 {
			t.Fatalf("next check: %+v, want open from the cache", d)
		}
	})
}
