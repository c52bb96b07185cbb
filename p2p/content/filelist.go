package content

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// Limits on a whole work.
const (
	MaxFiles    = 1 << 18 // entries in one file list
	MaxWorkSize = 1 << 44 // bytes in one work (16 TiB)
	MaxChunks   = 1 << 20 // chunks in one manifest
)

// ErrMalformed is wrapped by every error about an encoding that cannot be
// decoded or breaks the format's rules.
var ErrMalformed = errors.New("malformed manifest")

// Entry kinds in the file-list encoding.
const (
	kindFile = 0
	kindDir  = 1
)

// Entry is one item of a work: a regular file with its size, or an empty
// folder. Paths are relative and use '/'.
type Entry struct {
	Path string
	Size int64
	Dir  bool
}

// FileList is a work's entries in canonical order: sorted by the bytes of
// their paths, a folder listed only when it is empty.
type FileList []Entry

// Size returns the total number of bytes of the files.
func (fl FileList) Size() int64 {
	var n int64
	for _, e := range fl {
		n += e.Size
	}
	return n
}

func (fl FileList) encodedLen() int {
	n := 4
	for _, e := range fl {
		n += 3 + len(e.Path)
		if !e.Dir {
			n += 8
		}
	}
	return n
}

// Encode returns the canonical encoding that the content root commits to.
func (fl FileList) Encode() []byte {
	b := make([]byte, 0, fl.encodedLen())
	b = binary.BigEndian.AppendUint32(b, uint32(len(fl)))
	for _, e := range fl {
		kind := byte(kindFile)
		if e.Dir {
			kind = kindDir
		}
		b = append(b, kind)
		b = binary.BigEndian.AppendUint16(b, uint16(len(e.Path)))
		b = append(b, e.Path...)
		if !e.Dir {
			b = binary.BigEndian.AppendUint64(b, uint64(e.Size))
		}
	}
	return b
}

// Hash returns SHA-256(0x02 || Encode()).
func (fl FileList) Hash() Hash {
	d := sha256.New()
	d.Write([]byte{tagFileList})
	d.Write(fl.Encode())
	var h Hash
	d.Sum(h[:0])
	return h
}

// Check enforces every rule of a canonical file list: at least one entry and
// at most MaxFiles, an encoding of at most MaxFileListBytes, valid paths, strictly increasing order, no two entries
// that a case-insensitive or normalising filesystem would confuse, no file
// that is also a folder, folders only when empty, and sizes within limits.
// The error names the offending entry.
func (fl FileList) Check() error {
	if len(fl) == 0 {
		return fmt.Errorf("%w: the work has no files", ErrMalformed)
	}
	if len(fl) > MaxFiles {
		return fmt.Errorf("%w: %d entries, more than %d", ErrMalformed, len(fl), MaxFiles)
	}
	if n := fl.encodedLen(); n > MaxFileListBytes {
		return fmt.Errorf("%w: the file list encodes to %d bytes, more than %d", ErrMalformed, n, MaxFileListBytes)
	}
	entries := make(map[string]string, len(fl)) // fold key → path, of every entry
	dirs := make(map[string]string)             // fold key → path, of every parent folder
	var total int64
	for i, e := range fl {
		if err := CheckPath(e.Path); err != nil {
			return err
		}
		if i > 0 && strings.Compare(fl[i-1].Path, e.Path) >= 0 {
			if fl[i-1].Path == e.Path {
				return &PathError{Path: e.Path, Reason: "listed twice"}
			}
			return fmt.Errorf("%w: %q listed after %q: not in canonical order", ErrMalformed, e.Path, fl[i-1].Path)
		}
		if e.Dir && e.Size != 0 {
			return fmt.Errorf("%w: folder %q has size %d", ErrMalformed, e.Path, e.Size)
		}
		if e.Size < 0 || e.Size > MaxWorkSize-total {
			return fmt.Errorf("%w: %q: size %d takes the work past %d bytes", ErrMalformed, e.Path, e.Size, int64(MaxWorkSize))
		}
		total += e.Size
		k := foldKey(e.Path)
		if prev, ok := entries[k]; ok {
			return &PathError{Path: e.Path, Reason: fmt.Sprintf("same name as %q on case-insensitive filesystems", prev)}
		}
		if prev, ok := dirs[k]; ok {
			return &PathError{Path: e.Path, Reason: fmt.Sprintf("also a folder holding %q", prev)}
		}
		entries[k] = e.Path
		for j := strings.IndexByte(e.Path, '/'); j >= 0; j = nextSlash(e.Path, j) {
			dk := foldKey(e.Path[:j])
			if prev, ok := entries[dk]; ok {
				return &PathError{Path: e.Path, Reason: fmt.Sprintf("its folder %q is listed as a file or an empty folder", prev)}
			}
			if _, ok := dirs[dk]; !ok {
				dirs[dk] = e.Path
			}
		}
	}
	return nil
}

func nextSlash(p string, j int) int {
	k := strings.IndexByte(p[j+1:], '/')
	if k < 0 {
		return -1
	}
	return j + 1 + k
}

// decodeFileList reads one file-list encoding from the front of b and
// returns it with the number of bytes it took; the caller runs Check. It
// allocates nothing in proportion to a claimed count before the bytes
// backing it are there.
func decodeFileList(b []byte) (FileList, int, error) {
	if len(b) < 4 {
		return nil, 0, fmt.Errorf("%w: truncated file count", ErrMalformed)
	}
	count := binary.BigEndian.Uint32(b)
	const minEntry = 1 + 2 + 1 // kind, length, one byte of path
	if count > MaxFiles {
		return nil, 0, fmt.Errorf("%w: %d entries, more than %d", ErrMalformed, count, MaxFiles)
	}
	if int64(count)*minEntry > int64(len(b)-4) {
		return nil, 0, fmt.Errorf("%w: %d entries cannot fit in %d bytes", ErrMalformed, count, len(b)-4)
	}
	fl := make(FileList, 0, count)
	off := 4
	for i := uint32(0); i < count; i++ {
		if len(b)-off < 3 {
			return nil, 0, fmt.Errorf("%w: entry %d truncated", ErrMalformed, i)
		}
		kind := b[off]
		plen := int(binary.BigEndian.Uint16(b[off+1:]))
		off += 3
		if kind != kindFile && kind != kindDir {
			return nil, 0, fmt.Errorf("%w: entry %d has unknown kind %d", ErrMalformed, i, kind)
		}
		if plen > MaxPathBytes || len(b)-off < plen {
			return nil, 0, fmt.Errorf("%w: entry %d path truncated or too long (%d bytes)", ErrMalformed, i, plen)
		}
		e := Entry{Path: string(b[off : off+plen]), Dir: kind == kindDir}
		off += plen
		if !e.Dir {
			if len(b)-off < 8 {
				return nil, 0, fmt.Errorf("%w: entry %d size truncated", ErrMalformed, i)
			}
			size := binary.BigEndian.Uint64(b[off:])
			if size > MaxWorkSize {
				return nil, 0, fmt.Errorf("%w: entry %d size %d too large", ErrMalformed, i, size)
			}
			e.Size = int64(size)
			off += 8
		}
		fl = append(fl, e)
	}
	return fl, off, nil
}
