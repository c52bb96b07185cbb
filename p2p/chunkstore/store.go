// Package chunkstore keeps the verified chunks of a work being downloaded
// and assembles the finished files.
//
// Chunks are written in place, at their final offsets, into staging files
// inside a hidden folder of the output directory (".essaim-partial-…"); a
// journal records each chunk after its bytes are written. A process killed
// at any moment loses at most the chunks it was writing: reopening reads the
// journal, and when the store was not closed cleanly it re-hashes the chunks
// the journal lists before trusting them (so durability against power loss
// comes from re-verification, not from an fsync per chunk). Finished files
// are synced, then renamed to their final names; partial data never sits
// under a final name.
//
// Every file operation goes through an os.Root at the output directory:
// whatever a manifest says and whatever symlinks someone placed there,
// nothing is read or written outside it.
package chunkstore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// Errors a caller can test for with errors.Is.
var (
	// ErrExists means a file of the work already exists in the output
	// directory with other content; the store does not overwrite it.
	ErrExists = errors.New("already exists in the output directory")
	// ErrBusy means another store (in this or another process) has the
	// same work open in the same directory.
	ErrBusy = errors.New("another download of this work is writing to this directory")
	// ErrIncomplete means Finish was called before every chunk was held.
	ErrIncomplete = errors.New("download incomplete")
	// ErrNotHeld means a chunk was asked for that the store does not hold.
	ErrNotHeld = errors.New("chunk not held")
	// ErrClosed means the store was used after Close.
	ErrClosed = errors.New("chunk store closed")
)

const journalName = "journal"

// StageName returns the name of the staging folder a work uses inside its
// output directory.
func StageName(root content.Hash) string {
	return content.ReservedPrefix + "-partial-" + root.String()[:16]
}

// Store holds the chunks of one work under one output directory. Its
// methods are safe for concurrent use; Put and ReadChunk do their file I/O
// outside the lock.
type Store struct {
	// Set at Open, then read-only.
	m     *content.Manifest
	dir   string
	root  *os.Root
	stage string

	// wmu serialises buffered writes of chunk data (see writeBuffered);
	// taken before mu.
	wmu sync.Mutex
	// noDirect is set once the filesystem refused a direct write.
	noDirect atomic.Bool

	// mu guards everything below.
	mu      sync.Mutex
	held    []bool
	nheld   int
	moved   []bool          // entry already renamed to its final name
	dirty   map[int]bool    // entries written since the last sync
	handles map[int]*handle // staging files open for direct writes, by entry (handles.go)
	journal *os.File        // nil once the store is finished or closed
	jlen    int64           // where the next record goes
	suspect bool            // the journal may list chunks known bad: never mark it clean
	done    bool            // every file is in place under its final name
	closed  bool
}

// Open opens (or creates) the store for m under dir, creating dir if needed.
// It resumes a partial download found there, re-verifying its chunks if the
// previous run did not close cleanly. When every file of the work is
// already in dir with the right content, the store opens complete.
func Open(dir string, m *content.Manifest) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s := &Store{
		m:       m,
		dir:     dir,
		root:    root,
		stage:   StageName(m.Root()),
		held:    make([]bool, m.NumChunks()),
		moved:   make([]bool, len(m.Files())),
		dirty:   map[int]bool{},
		handles: map[int]*handle{},
	}
	if err := s.open(); err != nil {
		s.releaseJournal()
		root.Close()
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	return s, nil
}

func (s *Store) open() error {
	fi, err := s.root.Lstat(s.stage)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s.create()
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%w: %s is not a folder", ErrCorrupt, s.stagePath(""))
	}
	jf, err := s.openJournal()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err == nil {
		s.journal = jf
		fi, err := jf.Stat()
		if err != nil {
			return err
		}
		if fi.Size() >= int64(headerLen) {
			return s.resume()
		}
	}
	// No journal, or not even a whole header: a crash before the journal
	// was put in place, or after Finish removed it. Nothing here can be
	// trusted; start over.
	if err := s.root.RemoveAll(s.stage); err != nil {
		return err
	}
	s.releaseJournal()
	return s.create()
}

// openJournal opens and locks the journal. When a concurrent rewrite
// replaced the file between the open and the lock, it tries again, so the
// lock it returns is always on the file the name points to.
func (s *Store) openJournal() (*os.File, error) {
	name := s.stagePath(journalName)
	for {
		f, err := s.root.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, err
		}
		held, err1 := f.Stat()
		now, err2 := s.root.Lstat(name)
		if err := errors.Join(err1, err2); err != nil && !errors.Is(err2, fs.ErrNotExist) {
			f.Close()
			return nil, err
		}
		if err2 == nil && os.SameFile(held, now) {
			return f, nil
		}
		f.Close()
	}
}

// create starts a new download, or adopts a complete copy already in place.
func (s *Store) create() error {
	if placed, err := s.adopt(); placed || err != nil {
		return err
	}
	if err := s.root.Mkdir(s.stage, 0o700); err != nil {
		return err
	}
	for i, e := range s.m.Files() {
		if !e.Dir {
			if err := s.makeStagingFile(i); err != nil {
				// Give back what was reserved (no journal yet: nothing
				// here is worth keeping).
				return errors.Join(err, s.root.RemoveAll(s.stage))
			}
		}
	}
	// The journal appears under its name only once its header is durable,
	// so a staging folder without one is known to hold nothing.
	return s.rewriteJournal()
}

