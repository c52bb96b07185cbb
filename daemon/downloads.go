package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/fetch"
	"essaim/p2p/node"
)

// Errors of the download list, for errors.Is.
var (
	// ErrUnknownDownload means no download of that work is on the list.
	ErrUnknownDownload = errors.New("no download of this work on the list")
	// ErrDownloadExists means the work is on the list already.
	ErrDownloadExists = errors.New("this work is on the download list already")
	// ErrServed means the node serves the work already: nothing to fetch.
	ErrServed = errors.New("this node serves the work already")
)

// Download is one download as the API shows it.
type Download struct {
	Work     string    `json:"work"`
	Output   string    `json:"output"`
	State    State     `json:"state"`
	Priority int       `json:"priority"`
	Added    time.Time `json:"added"`
	Error    string    `json:"error,omitempty"`
	Progress *Progress `json:"progress,omitempty"`
	Result   *Result   `json:"result,omitempty"` // once done, in this run of the node
}

// Result is how a finished download went.
type Result struct {
	Files    int            `json:"files"`
	Size     int64          `json:"size"`
	Resumed  int            `json:"resumed_chunks"`
	Received int64          `json:"received_bytes"`
	Seconds  float64        `json:"seconds"`
	From     map[string]int `json:"chunks_from"` // peer id → chunks
}

func resultOf(r *fetch.Result) *Result {
	out := &Result{Files: len(r.Manifest.Files()), Size: r.Manifest.Size(), Resumed: r.Resumed,
		Received: r.Received, Seconds: r.Elapsed.Seconds(), From: map[string]int{}}
	for p, n := range r.From {
		out.From[peer.ID(p).String()] = n
	}
	return out
}

// Progress is how far an active or stopped download is.
type Progress struct {
	Chunks int     `json:"chunks"`
	Held   int     `json:"held"`
	Size   int64   `json:"size"`
	Bytes  int64   `json:"bytes"`
	Rate   float64 `json:"rate"` // bytes per second, recent
	Peers  int     `json:"peers"`
}

// fetching is a running fetch: cancel stops it, done closes when it ended.
type fetching struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// downloads runs the download list: the queue's decisions, one fetch per
// active download, the list persisted in a file. Its state is guarded by
// mu; run owns the fetch goroutines and waits for them.
type downloads struct {
	d    *Daemon
	path string
	kick chan struct{} // something changed: start what can start

	mu       sync.Mutex
	q        *queue
	running  map[content.Hash]fetching
	progress map[content.Hash]Progress
	results  map[content.Hash]*Result
	wants    map[content.Hash]*fetch.Wants // players' windows, per download on the list
	subs     map[chan Download]struct{}
}

func newDownloads(d *Daemon, path string) (*downloads, error) {
	dl := &downloads{d: d, path: path, kick: make(chan struct{}, 1), q: newQueue(d.cfg.MaxActive),
		running: map[content.Hash]fetching{}, progress: map[content.Hash]Progress{}, results: map[content.Hash]*Result{},
		wants: map[content.Hash]*fetch.Wants{},
		subs:  map[chan Download]struct{}{}}
	if err := dl.load(); err != nil {
		return nil, err
	}
	return dl, nil
}

// load reads the list saved by an earlier run. Downloads that were active
// then are queued again.
func (dl *downloads) load() error {
	b, err := os.ReadFile(dl.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var es []entry
	if err := json.Unmarshal(b, &es); err != nil {
		return fmt.Errorf("download list %s: %w", dl.path, err)
	}
	for _, e := range es {
		root, err := content.ParseHash(e.Work)
		if err != nil {
			return fmt.Errorf("download list %s: %w", dl.path, err)
		}
		e.Root = root
		if e.State == Active {
			e.State = Queued
		}
		ent := e
		dl.q.entries[root] = &ent
	}
	return nil
}

// save writes the list; the caller holds mu.
func (dl *downloads) save() error {
	b, err := json.MarshalIndent(dl.q.list(), "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(dl.path, b, 0o600)
}

// run starts what the queue says can start whenever something changes,
// until ctx ends; then it stops every fetch and waits for them.
func (dl *downloads) run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		dl.mu.Lock()
		var started []Download
		for _, root := range dl.q.toStart(func(r content.Hash) bool { _, ok := dl.running[r]; return ok }) {
			fctx, cancel := context.WithCancel(ctx)
			f := fetching{cancel: cancel, done: make(chan struct{})}
			dl.running[root] = f
			e := *dl.q.entries[root]
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer close(f.done)
				dl.fetch(fctx, e)
			}()
			if d, ok := dl.downloadLocked(root); ok {
				started = append(started, d)
			}
		}
		err := dl.save()
		dl.mu.Unlock()
		// Told at once, not at its first progress, which may be long in
		// coming (no holder yet).
		for _, d := range started {
			dl.publish(d)
		}
		if err != nil {
			dl.d.log.Warn("save the download list", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-dl.kick:
		}
	}
}

