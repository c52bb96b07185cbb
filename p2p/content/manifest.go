package content

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Manifest wire-format constants.
const (
	manifestMagic = "esmf"
	// MaxFileListBytes bounds the encoded file list inside a manifest.
	MaxFileListBytes = 16 << 20
	// MaxManifestBytes bounds a whole encoded manifest; a reader of
	// untrusted input never needs to buffer more.
	MaxManifestBytes = len(manifestMagic) + 2 + MaxFileListBytes + 4 + 32*MaxChunks
)

// Errors about chunks and roots.
var (
	// ErrRootMismatch means a manifest does not hash to the expected root.
	ErrRootMismatch = errors.New("manifest does not match the content root")
	// ErrBadChunk means chunk data does not hash to its leaf.
	ErrBadChunk = errors.New("chunk does not match its hash")
	// ErrChunkIndex means a chunk index is outside the work.
	ErrChunkIndex = errors.New("chunk index out of range")
)

// Manifest is a work's file list and chunk hashes, checked against each
// other. It is immutable once built.
type Manifest struct {
	chunkLog2 uint8
	files     FileList
	leaves    []Hash
	size      int64
	root      Hash
	spans     []span   // files with bytes, in order, with their offset in the work
	stamps    []uint64 // by entry, when Build hashed the files in this process: see OpenSource; never encoded
}

type span struct {
	entry int
	start int64
}

// Segment is the part of one file that a chunk covers.
type Segment struct {
	Entry  int   // index into Files()
	Offset int64 // offset in that file
	Len    int   // bytes
	BufOff int   // offset of those bytes within the chunk
}

// NewManifest checks files and leaves against each other and returns the
// manifest they form.
func NewManifest(files FileList, chunkLog2 uint8, leaves []Hash) (*Manifest, error) {
	if err := CheckChunkLog2(chunkLog2); err != nil {
		return nil, err
	}
	if err := files.Check(); err != nil {
		return nil, err
	}
	size := files.Size()
	want := numChunks(size, chunkLog2)
	if want > MaxChunks {
		return nil, fmt.Errorf("%w: %d chunks, more than %d: use a larger chunk size", ErrMalformed, want, MaxChunks)
	}
	if int64(len(leaves)) != want {
		return nil, fmt.Errorf("%w: %d chunk hashes for %d bytes in chunks of %d (want %d)", ErrMalformed, len(leaves), size, int64(1)<<chunkLog2, want)
	}
	m := layout(files, chunkLog2, leaves)
	m.root = computeRoot(chunkLog2, TreeRoot(leaves), files.Hash())
	return m, nil
}

// layout returns a manifest without its root, for checked inputs.
func layout(files FileList, chunkLog2 uint8, leaves []Hash) *Manifest {
	m := &Manifest{chunkLog2: chunkLog2, files: files, leaves: leaves, size: files.Size()}
	var off int64
	for i, e := range files {
		if e.Size > 0 {
			m.spans = append(m.spans, span{entry: i, start: off})
			off += e.Size
		}
	}
	return m
}

// computeRoot is SHA-256(0x03 || version || chunkLog2 || data root || file-list hash).
func computeRoot(chunkLog2 uint8, dataRoot, filesHash Hash) Hash {
	var msg [1 + 1 + 1 + 32 + 32]byte
	msg[0] = tagRoot
	msg[1] = FormatVersion
	msg[2] = chunkLog2
	copy(msg[3:35], dataRoot[:])
	copy(msg[35:], filesHash[:])
	return sha256.Sum256(msg[:])
}

// Root returns the content root.
func (m *Manifest) Root() Hash { return m.root }

// ChunkLog2 returns log2 of the chunk size.
func (m *Manifest) ChunkLog2() uint8 { return m.chunkLog2 }

// ChunkSize returns the chunk size in bytes.
func (m *Manifest) ChunkSize() int { return 1 << m.chunkLog2 }

// Size returns the work's total bytes.
func (m *Manifest) Size() int64 { return m.size }

// NumChunks returns the number of chunks.
func (m *Manifest) NumChunks() int { return len(m.leaves) }

// Files returns the file list. The caller must not modify it.
func (m *Manifest) Files() FileList { return m.files }

// Leaf returns the hash of chunk i; i must be in range.
func (m *Manifest) Leaf(i int) Hash { return m.leaves[i] }

