package daemon

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
)

// TestPausedDownloadAtRest: once the API answers a pause, the download is
// at rest: its fetch has ended and its store is closed (the journal ends
// with the clean mark), so nothing is written to its folder afterwards.
// A pause that only cancelled the fetch answered while the fetch was still
// finishing its chunks and closing its store.
func TestPausedDownloadAtRest(t *testing.T) {
	box, c, m, _, out := pacedDownload(t)
	ctx := context.Background()
	journal := filepath.Join(out, chunkstore.StageName(m.Root()), "journal")
	eventually(t, 20*time.Second, "some chunks", func() bool {
		d, err := c.Download(ctx, m.Root())
		return err == nil && d.Progress != nil && d.Progress.Held > 2
	})
	p, err := c.Pause(ctx, m.Root())
	if err != nil || p.State != Paused {
		t.Fatalf("pause: %+v, %v", p, err)
	}
	box.dl.mu.Lock()
	_, running := box.dl.running[m.Root()]
	box.dl.mu.Unlock()
	b, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	if running || !endsClean(b) {
		t.Fatalf("when the pause was answered: fetch running %v, journal closed clean %v", running, endsClean(b))
	}
	if _, err := c.Resume(ctx, m.Root()); err != nil {
		t.Fatal(err)
	}
	waitState(t, c, m.Root(), Done)
}

// cleanMark is the journal record a store appends when it closes cleanly
// (index 2^32-1 and its CRC-32C; see p2p/chunkstore/journal.go).
var cleanMark = []byte{0xff, 0xff, 0xff, 0xff}

// endsClean reports whether the journal b ends with the clean mark.
func endsClean(b []byte) bool {
	n := len(b) - 8
	return n >= 4+len(content.Hash{}) && bytes.Equal(b[n:n+4], cleanMark)
}
