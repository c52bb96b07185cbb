package content_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"essaim/p2p/content"
)

// ctSourceWork is a folder whose 16 KiB chunks cross file boundaries:
// chunk 0 holds a and the start of b/c; chunk 1 the rest of b/c, all of d
// and the start of e (three files); chunks 2 and 3 are inside e; chunk 4
// holds the end of e and g/h.
var ctSourceWork = []ctFile{
	{path: "a", data: ctData(70, 10000)},
	{path: "b/c", data: ctData(71, 20000)},
	{path: "b/empty"},
	{path: "d", data: ctData(72, 300)},
	{path: "e", data: ctData(73, 40000)},
	{path: "f", dir: true},
	{path: "g/h", data: ctData(74, 5)},
}

// ctOpenWork writes files to a new folder, hashes it in chunks of 2^k and
// opens a Source on it. It returns the folder, the manifest, the bytes of
// the work and the source.
func ctOpenWork(t *testing.T, files []ctFile, k uint8) (string, *content.Manifest, []byte, *content.Source) {
	t.Helper()
	return ctOpenWorkAs(t, files, k, ctFresh)
}

// ctOpenMode says how ctOpenWorkAs opens a work.
type ctOpenMode int

const (
	// ctFresh builds the work just written: its files are racy, so every
	// read hashes.
	ctFresh ctOpenMode = iota
	// ctSettled builds the work from files an hour old and serves the
	// manifest Build returned: every chunk is trusted from the start.
	ctSettled
	// ctParsed serves the same work from a decoded manifest, as a node
	// restarted from its saved manifest does: each chunk is hashed once.
	ctParsed
)

func (m ctOpenMode) String() string { return [...]string{"fresh", "settled", "parsed"}[m] }

// ctOpenWorkAs is ctOpenWork with the files and the manifest of mode.
func ctOpenWorkAs(t *testing.T, files []ctFile, k uint8, mode ctOpenMode) (string, *content.Manifest, []byte, *content.Source) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "work")
	ctWriteFiles(t, dir, files)
	if mode != ctFresh {
		ctAge(t, dir, time.Hour)
	}
	m, err := content.Build(dir, content.WithChunkLog2(k))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if mode == ctParsed {
		if m, err = content.Parse(ctMarshal(t, m), m.Root()); err != nil {
			t.Fatalf("Parse: %v", err)
		}
	}
	_, work := ctList(files)
	src, err := content.OpenSource(dir, m)
	if err != nil {
		t.Fatalf("OpenSource: %v", err)
	}
	t.Cleanup(func() { src.Close() })
	return dir, m, work, src
}

// ctAge sets the modification time of every file under dir to age ago.
func ctAge(t testing.TB, dir string, age time.Duration) {
	t.Helper()
	old := time.Now().Add(-age)
	ctMustOK(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		return os.Chtimes(p, old, old)
	}))
}

// ctWriteFiles is ctWriteTree without the build tag of build_test.go.
func ctWriteFiles(t testing.TB, dir string, files []ctFile) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if f.dir {
			ctMustOK(t, os.MkdirAll(p, 0o755))
			continue
		}
		ctMustOK(t, os.MkdirAll(filepath.Dir(p), 0o755))
		ctMustOK(t, os.WriteFile(p, f.data, 0o644))
	}
}

func ctMustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// ctOffset returns the offset in the work of the first byte of file p.
func ctOffset(t testing.TB, m *content.Manifest, p string) int64 {
	t.Helper()
	var off int64
	for _, e := range m.Files() {
		if e.Path == p {
			return off
		}
		off += e.Size
	}
	t.Fatalf("%q is not in the work", p)
	return 0
}

