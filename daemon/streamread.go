package daemon

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"essaim/p2p/content"
	"essaim/p2p/fetch"
	"essaim/p2p/sched"
)

// Read-ahead of a stream: the window a reader asks the download for, from
// the chunk under it, sized to readAhead of reading at its observed rate,
// between minAhead and maxAhead chunks. Before the rate is known it is
// taken as assumedRate.
const (
	readAhead   = 8 * time.Second
	minAhead    = 4
	maxAhead    = 64
	assumedRate = 4 << 20
	// pollHeld is how often a waiting reader looks again at the chunks
	// held, besides being woken by each new one.
	pollHeld = 100 * time.Millisecond
)

// errChunkTimeout ends a read whose chunk did not come in time.
var errChunkTimeout = errors.New("the holders have not sent this part of the work in time")

// fileReader reads one file of a work as the node holds it, complete or
// downloading: only verified chunks, waiting for missing ones (and telling
// the download which ones it wants, by when), for a stream's HTTP
// handler (io.ReadSeeker for http.ServeContent).
type fileReader struct {
	ctx     context.Context
	d       *Daemon
	root    content.Hash
	m       *content.Manifest
	start   int64 // the file's offset in the work's stream of bytes
	size    int64
	pos     int64
	wants   *fetch.Wants // nil: the work is not downloading
	id      string       // this reader's name in wants
	timeout time.Duration

	buf    []byte
	data   []byte // chunk idx's bytes, in buf
	idx    int
	began  time.Time
	served int64
	wanted int // the chunk the window last started at, -1 for none
}

// fileAt locates path in m: its offset in the work and its size.
func fileAt(m *content.Manifest, path string) (start, size int64, ok bool) {
	for _, e := range m.Files() {
		if e.Path == path && !e.Dir {
			return start, e.Size, true
		}
		start += e.Size
	}
	return 0, 0, false
}

func (r *fileReader) Read(p []byte) (int, error) {
	if r.pos >= r.size {
		return 0, io.EOF
	}
	off := r.start + r.pos
	cs := int64(r.m.ChunkSize())
	i := int(off / cs)
	if r.data == nil || i != r.idx {
		data, err := r.chunk(i)
		if err != nil {
			return 0, err
		}
		r.data, r.idx = data, i
	}
	n := copy(p, r.data[off-int64(i)*cs:])
	n = int(min(int64(n), r.size-r.pos))
	r.pos += int64(n)
	r.served += int64(n)
	return n, nil
}

func (r *fileReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.pos
	case io.SeekEnd:
		offset += r.size
	default:
		return 0, fmt.Errorf("seek: whence %d", whence)
	}
	if offset < 0 {
		return 0, errors.New("seek before the start of the file")
	}
	r.pos = offset
	return offset, nil
}

// chunk returns chunk i's verified bytes, waiting for them when the node
// does not hold them yet, at most r.timeout. The right to the work is
// checked again first (a cached answer, which the chain's head renews):
// a stream stops when the right ends, as a holder's does.
func (r *fileReader) chunk(i int) ([]byte, error) {
	if err := r.d.mayStream(r.ctx, r.root); err != nil {
		return nil, err
	}
	r.want(i)
	deadline := time.NewTimer(r.timeout)
	defer deadline.Stop()
	tick := time.NewTicker(pollHeld)
	defer tick.Stop()
	for {
		// Looked up each time: a download that finishes swaps its store
		// for its files.
		c, ok := r.d.node.Chunks(r.root)
		var arrived <-chan int
		stop := func() {}
		if ok {
			arrived, stop = c.Watch()
			if c.Held().Has(i) {
				data, err := c.ReadChunk(i, r.buf)
				stop()
				if err == nil {
					return data, nil
				}
			}
		}
		select {
		case <-arrived:
		case <-tick.C:
		case <-r.ctx.Done():
			stop()
			return nil, r.ctx.Err()
		case <-deadline.C:
			stop()
			return nil, fmt.Errorf("%w (chunk %d, %s)", errChunkTimeout, i, r.timeout)
		}
		stop()
	}
}

// want tells the download, when there is one, the window from chunk i:
// its read-ahead at the rate the reader has read so far.
func (r *fileReader) want(i int) {
	if r.wants == nil || i == r.wanted {
		return
	}
	r.wanted = i
	rate := float64(assumedRate)
	if el := time.Since(r.began).Seconds(); el > 1 && r.served > 0 {
		rate = float64(r.served) / el
	}
	cs := float64(r.m.ChunkSize())
	ahead := min(max(int(rate*readAhead.Seconds()/cs), minAhead), maxAhead)
	per := time.Duration(cs / max(rate, 1) * float64(time.Second))
	r.wants.Set(r.id, sched.Window{From: i, To: i + ahead, Start: time.Now(), Per: per})
}

// close takes the reader's window back.
func (r *fileReader) close() {
	if r.wants != nil {
		r.wants.Clear(r.id)
	}
}
