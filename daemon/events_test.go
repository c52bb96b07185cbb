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

// TestPauseResumeAtOnce: a download paused and resumed at once (a user
// clicking twice) runs one fetch at a time: the second starts once the
// first has stopped, it does not fail for finding the first still there,
// and a pause after it stops it.
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
	eventually(t, 5*time.Second, "the download active", func() bool { return state() == Active })
	for range 20 {
		if _, err := d.dl.Pause(nobody); err != nil {
			t.Fatal(err)
		}
		if _, err := d.dl.Resume(nobody); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 5*time.Second, "the download active again", func() bool { return state() == Active })
	time.Sleep(300 * time.Millisecond) // a second fetch that trips on the first fails at once
	if s := state(); s != Active {
		dl, _ := d.dl.Get(nobody)
		t.Fatalf("after pause and resume at once: %s (%s)", s, dl.Error)
	}
	// A pause stops the one fetch there is: resumed later, the download
	// runs again, and does not fail for a fetch left running.
	if _, err := d.dl.Pause(nobody); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "the fetch stopped", func() bool {
		d.dl.mu.Lock()
		defer d.dl.mu.Unlock()
		return len(d.dl.running) == 0
	})
	time.Sleep(300 * time.Millisecond)
	if _, err := d.dl.Resume(nobody); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "the download active once more", func() bool { return state() == Active })
	time.Sleep(300 * time.Millisecond)
	if s := state(); s != Active {
		dl, _ := d.dl.Get(nobody)
		t.Fatalf("resumed after a pause: %s (%s)", s, dl.Error)
	}
	if err := d.dl.Cancel(nobody); err != nil {
		t.Fatal(err)
	}
}