func TestSourceReadChunk(t *testing.T) {
	_, m, work, src := ctOpenWork(t, ctSourceWork, 14)
	if src.Manifest() != m {
		t.Errorf("Manifest() is not the manifest given")
	}
	chunks := ctChunks(work, 14)
	if m.NumChunks() != len(chunks) {
		t.Fatalf("NumChunks = %d, want %d", m.NumChunks(), len(chunks))
	}
	buf := make([]byte, m.ChunkSize())
	for i, want := range chunks {
		got, err := src.ReadChunk(i, buf)
		if err != nil {
			t.Fatalf("ReadChunk(%d): %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("ReadChunk(%d) returned %d bytes that differ from the chunk (%d bytes)", i, len(got), len(want))
		}
	}
	// A buffer larger than a chunk is fine too.
	big := make([]byte, 2*m.ChunkSize())
	if got, err := src.ReadChunk(len(chunks)-1, big); err != nil || !bytes.Equal(got, chunks[len(chunks)-1]) {
		t.Errorf("ReadChunk(last) with a large buffer = %d bytes, %v", len(got), err)
	}

	rejects := []struct {
		name string
		i    int
		buf  []byte
		want error // nil: any error
	}{
		{"index -1", -1, buf, content.ErrChunkIndex},
		{"index n", len(chunks), buf, content.ErrChunkIndex},
		{"index n+1", len(chunks) + 1, buf, content.ErrChunkIndex},
		{"buffer too small", 0, make([]byte, m.ChunkSize()-1), nil},
		{"nil buffer", 0, nil, nil},
	}
	for _, tc := range rejects {
		t.Run(tc.name, func(t *testing.T) {
			got, err := src.ReadChunk(tc.i, tc.buf)
			if err == nil {
				t.Fatalf("ReadChunk(%d) succeeded with %d bytes", tc.i, len(got))
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("ReadChunk(%d) = %v, want %v", tc.i, err, tc.want)
			}
		})
	}
}

// TestSourceConcurrent reads every chunk from 8 goroutines at once, on
// sources that hash every read, none, or each chunk once: run under -race,
// it checks that the per-chunk records need no lock.
func TestSourceConcurrent(t *testing.T) {
	tests := []struct {
		mode     ctOpenMode
		min, max int // chunks hashed, in units of the chunk count
	}{
		{ctFresh, 8, 8},
		{ctSettled, 0, 0},
		{ctParsed, 1, 8},
	}
	for _, tc := range tests {
		t.Run(tc.mode.String(), func(t *testing.T) {
			_, m, work, src := ctOpenWorkAs(t, ctSourceWork, 14, tc.mode)
			chunks := ctChunks(work, 14)
			var wg sync.WaitGroup
			errs := make(chan error, 8*len(chunks))
			for w := range 8 {
				wg.Go(func() {
					buf := make([]byte, m.ChunkSize())
					for j := range chunks {
						i := (j + w) % len(chunks)
						got, err := src.ReadChunk(i, buf)
						if err != nil {
							errs <- err
						} else if !bytes.Equal(got, chunks[i]) {
							errs <- errors.New("wrong chunk data")
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			n := int64(len(chunks))
			if h := content.SourceHashed(src); h < int64(tc.min)*n || h > int64(tc.max)*n {
				t.Errorf("%d chunks hashed for 8 reads of %d chunks, want %d to %d", h, n, int64(tc.min)*n, int64(tc.max)*n)
			}
		})
	}
}

func TestSourceSingleFile(t *testing.T) {
	dir := t.TempDir()
	data := ctData(75, 40000)
	p := filepath.Join(dir, "file.bin")
	ctMustOK(t, os.WriteFile(p, data, 0o644))
	// A sibling that is not part of the work.
	ctMustOK(t, os.WriteFile(filepath.Join(dir, "other"), ctData(76, 40000), 0o644))
	m, err := content.Build(p, content.WithChunkLog2(14))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	src, err := content.OpenSource(p, m)
	if err != nil {
		t.Fatalf("OpenSource: %v", err)
	}
	defer src.Close()
	buf := make([]byte, m.ChunkSize())
	for i, want := range ctChunks(data, 14) {
		got, err := src.ReadChunk(i, buf)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("ReadChunk(%d) = %d bytes, %v", i, len(got), err)
		}
	}
}

// TestSourceDetectsChanges edits the files of a work after hashing it.
func TestSourceDetectsChanges(t *testing.T) {
	const k = 14
	tests := []struct {
		name   string
		change func(t *testing.T, dir string, m *content.Manifest) (changed []int64) // offsets in the work that no longer match
		want   error                                                                 // for chunks holding a changed offset; nil: any error
	}{
		{"one byte in the middle of a file", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctPatch(t, filepath.Join(dir, "b", "c"), 10000)
			return []int64{ctOffset(t, m, "b/c") + 10000}
		}, content.ErrChanged},
		{"first byte of the work", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctPatch(t, filepath.Join(dir, "a"), 0)
			return []int64{0}
		}, content.ErrChanged},
		{"last byte of the work", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctPatch(t, filepath.Join(dir, "g", "h"), 4)
			return []int64{m.Size() - 1}
		}, content.ErrChanged},
		{"a small file in a chunk of three files", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctPatch(t, filepath.Join(dir, "d"), 150)
			return []int64{ctOffset(t, m, "d") + 150}
		}, content.ErrChanged},
		{"file truncated to half", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctMustOK(t, os.Truncate(filepath.Join(dir, "e"), 20000))
			start := ctOffset(t, m, "e")
			return ctRange(start+20000, start+40000)
		}, content.ErrChanged},
		{"file truncated by one byte", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctMustOK(t, os.Truncate(filepath.Join(dir, "b", "c"), 19999))
			return []int64{ctOffset(t, m, "b/c") + 19999}
		}, content.ErrChanged},
		{"file truncated to nothing", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctMustOK(t, os.Truncate(filepath.Join(dir, "a"), 0))
			return ctRange(0, 10000)
		}, content.ErrChanged},
		{"file replaced by another of the same size", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctMustOK(t, os.WriteFile(filepath.Join(dir, "d"), ctData(99, 300), 0o644))
			start := ctOffset(t, m, "d")
			return ctRange(start, start+300)
		}, content.ErrChanged},
		{"file removed", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctMustOK(t, os.Remove(filepath.Join(dir, "a")))
			return ctRange(0, 10000)
		}, fs.ErrNotExist},
		{"file replaced by a folder", func(t *testing.T, dir string, m *content.Manifest) []int64 {
			ctMustOK(t, os.Remove(filepath.Join(dir, "d")))
			ctMustOK(t, os.Mkdir(filepath.Join(dir, "d"), 0o755))
			start := ctOffset(t, m, "d")
			return ctRange(start, start+300)
		}, nil},
	}
	// Every change is run on a source that hashes every read (fresh), one
	// that trusts every chunk from the start (settled) and one that has
	// hashed every chunk once (parsed): where chunks are trusted, only the
	// stamps can notice the change.
	for _, mode := range []ctOpenMode{ctFresh, ctSettled, ctParsed} {
		for _, tc := range tests {
			t.Run(mode.String()+"/"+tc.name, func(t *testing.T) {
				dir, m, work, src := ctOpenWorkAs(t, ctSourceWork, k, mode)
				chunks := ctChunks(work, k)
				buf := make([]byte, m.ChunkSize())
				if mode == ctParsed {
					for i := range chunks {
						_, err := src.ReadChunk(i, buf)
						ctMustOK(t, err)
					}
				}
				hashed := content.SourceHashed(src)
				changed := map[int]bool{}
				for _, off := range tc.change(t, dir, m) {
					changed[int(off>>k)] = true
				}
				if len(changed) == 0 || len(changed) == len(chunks) {
					t.Fatalf("%d of %d chunks changed: the test shows nothing", len(changed), len(chunks))
				}
				ctCheckChanged(t, src, chunks, changed, tc.want)
				// Chunks that only share a file with a changed one are hashed
				// again, once; the others not at all.
				touched := ctTouched(m, changed)
				if n := content.SourceHashed(src) - hashed; mode != ctFresh && n > int64(len(touched)) {
					t.Errorf("%d chunks hashed after a change to files in %d: chunks of unchanged files were hashed", n, len(touched))
				}
			})
		}
	}
}

