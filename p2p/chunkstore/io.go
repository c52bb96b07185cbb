package chunkstore

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"essaim/p2p/content"
)

// Put checks data against chunk i's hash and, if it matches, writes it to
// its place and records it. A chunk already held is accepted without a
// write. On any error (a bad chunk, a full disk) the chunk is not held and
// the store stays consistent.
func (s *Store) Put(i int, data []byte) error {
	if err := s.m.VerifyChunk(i, data); err != nil {
		return err
	}
	return s.put(i, data)
}

// put is Put for data already checked against chunk i's hash.
func (s *Store) put(i int, data []byte) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	if s.held[i] {
		s.mu.Unlock()
		return nil
	}
	var segs [8]content.Segment
	todo := s.m.Segments(i, segs[:0])
	names := make([]string, len(todo))
	for k, sg := range todo {
		names[k] = s.location(sg.Entry)
	}
	s.mu.Unlock()

	for k, sg := range todo {
		if err := s.writeAt(sg.Entry, names[k], data[sg.BufOff:sg.BufOff+sg.Len], sg.Offset); err != nil {
			return fmt.Errorf("store chunk %d in %s: %w", i, s.m.Files()[sg.Entry].Path, err)
		}
	}
	return s.record(i, todo)
}

// record makes chunk i, written at todo, held: a journal record, then the
// in-memory state.
func (s *Store) record(i int, todo []content.Segment) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.held[i] {
		return nil
	}
	// The record goes at the known end, so a torn earlier attempt is
	// overwritten rather than left in the middle of the journal.
	if _, err := s.journal.WriteAt(appendRecord(nil, uint32(i)), s.jlen); err != nil {
		return fmt.Errorf("record chunk %d: %w", i, err)
	}
	s.jlen += recordLen
	s.held[i] = true
	s.nheld++
	for _, sg := range todo {
		s.dirty[sg.Entry] = true
	}
	return nil
}

// Mergeable reports whether chunk i can be part of a run PutRun writes
// with one system call: writes go straight to the device, and the chunk
// fills a whole aligned ChunkSize of a single file.
func (s *Store) Mergeable(i int) bool {
	if !s.Direct() || i < 0 || i >= s.m.NumChunks() || s.m.ChunkLen(i) != s.m.ChunkSize() {
		return false
	}
	var segs [8]content.Segment
	todo := s.m.Segments(i, segs[:0])
	return len(todo) == 1 && todo[0].Offset%directAlign == 0 && s.m.ChunkSize()%directAlign == 0
}

// PutRun stores the consecutive chunks first, first+1, ... held in
// chunks, as Put stores each, and returns Put's error for each (nil
// entries when all went well). When every chunk of the run matches its
// hash, is Mergeable, is not held yet and lies right after the one before
// in the same file, the run goes to the device in one system call: a
// device request costs the kernel about as much as the bytes it carries
// at 256 KiB. BenchmarkStorePutRun against BenchmarkStorePut (1 GiB in
// 256 KiB chunks, a 2-core virtual machine): 0.78-0.79 against 0.91-0.95
// CPU-s per GiB, SHA-256 included, and 0.70-0.72 against 0.95 s of wall
// time. Otherwise each chunk is stored as Put would.
func (s *Store) PutRun(first int, chunks [][]byte) []error {
	errs := make([]error, len(chunks))
	whole := len(chunks) > 1
	for k, data := range chunks {
		errs[k] = s.m.VerifyChunk(first+k, data)
		whole = whole && errs[k] == nil && s.Mergeable(first+k) && aligned(data, 0)
	}
	if whole {
		if done, err := s.putRun(first, chunks); done {
			for k := range errs {
				errs[k] = err
			}
			return errs
		}
	}
	for k, data := range chunks {
		if errs[k] == nil {
			errs[k] = s.put(first+k, data)
		}
	}
	return errs
}