// ChunkLen returns the length of chunk i: the chunk size, or less for the
// last chunk. It returns 0 when i is out of range.
func (m *Manifest) ChunkLen(i int) int {
	if i < 0 || i >= len(m.leaves) {
		return 0
	}
	start := int64(i) << m.chunkLog2
	return int(min(int64(1)<<m.chunkLog2, m.size-start))
}

// VerifyChunk reports whether data is chunk i: one hash.
func (m *Manifest) VerifyChunk(i int, data []byte) error {
	if i < 0 || i >= len(m.leaves) {
		return fmt.Errorf("%w: %d of %d", ErrChunkIndex, i, len(m.leaves))
	}
	if len(data) != m.ChunkLen(i) {
		return fmt.Errorf("%w: chunk %d is %d bytes, want %d", ErrBadChunk, i, len(data), m.ChunkLen(i))
	}
	if LeafHash(data) != m.leaves[i] {
		return fmt.Errorf("%w: chunk %d", ErrBadChunk, i)
	}
	return nil
}

// Segments appends to dst the file ranges that chunk i covers, in order.
func (m *Manifest) Segments(i int, dst []Segment) []Segment {
	n := m.ChunkLen(i)
	if n == 0 {
		return dst
	}
	start := int64(i) << m.chunkLog2
	// The last span starting at or before start holds its first byte.
	k := sort.Search(len(m.spans), func(j int) bool { return m.spans[j].start > start }) - 1
	bufOff := 0
	for ; bufOff < n && k < len(m.spans); k++ {
		sp := m.spans[k]
		fileOff := start + int64(bufOff) - sp.start
		l := int(min(int64(n-bufOff), m.files[sp.entry].Size-fileOff))
		dst = append(dst, Segment{Entry: sp.entry, Offset: fileOff, Len: l, BufOff: bufOff})
		bufOff += l
	}
	return dst
}

// MarshalBinary encodes the manifest:
//
//	"esmf" || version u8 || chunkLog2 u8 || file list || chunk count u32 || leaves
func (m *Manifest) MarshalBinary() ([]byte, error) {
	fl := m.files.Encode()
	b := make([]byte, 0, len(manifestMagic)+2+len(fl)+4+32*len(m.leaves))
	b = append(b, manifestMagic...)
	b = append(b, FormatVersion, m.chunkLog2)
	b = append(b, fl...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(m.leaves)))
	for i := range m.leaves {
		b = append(b, m.leaves[i][:]...)
	}
	return b, nil
}

// Parse decodes an untrusted manifest and accepts it only if it hashes to
// root. Decoding is strict (every byte accounted for, canonical file list)
// and bounded by MaxManifestBytes, MaxFiles and MaxChunks.
func Parse(b []byte, root Hash) (*Manifest, error) {
	m, err := Unmarshal(b)
	if err != nil {
		return nil, err
	}
	if m.root != root {
		return nil, fmt.Errorf("%w: got %s, want %s", ErrRootMismatch, m.root, root)
	}
	return m, nil
}

// Unmarshal decodes a manifest with the checks of Parse except the root.
func Unmarshal(b []byte) (*Manifest, error) {
	if len(b) > MaxManifestBytes {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrMalformed, len(b), MaxManifestBytes)
	}
	if len(b) < len(manifestMagic)+2 || string(b[:len(manifestMagic)]) != manifestMagic {
		return nil, fmt.Errorf("%w: bad magic", ErrMalformed)
	}
	b = b[len(manifestMagic):]
	if b[0] != FormatVersion {
		return nil, fmt.Errorf("%w: unsupported version %d", ErrMalformed, b[0])
	}
	chunkLog2 := b[1]
	if err := CheckChunkLog2(chunkLog2); err != nil {
		return nil, err
	}
	b = b[2:]
	flb := b[:min(len(b), MaxFileListBytes)]
	files, n, err := decodeFileList(flb)
	if err != nil {
		return nil, err
	}
	b = b[n:]
	if len(b) < 4 {
		return nil, fmt.Errorf("%w: truncated chunk count", ErrMalformed)
	}
	count := binary.BigEndian.Uint32(b)
	b = b[4:]
	if count > MaxChunks || int64(len(b)) != 32*int64(count) {
		return nil, fmt.Errorf("%w: %d chunk hashes in %d bytes", ErrMalformed, count, len(b))
	}
	leaves := make([]Hash, count)
	for i := range leaves {
		copy(leaves[i][:], b[32*i:])
	}
	m, err := NewManifest(files, chunkLog2, leaves)
	if err != nil && !errors.Is(err, ErrMalformed) {
		// A path rule broken by a decoded list is a malformed manifest too.
		err = fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return m, err
}
