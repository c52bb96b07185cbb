package content

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// ErrChanged means a file on disk no longer matches the manifest built from
// it: it was edited, truncated or replaced after hashing.
var ErrChanged = errors.New("file changed since it was hashed")

// Source reads the chunks of a work in place from its files on disk, the
// creator's own copy: nothing is copied to seed it. Every read goes through
// an os.Root at the work's base folder, so no manifest path and no symlink
// can make it read outside that folder. It is safe for concurrent use.
//
// A source must not serve bytes that no longer match the manifest (a file
// edited after hashing): the downloader would reject them and penalise the
// node. Hashing every chunk on every read costs about 0.6 CPU-seconds per
// GiB served, on top of the downloader's own check, so a chunk is hashed
// only when the files it touches have changed since it last matched: each
// chunk keeps the stamp (size, modification time, inode, device of its
// files: see racyWindow) under which it was last verified, and a read whose
// files still have that stamp, before and after reading, returns the bytes
// unhashed. Chunks hashed by Build in this process start verified.
//
// The trade-off: an edit that keeps a file's size, modification time and
// inode, which takes a deliberate forgery, is served unhashed. The
// downloader verifies every chunk and rejects it, so no bad byte reaches
// anyone's disk; the check here only saves honest nodes from serving stale
// data, and hashing on every read would not stop a dishonest one.
type Source struct {
	m    *Manifest
	root *os.Root

	// verified[i] is the stamp under which chunk i last matched its leaf,
	// 0 for none. Any ReadChunk loads and stores it, without a lock: each
	// value stored was true of the bytes read under it, so a lost or stale
	// store costs at most one more hash.
	verified []atomic.Uint64
	hashed   atomic.Int64 // chunks ReadChunk has hashed, for tests
}

// OpenSource opens the work at path (a file or a folder, as given to Build)
// for reading the chunks of m. When m was built in this process, the chunks
// whose files have not changed since are trusted without a hash; otherwise
// each chunk is hashed the first time it is read.
func OpenSource(path string, m *Manifest) (*Source, error) {
	now := time.Now() // before any stat, as ReadChunk does
	root, err := openWorkRoot(path)
	if err != nil {
		return nil, err
	}
	s := &Source{m: m, root: root, verified: make([]atomic.Uint64, m.NumChunks())}
	if m.stamps != nil {
		s.seed(now)
	}
	return s, nil
}

// openWorkRoot opens the base folder of the work at path.
func openWorkRoot(path string) (*os.Root, error) {
	base, _, err := workBase(path)
	if err != nil {
		return nil, err
	}
	return os.OpenRoot(base)
}

// Manifest returns the manifest the source serves.
func (s *Source) Manifest() *Manifest { return s.m }

// Close releases the source's folder handle.
func (s *Source) Close() error { return s.root.Close() }

// ReadChunk reads chunk i into buf (which must hold ChunkSize bytes), checks
// it against its hash unless its files are unchanged since it last matched,
// and returns the filled part of buf. A mismatch is ErrChanged: the source
// must not serve that chunk.
func (s *Source) ReadChunk(i int, buf []byte) ([]byte, error) {
	// The clock is read before any file is, so that a file modified after
	// this instant cannot keep a settled modification time.
	now := time.Now()
	n, err := checkChunkBuf(s.m, i, buf)
	if err != nil {
		return nil, err
	}
	var (
		segs  [8]Segment
		stamp uint64
	)
	for k, sg := range s.m.Segments(i, segs[:0]) {
		p := s.m.files[sg.Entry].Path
		fst, err := readStamped(s.root, p, buf[sg.BufOff:sg.BufOff+sg.Len], sg.Offset, now)
		if err != nil {
			s.verified[i].Store(0) // what was verified is gone or unreadable
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		stamp = addStamp(stamp, k == 0, fst)
	}
	data := buf[:n]
	rec := &s.verified[i]
	if stamp != 0 && rec.Load() == stamp {
		return data, nil
	}
	s.hashed.Add(1)
	if LeafHash(data) != s.m.leaves[i] {
		rec.Store(0)
		return nil, fmt.Errorf("%w: chunk %d differs", ErrChanged, i)
	}
	if stamp != 0 {
		rec.Store(stamp)
	}
	return data, nil
}

// readStamped reads len(p) bytes at off from the file name under root and
// returns the stamp of the file they came from. It states the open file,
// not the name: a stat by name could describe another file than the one
// read if the name were swapped in between (and back), and fstat is cheaper
// than a path walk. It states it before and after the read; unless both
// agree (an edit raced the read) the stamp is 0 and the hash decides.
func readStamped(root *os.Root, name string, p []byte, off int64, now time.Time) (uint64, error) {
	f, err := root.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if err := readFull(f, p, off); err != nil {
		return 0, err
	}
	after, err := f.Stat()
	if err != nil {
		return 0, err
	}
	st, ok := stateOf(before, now)
	if st2, ok2 := stateOf(after, now); st2 != st || !ok2 {
		ok = false
	}
	return fileStamp(st, ok), nil
}

// ReadChunkFrom reads chunk i of m from the files under root into buf (which
// must hold ChunkSize bytes) and returns the filled part. name maps an entry
// to the file that holds its bytes; nil means the entry's own path. It does
// not check the data against its hash.
func ReadChunkFrom(root *os.Root, m *Manifest, i int, buf []byte, name func(entry int) string) ([]byte, error) {
	n, err := checkChunkBuf(m, i, buf)
	if err != nil {
		return nil, err
	}
	var segs [8]Segment
	for _, sg := range m.Segments(i, segs[:0]) {
		p := m.files[sg.Entry].Path
		if name != nil {
			p = name(sg.Entry)
		}
		if err := readAt(root, p, buf[sg.BufOff:sg.BufOff+sg.Len], sg.Offset); err != nil {
			return nil, fmt.Errorf("read %s: %w", m.files[sg.Entry].Path, err)
		}
	}
	return buf[:n], nil
}

// checkChunkBuf returns the length of chunk i of m, checking that i is in
// range and that buf can hold it.
func checkChunkBuf(m *Manifest, i int, buf []byte) (int, error) {
	n := m.ChunkLen(i)
	if n == 0 {
		return 0, fmt.Errorf("%w: %d of %d", ErrChunkIndex, i, m.NumChunks())
	}
	if len(buf) < n {
		return 0, fmt.Errorf("read chunk %d: buffer of %d bytes, need %d", i, len(buf), n)
	}
	return n, nil
}

func readAt(root *os.Root, name string, p []byte, off int64) error {
	f, err := root.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return readFull(f, p, off)
}

// readFull fills p from f at off; a file that ends first is ErrChanged.
func readFull(f *os.File, p []byte, off int64) error {
	if _, err := f.ReadAt(p, off); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%w: shorter than listed", ErrChanged)
		}
		return err
	}
	return nil
}
