package fetch

import (
	"context"
	"errors"
	"runtime"
	"sync"

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
		spare: make(chan []byte, spares), stop: make(chan struct{})}
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
// device, within spareBudget; never fewer than one per core and one more,
// whatever the chunk size. Measured with scripts/bench-ab.sh (1 GiB in
// 256 KiB chunks, 2 cores), four workers and eight spares against two and
// three: the get faster in 8 of 10 pairs, 0.94× the time (median ratio).
func spareBuffers(chunkSize int) int {
	procs := runtime.GOMAXPROCS(0)
	return max(procs+1, min(4*procs, spareBudget/chunkSize))
}

func (pt *putter) work(ctx context.Context) {
	defer pt.wg.Done()
	for {
		select {
		case <-pt.stop:
			return
		case j := <-pt.jobs:
			send(ctx, pt.events, pt.put(j.c, j.p, j.i, j.data))
			pt.spare <- j.buf
		}
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
	out := event{peer: p, c: c, chunk: i, kind: evStored, n: len(data)}
	if err := pt.store.Put(i, data); err != nil {
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
