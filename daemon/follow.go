package daemon

import (
	"context"
	"errors"
	"sync"
	"time"

	"essaim/p2p/content"
)

// followPoll is how often Follow reads the download besides its events.
const followPoll = 2 * time.Second

// ended reports whether d is a download's last state.
func ended(d Download) bool { return d.State == Done || d.State == Failed || d.State == Cancelled }

// Follow tells fn of root's download as it changes, until it is done,
// fails or leaves the list, and returns its last state. The event stream
// drops what a slow reader cannot take, and an end that came before the
// stream was opened is not in it: so the download is also read every
// followPoll, and an end is never missed. A node that stops before the
// end gives ErrEventsEnded (or the connection's error).
func (c *Client) Follow(ctx context.Context, root content.Hash, fn func(Download)) (Download, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu   sync.Mutex
		last Download
		wg   sync.WaitGroup
	)
	set := func(d Download) {
		mu.Lock()
		defer mu.Unlock()
		last = d
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(followPoll)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			d, err := c.Download(ctx, root)
			var ae *APIError
			switch {
			case errors.As(err, &ae) && ae.Code == "unknown_download":
				d = Download{Work: root.String(), State: Cancelled}
			case err != nil:
				continue // the event stream says why, if it is the node
			}
			if ended(d) {
				set(d)
				cancel()
				return
			}
		}
	}()
	err := c.Events(ctx, func(d Download) bool {
		if d.Work != root.String() {
			return true
		}
		set(d)
		fn(d)
		return !ended(d)
	})
	cancel()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if ended(last) {
		return last, nil
	}
	return last, err
}