// fetch runs one download until it ends, then records how.
func (dl *downloads) fetch(ctx context.Context, e entry) {
	o := getOptions(dl.d.cfg, e.Root, func(p fetch.Progress) { dl.report(e.Root, p) })
	o.Wants = dl.wantsOf(e.Root)
	res, err := dl.d.node.Get(ctx, e.Root, e.Output, o)
	if err != nil && ctx.Err() == nil {
		dl.d.log.Warn("download failed", "work", e.Root, "err", err)
	}
	dl.mu.Lock()
	delete(dl.running, e.Root) // no other fetch of it starts while this one runs
	if ctx.Err() == nil {
		dl.q.finished(e.Root, err)
		if err == nil {
			dl.results[e.Root] = resultOf(res)
		}
	}
	ev, ok := dl.downloadLocked(e.Root)
	dl.mu.Unlock()
	if ok {
		dl.publish(ev)
	}
	dl.poke()
}

// report records a download's progress and tells subscribers.
func (dl *downloads) report(root content.Hash, p fetch.Progress) {
	dl.mu.Lock()
	if _, listed := dl.q.entries[root]; !listed {
		dl.mu.Unlock() // cancelled while its fetch stopped
		return
	}
	dl.progress[root] = Progress{Chunks: p.Total, Held: p.Held, Size: p.Size, Bytes: p.Bytes, Rate: p.Rate, Peers: p.Peers}
	ev, ok := dl.downloadLocked(root)
	dl.mu.Unlock()
	if ok {
		dl.publish(ev)
	}
}

func (dl *downloads) poke() {
	select {
	case dl.kick <- struct{}{}:
	default:
	}
}

// Add puts root on the list, to be fetched into out (created if needed).
func (dl *downloads) Add(root content.Hash, out string, priority int) (Download, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return Download{}, err
	}
	dl.mu.Lock()
	// On the list (and so served, as it downloads) comes first: a
	// download is refused as a duplicate, not as served.
	if e := dl.q.entries[root]; (e == nil || e.State == Done) && dl.d.node.Holds(root) {
		dl.mu.Unlock()
		return Download{}, fmt.Errorf("%w: %s", ErrServed, root)
	}
	ok := dl.q.add(entry{Root: root, Work: root.String(), Output: abs, Priority: priority, Added: time.Now().UTC()})
	var d Download
	if ok {
		d, _ = dl.downloadLocked(root)
	}
	dl.mu.Unlock()
	if !ok {
		return Download{}, fmt.Errorf("%w: %s", ErrDownloadExists, root)
	}
	dl.publish(d)
	dl.poke()
	return d, nil
}

// Pause stops a download, keeping its chunks. It answers once the fetch
// has ended (its in-flight chunks written, its store closed): a paused
// download is at rest, nothing more comes into its folder. A fetch that
// an earlier pause stopped and that is still stopping is waited for too.
func (dl *downloads) Pause(root content.Hash) (Download, error) {
	return dl.change(root, func() (func(), bool) {
		if !dl.q.pause(root) {
			return nil, false
		}
		f, running := dl.running[root]
		if !running {
			return nil, true
		}
		return func() { f.cancel(); <-f.done }, true
	})
}

// Resume queues a paused or failed download again.
func (dl *downloads) Resume(root content.Hash) (Download, error) {
	return dl.change(root, func() (func(), bool) { return nil, dl.q.resume(root) })
}

// Prioritise sets a download's priority.
func (dl *downloads) Prioritise(root content.Hash, p int) (Download, error) {
	return dl.change(root, func() (func(), bool) { return nil, dl.q.prioritise(root, p) })
}