// ctTouched returns the chunks that share a file with a chunk in changed.
func ctTouched(m *content.Manifest, changed map[int]bool) map[int]bool {
	files := map[int]bool{}
	for i := range changed {
		for _, sg := range m.Segments(i, nil) {
			files[sg.Entry] = true
		}
	}
	touched := map[int]bool{}
	for i := range m.NumChunks() {
		for _, sg := range m.Segments(i, nil) {
			touched[i] = touched[i] || files[sg.Entry]
		}
	}
	return touched
}

// ctCheckChanged reads every chunk of src: those in changed must fail with
// want (nil: any error) and no data, the others return their bytes.
func ctCheckChanged(t *testing.T, src *content.Source, chunks [][]byte, changed map[int]bool, want error) {
	t.Helper()
	buf := make([]byte, src.Manifest().ChunkSize())
	for i, c := range chunks {
		got, err := src.ReadChunk(i, buf)
		switch {
		case changed[i] && err == nil:
			t.Errorf("ReadChunk(%d) of a changed chunk succeeded", i)
		case changed[i] && want != nil && !errors.Is(err, want):
			t.Errorf("ReadChunk(%d) = %v, want %v", i, err, want)
		case changed[i] && got != nil:
			t.Errorf("ReadChunk(%d) returned data with its error", i)
		case !changed[i] && err != nil:
			t.Errorf("ReadChunk(%d) of an unchanged chunk: %v", i, err)
		case !changed[i] && !bytes.Equal(got, c):
			t.Errorf("ReadChunk(%d) of an unchanged chunk returned other bytes", i)
		}
	}
}

