package node

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/fetch"
	"essaim/p2p/shelf"
)

// ErrNotLocal means a download cannot be finished from the disk alone: the
// work is not on the shelf as a download into that folder, or chunks are
// missing. The network is needed.
var ErrNotLocal = errors.New("the work is not complete on this disk")

// Finished finishes a download of root into dir without the network, when
// the disk already holds it all: the files of an earlier download still in
// the state recorded when it was verified (no byte is read), or a complete
// copy under their final names (adopted after hashing every chunk), or a
// chunk store holding every chunk (an earlier run stopped before putting
// the files in place). It needs the work's manifest, which the shelf keeps
// for every download it has started. Anything short of that is
// ErrNotLocal, with nothing changed on disk.
func Finished(sh *shelf.Shelf, root content.Hash, dir string) (*fetch.Result, error) {
	start := time.Now()
	e, m, err := sh.Get(root)
	if errors.Is(err, shelf.ErrNotFound) {
		return nil, ErrNotLocal
	}
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if e.Kind != shelf.Download || e.Path != abs {
		return nil, ErrNotLocal
	}
	done := &fetch.Result{Manifest: m, Resumed: m.NumChunks(), From: map[string]int{}}
	now, statErr := content.StatFiles(dir, m)
	if statErr == nil && len(e.Files) > 0 && slices.Equal(now, e.Files) {
		done.Elapsed = time.Since(start)
		return done, nil
	}
	// Open a store only on what an earlier run left: its staging folder,
	// or every file in place. Opening one on an empty folder would start
	// a download (and reserve its space) with nothing to finish.
	if _, err := os.Lstat(filepath.Join(dir, chunkstore.StageName(root))); err != nil && statErr != nil {
		return nil, ErrNotLocal
	}
	store, err := chunkstore.Open(dir, m)
	if errors.Is(err, chunkstore.ErrBusy) {
		// Another download (a node's) is writing there: it decides.
		return nil, fmt.Errorf("%w: %w", ErrNotLocal, err)
	}
	if err != nil {
		return nil, err
	}
	defer store.Close()
	if !store.Done() && !store.Complete() {
		return nil, fmt.Errorf("%w: %d of %d chunks", ErrNotLocal, store.Held(), m.NumChunks())
	}
	if err := store.Finish(); err != nil {
		return nil, err
	}
	if err := recordFiles(sh, root, dir, m); err != nil {
		return nil, err
	}
	done.Elapsed = time.Since(start)
	return done, nil
}

// recordFiles notes on the shelf the state of the finished download's
// files, so that the next check need not read them. The store dates the
// files it finishes back (content.Backdate), so a download that just ended
// is recorded at once; a file written less than content.SettleTime ago by
// anything else (a copy found on disk, a file moved into place before a
// crash) is waited for, once, rather than hashed again by the next check.
func recordFiles(sh *shelf.Shelf, root content.Hash, dir string, m *content.Manifest) error {
	states, err := content.StatFiles(dir, m)
	if err != nil {
		return err
	}
	if !content.Settled(states, time.Now()) {
		time.Sleep(content.SettleTime)
		again, err := content.StatFiles(dir, m)
		if err != nil {
			return err
		}
		if !slices.Equal(again, states) {
			states = nil // written meanwhile: let the next check hash it
		}
	}
	e := shelf.Entry{Root: root, Kind: shelf.Download, Path: dir}
	if states != nil && content.Settled(states, time.Now()) {
		e.Files = states
	}
	return sh.Put(e, m)
}
