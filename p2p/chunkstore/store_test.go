package chunkstore

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"essaim/p2p/content"
)

const (
	testLog2  = 14
	testChunk = 1 << testLog2
)

// spec is one entry of a test work.
type spec struct {
	path string
	size int64
	dir  bool
}

// mixedSpecs is the default test work: nested folders, empty files, empty
// folders (one nested in a folder that holds files), files smaller than a
// chunk, a file of exactly one chunk and chunks spanning up to four files.
func mixedSpecs() []spec {
	return []spec{
		{path: "a/b/c/deep.bin", size: 3*testChunk + 123},
		{path: "a/b/hollow", dir: true},
		{path: "a/empty.txt"},
		{path: "a/small.txt", size: 100},
		{path: "big.bin", size: 29*testChunk + 7},
		{path: "e", dir: true},
		{path: "m/1", size: 7000},
		{path: "m/2"},
		{path: "m/3", size: 3000},
		{path: "m/4", size: 9000},
		{path: "m/5", size: 1},
		{path: "m/6", size: 2},
		{path: "x/y/z/w", dir: true},
		{path: "z.bin", size: testChunk},
	}
}

// testWork is a work built in memory: its manifest and its bytes.
type testWork struct {
	m     *content.Manifest
	data  []byte            // the bytes of the work
	files map[string][]byte // file path → content
}

// newWork builds a work from specs with deterministic pseudo-random bytes.
func newWork(seed uint64, specs []spec) (*testWork, error) {
	fl := make(content.FileList, 0, len(specs))
	for _, s := range specs {
		fl = append(fl, content.Entry{Path: s.path, Size: s.size, Dir: s.dir})
	}
	sort.Slice(fl, func(i, j int) bool { return fl[i].Path < fl[j].Path })
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], seed)
	data := make([]byte, fl.Size())
	rand.NewChaCha8(key).Read(data)
	leaves := make([]content.Hash, (len(data)+testChunk-1)/testChunk)
	var wg sync.WaitGroup
	const workers = 4
	for g := range workers {
		wg.Go(func() {
			for i := g; i < len(leaves); i += workers {
				leaves[i] = content.LeafHash(data[i*testChunk : min(len(data), (i+1)*testChunk)])
			}
		})
	}
	wg.Wait()
	m, err := content.NewManifest(fl, testLog2, leaves)
	if err != nil {
		return nil, err
	}
	w := &testWork{m: m, data: data, files: map[string][]byte{}}
	var off int64
	for _, e := range fl {
		if !e.Dir {
			w.files[e.Path] = data[off : off+e.Size]
			off += e.Size
		}
	}
	return w, nil
}

func makeWork(t testing.TB, seed uint64, specs []spec) *testWork {
	t.Helper()
	w, err := newWork(seed, specs)
	if err != nil {
		t.Fatalf("build test work: %v", err)
	}
	return w
}

// chunk returns chunk i of the work; callers must not modify it.
func (w *testWork) chunk(i int) []byte {
	start := i * testChunk
	return w.data[start : start+w.m.ChunkLen(i)]
}

func (w *testWork) n() int { return w.m.NumChunks() }

func (w *testWork) stage() string { return StageName(w.m.Root()) }

