package chunkstore

import (
	"errors"
	"os"
	"syscall"
	"testing"

	"essaim/p2p/content"
)

// countWrites counts the direct writes of one chunk and of runs, passing
// them on to the real ones (or to writev when given).
func countWrites(t *testing.T, writev func(*os.File, [][]byte, int64) (int, error)) (single, runs *int) {
	single, runs = new(int), new(int)
	realAt, realV := directWriteAt, directWritevAt
	if writev == nil {
		writev = realV
	}
	directWriteAt = func(f *os.File, p []byte, off int64) (int, error) { *single++; return realAt(f, p, off) }
	directWritevAt = func(f *os.File, b [][]byte, off int64) (int, error) { *runs++; return writev(f, b, off) }
	t.Cleanup(func() { directWriteAt, directWritevAt = realAt, realV })
	return single, runs
}

func alignedChunks(w *testWork, from, to int) [][]byte {
	var out [][]byte
	for i := from; i < to; i++ {
		out = append(out, alignedChunk(w, i, 0))
	}
	return out
}

func wantNoErrors(t *testing.T, what string, errs []error) {
	t.Helper()
	for k, err := range errs {
		if err != nil {
			t.Fatalf("%s: chunk %d of the run: %v", what, k, err)
		}
	}
}

// TestPutRun checks that a run of aligned chunks of one file goes to the
// disk in one write, past the page cache, and that a run with a chunk that
// cannot join one (the short last chunk) is stored chunk by chunk.
func TestPutRun(t *testing.T) {
	single, runs := countWrites(t, nil)
	w := directWork(t)
	dir := t.TempDir()
	s := openStore(t, dir, w)
	if !s.Mergeable(0) || s.Mergeable(8) || s.Mergeable(9) || s.Mergeable(-1) {
		t.Fatalf("Mergeable: chunk 0 %v, the short last chunk %v, out of range %v %v; want true, false, false, false",
			s.Mergeable(0), s.Mergeable(8), s.Mergeable(9), s.Mergeable(-1))
	}
	wantNoErrors(t, "PutRun(0, 4 chunks)", s.PutRun(0, alignedChunks(w, 0, 4)))
	if *runs != 1 || *single != 0 {
		t.Fatalf("4 chunks took %d run writes and %d chunk writes, want 1 and 0", *runs, *single)
	}
	wantNoErrors(t, "PutRun(4, 3 chunks)", s.PutRun(4, alignedChunks(w, 4, 7)))
	wantNoErrors(t, "PutRun(7, 2 chunks)", s.PutRun(7, alignedChunks(w, 7, 9)))
	if *runs != 2 || *single != 1 {
		t.Fatalf("after runs 4-6 and 7-8: %d run writes and %d direct chunk writes, want 2 and 1 (the short chunk 8 goes through the page cache)", *runs, *single)
	}
	in := cached(t, dir, w)
	for i := range 8 {
		if in[i] {
			t.Errorf("chunk %d is in the page cache: it was not written directly", i)
		}
	}
	if !in[8] {
		t.Error("the short last chunk is not in the page cache: the check sees nothing")
	}
	checkServes(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestPutRunChunkByChunk: a bad chunk, or one held already, makes the run
// go chunk by chunk; the bad one alone is refused.
func TestPutRunChunkByChunk(t *testing.T) {
	single, runs := countWrites(t, nil)
	w := directWork(t)
	dir := t.TempDir()
	s := openStore(t, dir, w)
	run := alignedChunks(w, 0, 3)
	run[1][5] ^= 1
	errs := s.PutRun(0, run)
	if errs[0] != nil || errs[2] != nil || !errors.Is(errs[1], content.ErrBadChunk) {
		t.Fatalf("PutRun with chunk 1 corrupted: %v, want nil, ErrBadChunk, nil", errs)
	}
	if *runs != 0 || *single != 2 {
		t.Fatalf("%d run writes and %d chunk writes, want 0 and 2", *runs, *single)
	}
	if !s.Has(0) || s.Has(1) || !s.Has(2) {
		t.Fatalf("held after the run: 0 %v, 1 %v, 2 %v; want 0 and 2", s.Has(0), s.Has(1), s.Has(2))
	}
	// Chunk 2 is held: a run over it is stored chunk by chunk, and chunk
	// 2 is not written again.
	wantNoErrors(t, "PutRun(1, 3 chunks)", s.PutRun(1, alignedChunks(w, 1, 4)))
	if *runs != 0 || *single != 4 {
		t.Fatalf("%d run writes and %d chunk writes, want 0 and 4", *runs, *single)
	}
	wantNoErrors(t, "PutRun(4, 5 chunks)", s.PutRun(4, alignedChunks(w, 4, 9)))
	checkServes(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestPutRunRefused plays a filesystem that refuses direct writes of
// runs: the run is stored through the page cache, and no run is tried
// again.
func TestPutRunRefused(t *testing.T) {
	_, runs := countWrites(t, func(*os.File, [][]byte, int64) (int, error) {
		return 0, &os.PathError{Op: "pwritev", Path: "film.bin", Err: syscall.EINVAL}
	})
	w := directWork(t)
	dir := t.TempDir()
	s := openStore(t, dir, w)
	wantNoErrors(t, "PutRun(0, 4 chunks)", s.PutRun(0, alignedChunks(w, 0, 4)))
	wantNoErrors(t, "PutRun(4, 5 chunks)", s.PutRun(4, alignedChunks(w, 4, 9)))
	if *runs != 1 || s.Direct() || s.Mergeable(4) {
		t.Fatalf("%d run writes tried, Direct %v, Mergeable %v; want 1, false, false", *runs, s.Direct(), s.Mergeable(4))
	}
	checkServes(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestPutRunShortWrite: a write of a run that the kernel cuts short is
// finished, not lost.
func TestPutRunShortWrite(t *testing.T) {
	realV := directWritevAt
	_, runs := countWrites(t, func(f *os.File, b [][]byte, off int64) (int, error) {
		n, err := realV(f, b[:1], off) // the first buffer only
		if err == nil && len(b) > 1 {
			// and half of the next, as a cut inside a buffer
			m, err := f.WriteAt(b[1][:len(b[1])/2], off+int64(n))
			return n + m, err
		}
		return n, err
	})
	w := directWork(t)
	dir := t.TempDir()
	s := openStore(t, dir, w)
	wantNoErrors(t, "PutRun(0, 5 chunks)", s.PutRun(0, alignedChunks(w, 0, 5)))
	if *runs < 2 {
		t.Fatalf("%d run writes for a run cut short each time, want at least 2", *runs)
	}
	wantNoErrors(t, "PutRun(5, 4 chunks)", s.PutRun(5, alignedChunks(w, 5, 9)))
	checkServes(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}
