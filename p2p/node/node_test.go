package node

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/licensing/rights"
	"essaim/p2p/announce"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
	"essaim/p2p/shelf"
	"essaim/p2p/xfer"
)

// openRights lets everyone have every work (an open work).
type openRights struct{}

func (openRights) Check(context.Context, [32]byte, common.Address) (rights.Decision, error) {
	return rights.Decision{Allowed: true, Reason: rights.Open}, nil
}

func newNode(t *testing.T, bootstrap []string) *Node {
	t.Helper()
	n := startNode(t, bootstrap, openRights{})
	t.Cleanup(func() { n.Close() })
	return n
}

// startNode starts a node on 127.0.0.1 answering rights with r; the caller
// closes it.
func startNode(tb testing.TB, bootstrap []string, r xfer.Rights) *Node {
	tb.Helper()
	sh, err := shelf.Open(filepath.Join(tb.TempDir(), "shelf"))
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	n, err := New(ctx, Config{
		Host:     phost.Config{Listen: []string{"/ip4/127.0.0.1/tcp/0"}, Bootstrap: bootstrap, Identity: newKey(tb)},
		ChainID:  31337,
		Contract: chain.RegistryAddress(),
		Rights:   r,
		Shelf:    sh,
		Gossip:   []announce.GossipOption{announce.WithColocationWhitelist("127.0.0.0/8")},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// writeTree writes a small folder work and returns its path and bytes.
func writeTree(t *testing.T, size int) (string, map[string][]byte) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "album")
	files := map[string][]byte{"a.bin": make([]byte, size), "sub/b.txt": []byte("liner notes\n")}
	rand.Read(files["a.bin"])
	for name, b := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

func sameFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s differs", name)
		}
	}
}

func TestShareAndGet(t *testing.T) {
	creator := newNode(t, nil)
	dir, files := writeTree(t, 3<<20+17)
	m, err := content.Build(dir, content.WithChunkLog2(16))
	if err != nil {
		t.Fatal(err)
	}
	if err := creator.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	getter := newNode(t, creator.Addrs())
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := getter.Get(ctx, m.Root(), out, GetOptions{GiveUp: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, out, files)
	if res.From[string(creator.ID())] != m.NumChunks() {
		t.Fatalf("chunks from creator: %v, want %d", res.From, m.NumChunks())
	}
	if !getter.Holds(m.Root()) {
		t.Fatal("getter does not serve the finished work")
	}
}

// TestRestoreKeepsWorkSharedThisRun: a node shares a work, then restores
// its shelf (as `share` and `node --serve` do at start). The work already
// served keeps its source, which knows the chunks its manifest was built
// from: a source reopened from the shelf would hash every chunk again as
// it is first served (0.6 CPU-seconds per GiB on the holder).
func TestRestoreKeepsWorkSharedThisRun(t *testing.T) {
	n := newNode(t, nil)
	dir, _ := writeTree(t, 1<<20)
	m, err := content.Build(dir, content.WithChunkLog2(16))
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	before, _ := n.lib.Lookup(m.Root())
	served, err := n.Restore(context.Background())
	if err != nil || len(served) != 1 || served[0] != m.Root() {
		t.Fatalf("Restore: %v, %v", served, err)
	}
	if after, _ := n.lib.Lookup(m.Root()); after != before {
		t.Fatal("Restore replaced the source shared in this run")
	}
}

// TestFinishedLocally: once a download is done, the same download into the
// same folder finishes from the disk alone, with the holder gone: without
// reading a byte while the files keep the state recorded at the end, by
// hashing them when that state moved (same bytes), and never over a file
// whose bytes changed.
func TestFinishedLocally(t *testing.T) {
	creator := newNode(t, nil)
	dir, files := writeTree(t, 1<<20)
	m, err := content.Build(dir, content.WithChunkLog2(16))
	if err != nil {
		t.Fatal(err)
	}
	if err := creator.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	getter := startNode(t, creator.Addrs(), openRights{})
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := getter.Get(ctx, m.Root(), out, GetOptions{GiveUp: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	getter.Close()
	creator.Close() // from here on, nobody holds the work
	sh := getter.cfg.Shelf
	e, _, err := sh.Get(m.Root())
	if err != nil || len(e.Files) != len(m.Files()) {
		t.Fatalf("shelf entry after the download: %+v, %v; want the files' states", e, err)
	}

	res, err := Finished(sh, m.Root(), out)
	if err != nil || res.Resumed != m.NumChunks() {
		t.Fatalf("Finished: %+v, %v", res, err)
	}
	sameFiles(t, out, files)

	// Same bytes, new modification time: hashed, adopted, recorded again.
	p := filepath.Join(out, "a.bin")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := Finished(sh, m.Root(), out); err != nil {
		t.Fatalf("Finished after a touch: %v", err)
	}
	if e2, _, _ := sh.Get(m.Root()); slices.Equal(e2.Files, e.Files) {
		t.Fatal("the states were not recorded again after the touch")
	}

	// Other bytes: refused, nothing overwritten.
	b := bytes.Clone(files["a.bin"])
	b[100] ^= 1
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Finished(sh, m.Root(), out); !errors.Is(err, chunkstore.ErrExists) {
		t.Fatalf("Finished over an edited file: %v, want ErrExists", err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, b) {
		t.Fatal("the edited file was changed")
	}

	// A run that stored every chunk but stopped before putting the files
	// in place: finished from its store.
	out2 := filepath.Join(t.TempDir(), "out2")
	store, err := chunkstore.Open(out2, m)
	if err != nil {
		t.Fatal(err)
	}
	src, err := content.OpenSource(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, m.ChunkSize())
	for i := range m.NumChunks() {
		data, err := src.ReadChunk(i, buf)
		if err == nil {
			err = store.Put(i, data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	src.Close()
	store.Close()
	if err := sh.Put(shelf.Entry{Root: m.Root(), Kind: shelf.Download, Path: out2}, m); err != nil {
		t.Fatal(err)
	}
	if _, err := Finished(sh, m.Root(), out2); err != nil {
		t.Fatalf("Finished from a complete store: %v", err)
	}
	sameFiles(t, out2, files)

	// Another folder, or a work never downloaded: the network is needed.
	if _, err := Finished(sh, m.Root(), t.TempDir()); !errors.Is(err, ErrNotLocal) {
		t.Fatalf("another folder: %v, want ErrNotLocal", err)
	}
	if _, err := Finished(sh, content.Hash{1}, out); !errors.Is(err, ErrNotLocal) {
		t.Fatalf("unknown work: %v, want ErrNotLocal", err)
	}
}