func openStore(t testing.TB, dir string, w *testWork) *Store {
	t.Helper()
	s, err := Open(dir, w.m)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func put(t testing.TB, s *Store, w *testWork, idx ...int) {
	t.Helper()
	for _, i := range idx {
		if err := s.Put(i, w.chunk(i)); err != nil {
			t.Fatalf("Put(%d): %v", i, err)
		}
	}
}

func putRest(t testing.TB, s *Store, w *testWork) {
	t.Helper()
	for i := range w.n() {
		if !s.Has(i) {
			put(t, s, w, i)
		}
	}
}

// heldSet returns the chunks s holds, in order.
func heldSet(s *Store, n int) []int {
	var held []int
	for i := range n {
		if s.Has(i) {
			held = append(held, i)
		}
	}
	return held
}

func checkHeld(t testing.TB, s *Store, w *testWork, want []int) {
	t.Helper()
	want = slices.Sorted(slices.Values(want))
	want = slices.Compact(want)
	if got := heldSet(s, w.n()); !slices.Equal(got, want) {
		t.Fatalf("held chunks = %v, want %v", got, want)
	}
	if got := s.Held(); got != len(want) {
		t.Fatalf("Held() = %d, want %d", got, len(want))
	}
}

// checkServes reads every held chunk back and compares it with the source.
func checkServes(t testing.TB, s *Store, w *testWork) {
	t.Helper()
	buf := make([]byte, w.m.ChunkSize())
	for i := range w.n() {
		if !s.Has(i) {
			continue
		}
		got, err := s.ReadChunk(i, buf)
		if err != nil {
			t.Fatalf("ReadChunk(%d): %v", i, err)
		}
		if !bytes.Equal(got, w.chunk(i)) {
			t.Fatalf("ReadChunk(%d) returned other bytes than the source", i)
		}
	}
}

// without returns s without the values in drop.
func without(s []int, drop ...int) []int {
	var out []int
	for _, v := range s {
		if !slices.Contains(drop, v) {
			out = append(out, v)
		}
	}
	return out
}

// chunksTouching returns the chunks with bytes in entry.
func chunksTouching(w *testWork, entry int) []int {
	var out []int
	var segs []content.Segment
	for i := range w.n() {
		segs = w.m.Segments(i, segs[:0])
		for _, sg := range segs {
			if sg.Entry == entry {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

func entryIndex(t testing.TB, w *testWork, p string) int {
	t.Helper()
	for i, e := range w.m.Files() {
		if e.Path == p {
			return i
		}
	}
	t.Fatalf("no entry %q", p)
	return -1
}

// writeRaw writes data at chunk i's place in the staging files, behind the
// store's back.
func writeRaw(t testing.TB, dir string, w *testWork, i int, data []byte) {
	t.Helper()
	for _, sg := range w.m.Segments(i, nil) {
		name := filepath.Join(dir, w.stage(), stagingFileForTest(sg.Entry))
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt(data[sg.BufOff:sg.BufOff+sg.Len], sg.Offset); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// corrupt flips one bit of chunk i in the staging files, in its last
// segment.
func corrupt(t testing.TB, dir string, w *testWork, i int) {
	t.Helper()
	data := slices.Clone(w.chunk(i))
	data[len(data)-1] ^= 0x10
	writeRaw(t, dir, w, i, data)
}

// spanning returns a chunk of w that covers at least min files.
func spanning(t testing.TB, w *testWork, minFiles int) int {
	t.Helper()
	for i := range w.n() {
		if len(w.m.Segments(i, nil)) >= minFiles {
			return i
		}
	}
	t.Fatalf("no chunk spans %d files", minFiles)
	return -1
}

// snapshot describes every entry under dir: kind, mode and content.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			snap[rel] = "link " + target
		case fi.IsDir():
			snap[rel] = "dir " + fi.Mode().String()
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			snap[rel] = fmt.Sprintf("file %s %d %s", fi.Mode(), len(b), hex.EncodeToString(sum[:8]))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", dir, err)
	}
	return snap
}

func checkSnapshot(t testing.TB, dir string, before map[string]string) {
	t.Helper()
	after := snapshot(t, dir)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: was %q, now %q", k, v, after[k])
		}
	}
	for k, v := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: appeared (%q)", k, v)
		}
	}
}

// checkTree checks that dir holds exactly the finished work: every file with
// the source's bytes and a non-executable mode, every empty folder empty,
// and nothing else (no staging folder, no leftovers).
func checkTree(t testing.TB, dir string, w *testWork) {
	t.Helper()
	want := map[string]bool{} // path → is a folder
	for _, e := range w.m.Files() {
		want[e.Path] = e.Dir
		for d := filepath.Dir(e.Path); d != "."; d = filepath.Dir(d) {
			want[d] = true
		}
	}
	got := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		got[filepath.ToSlash(rel)] = d.IsDir()
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", dir, err)
	}
	for p, isDir := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: missing from the output", p)
		case g != isDir:
			t.Errorf("%s: folder=%v, want folder=%v", p, g, isDir)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: in the output but not part of the work", p)
		}
	}
	for _, e := range w.m.Files() {
		p := filepath.Join(dir, filepath.FromSlash(e.Path))
		fi, err := os.Lstat(p)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if e.Dir {
			ents, err := os.ReadDir(p)
			if err != nil || len(ents) != 0 {
				t.Errorf("%s: empty folder holds %d entries (%v)", e.Path, len(ents), err)
			}
			continue
		}
		if !fi.Mode().IsRegular() {
			t.Errorf("%s: mode %v, want a regular file", e.Path, fi.Mode())
			continue
		}
		if fi.Mode().Perm()&0o111 != 0 {
			t.Errorf("%s: mode %v is executable", e.Path, fi.Mode())
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if !bytes.Equal(b, w.files[e.Path]) {
			t.Errorf("%s: %d bytes differ from the source's %d", e.Path, len(b), len(w.files[e.Path]))
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, w.stage())); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("staging folder %s still there (%v)", w.stage(), err)
	}
}

