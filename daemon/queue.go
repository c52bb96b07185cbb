package daemon

import (
	"cmp"
	"slices"
	"time"

	"essaim/p2p/content"
)

// State is where a download stands.
type State string

// The states of a download.
const (
	Queued State = "queued" // waiting for a slot
	Active State = "active" // fetching
	Paused State = "paused" // stopped by the user; its chunks stay on disk
	Done   State = "done"   // verified in place and served
	Failed State = "failed" // stopped on an error; resume tries again
	// Served is not a download's state: a pin of a work the node holds
	// answers it, as there is nothing to download.
	Served State = "served"
	// Cancelled is not a download's state either: the event stream tells
	// it when a download leaves the list (cancelled).
	Cancelled State = "cancelled"
)

// entry is one download on the list: what is persisted of it.
type entry struct {
	Root     content.Hash `json:"-"`
	Work     string       `json:"work"`
	Output   string       `json:"output"`
	State    State        `json:"state"`
	Priority int          `json:"priority"`
	Added    time.Time    `json:"added"`
	Error    string       `json:"error,omitempty"`
}

// queue is the download list's policy: which downloads run, in which
// order, and what each user action does to an entry. It is a plain value
// with no goroutine, I/O or clock; the downloads manager owns it and
// starts and stops the fetches it names.
type queue struct {
	max     int
	entries map[content.Hash]*entry
}

func newQueue(max int) *queue { return &queue{max: max, entries: map[content.Hash]*entry{}} }

// add puts a new download on the list, queued. An entry for root that is
// not done is refused (it is on the list already); a done one is
// replaced.
func (q *queue) add(e entry) bool {
	if old := q.entries[e.Root]; old != nil && old.State != Done {
		return false
	}
	e.State, e.Error = Queued, ""
	q.entries[e.Root] = &e
	return true
}

// toStart returns the queued downloads to start now, highest priority
// first, then oldest, so that at most max are active; it marks them
// active. A download whose last fetch is still stopping waits.
func (q *queue) toStart(stopping func(content.Hash) bool) []content.Hash {
	active := 0
	var waiting []*entry
	for _, e := range q.entries {
		switch e.State {
		case Active:
			active++
		case Queued:
			waiting = append(waiting, e)
		}
	}
	slices.SortFunc(waiting, func(a, b *entry) int {
		if c := cmp.Compare(b.Priority, a.Priority); c != 0 {
			return c
		}
		if c := a.Added.Compare(b.Added); c != 0 {
			return c
		}
		return cmp.Compare(a.Work, b.Work)
	})
	var out []content.Hash
	for _, e := range waiting {
		if active >= q.max {
			break
		}
		if stopping(e.Root) {
			// Its last fetch has not ended yet (paused, then resumed at
			// once): it starts once that one is gone.
			continue
		}
		e.State = Active
		active++
		out = append(out, e.Root)
	}
	return out
}

// finished records how an active download's fetch ended: err nil is done;
// an error leaves it failed, unless the user paused or cancelled it
// meanwhile (the fetch ended because of that).
func (q *queue) finished(root content.Hash, err error) {
	e := q.entries[root]
	if e == nil || e.State != Active {
		return
	}
	if err != nil {
		e.State, e.Error = Failed, err.Error()
		return
	}
	e.State, e.Error = Done, ""
}

// pause marks a queued or active download paused; it reports whether the
// entry exists.
func (q *queue) pause(root content.Hash) bool {
	e := q.entries[root]
	if e == nil {
		return false
	}
	if e.State == Queued || e.State == Active {
		e.State = Paused
	}
	return true
}

// resume queues a paused or failed download again.
func (q *queue) resume(root content.Hash) bool {
	e := q.entries[root]
	if e == nil {
		return false
	}
	if e.State == Paused || e.State == Failed {
		e.State, e.Error = Queued, ""
	}
	return true
}

// cancel takes root off the list; it reports whether its fetch must be
// stopped and whether it existed.
func (q *queue) cancel(root content.Hash) (e entry, stop, ok bool) {
	p := q.entries[root]
	if p == nil {
		return entry{}, false, false
	}
	delete(q.entries, root)
	return *p, p.State == Active, true
}

// prioritise sets root's priority; a higher one starts first.
func (q *queue) prioritise(root content.Hash, p int) bool {
	e := q.entries[root]
	if e == nil {
		return false
	}
	e.Priority = p
	return true
}

// list returns the entries, highest priority first, then oldest.
func (q *queue) list() []entry {
	out := make([]entry, 0, len(q.entries))
	for _, e := range q.entries {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b entry) int {
		if c := cmp.Compare(b.Priority, a.Priority); c != 0 {
			return c
		}
		if c := a.Added.Compare(b.Added); c != 0 {
			return c
		}
		return cmp.Compare(a.Work, b.Work)
	})
	return out
}
