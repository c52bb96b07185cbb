package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGetAgainNeedsNoNetwork: a get of a work already downloaded into the
// same folder finishes from the disk, with the holder gone and the chain
// unreachable: nothing fetched, identical files, exit 0.
func TestGetAgainNeedsNoNetwork(t *testing.T) {
	tc := startChain(t, true)
	creator, dl := newUser(t, tc, 0), newUser(t, tc, 1)
	w := newSwarmWork(t, creator, 1<<20)
	seed, seedAddr := w.share(t, creator, "0")
	out := filepath.Join(t.TempDir(), "out")
	w.finished(t, w.startGet(t, dl, out, seedAddr), 30*time.Second)
	if code := seed.stop(t); code != 0 {
		t.Fatalf("seed exit %d", code)
	}

	dead := []string{"--rpc", "http://127.0.0.1:1"} // nothing listens there
	start := time.Now()
	r := w.finished(t, dl.start(t, append(dead, "--json", "get", "-o", out, w.root)...), 10*time.Second)
	took := time.Since(start)
	w.same(t, out)
	if r.Resumed != w.chunks || len(r.From) != 0 {
		t.Fatalf("get again: resumed %d of %d, from %v; want everything from the disk", r.Resumed, w.chunks, r.From)
	}
	t.Logf("get again: %s", took)
	stdout, stderr, code := dl.run(t, append(dead, "get", "-o", out, w.root)...)
	if code != 0 || !strings.Contains(stdout, "already on disk, nothing fetched") {
		t.Fatalf("get again, text: exit %d\n%s%s", code, stdout, stderr)
	}
}
