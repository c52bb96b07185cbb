package content

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// SourceHashed returns how many chunks s has hashed: the tests of
// content_test count hashes with it.
func SourceHashed(s *Source) int64 { return s.hashed.Load() }

// SetHashingHook makes Build call h between its first stats and hashing,
// until the test ends. Tests that use it must not run in parallel.
func SetHashingHook(t testing.TB, h func()) {
	testHookHashing = h
	t.Cleanup(func() { testHookHashing = nil })
}

// stampTestWork writes two files, "big" of two and a half chunks of 16 KiB
// and "small" of 10 bytes sharing the last chunk with it, and returns the
// folder. When settled, their modification time is an hour old.
func stampTestWork(t testing.TB, settled bool) string {
	t.Helper()
	dir := t.TempDir()
	for name, n := range map[string]int{"big": 40000, "small": 10} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*7 + len(name))
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if settled {
			stampSetTime(t, p, time.Now().Add(-time.Hour))
		}
	}
	return dir
}

const stampChunks = 3 // chunks of stampTestWork in chunks of 16 KiB

func stampSetTime(t testing.TB, p string, mt time.Time) {
	t.Helper()
	if err := os.Chtimes(p, mt, mt); err != nil {
		t.Fatal(err)
	}
}

func stampMTime(t testing.TB, p string) time.Time {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}

// stampBuild builds the work at dir in chunks of 16 KiB; parsed returns it
// decoded from its encoding instead, as a restarted node has it.
func stampBuild(t testing.TB, dir string, parsed bool) *Manifest {
	t.Helper()
	m, err := Build(dir, WithChunkLog2(14))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if parsed {
		b, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if m, err = Parse(b, m.Root()); err != nil {
			t.Fatalf("Parse: %v", err)
		}
	}
	return m
}

