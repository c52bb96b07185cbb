package content

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrChanged means a file on disk no longer matches the manifest built from
// it: it was edited, truncated or replaced after hashing.
var ErrChanged = errors.New("file changed since it was hashed")

// Source reads the chunks of a work in place from its files on disk, the
// creator's own copy: nothing is copied to seed it. Every read goes through
// an os.Root at the work's base folder, so no manifest path and no symlink
// can make it read outside that folder. It is safe for concurrent use.
type Source struct {
	m    *Manifest
	root *os.Root
}

// OpenSource opens the work at path (a file or a folder, as given to Build)
// for reading the chunks of m.
func OpenSource(path string, m *Manifest) (*Source, error) {
	base, _, err := workBase(path)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(base)
	if err != nil {
		return nil, err
	}
	return &Source{m: m, root: root}, nil
}

// Manifest returns the manifest the source serves.
func (s *Source) Manifest() *Manifest { return s.m }

// Close releases the source's folder handle.
func (s *Source) Close() error { return s.root.Close() }

// ReadChunk reads chunk i into buf (which must hold ChunkSize bytes), checks
// it against its hash and returns the filled part of buf. A mismatch is
// ErrChanged: the source must not serve that chunk.
func (s *Source) ReadChunk(i int, buf []byte) ([]byte, error) {
	data, err := ReadChunkFrom(s.root, s.m, i, buf, nil)
	if err != nil {
		return nil, err
	}
	if LeafHash(data) != s.m.leaves[i] {
		return nil, fmt.Errorf("%w: chunk %d differs", ErrChanged, i)
	}
	return data, nil
}

// ReadChunkFrom reads chunk i of m from the files under root into buf (which
// must hold ChunkSize bytes) and returns the filled part. name maps an entry
// to the file that holds its bytes; nil means the entry's own path. It does
// not check the data against its hash.
func ReadChunkFrom(root *os.Root, m *Manifest, i int, buf []byte, name func(entry int) string) ([]byte, error) {
	n := m.ChunkLen(i)
	if n == 0 {
		return nil, fmt.Errorf("%w: %d of %d", ErrChunkIndex, i, m.NumChunks())
	}
	if len(buf) < n {
		return nil, fmt.Errorf("read chunk %d: buffer of %d bytes, need %d", i, len(buf), n)
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

func readAt(root *os.Root, name string, p []byte, off int64) error {
	f, err := root.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.ReadAt(p, off); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%w: shorter than listed", ErrChanged)
		}
		return err
	}
	return nil
}