// putRun writes the verified, mergeable chunks first, first+1, ... with
// one direct write and records them. done false means nothing was written
// and the caller stores them one by one: a chunk of the run is held
// already, the run crosses a file, or the filesystem refused the write.
func (s *Store) putRun(first int, chunks [][]byte) (done bool, err error) {
	var segs [8]content.Segment
	start := s.m.Segments(first, segs[:0])[0]
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return true, ErrClosed
	}
	for k := range chunks {
		sg := s.m.Segments(first+k, segs[:0])[0]
		if s.held[first+k] || sg.Entry != start.Entry || sg.Offset != start.Offset+int64(k*s.m.ChunkSize()) {
			s.mu.Unlock()
			return false, nil
		}
	}
	name := s.location(start.Entry)
	s.mu.Unlock()

	h, err := s.acquireDirect(start.Entry, name)
	if err != nil {
		return true, err
	}
	err = writevFull(h.f, chunks, start.Offset)
	s.releaseDirect(h)
	if errors.Is(err, syscall.EINVAL) {
		// As in writeAt: no direct I/O here; one by one, through the page
		// cache.
		s.noDirect.Store(true)
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("store chunks %d-%d in %s: %w", first, first+len(chunks)-1, s.m.Files()[start.Entry].Path, err)
	}
	for k := range chunks {
		if err := s.record(first+k, s.m.Segments(first+k, segs[:0])); err != nil {
			return true, err
		}
	}
	return true, nil
}

// writevFull writes bufs one after the other at off, with as few calls of
// directWritevAt as the kernel allows.
func writevFull(f *os.File, bufs [][]byte, off int64) error {
	for len(bufs) > 0 {
		n, err := directWritevAt(f, bufs, off)
		if err != nil {
			return err
		}
		if n <= 0 {
			return fmt.Errorf("write at %d: %w", off, io.ErrShortWrite)
		}
		off += int64(n)
		for len(bufs) > 0 && n >= len(bufs[0]) {
			n -= len(bufs[0])
			bufs = bufs[1:]
		}
		if n > 0 {
			// A write that stops inside a buffer: the rest of it goes
			// alone, at an offset that may no longer be aligned.
			if _, err := f.WriteAt(bufs[0][n:], off); err != nil {
				return err
			}
			off += int64(len(bufs[0]) - n)
			bufs = bufs[1:]
		}
	}
	return nil
}

// writeAt writes p at off in entry's staging file, name: straight to the
// device when p, off and the filesystem allow it (see NewBuffer), through
// the page cache otherwise.
func (s *Store) writeAt(entry int, name string, p []byte, off int64) error {
	if s.Direct() && aligned(p, off) {
		err := s.writeDirect(entry, name, p, off)
		if !errors.Is(err, syscall.EINVAL) {
			return err
		}
		// The filesystem does not do direct I/O (or not with this
		// alignment): nothing was written; from now on, the page cache.
		s.noDirect.Store(true)
	}
	return s.writeBuffered(name, p, off)
}

// UsePageCache makes every later write go through the page cache, as on a
// filesystem without direct I/O: for disks that seek, where the kernel's
// writeback puts chunks that arrived out of order back in order.
func (s *Store) UsePageCache() { s.noDirect.Store(true) }

// Direct reports whether aligned chunks still go straight to the disk:
// false after UsePageCache, after a filesystem refused a direct write, and
// where direct I/O does not exist.
func (s *Store) Direct() bool { return directFlag != 0 && !s.noDirect.Load() }

// writeDirect writes with O_DIRECT. Measured with BenchmarkStorePut (1 GiB,
// a 2-core virtual machine), storing costs 0.95-1.0 CPU-s per GiB with
// direct writes, SHA-256 included, against 0.95-1.4 through the page cache
// and more when the host has taken the cache's pages back
// (docs/BENCHMARKS.md); the fsync in Finish has little left to wait for.
// Writes of several chunks run at once: the device queues them.
func (s *Store) writeDirect(entry int, name string, p []byte, off int64) error {
	h, err := s.acquireDirect(entry, name)
	if err != nil {
		return err
	}
	defer s.releaseDirect(h)
	_, err = directWriteAt(h.f, p, off)
	return err
}

// directWriteAt is (*os.File).WriteAt; tests replace it to play a
// filesystem that refuses direct writes.
var directWriteAt = (*os.File).WriteAt

func (s *Store) writeBuffered(name string, p []byte, off int64) error {
	// One chunk's buffered writes at a time: the kernel serialises writes
	// to a file anyway (the inode's lock), and a second writer waiting for
	// that lock spins on a core; waiting here parks it instead
	// (`perf record -a` beside scripts/bench-vs-libtorrent.sh 1 a:
	// rwsem_spin_on_owner 3.8% of the essaim processes' cycles, 0.6% with
	// this lock).
	s.wmu.Lock()
	defer s.wmu.Unlock()
	f, err := s.root.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteAt(p, off)
	if err == nil {
		startWriteback(f, off, int64(len(p)))
	}
	return errors.Join(err, f.Close())
}

