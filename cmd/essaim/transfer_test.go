package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// transferCutBound is how long after the transfer's block the old holder's
// download may still run: the holder's follower sees the transfer within a
// head poll and drops the cached answer; the next reply is refused; the
// downloader then checks the chain itself before it gives up.
const transferCutBound = 5 * time.Second

// TestDownloadCutWhenLicenseTransferred: a licensed download is under way
// when its license is transferred to another account (`essaim license
// transfer`). The holder re-checks the right before every reply, so it
// cuts the old holder's stream within the bound; the old holder's get
// stops, says why, and keeps what it verified; the new holder downloads
// the whole work from the same holder. On the devnet and on a real Anvil.
func TestDownloadCutWhenLicenseTransferred(t *testing.T) {
	for _, c := range []struct {
		name  string
		chain func(*testing.T) *testChain
	}{
		{"devnet", func(t *testing.T) *testChain { return startChain(t, true) }},
		{"anvil", startAnvil},
	} {
		t.Run(c.name, func(t *testing.T) { downloadCutWhenLicenseTransferred(t, c.chain(t)) })
	}
}

func downloadCutWhenLicenseTransferred(t *testing.T, tc *testChain) {
	creator, first, second := newUser(t, tc, 0), newUser(t, tc, 1), newUser(t, tc, 2)
	// 4 MiB at 512 KiB/s: the download runs for about 8 s, so about 6 s
	// remain after the first quarter, for `license transfer` (a process,
	// a key to decrypt, a transaction and its receipt) and the cut. A cut
	// that does not come in time lets the download finish, and get exit 0.
	w := newSwarmWork(t, creator, 4<<20)
	node := creator.start(t, "share", "--title", "Passed on", "--price", "1000", "--duration", "30d", "--transferable",
		"--listen", loopback, "--upload-limit", "512KiB", w.dir)
	seed := nodeAddrs(t, creator.home, node)[0]
	if _, stderr, code := first.run(t, "buy", w.root); code != 0 {
		t.Fatalf("buy: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	get := w.startGet(t, first, out, seed)
	waitFor(t, "a quarter of the work", 30*time.Second, func() bool {
		select {
		case <-get.done:
			t.Fatalf("get exited with %d before the transfer:\n%s", get.code, get.stderr.String())
		default:
		}
		return w.journalChunks(out) >= w.chunks/4
	})
	var moved transferResult
	first.runJSON(t, &moved, "license", "transfer", w.root, second.addr.Hex())
	transferred := time.Now() // the transaction is mined: the command waited for its receipt
	code := get.wait(t, 15*time.Second)
	took := time.Since(transferred)
	msg := get.stderr.String()
	if code == 0 || !strings.Contains(msg, "no valid license") {
		t.Fatalf("get after the transfer: exit %d:\n%s", code, msg)
	}
	kept := w.journalChunks(out)
	t.Logf("stopped %.2fs after the transfer with %d of %d chunks kept", took.Seconds(), kept, w.chunks)
	if took > transferCutBound {
		t.Fatalf("the old holder's download ran on %.2fs after the transfer, bound %s", took.Seconds(), transferCutBound)
	}
	if kept == 0 || kept >= w.chunks {
		t.Fatalf("%d of %d chunks kept after the cut", kept, w.chunks)
	}
	if n := countFiles(t, filepath.Join(out, "extra")); n != 0 {
		t.Fatalf("%d files under their final names after the cut", n)
	}
	waitFor(t, "the holder to log the cut", 5*time.Second, func() bool {
		return strings.Contains(node.stderr.String(), "stream cut") && strings.Contains(node.stderr.String(), "no valid license")
	})

	// The new holder is served the whole work by the same node.
	out2 := filepath.Join(t.TempDir(), "out")
	w.finished(t, w.startGet(t, second, out2, seed), 30*time.Second)
	w.same(t, out2)
}