// ctPatch flips the bits of byte off of the file at p, in place.
func ctPatch(t testing.TB, p string, off int64) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	ctMustOK(t, err)
	defer f.Close()
	var b [1]byte
	_, err = f.ReadAt(b[:], off)
	ctMustOK(t, err)
	b[0] ^= 0xff
	_, err = f.WriteAt(b[:], off)
	ctMustOK(t, err)
}

// ctRange returns the offsets [from, to).
func ctRange(from, to int64) []int64 {
	var r []int64
	for o := from; o < to; o++ {
		r = append(r, o)
	}
	return r
}

// TestSourceRefusesEscapingSymlinks replaces part of a work, after hashing,
// by a symlink to an identical copy outside the work folder: the data would
// even match its hash, so only refusing to follow the link can stop it.
func TestSourceRefusesEscapingSymlinks(t *testing.T) {
	const k = 14
	tests := []struct {
		name    string
		replace string // the entry or folder replaced by a symlink
		absLink bool   // an absolute link target instead of a relative one
	}{
		{"file replaced by an absolute link", "e", true},
		{"file replaced by a relative link", "e", false},
		{"nested file replaced", "b/c", true},
		{"folder replaced", "g", true},
		{"folder replaced, relative link", "b", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, m, work, src := ctOpenWork(t, ctSourceWork, k)
			// An identical copy of the work next to it, outside its folder.
			outside := filepath.Join(filepath.Dir(dir), "outside")
			ctWriteFiles(t, outside, ctSourceWork)
			victim := filepath.Join(dir, filepath.FromSlash(tc.replace))
			target := filepath.Join(outside, filepath.FromSlash(tc.replace))
			if !tc.absLink {
				rel, err := filepath.Rel(filepath.Dir(victim), target)
				ctMustOK(t, err)
				target = rel
			}
			ctMustOK(t, os.RemoveAll(victim))
			ctMustOK(t, os.Symlink(target, victim))
			// The path does reach the outside copy through the link.
			if _, err := os.Stat(victim); err != nil {
				t.Fatalf("the planted link does not resolve: %v", err)
			}

			affected := map[int]bool{}
			for _, e := range m.Files() {
				if e.Size > 0 && (e.Path == tc.replace || len(e.Path) > len(tc.replace) && e.Path[:len(tc.replace)+1] == tc.replace+"/") {
					start := ctOffset(t, m, e.Path)
					for i := start >> k; i <= (start+e.Size-1)>>k; i++ {
						affected[int(i)] = true
					}
				}
			}
			if len(affected) == 0 {
				t.Fatalf("no chunk reads %q", tc.replace)
			}
			chunks := ctChunks(work, k)
			buf := make([]byte, m.ChunkSize())
			for i, want := range chunks {
				clear(buf)
				got, err := src.ReadChunk(i, buf)
				if affected[i] {
					if err == nil {
						t.Errorf("ReadChunk(%d) read through a link out of the work folder", i)
					}
					if got != nil {
						t.Errorf("ReadChunk(%d) returned data with its error", i)
					}
					continue
				}
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("ReadChunk(%d) of an unaffected chunk: %d bytes, %v", i, len(got), err)
				}
			}
		})
	}
}

// TestSourceSingleFileEscapingSymlink replaces the single file of a work by
// a link to an identical copy in another folder.
func TestSourceSingleFileEscapingSymlink(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "in")
	other := filepath.Join(base, "out")
	data := ctData(77, 30000)
	ctWriteFiles(t, dir, []ctFile{{path: "f", data: data}})
	ctWriteFiles(t, other, []ctFile{{path: "f", data: data}})
	p := filepath.Join(dir, "f")
	m, err := content.Build(p, content.WithChunkLog2(14))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	src, err := content.OpenSource(p, m)
	if err != nil {
		t.Fatalf("OpenSource: %v", err)
	}
	defer src.Close()
	ctMustOK(t, os.Remove(p))
	ctMustOK(t, os.Symlink(filepath.Join(other, "f"), p))
	buf := make([]byte, m.ChunkSize())
	for i := range m.NumChunks() {
		if got, err := src.ReadChunk(i, buf); err == nil || got != nil {
			t.Errorf("ReadChunk(%d) through a link out of the folder = %d bytes, %v; want an error", i, len(got), err)
		}
	}
}

