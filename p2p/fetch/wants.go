package fetch

import (
	"sync"

	"essaim/p2p/sched"
)

// Wants carries readers' windows (a media player reading a file of the
// work as it downloads, see p2p/sched's Window) to a running download. A
// stream server sets and clears them from its own goroutines; the
// download's loop applies them to its scheduler. It is safe for
// concurrent use. One Wants serves one download.
type Wants struct {
	kick chan struct{} // a change is waiting

	mu      sync.Mutex
	windows map[string]sched.Window // every reader's current window
	changed map[string]bool         // readers changed since the loop last looked
}

// NewWants returns an empty set of windows.
func NewWants() *Wants {
	return &Wants{kick: make(chan struct{}, 1), windows: map[string]sched.Window{}, changed: map[string]bool{}}
}

// Set gives reader its window, replacing the one it had.
func (w *Wants) Set(reader string, win sched.Window) {
	w.mu.Lock()
	w.windows[reader] = win
	w.changed[reader] = true
	w.mu.Unlock()
	w.poke()
}

// Clear forgets reader's window.
func (w *Wants) Clear(reader string) {
	w.mu.Lock()
	delete(w.windows, reader)
	w.changed[reader] = true
	w.mu.Unlock()
	w.poke()
}

func (w *Wants) poke() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// change is one reader's new window; ok false means it has none now.
type change struct {
	reader string
	win    sched.Window
	ok     bool
}

// take returns the changes since the last take (all of them when all is
// set: a scheduler that just started has seen none).
func (w *Wants) take(all bool) []change {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []change
	if all {
		for r, win := range w.windows {
			out = append(out, change{reader: r, win: win, ok: true})
		}
		clear(w.changed)
		return out
	}
	for r := range w.changed {
		win, ok := w.windows[r]
		out = append(out, change{reader: r, win: win, ok: ok})
	}
	clear(w.changed)
	return out
}
