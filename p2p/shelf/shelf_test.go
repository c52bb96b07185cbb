package shelf

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"essaim/p2p/content"
)

func buildWork(t *testing.T, data string) (string, *content.Manifest) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "work.bin")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := content.Build(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, m
}

func TestPutGetRoots(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "shelf"))
	if err != nil {
		t.Fatal(err)
	}
	p1, m1 := buildWork(t, "one")
	p2, m2 := buildWork(t, "two")
	if err := s.Put(Entry{Root: m1.Root(), Kind: Source, Path: p1}, m1); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(Entry{Root: m2.Root(), Kind: Download, Path: filepath.Dir(p2)}, m2); err != nil {
		t.Fatal(err)
	}
	roots, err := s.Roots()
	if err != nil || len(roots) != 2 {
		t.Fatalf("roots %v, %v; want 2", roots, err)
	}
	e, m, err := s.Get(m1.Root())
	if err != nil {
		t.Fatal(err)
	}
	if e.Kind != Source || e.Path != p1 || m.Root() != m1.Root() {
		t.Fatalf("got %+v root %s", e, m.Root())
	}
	if err := s.Remove(m1.Root()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Get(m1.Root()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after Remove: %v, want ErrNotFound", err)
	}
}

func TestRefusesMismatchedRoot(t *testing.T) {
	s, _ := Open(t.TempDir())
	p, m := buildWork(t, "x")
	var other content.Hash
	if err := s.Put(Entry{Root: other, Kind: Source, Path: p}, m); err == nil {
		t.Fatal("Put accepted a manifest under another root")
	}
}

// A manifest edited on disk must not be served under the work's name.
func TestTamperedManifestRefused(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	p, m := buildWork(t, "payload")
	if err := s.Put(Entry{Root: m.Root(), Kind: Source, Path: p}, m); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, m.Root().String()+".manifest")
	b, _ := os.ReadFile(name)
	b[len(b)-1] ^= 1
	os.WriteFile(name, b, 0o600)
	if _, _, err := s.Get(m.Root()); err == nil {
		t.Fatal("tampered manifest accepted")
	}
}