func stampOpen(t testing.TB, dir string, m *Manifest) *Source {
	t.Helper()
	s, err := OpenSource(dir, m)
	if err != nil {
		t.Fatalf("OpenSource: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// stampReadAll reads every chunk of s and fails the test on any error.
func stampReadAll(t testing.TB, s *Source) {
	t.Helper()
	buf := make([]byte, s.m.ChunkSize())
	for i := range s.m.NumChunks() {
		if _, err := s.ReadChunk(i, buf); err != nil {
			t.Fatalf("ReadChunk(%d): %v", i, err)
		}
	}
}

// stampPatch flips the bits of byte off of the file at p, in place.
func stampPatch(t testing.TB, p string, off int64) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b [1]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0xff
	if _, err := f.WriteAt(b[:], off); err != nil {
		t.Fatal(err)
	}
}

// stampReplace puts a new file (a new inode) with the same bytes, size and
// times in place of the file at p, and returns the old times.
func stampReplace(t testing.TB, p string, edit func(b []byte)) {
	t.Helper()
	mt := stampMTime(t, p)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edit(b)
	tmp := p + ".new"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	stampSetTime(t, tmp, mt)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// TestSourceHashCounts counts the chunks ReadChunk hashes over two reads
// of a whole work, by where the manifest comes from and what happened to
// the files in between.
func TestSourceHashCounts(t *testing.T) {
	tests := []struct {
		name          string
		settled       bool // files an hour old
		parsed        bool // manifest decoded, not built here
		before        func(t *testing.T, dir string)
		first, second int64 // chunks hashed after one read of all, after two
	}{
		{"built here, settled: never hashed", true, false, nil, 0, 0},
		{"parsed, settled: hashed once", true, true, nil, stampChunks, stampChunks},
		{"built here, racy: hashed on every read", false, false, nil, stampChunks, 2 * stampChunks},
		{"parsed, racy: hashed on every read", false, true, nil, stampChunks, 2 * stampChunks},
		{"built here, small file touched: its chunk hashed once", true, false, func(t *testing.T, dir string) {
			stampSetTime(t, filepath.Join(dir, "small"), time.Now().Add(-30*time.Minute))
		}, 1, 1},
		{"built here, big file replaced by an identical copy: its chunks hashed once", true, false, func(t *testing.T, dir string) {
			stampReplace(t, filepath.Join(dir, "big"), func([]byte) {})
		}, stampChunks, stampChunks},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := stampTestWork(t, tc.settled)
			m := stampBuild(t, dir, tc.parsed)
			if tc.before != nil {
				tc.before(t, dir)
			}
			s := stampOpen(t, dir, m)
			stampReadAll(t, s)
			if got := s.hashed.Load(); got != tc.first {
				t.Errorf("first read of every chunk hashed %d chunks, want %d", got, tc.first)
			}
			stampReadAll(t, s)
			if got := s.hashed.Load(); got != tc.second {
				t.Errorf("two reads of every chunk hashed %d chunks, want %d", got, tc.second)
			}
		})
	}
}

// TestSourceFastPath edits a file in place after every chunk was verified
// once, sometimes forging its old stamp back. A forged stamp serves the
// corrupt bytes unhashed, which proves that trusted reads are not hashed
// (and is the documented trade-off); any change the stamp sees is
// ErrChanged.
func TestSourceFastPath(t *testing.T) {
	const off = 20000 // in chunk 1 of big, which holds nothing else
	tests := []struct {
		name   string
		edit   func(t *testing.T, p string)
		forged bool // the stamp is unchanged: the corrupt bytes are served
	}{
		{"content patched, modification time restored", func(t *testing.T, p string) {
			mt := stampMTime(t, p)
			stampPatch(t, p, off)
			stampSetTime(t, p, mt)
		}, true},
		{"content patched, modification time restored but 1 ns", func(t *testing.T, p string) {
			mt := stampMTime(t, p)
			stampPatch(t, p, off)
			stampSetTime(t, p, mt.Add(time.Nanosecond))
		}, false},
		{"content patched", func(t *testing.T, p string) { stampPatch(t, p, off) }, false},
		{"truncated inside the chunk, modification time restored", func(t *testing.T, p string) {
			mt := stampMTime(t, p)
			if err := os.Truncate(p, off); err != nil {
				t.Fatal(err)
			}
			stampSetTime(t, p, mt)
		}, false},
		{"replaced by a patched copy of the same size and times", func(t *testing.T, p string) {
			stampReplace(t, p, func(b []byte) { b[off] ^= 0xff })
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := stampTestWork(t, true)
			s := stampOpen(t, dir, stampBuild(t, dir, true))
			stampReadAll(t, s)
			buf := make([]byte, s.m.ChunkSize())
			want, err := s.ReadChunk(1, buf)
			if err != nil || s.hashed.Load() != stampChunks {
				t.Fatalf("second read: %v, %d chunks hashed; want no error, %d", err, s.hashed.Load(), stampChunks)
			}
			want = bytes.Clone(want)
			tc.edit(t, filepath.Join(dir, "big"))
			got, err := s.ReadChunk(1, buf)
			if !tc.forged {
				if !errors.Is(err, ErrChanged) || got != nil {
					t.Fatalf("ReadChunk after the edit = %d bytes, %v; want ErrChanged", len(got), err)
				}
				if s.verified[1].Load() != 0 {
					t.Errorf("the record of a chunk found changed was kept")
				}
				return
			}
			if err != nil || s.hashed.Load() != stampChunks {
				t.Fatalf("ReadChunk under a forged stamp: %v, %d chunks hashed; want no error, no new hash", err, s.hashed.Load())
			}
			if bytes.Equal(got, want) || s.m.VerifyChunk(1, got) == nil {
				t.Fatalf("ReadChunk under a forged stamp returned the right bytes: the chunk was not read, or the edit did nothing")
			}
		})
	}
}

// TestBuildDetectsChangeWhileHashing edits a file between the stats Build
// takes first and its hashing: the manifest could mix two versions of the
// file, so Build must fail with ErrChanged naming it.
func TestBuildDetectsChangeWhileHashing(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, p string) // nil: no change
		want error
	}{
		{"no change", nil, nil},
		{"content patched", func(t *testing.T, p string) { stampPatch(t, p, 5) }, ErrChanged},
		{"touched", func(t *testing.T, p string) { stampSetTime(t, p, time.Now().Add(-time.Minute)) }, ErrChanged},
		{"grown by a byte", func(t *testing.T, p string) {
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.Write([]byte{1}); err != nil {
				t.Fatal(err)
			}
		}, ErrChanged},
		{"replaced by an identical copy", func(t *testing.T, p string) { stampReplace(t, p, func([]byte) {}) }, ErrChanged},
		{"removed", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}, fs.ErrNotExist},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := stampTestWork(t, true)
			p := filepath.Join(dir, "small")
			calls := 0
			SetHashingHook(t, func() {
				calls++
				if tc.edit != nil {
					tc.edit(t, p)
				}
			})
			m, err := Build(dir, WithChunkLog2(14))
			if calls != 1 {
				t.Fatalf("the hook ran %d times", calls)
			}
			if tc.want == nil {
				if err != nil || m.stamps == nil {
					t.Fatalf("Build = %v; want success with stamps", err)
				}
				return
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), "small") {
				t.Fatalf("Build = %v; want %v naming small", err, tc.want)
			}
		})
	}
}