// ReadChunk reads held chunk i into buf (at least ChunkSize bytes) and
// returns the filled part, for serving it onward.
func (s *Store) ReadChunk(i int, buf []byte) ([]byte, error) {
	s.mu.Lock()
	closed, held := s.closed, i >= 0 && i < len(s.held) && s.held[i]
	s.mu.Unlock()
	switch {
	case closed:
		return nil, ErrClosed
	case !held:
		return nil, fmt.Errorf("%w: %d", ErrNotHeld, i)
	}
	return content.ReadChunkFrom(s.root, s.m, i, buf, s.lockedLocation)
}

// Verify re-hashes every chunk on disk, held or not: chunks that match
// become held (even if the journal never recorded them), chunks that do not
// are dropped and will be fetched again. It returns how many are held.
func (s *Store) Verify() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, ErrClosed
	}
	if s.done {
		return s.nheld, nil
	}
	s.verify(s.allChunks())
	if err := s.rewriteJournal(); err != nil {
		// The old journal may still list a chunk just found bad.
		s.suspect = true
		return s.nheld, err
	}
	return s.nheld, nil
}

func (s *Store) allChunks() []int {
	all := make([]int, s.m.NumChunks())
	for i := range all {
		all[i] = i
	}
	return all
}

func (s *Store) heldChunks() []int {
	var held []int
	for i, h := range s.held {
		if h {
			held = append(held, i)
		}
	}
	return held
}

// verify re-hashes the given chunks from disk with one worker per CPU and
// marks each held or not by the result. It returns those that failed. The
// caller holds mu (or has the store to itself during Open).
func (s *Store) verify(chunks []int) (bad []int) {
	ok := make([]bool, len(chunks))
	var wg sync.WaitGroup
	var next sync.Mutex
	k := 0
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, s.m.ChunkSize())
			for {
				next.Lock()
				j := k
				k++
				next.Unlock()
				if j >= len(chunks) {
					return
				}
				data, err := content.ReadChunkFrom(s.root, s.m, chunks[j], buf, s.location)
				ok[j] = err == nil && s.m.VerifyChunk(chunks[j], data) == nil
			}
		}()
	}
	wg.Wait()
	for j, i := range chunks {
		if ok[j] != s.held[i] {
			s.held[i] = ok[j]
			if ok[j] {
				s.nheld++
			} else {
				s.nheld--
			}
		}
		if !ok[j] {
			bad = append(bad, i)
		}
	}
	return bad
}

// rewriteJournal replaces the journal with one listing exactly the held
// chunks: written to a temporary name, synced, renamed over the old one.
// The caller holds mu.
func (s *Store) rewriteJournal() error {
	b := journalHeader(s.m.Root())
	for i, h := range s.held {
		if h {
			b = appendRecord(b, uint32(i))
		}
	}
	tmp := s.stagePath(journalName + ".new")
	f, err := s.root.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = s.root.Rename(tmp, s.stagePath(journalName))
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("rewrite journal: %w", err)
	}
	s.releaseJournal()
	s.journal = f
	s.jlen = int64(len(b))
	return s.syncDir(s.stage)
}

