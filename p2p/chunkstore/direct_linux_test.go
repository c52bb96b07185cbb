package chunkstore

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// directWork is one file of eight aligned chunks and a short last one.
func directWork(t *testing.T) *testWork {
	return makeWork(t, 11, []spec{{path: "film.bin", size: 8*testChunk + 100}})
}

// alignedChunk copies chunk i of w into a buffer from NewBuffer, shifted by
// skew bytes (0: aligned for direct writes).
func alignedChunk(w *testWork, i, skew int) []byte {
	b := NewBuffer(w.m.ChunkSize() + skew)[skew:]
	return b[:copy(b, w.chunk(i))]
}

// cached reports, for each chunk of the one-file work w in dir, whether
// any of its pages is in the page cache.
func cached(t *testing.T, dir string, w *testWork) []bool {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, w.stage(), stagingFileForTest(0)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size := int(w.m.Size())
	mem, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(mem)
	page := os.Getpagesize()
	vec := make([]byte, (size+page-1)/page)
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&mem[0])), uintptr(size), uintptr(unsafe.Pointer(&vec[0])))
	if errno != 0 {
		t.Fatalf("mincore: %v", errno)
	}
	out := make([]bool, w.n())
	for p, v := range vec {
		if v&1 != 0 {
			out[p*page/testChunk] = true
		}
	}
	return out
}

// TestDirectWrites checks that chunks received into aligned buffers go to
// the disk without passing through the page cache, and that the others (a
// short last chunk, a misaligned buffer) are written through it, all of
// them readable afterwards.
func TestDirectWrites(t *testing.T) {
	w := directWork(t)
	dir := t.TempDir()
	s := openStore(t, dir, w)
	for i := range 7 {
		if err := s.Put(i, alignedChunk(w, i, 0)); err != nil {
			t.Fatalf("Put(%d): %v", i, err)
		}
	}
	if err := s.Put(7, alignedChunk(w, 7, 1)); err != nil {
		t.Fatalf("Put(7) from a misaligned buffer: %v", err)
	}
	if err := s.Put(8, alignedChunk(w, 8, 0)); err != nil {
		t.Fatalf("Put(8), the short last chunk: %v", err)
	}
	if s.noDirect.Load() {
		t.Fatalf("the store gave up direct writes in %s", dir)
	}
	in := cached(t, dir, w)
	for i := range 7 {
		if in[i] {
			t.Errorf("chunk %d, aligned, is in the page cache: it was written through it", i)
		}
	}
	for _, i := range []int{7, 8} {
		if !in[i] {
			t.Errorf("chunk %d was written through the page cache, yet none of its pages is there: the check sees nothing", i)
		}
	}
	checkServes(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestDirectRefused plays a filesystem that refuses direct writes: the
// store writes through the page cache instead, loses nothing and does not
// try again.
func TestDirectRefused(t *testing.T) {
	tries := 0
	directWriteAt = func(*os.File, []byte, int64) (int, error) {
		tries++
		return 0, &os.PathError{Op: "write", Path: "film.bin", Err: syscall.EINVAL}
	}
	t.Cleanup(func() { directWriteAt = (*os.File).WriteAt })
	w := directWork(t)
	dir := t.TempDir()
	s := openStore(t, dir, w)
	for i := range w.n() {
		if err := s.Put(i, alignedChunk(w, i, 0)); err != nil {
			t.Fatalf("Put(%d): %v", i, err)
		}
	}
	if tries != 1 {
		t.Errorf("%d direct writes tried, want 1 (then the page cache)", tries)
	}
	checkServes(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

func TestNewBuffer(t *testing.T) {
	for _, n := range []int{1, 4096, 100_000, 1 << 20} {
		b := NewBuffer(n)
		if len(b) != n || cap(b) != n {
			t.Errorf("NewBuffer(%d): len %d cap %d", n, len(b), cap(b))
		}
		if a := uintptr(unsafe.Pointer(&b[0])) % directAlign; a != 0 {
			t.Errorf("NewBuffer(%d) starts %d bytes past an aligned address", n, a)
		}
	}
}

// openFiles counts this process's open file descriptors.
func openFiles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(fds)
}

// TestDirectHandles checks the staging files kept open for direct writes:
// one open per file rather than per chunk, never more than maxHandles at
// once however many files the work has, and none left open once the work
// is finished or the store closed.
func TestDirectHandles(t *testing.T) {
	var specs []spec
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		specs = append(specs, spec{path: name + ".bin", size: 2 * testChunk})
	}
	if len(specs) <= maxHandles {
		t.Fatalf("the work has %d files, not more than the %d handles kept open", len(specs), maxHandles)
	}
	w := makeWork(t, 5, specs)
	for _, finish := range []bool{true, false} {
		dir := t.TempDir()
		before := openFiles(t)
		s := openStore(t, dir, w)
		put := func(i int) {
			t.Helper()
			if err := s.Put(i, alignedChunk(w, i, 0)); err != nil {
				t.Fatalf("Put(%d): %v", i, err)
			}
		}
		put(0)
		first := s.handles[0]
		put(1)
		if first == nil || s.handles[0] != first {
			t.Fatal("the second chunk of a file did not reuse the file opened for the first")
		}
		most := 0
		for i := 2; i < w.n(); i++ {
			put(i)
			most = max(most, openFiles(t)-before)
		}
		// The journal and the root are open besides the handles.
		if most > maxHandles+2 {
			t.Errorf("%d descriptors open while writing %d files, want at most %d", most, len(specs), maxHandles+2)
		}
		if finish {
			if err := s.Finish(); err != nil {
				t.Fatal(err)
			}
			checkTree(t, dir, w)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if n := openFiles(t) - before; n != 0 {
			t.Errorf("finish %v: %d descriptors left open after Close", finish, n)
		}
	}
}

// TestUsePageCache checks that a store told to use the page cache writes
// aligned chunks through it, and says so.
func TestUsePageCache(t *testing.T) {
	w := directWork(t)
	dir := t.TempDir()
	s := openStore(t, dir, w)
	if !s.Direct() {
		t.Fatal("a new store does not write directly")
	}
	s.UsePageCache()
	if s.Direct() {
		t.Error("Direct() after UsePageCache")
	}
	for i := range w.n() {
		if err := s.Put(i, alignedChunk(w, i, 0)); err != nil {
			t.Fatalf("Put(%d): %v", i, err)
		}
	}
	for i, in := range cached(t, dir, w) {
		if !in {
			t.Errorf("chunk %d is not in the page cache: it went straight to the disk", i)
		}
	}
	checkServes(t, s, w)
}
