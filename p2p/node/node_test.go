package node

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/licensing/rights"
	"essaim/p2p/announce"
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