// BenchmarkSourceReadChunk reads a 64 MiB work in 256 KiB chunks on one
// goroutine: trusted (built here, unchanged: no hash) against a first read
// (a decoded manifest: every chunk hashed, as before stamps).
func BenchmarkSourceReadChunk(b *testing.B) {
	const size, k = 64 << 20, 18
	dir := b.TempDir()
	p := filepath.Join(dir, "work.bin")
	data := make([]byte, size)
	rand.NewChaCha8([32]byte{2}).Read(data)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	stampSetTime(b, p, time.Now().Add(-time.Hour))
	built, err := Build(p, WithChunkLog2(k))
	if err != nil {
		b.Fatal(err)
	}
	enc, _ := built.MarshalBinary()
	parsed, err := Parse(enc, built.Root())
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 1<<k)
	readAll := func(s *Source) {
		for i := range s.m.NumChunks() {
			if _, err := s.ReadChunk(i, buf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("trusted", func(b *testing.B) {
		s, err := OpenSource(p, built)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.SetBytes(size)
		for b.Loop() {
			readAll(s)
		}
		if s.hashed.Load() != 0 {
			b.Fatalf("%d chunks hashed", s.hashed.Load())
		}
	})
	b.Run("first-read", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			s, err := OpenSource(p, parsed)
			if err != nil {
				b.Fatal(err)
			}
			readAll(s)
			if s.hashed.Load() != int64(s.m.NumChunks()) {
				b.Fatalf("%d chunks hashed, want %d", s.hashed.Load(), s.m.NumChunks())
			}
			s.Close()
		}
	})
}

// TestManifestStampsNeverLeaveTheProcess: Build keeps a stamp per file with
// bytes; the encoding does not carry them, and no decoded manifest has any.
func TestManifestStampsNeverLeaveTheProcess(t *testing.T) {
	built, err := Build(stampTestWork(t, true), WithChunkLog2(14))
	if err != nil {
		t.Fatal(err)
	}
	if len(built.stamps) != len(built.files) {
		t.Fatalf("Build kept %d stamps for %d files", len(built.stamps), len(built.files))
	}
	for i, st := range built.stamps {
		if st == 0 {
			t.Errorf("file %s, settled an hour ago, has no stamp", built.files[i].Path)
		}
	}
	b, err := built.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := NewManifest(built.files, built.chunkLog2, built.leaves)
	if err != nil {
		t.Fatal(err)
	}
	if pb, _ := plain.MarshalBinary(); string(pb) != string(b) {
		t.Errorf("the encoding of a built manifest differs from that of the same manifest without stamps")
	}
	decoders := []struct {
		name string
		dec  func() (*Manifest, error)
	}{
		{"Unmarshal", func() (*Manifest, error) { return Unmarshal(b) }},
		{"Parse", func() (*Manifest, error) { return Parse(b, built.Root()) }},
		{"NewManifest", func() (*Manifest, error) { return plain, nil }},
	}
	for _, tc := range decoders {
		m, err := tc.dec()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if m.stamps != nil {
			t.Errorf("%s gave a manifest with stamps", tc.name)
		}
	}
}

// TestStamps checks the digest rules on real stats: every field counts, a
// racy modification time or a non-regular file gives no stamp, and a chunk
// is stamped only when all its files are.
func TestStamps(t *testing.T) {
	dir := stampTestWork(t, true)
	fi, err := os.Lstat(filepath.Join(dir, "big"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	st, ok := stateOf(fi, now)
	if !ok || st.size != 40000 || st.mtime != fi.ModTime().UnixNano() || st.ino == 0 && runtime.GOOS != "windows" {
		t.Fatalf("stateOf(big) = %+v, %v; want settled, 40000 bytes, an inode", st, ok)
	}
	if _, ok := stateOf(fi, fi.ModTime().Add(racyWindow)); ok {
		t.Errorf("a file modified racyWindow before the clock reading counts as settled")
	}
	if _, ok := stateOf(fi, fi.ModTime().Add(-time.Second)); ok {
		t.Errorf("a file modified in the future counts as settled")
	}
	di, err := os.Lstat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := stateOf(di, now); ok {
		t.Errorf("a folder can be stamped")
	}

	base := fileStamp(st, true)
	variants := []fileState{
		{st.size + 1, st.mtime, st.ino, st.dev},
		{st.size, st.mtime + 1, st.ino, st.dev},
		{st.size, st.mtime, st.ino + 1, st.dev},
		{st.size, st.mtime, st.ino, st.dev + 1},
	}
	for _, v := range variants {
		if fileStamp(v, true) == base {
			t.Errorf("state %+v stamps like %+v", v, st)
		}
	}
	if base == 0 || fileStamp(st, false) != 0 {
		t.Errorf("fileStamp = %#x settled, %#x racy; want nonzero, zero", base, fileStamp(st, false))
	}

	other := fileStamp(variants[0], true)
	chunk := []struct {
		name  string
		files []uint64
		zero  bool
	}{
		{"one file", []uint64{base}, false},
		{"two files", []uint64{base, other}, false},
		{"first racy", []uint64{0, other}, true},
		{"last racy", []uint64{base, other, 0}, true},
	}
	for _, tc := range chunk {
		var acc uint64
		for k, f := range tc.files {
			acc = addStamp(acc, k == 0, f)
		}
		if (acc == 0) != tc.zero {
			t.Errorf("%s: chunk stamp %#x", tc.name, acc)
		}
	}
	if addStamp(addStamp(0, true, base), false, other) == addStamp(addStamp(0, true, other), false, base) {
		t.Errorf("the chunk stamp does not depend on the order of its files")
	}
}
