package content

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"time"
)

// A stamp is a 64-bit digest of what the file system says about the files a
// chunk (or a file) was read from: size, modification time in nanoseconds,
// inode and device of each. Any write through the file system moves the
// modification time, and replacing a file changes its inode, so while the
// stamp stays the same the bytes are taken to be the ones last hashed under
// it. Zero means "no stamp": never trusted, never recorded.
//
// Two limits come with it, both leading to a chunk served unhashed, never
// to a wrong byte stored (the downloader hashes every chunk it receives):
//   - an edit that restores size and modification time on the same inode
//     (os.Chtimes, touch -d) is not seen: it must be deliberate;
//   - writes through a shared memory mapping update the modification time
//     late, at write-back, as for every tool that trusts it (make, git).
//
// A modification time is only as fine as the file system's clock tick (a
// jiffy on some Linux file systems, 2 s on FAT): a second write within the
// tick of the first leaves it unchanged. So a file whose modification time
// is within racyWindow of the clock reading taken before it was read is
// "racy" and gets no stamp: its chunks are hashed on every read until the
// time has settled, as git does for racily clean index entries.
const racyWindow = 3 * time.Second

// stampSeed keys the digests with a per-process random seed, so nobody can
// prepare two file states that collide; stamps never leave the process.
var stampSeed = maphash.MakeSeed()

// fileState is what a stamp digests for one file.
type fileState struct {
	size, mtime int64 // bytes; nanoseconds since 1970
	ino, dev    uint64
}

// stateOf returns fi's state and whether it may be stamped at all: a
// regular file whose modification time had settled at now.
func stateOf(fi fs.FileInfo, now time.Time) (fileState, bool) {
	ino, dev := fileID(fi.Sys())
	st := fileState{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: ino, dev: dev}
	return st, fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > racyWindow
}

// fileStamp is the stamp of one file in state st; ok false gives 0.
func fileStamp(st fileState, ok bool) uint64 {
	if !ok {
		return 0
	}
	return nonZero(maphash.Comparable(stampSeed, st))
}

// addStamp folds the stamp of the next file a chunk touches into the
// chunk's stamp so far (0 before the first file). A chunk is stamped only
// when all of its files are.
func addStamp(acc uint64, first bool, file uint64) uint64 {
	switch {
	case file == 0 || !first && acc == 0:
		return 0
	case first:
		return file
	}
	return nonZero(maphash.Comparable(stampSeed, [2]uint64{acc, file}))
}

func nonZero(x uint64) uint64 {
	if x == 0 {
		return 1
	}
	return x
}

// statFiles stats every file of m that holds bytes, through root, and
// returns their states and stamps (by entry, zero for the others). A file
// that is no longer a regular file is ErrChanged: Build scanned it a moment
// before.
func statFiles(root *os.Root, m *Manifest, now time.Time) ([]fileState, []uint64, error) {
	states := make([]fileState, len(m.files))
	stamps := make([]uint64, len(m.files))
	for _, sp := range m.spans {
		p := m.files[sp.entry].Path
		fi, err := root.Lstat(p)
		if err != nil {
			return nil, nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, nil, fmt.Errorf("%w: %s is no longer a regular file", ErrChanged, p)
		}
		st, ok := stateOf(fi, now)
		states[sp.entry], stamps[sp.entry] = st, fileStamp(st, ok)
	}
	return states, stamps, nil
}

// seed trusts, from the start, the chunks whose files m was built from in
// this process and that still have the state they had then. It costs one
// Lstat per file; a file that cannot be stated is left to ReadChunk.
func (s *Source) seed(now time.Time) {
	still := make([]bool, len(s.m.files))
	for _, sp := range s.m.spans {
		want := s.m.stamps[sp.entry]
		if want == 0 {
			continue
		}
		if fi, err := s.root.Lstat(s.m.files[sp.entry].Path); err == nil {
			still[sp.entry] = fileStamp(stateOf(fi, now)) == want
		}
	}
	var segs [8]Segment
	for i := range s.verified {
		var st uint64
		for k, sg := range s.m.Segments(i, segs[:0]) {
			if !still[sg.Entry] {
				st = 0
				break
			}
			st = addStamp(st, k == 0, s.m.stamps[sg.Entry])
		}
		s.verified[i].Store(st)
	}
}
