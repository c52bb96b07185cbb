package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDownloadCutAtExpiry: a licensed download is under way when the
// chain's clock passes the license's expiry (a block with no registry
// event). The holder cuts the stream within one head poll of its follower;
// the downloader stops, says that the license ended and how to go on, and
// keeps what it verified; once the license is renewed the same get
// resumes and finishes with identical bytes.
func TestDownloadCutAtExpiry(t *testing.T) {
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 0), newUser(t, tc, 1)
	// 4 MiB at 512 KiB/s: the download runs for about 8 s, so about 6 s
	// remain after the first quarter for the cut (a head poll of the
	// holder's follower). A cut that does not come in time lets the
	// download finish, and get exit 0.
	w := newSwarmWork(t, creator, 4<<20)
	node := creator.start(t, "share", "--title", "Expiring", "--price", "1000", "--duration", "1h",
		"--listen", loopback, "--upload-limit", "512KiB", w.dir)
	seed := nodeAddrs(t, creator.home, node)[0]
	if _, stderr, code := buyer.run(t, "buy", w.root); code != 0 {
		t.Fatalf("buy: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	get := w.startGet(t, buyer, out, seed)
	waitFor(t, "a quarter of the work", 30*time.Second, func() bool {
		select {
		case <-get.done:
			t.Fatalf("get exited with %d before the expiry:\n%s", get.code, get.stderr.String())
		default:
		}
		return w.journalChunks(out) >= w.chunks/4
	})
	tc.increaseTime(t, 2*time.Hour)
	expired := time.Now()
	code := get.wait(t, 15*time.Second)
	took := time.Since(expired)
	msg := get.stderr.String()
	if code == 0 || !strings.Contains(msg, "license expired") || !strings.Contains(msg, "essaim buy") {
		t.Fatalf("get after the expiry: exit %d:\n%s", code, msg)
	}
	kept := w.journalChunks(out)
	t.Logf("stopped %.2fs after the expiry with %d of %d chunks kept", took.Seconds(), kept, w.chunks)
	if kept == 0 || kept >= w.chunks {
		t.Fatalf("%d of %d chunks kept after the cut", kept, w.chunks)
	}
	if n := countFiles(t, filepath.Join(out, "extra")); n != 0 {
		t.Fatalf("%d files under their final names after the cut", n)
	}
	waitFor(t, "the holder to log the cut", 5*time.Second, func() bool {
		return strings.Contains(node.stderr.String(), "stream cut") && strings.Contains(node.stderr.String(), "license expired")
	})

	// Renewed: the same get resumes from what it kept.
	if _, stderr, code := buyer.run(t, "buy", w.root); code != 0 {
		t.Fatalf("renew: %s", stderr)
	}
	r := w.finished(t, w.startGet(t, buyer, out, seed), 30*time.Second)
	w.same(t, out)
	if r.Resumed < kept {
		t.Fatalf("resumed %d chunks, %d were kept", r.Resumed, kept)
	}
}