// change applies op to root's entry under mu, then, with mu released,
// runs the stop op returns (which may wait for a fetch to end) and tells
// subscribers how the entry stands after it.
func (dl *downloads) change(root content.Hash, op func() (func(), bool)) (Download, error) {
	dl.mu.Lock()
	stop, ok := op()
	d, _ := dl.downloadLocked(root)
	dl.mu.Unlock()
	if !ok {
		return Download{}, fmt.Errorf("%w: %s", ErrUnknownDownload, root)
	}
	if stop != nil {
		stop()
		dl.mu.Lock()
		if now, listed := dl.downloadLocked(root); listed {
			d = now // its progress as the fetch left it
		}
		dl.mu.Unlock()
	}
	dl.publish(d)
	dl.poke()
	return d, nil
}

// Cancel takes a download off the list and stops it. A download not done
// leaves nothing behind: its unfinished chunks (the hidden staging
// folder) are removed and the node stops serving them. Finished files are
// never deleted.
func (dl *downloads) Cancel(root content.Hash) error {
	dl.mu.Lock()
	e, _, ok := dl.q.cancel(root)
	f, running := dl.running[root]
	delete(dl.progress, root)
	delete(dl.results, root)
	delete(dl.wants, root)
	dl.mu.Unlock()
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownDownload, root)
	}
	if running {
		// Stopped (or, paused a moment ago, still stopping) and waited
		// for, so that its store is closed before its folder goes.
		f.cancel()
		<-f.done
	}
	dl.poke()
	// Whoever follows it (another tab, a get waiting on it) learns it left.
	dl.publish(Download{Work: e.Work, Output: e.Output, State: Cancelled, Priority: e.Priority, Added: e.Added})
	if e.State == Done {
		return nil
	}
	if err := dl.d.node.Unserve(root); err != nil && !errors.Is(err, node.ErrNotServed) {
		return err
	}
	return os.RemoveAll(filepath.Join(e.Output, chunkstore.StageName(root)))
}

// wantsOf returns the players' windows of root's download, made on first
// use; nil when root is not on the list.
func (dl *downloads) wantsOf(root content.Hash) *fetch.Wants {
	dl.mu.Lock()
	defer dl.mu.Unlock()
	if dl.q.entries[root] == nil {
		return nil
	}
	w := dl.wants[root]
	if w == nil {
		w = fetch.NewWants()
		dl.wants[root] = w
	}
	return w
}

// List returns every download.
func (dl *downloads) List() []Download {
	dl.mu.Lock()
	defer dl.mu.Unlock()
	var out []Download
	for _, e := range dl.q.list() {
		d, _ := dl.downloadLocked(e.Root)
		out = append(out, d)
	}
	return out
}

// Get returns root's download.
func (dl *downloads) Get(root content.Hash) (Download, error) {
	dl.mu.Lock()
	defer dl.mu.Unlock()
	d, ok := dl.downloadLocked(root)
	if !ok {
		return Download{}, fmt.Errorf("%w: %s", ErrUnknownDownload, root)
	}
	return d, nil
}

func (dl *downloads) downloadLocked(root content.Hash) (Download, bool) {
	e := dl.q.entries[root]
	if e == nil {
		return Download{}, false
	}
	d := Download{Work: e.Work, Output: e.Output, State: e.State, Priority: e.Priority, Added: e.Added, Error: e.Error}
	if p, ok := dl.progress[root]; ok {
		d.Progress = &p
	}
	if e.State == Done {
		d.Result = dl.results[root]
	}
	return d, true
}

// Subscribe returns a channel of download changes; a subscriber that
// falls behind misses intermediate states, never blocks the downloads.
// The function returned ends the subscription.
func (dl *downloads) Subscribe() (<-chan Download, func()) {
	c := make(chan Download, 64)
	dl.mu.Lock()
	dl.subs[c] = struct{}{}
	dl.mu.Unlock()
	return c, func() {
		dl.mu.Lock()
		delete(dl.subs, c)
		dl.mu.Unlock()
	}
}

func (dl *downloads) publish(d Download) {
	dl.mu.Lock()
	defer dl.mu.Unlock()
	for c := range dl.subs {
		select {
		case c <- d:
		default:
		}
	}
}

// writeFileAtomic replaces path with b: a temporary file, synced, renamed.
func writeFileAtomic(path string, b []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