// adopt looks for the work's files under their final names. When none is
// there it reports false. When every file is there with the right content,
// checked chunk by chunk, it takes them as the finished work. Anything else
// in the way is ErrExists, naming it: the store never overwrites a file it
// did not write. An empty folder of the work that exists as a folder is not
// in the way.
func (s *Store) adopt() (bool, error) {
	var wrong, present string
	missing := false
	for _, e := range s.m.Files() {
		fi, err := s.root.Lstat(e.Path)
		if errors.Is(err, fs.ErrNotExist) {
			missing = missing || !e.Dir
			continue
		}
		if err != nil {
			return false, fmt.Errorf("%s: %w", e.Path, err)
		}
		fits := fi.IsDir() && e.Dir || !e.Dir && fi.Mode().IsRegular() && fi.Size() == e.Size
		switch {
		case !fits && wrong == "":
			wrong = e.Path
		case !e.Dir && present == "":
			present = e.Path
		}
	}
	switch {
	case wrong != "":
		return true, fmt.Errorf("%s: %w", wrong, ErrExists)
	case present == "":
		return false, nil
	case missing:
		return true, fmt.Errorf("%s: %w", present, ErrExists)
	}
	for i, e := range s.m.Files() {
		s.moved[i] = !e.Dir
	}
	if bad := s.verify(s.allChunks()); len(bad) > 0 {
		var names []string
		for _, sg := range s.m.Segments(bad[0], nil) {
			names = append(names, s.m.Files()[sg.Entry].Path)
		}
		return true, fmt.Errorf("%s: %w (with other content)", strings.Join(names, ", "), ErrExists)
	}
	for _, e := range s.m.Files() {
		if e.Dir {
			if err := s.root.MkdirAll(e.Path, 0o755); err != nil {
				return true, err
			}
		}
	}
	s.done = true
	return true, nil
}

// resume loads the journal of a partial download and checks its files.
func (s *Store) resume() error {
	b, err := readJournal(s.journal)
	if err != nil {
		return err
	}
	st, err := parseJournal(b, s.m.Root(), s.m.NumChunks())
	if err != nil {
		return fmt.Errorf("%w (remove %s to start over)", err, s.stagePath(""))
	}
	for _, i := range st.held {
		if !s.held[i] {
			s.held[i] = true
			s.nheld++
		}
	}
	clean := st.clean
	for i, e := range s.m.Files() {
		if e.Dir {
			continue
		}
		fi, err := s.root.Lstat(s.stagePath(fileName(i)))
		switch {
		case err == nil && fi.Mode().IsRegular() && fi.Size() == e.Size:
		case err == nil:
			return fmt.Errorf("%w: %s is not a %d-byte file", ErrCorrupt, s.stagePath(fileName(i)), e.Size)
		case !errors.Is(err, fs.ErrNotExist):
			return err
		case s.inPlace(e):
			s.moved[i] = true // renamed by an interrupted Finish
		default:
			if err := s.makeStagingFile(i); err != nil {
				return err
			}
			clean = false
		}
	}
	if clean {
		// Drop the clean mark before anything new is written.
		if err := s.journal.Truncate(st.good); err != nil {
			return err
		}
		s.jlen = st.good
		return s.journal.Sync()
	}
	s.verify(s.heldChunks())
	if err := s.rewriteJournal(); err != nil {
		// A full disk must not stop the download from resuming: go on with
		// the old journal, which may list chunks just found bad, and never
		// mark it clean, so the next Open checks them again.
		s.suspect = true
		s.jlen = st.good
	}
	return nil
}

// inPlace reports whether e's final name holds a regular file of its size.
func (s *Store) inPlace(e content.Entry) bool {
	fi, err := s.root.Lstat(e.Path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == e.Size
}

func (s *Store) makeStagingFile(i int) error {
	f, err := s.root.OpenFile(s.stagePath(fileName(i)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = allocate(f, s.m.Files()[i].Size)
	return errors.Join(err, f.Close())
}

func fileName(entry int) string { return "f" + strconv.Itoa(entry) }

func (s *Store) stagePath(name string) string { return path.Join(s.stage, name) }

// location returns where entry's bytes are now; the caller holds mu.
func (s *Store) location(entry int) string {
	if s.moved[entry] {
		return s.m.Files()[entry].Path
	}
	return s.stagePath(fileName(entry))
}

// lockedLocation is location for callers that do not hold mu.
func (s *Store) lockedLocation(entry int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.location(entry)
}

// Manifest returns the manifest of the work.
func (s *Store) Manifest() *content.Manifest { return s.m }

// Dir returns the output directory.
func (s *Store) Dir() string { return s.dir }

// Has reports whether chunk i is held.
func (s *Store) Has(i int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return i >= 0 && i < len(s.held) && s.held[i]
}

// Held returns how many chunks are held.
func (s *Store) Held() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nheld
}

// Bitfield returns the set of held chunks.
func (s *Store) Bitfield() *bitfield.Bitfield {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := bitfield.New(len(s.held))
	for i, h := range s.held {
		if h {
			f.Set(i)
		}
	}
	return f
}

// Complete reports whether every chunk is held.
func (s *Store) Complete() bool { return s.Held() == s.m.NumChunks() }

// Done reports whether the work is in place under its final names.
func (s *Store) Done() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done
}
