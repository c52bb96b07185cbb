package content

import (
	"fmt"
	"os"
	"slices"
	"time"
)

// FileState is what the file system says about one file of a work laid
// out under a folder: its size, modification time (nanoseconds), inode and
// device. A download that verified its files records their states; while
// the states are unchanged the files are taken to be the ones verified,
// as make and git take a file whose state has not moved to be unchanged.
type FileState struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
	Ino   uint64 `json:"ino"`
	Dev   uint64 `json:"dev"`
}

// SettleTime is how old a file's modification time must be before its
// state is worth recording: a write within the same tick of the clock the
// kernel stamps files with (at most 10 ms on Linux, at HZ=100) as the last
// one would not move the time. File systems with coarser times are not
// covered (FAT's 2 s, exFAT's 10 ms): an edit there within a tick of a
// download's end, keeping the size, goes unseen by a re-check of the
// download (never by a holder, which hashes what it serves).
const SettleTime = 20 * time.Millisecond

// Backdate sets the modification time of the file name under root to
// SettleTime before now, so that its state may be recorded at once: any
// later write stamps a later time. Only the file's one writer may backdate
// it, once it is done writing (a download's staging file, before the file
// moves into place), since a write by anyone else between its last one
// and this would go unseen. The access time is left as it is.
func Backdate(root *os.Root, name string, now time.Time) error {
	return root.Chtimes(name, time.Time{}, now.Add(-SettleTime))
}

// StatFiles returns the state of every file of m laid out under dir, by
// entry (folders have a zero state), reading through dir as an os.Root. A
// file that is missing or not a regular file is an error.
func StatFiles(dir string, m *Manifest) ([]FileState, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	out := make([]FileState, len(m.files))
	for i, e := range m.files {
		if e.Dir {
			continue
		}
		fi, err := root.Lstat(e.Path)
		if err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("%w: %s is not a regular file", ErrChanged, e.Path)
		}
		ino, dev := fileID(fi.Sys())
		out[i] = FileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano(), Ino: ino, Dev: dev}
	}
	return out, nil
}

// Settled reports whether every state in states is older than SettleTime
// at now, and so may be recorded.
func Settled(states []FileState, now time.Time) bool {
	limit := now.Add(-SettleTime).UnixNano()
	return !slices.ContainsFunc(states, func(s FileState) bool { return s.MTime > limit })
}