// Finish puts the complete work in place: it syncs every staging file,
// renames each to its final name (creating folders and empty folders as
// listed), syncs the folders and removes the staging folder. It refuses,
// changing nothing, when a final name is already taken. Calling it again
// after a crash completes what was left.
func (s *Store) Finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return ErrClosed
	case s.done:
		return nil
	case s.nheld < len(s.held):
		return fmt.Errorf("%w: %d of %d chunks", ErrIncomplete, s.nheld, len(s.held))
	}
	if err := s.checkTargets(); err != nil {
		return err
	}
	s.dropHandles()
	files, now := s.m.Files(), time.Now()
	for i, e := range files {
		if !e.Dir && !s.moved[i] {
			// Still staged, the file has no writer but the store: dated
			// back, its state can be recorded without waiting for the
			// clock to move on (content.Backdate). A file system that
			// refuses leaves the time as it is, and the recording waits.
			content.Backdate(s.root, s.location(i), now)
			if err := s.syncFile(s.location(i)); err != nil {
				return err
			}
		}
	}
	dirs := map[string]bool{".": true}
	for i, e := range files {
		parent := path.Dir(e.Path)
		if parent != "." {
			if err := s.root.MkdirAll(parent, 0o755); err != nil {
				return fmt.Errorf("create %s: %w", parent, err)
			}
		}
		for d := parent; d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
		if e.Dir {
			if err := s.root.MkdirAll(e.Path, 0o755); err != nil {
				return fmt.Errorf("create %s: %w", e.Path, err)
			}
			continue
		}
		if s.moved[i] {
			continue
		}
		if err := s.root.Rename(s.location(i), e.Path); err != nil {
			return fmt.Errorf("move %s into place: %w", e.Path, err)
		}
		s.moved[i] = true
	}
	// Deepest first, so that each folder's entry in its parent is durable
	// once the parent is synced.
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	sort.Slice(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	for _, d := range sorted {
		if err := s.syncDir(d); err != nil {
			return err
		}
	}
	if err := s.root.Remove(s.stagePath(journalName)); err != nil {
		return err
	}
	s.releaseJournal()
	if err := s.root.RemoveAll(s.stage); err != nil {
		return err
	}
	s.done = true
	return nil
}

// checkTargets makes sure, before Finish changes anything, that every name
// it will use is free: no file at a final name still to be filled, and
// nothing but a folder at a folder's name. The caller holds mu.
func (s *Store) checkTargets() error {
	checked := map[string]bool{}
	mustBeDir := func(d string) error {
		if checked[d] {
			return nil
		}
		checked[d] = true
		fi, err := s.root.Lstat(d)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return fmt.Errorf("%s: %w", d, err)
		case !fi.IsDir():
			return fmt.Errorf("%s: %w and is not a folder", d, ErrExists)
		}
		return nil
	}
	for i, e := range s.m.Files() {
		for d := path.Dir(e.Path); d != "."; d = path.Dir(d) {
			if err := mustBeDir(d); err != nil {
				return err
			}
		}
		switch {
		case e.Dir:
			if err := mustBeDir(e.Path); err != nil {
				return err
			}
		case !s.moved[i]:
			if _, err := s.root.Lstat(e.Path); !errors.Is(err, fs.ErrNotExist) {
				if err == nil {
					err = ErrExists
				}
				return fmt.Errorf("%s: %w", e.Path, err)
			}
		}
	}
	return nil
}

// Close syncs what was written, marks the journal clean (so the next Open
// trusts it without re-hashing) and releases the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.dropHandles()
	var err error
	if s.journal != nil {
		if !s.suspect {
			err = s.markClean()
		}
		s.releaseJournal()
	}
	return errors.Join(err, s.root.Close())
}

func (s *Store) markClean() error {
	for e := range s.dirty {
		if err := s.syncFile(s.location(e)); err != nil {
			return err
		}
	}
	if err := s.journal.Sync(); err != nil {
		return err
	}
	if _, err := s.journal.WriteAt(appendRecord(nil, cleanIndex), s.jlen); err != nil {
		return err
	}
	return s.journal.Sync()
}

func (s *Store) syncFile(name string) error {
	f, err := s.root.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

func (s *Store) syncDir(name string) error {
	f, err := s.root.Open(name)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

// takeJournal makes f the store's journal, locked against other stores.
func (s *Store) takeJournal(f *os.File) error {
	if err := lockFile(f); err != nil {
		f.Close()
		return err
	}
	s.journal = f
	return nil
}

func (s *Store) releaseJournal() {
	if s.journal != nil {
		s.journal.Close() // closing the descriptor drops its lock
		s.journal = nil
	}
}

// directAlign is what the offset, the length and the address of a direct
// write must be multiples of: the largest logical block size of common
// devices, and the page size.
const directAlign = content.BufferAlign

// NewBuffer returns a zeroed buffer of n bytes whose start is aligned for
// direct writes: a chunk received into it, at its start, goes to the
// device without a copy through the page cache (every chunk but a work's
// last, whose length is rarely a multiple of the alignment, and chunks
// whose files start or end inside them).
func NewBuffer(n int) []byte { return content.AlignedBuffer(0, n) }

func aligned(p []byte, off int64) bool {
	return len(p) > 0 && off%directAlign == 0 && len(p)%directAlign == 0 &&
		uintptr(unsafe.Pointer(&p[0]))%directAlign == 0
}
