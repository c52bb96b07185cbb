package daemon

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"essaim/chain/devnet"
	"essaim/p2p/content"
)

// TestEventsTellOfNewDownloads: a download added while a client follows
// the events is announced at once, queued then active, before any holder
// answers (here none ever does): a page that lists downloads from the
// event stream shows it, and can cancel it.
func TestEventsTellOfNewDownloads(t *testing.T) {
	net := newTestNet(t)
	nobody := content.Hash{0x5e}
	net.sr.Register(devnet.Accounts()[0], nobody, true)
	d := net.start(nil)
	c := d.client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	seen := make(chan State, 16)
	done := make(chan error, 1)
	go func() {
		done <- c.Events(ctx, func(dl Download) bool {
			if dl.Work == nobody.String() {
				seen <- dl.State
				return dl.State != Active
			}
			return true
		})
	}()
	// The stream is open once its first events could have come; an empty
	// list sends none, so wait for the subscription itself.
	eventually(t, 5*time.Second, "the event stream's subscription", func() bool {
		d.dl.mu.Lock()
		defer d.dl.mu.Unlock()
		return len(d.dl.subs) == 1
	})
	if _, err := c.Add(ctx, nobody, filepath.Join(t.TempDir(), "out"), 0); err != nil {
		t.Fatal(err)
	}
	var states []State
	for {
		select {
		case s := <-seen:
			states = append(states, s)
			if s == Active {
				cancel()
				<-done
				t.Logf("events: %v", states)
				return
			}
		case <-time.After(3 * time.Second):
			cancel()
			<-done
			t.Fatalf("3 s after the download was added, the events told %v; want it queued, then active", states)
		}
	}
}

// TestPauseResumeAtOnce: a download paused and resumed again and again
// (a user clicking fast) ends with one fetch running; a pause stops it,
// a resume starts it again, and a cancel takes it off the list.
func TestPauseResumeAtOnce(t *testing.T) {
	net := newTestNet(t)
	nobody := content.Hash{0x5f}
	net.sr.Register(devnet.Accounts()[0], nobody, true)
	d := net.start(nil)
	if _, err := d.dl.Add(nobody, filepath.Join(t.TempDir(), "out"), 0); err != nil {
		t.Fatal(err)
	}
	state := func() State {
		dl, err := d.dl.Get(nobody)
		if err != nil {
			t.Fatal(err)
		}
		return dl.State
	}
	fetches := func() int {
		d.dl.mu.Lock()
		defer d.dl.mu.Unlock()
		return len(d.dl.running)
	}
	eventually(t, 5*time.Second, "the download active", func() bool { return state() == Active })
	for range 20 {
		if _, err := d.dl.Pause(nobody); err != nil {
			t.Fatal(err)
		}
		if _, err := d.dl.Resume(nobody); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 5*time.Second, "one fetch running, active", func() bool { return state() == Active && fetches() == 1 })
	if _, err := d.dl.Pause(nobody); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "the fetch stopped", func() bool { return fetches() == 0 })
	if _, err := d.dl.Resume(nobody); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "active once more", func() bool { return state() == Active && fetches() == 1 })
	if err := d.dl.Cancel(nobody); err != nil {
		t.Fatal(err)
	}
	if fetches() != 0 {
		t.Fatal("a fetch still runs after the cancel")
	}
}