func TestMixedWorkLayout(t *testing.T) {
	// The other tests rely on the default work having these features.
	w := makeWork(t, 1, mixedSpecs())
	if got := len(w.m.Segments(spanning(t, w, 4), nil)); got < 4 {
		t.Fatalf("no chunk spans 4 files")
	}
	if w.m.ChunkLen(w.n()-1) == testChunk {
		t.Errorf("last chunk is full; want a short one")
	}
	var empty, dirs int
	for _, e := range w.m.Files() {
		switch {
		case e.Dir:
			dirs++
		case e.Size == 0:
			empty++
		}
	}
	if empty < 2 || dirs < 3 {
		t.Errorf("%d empty files and %d empty folders, want at least 2 and 3", empty, dirs)
	}
}

func TestRoundTrip(t *testing.T) {
	var tiny []spec
	for i := range 30 {
		tiny = append(tiny, spec{path: fmt.Sprintf("t/%02d", i), size: int64(100 + 37*i)})
	}
	tiny = append(tiny, spec{path: "t/empty"}, spec{path: "u", dir: true})
	cases := []struct {
		name  string
		specs []spec
	}{
		{"mixed", mixedSpecs()},
		{"one file smaller than a chunk", []spec{{path: "tiny.txt", size: 5}}},
		{"one file of whole chunks", []spec{{path: "whole.bin", size: 6 * testChunk}}},
		{"many files in few chunks", tiny},
		{"one empty file", []spec{{path: "nothing"}}},
		{"only empty folders", []spec{{path: "p/q", dir: true}, {path: "r", dir: true}}},
	}
	for k, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := makeWork(t, uint64(100+k), tc.specs)
			n := w.n()
			dir := filepath.Join(t.TempDir(), "out", "deeper") // Open creates it
			s := openStore(t, dir, w)
			if s.Held() != 0 || s.Done() || s.Complete() != (n == 0) {
				t.Fatalf("fresh store: Held %d, Done %v, Complete %v", s.Held(), s.Done(), s.Complete())
			}
			if fi, err := os.Lstat(filepath.Join(dir, w.stage())); err != nil || !fi.IsDir() {
				t.Fatalf("staging folder: %v", err)
			}

			order := rand.New(rand.NewPCG(uint64(k), 7)).Perm(n)
			// The first chunks are each put by two goroutines at once, the
			// rest are shared among four goroutines.
			twice := order[:min(4, n)]
			rest := order[len(twice):]
			var wg sync.WaitGroup
			errs := make(chan error, 2*n+8)
			start := make(chan struct{})
			for _, i := range twice {
				for range 2 {
					wg.Go(func() {
						<-start
						if err := s.Put(i, w.chunk(i)); err != nil {
							errs <- fmt.Errorf("Put(%d): %w", i, err)
						}
					})
				}
			}
			for g := range 4 {
				wg.Go(func() {
					<-start
					for j := g; j < len(rest); j += 4 {
						if err := s.Put(rest[j], w.chunk(rest[j])); err != nil {
							errs <- fmt.Errorf("Put(%d): %w", rest[j], err)
						}
					}
				})
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			if t.Failed() {
				t.FailNow()
			}
			checkHeld(t, s, w, order)
			if !s.Complete() {
				t.Fatal("not Complete after every Put")
			}
			checkServes(t, s, w)

			if err := s.Finish(); err != nil {
				t.Fatalf("Finish: %v", err)
			}
			if !s.Done() {
				t.Error("Done() is false after Finish")
			}
			checkTree(t, dir, w)
			checkServes(t, s, w)
			if err := s.Finish(); err != nil {
				t.Errorf("second Finish: %v", err)
			}
			if n > 0 {
				if err := s.Put(0, w.chunk(0)); err != nil {
					t.Errorf("Put of a held chunk after Finish: %v", err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if err := s.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			checkTree(t, dir, w)
		})
	}
}

// writeSource writes w as a folder under dir.
func writeSource(t testing.TB, dir string, w *testWork) {
	t.Helper()
	for _, e := range w.m.Files() {
		p := filepath.Join(dir, filepath.FromSlash(e.Path))
		if e.Dir {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, w.files[e.Path], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRoundTripFromDisk downloads a work hashed by content.Build from its
// files on disk, reading the chunks through content.Source.
func TestRoundTripFromDisk(t *testing.T) {
	w := makeWork(t, 2, mixedSpecs())
	src := t.TempDir()
	writeSource(t, src, w)
	m, err := content.Build(src, content.WithChunkLog2(testLog2))
	if err != nil {
		t.Fatal(err)
	}
	if m.Root() != w.m.Root() {
		t.Fatalf("content.Build root %s, in-memory manifest root %s", m.Root(), w.m.Root())
	}
	source, err := content.OpenSource(src, m)
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()

	dir := t.TempDir()
	s, err := Open(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	buf := make([]byte, m.ChunkSize())
	for _, i := range rand.New(rand.NewPCG(2, 2)).Perm(m.NumChunks()) {
		data, err := source.ReadChunk(i, buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Put(i, data); err != nil {
			t.Fatalf("Put(%d): %v", i, err)
		}
	}
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

func TestPutRejects(t *testing.T) {
	w := makeWork(t, 3, mixedSpecs())
	n := w.n()
	k := spanning(t, w, 3)
	flipped := slices.Clone(w.chunk(k))
	flipped[testChunk/2] ^= 1
	padded := make([]byte, testChunk)
	copy(padded, w.chunk(n-1))
	cases := []struct {
		name string
		i    int
		data []byte
		want error
	}{
		{"flipped bit", k, flipped, content.ErrBadChunk},
		{"one byte short", k, w.chunk(k)[:testChunk-1], content.ErrBadChunk},
		{"one byte long", k, append(slices.Clone(w.chunk(k)), 0), content.ErrBadChunk},
		{"empty", k, nil, content.ErrBadChunk},
		{"the next chunk's bytes", k, w.chunk(k + 1), content.ErrBadChunk},
		{"last chunk padded to a full chunk", n - 1, padded, content.ErrBadChunk},
		{"index -1", -1, w.chunk(0), content.ErrChunkIndex},
		{"index n", n, w.chunk(0), content.ErrChunkIndex},
		{"index n+1", n + 1, w.chunk(0), content.ErrChunkIndex},
	}
	dir := t.TempDir()
	s := openStore(t, dir, w)
	// The store holds some chunks around k but not k or n-1.
	held := []int{0, k - 1, k + 1, n - 2}
	put(t, s, w, held...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Put(tc.i, tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Put(%d, %d bytes) = %v, want %v", tc.i, len(tc.data), err, tc.want)
			}
			if s.Has(tc.i) {
				t.Errorf("chunk %d held after a rejected Put", tc.i)
			}
			checkHeld(t, s, w, held)
		})
	}
	// A bad copy of a held chunk leaves it held and intact.
	bad := slices.Clone(w.chunk(k + 1))
	bad[0] ^= 0x80
	if err := s.Put(k+1, bad); !errors.Is(err, content.ErrBadChunk) {
		t.Fatalf("Put(bad copy of held chunk) = %v, want ErrBadChunk", err)
	}
	checkHeld(t, s, w, held)
	checkServes(t, s, w)
	// Nothing rejected reached the disk: Verify finds only what was put.
	if got, err := s.Verify(); err != nil || got != len(held) {
		t.Fatalf("Verify() = %d, %v; want %d", got, err, len(held))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir, w)
	checkHeld(t, s, w, held)
}

func TestReadChunkNotHeld(t *testing.T) {
	w := makeWork(t, 4, mixedSpecs())
	s := openStore(t, t.TempDir(), w)
	put(t, s, w, 1)
	buf := make([]byte, testChunk)
	for _, i := range []int{-1, 0, 2, w.n() - 1, w.n(), w.n() + 5} {
		if _, err := s.ReadChunk(i, buf); !errors.Is(err, ErrNotHeld) {
			t.Errorf("ReadChunk(%d) = %v, want ErrNotHeld", i, err)
		}
	}
	if _, err := s.ReadChunk(1, make([]byte, 10)); err == nil {
		t.Error("ReadChunk into a 10-byte buffer succeeded")
	}
	if got, err := s.ReadChunk(1, buf); err != nil || !bytes.Equal(got, w.chunk(1)) {
		t.Errorf("ReadChunk(1) = %v (same bytes: %v)", err, bytes.Equal(got, w.chunk(1)))
	}
}

func TestFinishIncomplete(t *testing.T) {
	w := makeWork(t, 5, mixedSpecs())
	dir := t.TempDir()
	s := openStore(t, dir, w)
	order := rand.New(rand.NewPCG(5, 5)).Perm(w.n())
	last := order[len(order)-1]
	for _, held := range [][]int{nil, order[:len(order)/2], order[:len(order)-1]} {
		put(t, s, w, held...)
		before := snapshot(t, dir)
		err := s.Finish()
		if !errors.Is(err, ErrIncomplete) {
			t.Fatalf("Finish with %d of %d chunks = %v, want ErrIncomplete", s.Held(), w.n(), err)
		}
		if s.Done() {
			t.Fatal("Done after a refused Finish")
		}
		checkSnapshot(t, dir, before)
		for _, e := range w.m.Files() {
			if _, err := os.Lstat(filepath.Join(dir, e.Path)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s placed by an incomplete Finish (%v)", e.Path, err)
			}
		}
	}
	put(t, s, w, last)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestFinishSettlesFiles checks that the states of a finished download's
// files may be recorded at once (content.Settled, with no wait for the
// clock to move on), and that a write right after the finish that keeps a
// file's size still moves its state.
func TestFinishSettlesFiles(t *testing.T) {
	w := makeWork(t, 7, mixedSpecs())
	dir := t.TempDir()
	s := openStore(t, dir, w)
	putRest(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	states, err := content.StatFiles(dir, w.m)
	if err != nil {
		t.Fatal(err)
	}
	if !content.Settled(states, time.Now()) {
		t.Fatal("the finished files are not settled: their states cannot be recorded yet")
	}
	big := slices.IndexFunc(w.m.Files(), func(e content.Entry) bool { return e.Path == "big.bin" })
	f, err := os.OpenFile(filepath.Join(dir, "big.bin"), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{^w.files["big.bin"][0]}, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := content.StatFiles(dir, w.m)
	if err != nil {
		t.Fatal(err)
	}
	if again[big] == states[big] {
		t.Errorf("an edit right after the finish left big.bin's state as it was: %+v", again[big])
	}
}

func TestUseAfterClose(t *testing.T) {
	w := makeWork(t, 6, mixedSpecs())
	s := openStore(t, t.TempDir(), w)
	put(t, s, w, 0)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := s.Put(1, w.chunk(1)); !errors.Is(err, ErrClosed) {
		t.Errorf("Put after Close = %v, want ErrClosed", err)
	}
	if _, err := s.Verify(); !errors.Is(err, ErrClosed) {
		t.Errorf("Verify after Close = %v, want ErrClosed", err)
	}
	if err := s.Finish(); !errors.Is(err, ErrClosed) {
		t.Errorf("Finish after Close = %v, want ErrClosed", err)
	}
	if _, err := s.ReadChunk(0, make([]byte, testChunk)); !errors.Is(err, ErrClosed) {
		t.Errorf("ReadChunk after Close = %v, want ErrClosed", err)
	}
}

// TestConcurrentUse runs Put, ReadChunk, Has, Held and Verify at once (for
// the race detector), then finishes.
func TestConcurrentUse(t *testing.T) {
	w := makeWork(t, 7, mixedSpecs())
	dir := t.TempDir()
	s := openStore(t, dir, w)
	order := rand.New(rand.NewPCG(7, 7)).Perm(w.n())
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	stop := make(chan struct{})
	for g := range 3 {
		wg.Go(func() {
			for j := g; j < len(order); j += 3 {
				if err := s.Put(order[j], w.chunk(order[j])); err != nil {
					report(fmt.Errorf("Put(%d): %w", order[j], err))
				}
			}
		})
	}
	var readers sync.WaitGroup
	readers.Go(func() {
		buf := make([]byte, testChunk)
		for k := 0; ; k++ {
			select {
			case <-stop:
				return
			default:
			}
			i := order[k%len(order)]
			if !s.Has(i) {
				continue
			}
			got, err := s.ReadChunk(i, buf)
			if err != nil || !bytes.Equal(got, w.chunk(i)) {
				report(fmt.Errorf("ReadChunk(%d) = %v (same bytes: %v)", i, err, bytes.Equal(got, w.chunk(i))))
			}
		}
	})
	readers.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			before := s.Held()
			got, err := s.Verify()
			if err != nil || got < before {
				report(fmt.Errorf("Verify() = %d, %v with %d held before", got, err, before))
			}
		}
	})
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkHeld(t, s, w, order)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestOtherWorksAndDirs checks that the lock is per work and per folder.
func TestOtherWorksAndDirs(t *testing.T) {
	w1 := makeWork(t, 8, []spec{{path: "one", size: 3 * testChunk}})
	w2 := makeWork(t, 9, []spec{{path: "two", size: 2*testChunk + 1}})
	dir := t.TempDir()
	s1 := openStore(t, dir, w1)
	s2 := openStore(t, dir, w2)         // another work, same folder
	s3 := openStore(t, t.TempDir(), w1) // same work, another folder
	putRest(t, s1, w1)
	putRest(t, s2, w2)
	putRest(t, s3, w1)
	for _, s := range []*Store{s1, s2, s3} {
		if err := s.Finish(); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "one")); err != nil || !bytes.Equal(b, w1.data) {
		t.Errorf("one: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "two")); err != nil || !bytes.Equal(b, w2.data) {
		t.Errorf("two: %v", err)
	}
	if ents, err := os.ReadDir(dir); err != nil || len(ents) != 2 {
		t.Errorf("output holds %d entries (%v), want 2", len(ents), err)
	}
}
