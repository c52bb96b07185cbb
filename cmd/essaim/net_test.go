package main

import (
	"bytes"
	"crypto/rand"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLicensedSharing runs the whole gate with real processes on
// 127.0.0.1, on the devnet and on a real Anvil: a creator shares a work; an
// unlicensed downloader is refused and left with no file; two licensed ones
// get identical bytes at once; the refused one buys and is served without
// the node restarting; a licensed one is refused while the node's RPC is
// down and served once it is back; an expired license is refused.
func TestLicensedSharing(t *testing.T) {
	for _, c := range []struct {
		name  string
		chain func(*testing.T) *testChain
	}{
		{"devnet", func(t *testing.T) *testChain { return startChain(t, true) }},
		{"anvil", startAnvil},
	} {
		t.Run(c.name, func(t *testing.T) { licensedSharing(t, c.chain(t)) })
	}
}

func licensedSharing(t *testing.T, tc *testChain) {
	work := filepath.Join(t.TempDir(), "album")
	files := map[string][]byte{"track.flac": make([]byte, 3<<20+5), "notes/liner.txt": []byte("recorded live\n")}
	rand.Read(files["track.flac"])
	for name, b := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(work, name)), 0o755)
		if err := os.WriteFile(filepath.Join(work, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	creator := newUser(t, tc, 0)
	prx := newProxy(t, tc.rpc)
	node := creator.start(t, "--rpc", prx.url(), "share", work, "--title", "Live", "--price", "1000",
		"--duration", "1h", "--listen", "/ip4/127.0.0.1/tcp/0")
	boot := nodeAddrs(t, creator.home, node)[0]
	var id struct{ Root string }
	creator.runJSON(t, &id, "hash", work)

	get := func(u *user, out string, extra ...string) (string, int) {
		args := append([]string{"get", id.Root, "-o", out, "--bootstrap", boot, "--listen", "/ip4/127.0.0.1/tcp/0"}, extra...)
		stdout, stderr, code := u.run(t, args...)
		return stdout + stderr, code
	}
	same := func(out string) {
		t.Helper()
		for name, want := range files {
			got, err := os.ReadFile(filepath.Join(out, name))
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s in %s: %v, identical %v", name, out, err, bytes.Equal(got, want))
			}
		}
	}
	buy := func(u *user) {
		t.Helper()
		if _, stderr, code := u.run(t, "buy", id.Root); code != 0 {
			t.Fatalf("buy: %s", stderr)
		}
	}

	// Unlicensed: refused, the word license in the message, nothing on disk.
	unlicensed := newUser(t, tc, 1)
	out1 := filepath.Join(t.TempDir(), "out")
	if msg, code := get(unlicensed, out1); code == 0 || !strings.Contains(msg, "license") {
		t.Fatalf("unlicensed get: exit %d, %q", code, msg)
	}
	if n := countFiles(t, out1); n != 0 {
		t.Fatalf("unlicensed get left %d files", n)
	}
	waitFor(t, "the node to log the refusal", 5*time.Second, func() bool {
		return strings.Contains(node.stderr.String(), "reason=\"no valid license\"")
	})

	// Two licensed downloaders at once: identical bytes.
	a, b := newUser(t, tc, 2), newUser(t, tc, 3)
	buy(a)
	buy(b)
	outA, outB := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	var wg sync.WaitGroup
	for _, d := range []struct {
		u   *user
		out string
	}{{a, outA}, {b, outB}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if msg, code := get(d.u, d.out); code != 0 {
				t.Errorf("licensed get: exit %d: %s", code, msg)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	same(outA)
	same(outB)

	// The refused downloader buys; the same node now serves it.
	buy(unlicensed)
	if msg, code := get(unlicensed, out1); code != 0 {
		t.Fatalf("get after buying: exit %d: %s", code, msg)
	}
	same(out1)

	// The node's RPC goes down: a licensed request is refused (the chain
	// cannot be read), then served when the RPC is back, no restart.
	c := newUser(t, tc, 4)
	buy(c)
	prx.setCut(true)
	outC := filepath.Join(t.TempDir(), "c")
	if msg, code := get(c, outC, "--give-up", "3s"); code == 0 || !strings.Contains(msg, "cannot be checked") {
		t.Fatalf("get with the node's RPC down: exit %d: %s", code, msg)
	}
	if n := countFiles(t, outC); n != 0 {
		t.Fatalf("refused get left %d files", n)
	}
	prx.setCut(false)
	if msg, code := get(c, outC); code != 0 {
		t.Fatalf("get after the RPC came back: exit %d: %s", code, msg)
	}
	same(outC)

	// An expired license is refused.
	late := newUser(t, tc, 5)
	buy(late)
	tc.increaseTime(t, 2*time.Hour)
	if msg, code := get(late, filepath.Join(t.TempDir(), "late")); code == 0 || !strings.Contains(msg, "license") {
		t.Fatalf("expired license: exit %d: %s", code, msg)
	}

	if code := node.stop(t); code != 0 {
		t.Fatalf("node exit %d after SIGTERM:\n%s", code, node.stderr.String())
	}
}

// countFiles counts regular files under dir (0 when dir does not exist).
func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			n++
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return n
}