func TestOpenSourceMissing(t *testing.T) {
	m, _ := ctManifest(t, []ctFile{{path: "a", data: []byte("x")}}, 14)
	if _, err := content.OpenSource(filepath.Join(t.TempDir(), "missing"), m); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenSource of a missing path: err = %v, want fs.ErrNotExist", err)
	}
}

// TestReadChunkFrom checks the unhashed read that Build and the chunk
// store use: the name mapping, and a file shorter than listed reported as
// ErrChanged rather than as stale bytes of the buffer.
func TestReadChunkFrom(t *testing.T) {
	dir := t.TempDir()
	a, b := ctData(80, 10000), ctData(81, 10000)
	ctWriteFiles(t, dir, []ctFile{
		{path: "a", data: a},
		{path: "short", data: b[:9999]},
		{path: "stage/0", data: a},
		{path: "stage/1", data: b},
	})
	root, err := os.OpenRoot(dir)
	ctMustOK(t, err)
	defer root.Close()
	// The manifest lists a and b of 10000 bytes each, in one chunk.
	listed, work := ctList([]ctFile{{path: "a", data: a}, {path: "short", data: b}})
	m, err := content.NewManifest(listed, 15, ctLeaves(work, 15))
	ctMustOK(t, err)

	tests := []struct {
		name   string
		mapTo  func(entry int) string
		want   error // nil: success with the work's bytes, unless escape
		escape bool  // any error will do
	}{
		{"entry's own path, one file a byte short", nil, content.ErrChanged, false},
		{"mapped to staging files", func(e int) string { return []string{"stage/0", "stage/1"}[e] }, nil, false},
		{"mapped to a missing file", func(e int) string { return "stage/none" }, fs.ErrNotExist, false},
		{"mapped out of the folder", func(e int) string { return "../" + filepath.Base(dir) + "/a" }, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			buf := bytes.Repeat([]byte{0xAA}, m.ChunkSize())
			got, err := content.ReadChunkFrom(root, m, 0, buf, tc.mapTo)
			switch {
			case tc.escape:
				if err == nil {
					t.Fatalf("ReadChunkFrom read %d bytes outside the root", len(got))
				}
			case tc.want != nil:
				if !errors.Is(err, tc.want) {
					t.Fatalf("ReadChunkFrom = %d bytes, %v; want %v", len(got), err, tc.want)
				}
			case err != nil || !bytes.Equal(got, work):
				t.Fatalf("ReadChunkFrom = %d bytes, %v; want the %d bytes of the work", len(got), err, len(work))
			}
		})
	}
	if _, err := content.ReadChunkFrom(root, m, 1, make([]byte, m.ChunkSize()), nil); !errors.Is(err, content.ErrChunkIndex) {
		t.Errorf("ReadChunkFrom(1) of a one-chunk work = %v, want ErrChunkIndex", err)
	}
	if _, err := content.ReadChunkFrom(root, m, 0, make([]byte, len(work)-1), nil); err == nil {
		t.Errorf("ReadChunkFrom into a buffer one byte short succeeded")
	}
}

// TestSourceFileShorterThanListed: a file shorter than its listed size is
// ErrChanged.
func TestSourceFileShorterThanListed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "w")
	data := ctData(82, 5000)
	ctWriteFiles(t, dir, []ctFile{{path: "f", data: data}})
	m, _ := ctManifest(t, []ctFile{{path: "f", data: append(slices.Clone(data), 0)}}, 14)
	src, err := content.OpenSource(dir, m)
	ctMustOK(t, err)
	defer src.Close()
	if got, err := src.ReadChunk(0, make([]byte, m.ChunkSize())); !errors.Is(err, content.ErrChanged) {
		t.Errorf("ReadChunk of a file one byte shorter than listed = %d bytes, %v; want ErrChanged", len(got), err)
	}
}
