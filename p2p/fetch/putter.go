package fetch

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
)

// putter verifies and stores received chunks on worker goroutines, so that
// a session's reader can take the next chunk off the network while the
// last one is hashed and written: with one fast holder, receiving (TLS,
// the socket) and storing (SHA-256, the write) then run on two cores
// instead of taking turns on one.
//
// Consecutive chunks go to the disk together: the worker that takes a
// chunk the store can write as part of a run (chunkstore.Store.Mergeable)
// waits up to runWait for the next one, and so on up to runBytes, then
// stores them with one write (chunkstore.Store.PutRun). One worker at a
// time takes chunks off the queue, so a run is never split between two.
//
// Memory stays bounded whatever the number of sessions: each reader owns
// one buffer; to hand a chunk over it must take a spare buffer in
// exchange, and there are only spareBuffers of them for the download.
// Without a spare it stores the chunk itself, as if there were no putter.
type putter struct {
	store  *chunkstore.Store
	events chan<- event
	jobs   chan putJob
	spare  chan []byte
	stop   chan struct{}
	wg     sync.WaitGroup
	take   sync.Mutex // held by the worker taking jobs off the queue
	next   *putJob    // taken, not in a run yet: the next run's start; under take
	maxRun int        // chunks per run
}

// putJob is one received chunk waiting to be stored; buf is the buffer
// data lies in, given back as a spare once the chunk is stored.
type putJob struct {
	c    *conn
	p    peer.ID
	i    int
	data []byte
	buf  []byte
}

// newPutter starts two workers per core: one hashes while the other
// waits for the device (chunks go to the disk with direct I/O, and a
// direct write returns only once the device has the bytes). It keeps
// spareBuffers(chunkSize) spare buffers. ctx bounds the events the
// workers send.
func newPutter(ctx context.Context, store *chunkstore.Store, events chan<- event) *putter {
	workers := 2 * runtime.GOMAXPROCS(0)
	spares := spareBuffers(store.Manifest().ChunkSize())
	pt := &putter{store: store, events: events, jobs: make(chan putJob, spares),
		spare: make(chan []byte, spares), stop: make(chan struct{}),
		maxRun: runChunks(store.Manifest().ChunkSize())}
	for range spares {
		pt.spare <- chunkstore.NewBuffer(store.Manifest().ChunkSize())
	}
	for range workers {
		pt.wg.Add(1)
		go pt.work(ctx)
	}
	return pt
}

// spareBudget bounds the spare buffers' memory, above the floor of one per
// core and one more.
const spareBudget = 8 << 20

// spareBuffers is how many chunks may wait for a worker: two per worker,
// so that a reader always finds a spare while the workers wait for the
// device, and three runs, one being gathered while two are written, within
// spareBudget; never fewer than one per core and one more, whatever the
// chunk size. Measured with scripts/bench-ab.sh (1 GiB in 256 KiB chunks,
// 2 cores), four workers and eight spares against two and three: the get
// faster in 8 of 10 pairs, 0.94× the time (median ratio).
func spareBuffers(chunkSize int) int {
	procs := runtime.GOMAXPROCS(0)
	return max(procs+1, min(max(4*procs, 3*runChunks(chunkSize)), spareBudget/chunkSize))
}

// runBytes is the most one write of consecutive chunks carries. Storing
// 1 GiB in runs of four 256 KiB chunks costs 0.78-0.79 CPU-s against
// 0.91-0.95 chunk by chunk, SHA-256 included, on a 2-core virtual machine
// (BenchmarkStorePutRun against BenchmarkStorePut in p2p/chunkstore).
const runBytes = 1 << 20

// runWait is how long a worker holding the start of a run waits for the
// chunk after its last: a fast holder sends 256 KiB in well under a
// millisecond; from a slow one each chunk is written at most this much
// later than it would have been.
const runWait = 2 * time.Millisecond

// runChunks is how many chunks of chunkSize bytes a run holds at most:
// up to runBytes, and no more than four, so that downloaders of a small
// work still spread over it (the scheduler picks a run at a time:
// sched.Config.Run).
func runChunks(chunkSize int) int { return max(1, min(4, runBytes/chunkSize)) }

func (pt *putter) work(ctx context.Context) {
	defer pt.wg.Done()
	timer := time.NewTimer(runWait)
	timer.Stop()
	for {
		run, ok := pt.takeRun(timer)
		if !ok {
			return
		}
		pt.putRun(ctx, run)
	}
}

// takeRun waits for a job and, when the store can write its chunk as part
// of a run, for the jobs of the chunks after it, each for up to runWait,
// up to maxRun chunks. A job that arrives but does not follow the run
// starts the next one. ok false means the putter stops.
func (pt *putter) takeRun(timer *time.Timer) (run []putJob, ok bool) {
	pt.take.Lock()
	defer pt.take.Unlock()
	if j := pt.next; j != nil {
		pt.next = nil
		run = append(run, *j)
	} else {
		select {
		case <-pt.stop:
			return nil, false
		case j := <-pt.jobs:
			run = append(run, j)
		}
	}
	if pt.maxRun < 2 || !pt.store.Mergeable(run[0].i) {
		return run, true
	}
	timer.Reset(runWait)
	defer timer.Stop()
	for len(run) < pt.maxRun {
		select {
		case <-pt.stop:
			return nil, false
		case <-timer.C:
			return run, true
		case j := <-pt.jobs:
			if j.i != run[len(run)-1].i+1 || !pt.store.Mergeable(j.i) {
				pt.next = &j
				return run, true
			}
			run = append(run, j)
		}
	}
	return run, true
}

// putRun stores the chunks of run, tells the loop how each went and gives
// their buffers back as spares.
func (pt *putter) putRun(ctx context.Context, run []putJob) {
	if len(run) == 1 {
		j := run[0]
		send(ctx, pt.events, pt.put(j.c, j.p, j.i, j.data))
		pt.spare <- j.buf
		return
	}
	chunks := make([][]byte, len(run))
	for k, j := range run {
		chunks[k] = j.data
	}
	errs := pt.store.PutRun(run[0].i, chunks)
	for k, j := range run {
		send(ctx, pt.events, stored(j.c, j.p, j.i, len(j.data), errs[k]))
		pt.spare <- j.buf
	}
}

// handOff gives the chunk in buf to a worker and returns a spare buffer
// to receive the next one into; ok false means there is no spare and the
// caller stores the chunk itself.
func (pt *putter) handOff(c *conn, p peer.ID, i int, data, buf []byte) (next []byte, ok bool) {
	select {
	case next = <-pt.spare:
	default:
		return nil, false
	}
	// Never blocks: a job exists only in exchange for a spare, and there
	// are as many job slots as spares.
	pt.jobs <- putJob{c: c, p: p, i: i, data: data, buf: buf}
	return next, true
}

// put stores chunk i and returns the event that tells the loop how it
// went.
func (pt *putter) put(c *conn, p peer.ID, i int, data []byte) event {
	return stored(c, p, i, len(data), pt.store.Put(i, data))
}

// stored is the event telling the loop that storing chunk i (n bytes from
// p over c) ended with err.
func stored(c *conn, p peer.ID, i, n int, err error) event {
	out := event{peer: p, c: c, chunk: i, kind: evStored, n: n}
	if err != nil {
		out.err = err
		out.kind = evFatal
		if errors.Is(err, content.ErrBadChunk) {
			out.kind = evBad
		}
	}
	return out
}

// close stops the workers and waits for them; chunks still queued are
// dropped (they are not held, and a later run fetches them again).
func (pt *putter) close() {
	close(pt.stop)
	pt.wg.Wait()
}
