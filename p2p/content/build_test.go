//go:build unix

package content_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"essaim/p2p/content"
)

// ctSameManifest fails the test unless got and want describe the same work
// with the same hashes.
func ctSameManifest(t testing.TB, got, want *content.Manifest) {
	t.Helper()
	if got.Root() != want.Root() {
		t.Errorf("root = %s, want %s", got.Root(), want.Root())
	}
	if !slices.Equal(got.Files(), want.Files()) {
		t.Errorf("files = %+v, want %+v", got.Files(), want.Files())
	}
	if got.ChunkLog2() != want.ChunkLog2() || got.Size() != want.Size() || got.NumChunks() != want.NumChunks() {
		t.Errorf("got 2^%d, %d bytes, %d chunks; want 2^%d, %d bytes, %d chunks",
			got.ChunkLog2(), got.Size(), got.NumChunks(), want.ChunkLog2(), want.Size(), want.NumChunks())
		return
	}
	for i := range want.NumChunks() {
		if got.Leaf(i) != want.Leaf(i) {
			t.Errorf("Leaf(%d) = %s, want %s", i, got.Leaf(i), want.Leaf(i))
		}
	}
}

// ctNestedWork is a folder with nested files, empty files, empty folders,
// a folder holding only an empty folder, names that sort differently by
// bytes than by walk order, and enough bytes for several chunks of 16 KiB.
var ctNestedWork = []ctFile{
	{path: "a/b", data: ctData(50, 1000)},
	{path: "a-b", data: ctData(51, 20000)},
	{path: "a.txt", data: []byte("hello\n")},
	{path: "empty.txt"},
	{path: "emptydir", dir: true},
	{path: "nonempty/only/empty", dir: true},
	{path: "sub/deeper/c.bin", data: ctData(52, 70000)},
	{path: "sub/deeper/empty"},
	{path: "sub/emptyinner", dir: true},
	{path: "sub/x", data: ctData(53, 3)},
	{path: "Z", data: ctData(54, 16384)},
	{path: "été/naïve.txt", data: ctData(55, 5)},
}

var ctNestedImplied = []string{"a", "nonempty", "nonempty/only", "sub", "sub/deeper", "été"}

func TestBuild(t *testing.T) {
	tests := []struct {
		name    string
		files   []ctFile
		single  string // when set, the work is this one file
		opts    []content.BuildOption
		wantK   uint8
		wantLen int      // expected number of entries
		implied []string // non-empty folders, which must not be listed
	}{
		{"single file", []ctFile{{path: "movie.mkv", data: ctData(60, 100000)}}, "movie.mkv", nil, 16, 1, nil},
		{"single file in a nested folder", []ctFile{{path: "x/y/file.bin", data: ctData(61, 5)}}, "x/y/file.bin", nil, 16, 1, nil},
		{"single zero-byte file", []ctFile{{path: "zero"}}, "zero", nil, 16, 1, nil},
		{"single file, 16 KiB chunks", []ctFile{{path: "f", data: ctData(62, 50000)}}, "f", []content.BuildOption{content.WithChunkLog2(14)}, 14, 1, nil},
		{"folder", ctNestedWork, "", nil, 16, 12, ctNestedImplied},
		{"folder, 16 KiB chunks", ctNestedWork, "", []content.BuildOption{content.WithChunkLog2(14)}, 14, 12, ctNestedImplied},
		{"folder, 16 MiB chunks", ctNestedWork, "", []content.BuildOption{content.WithChunkLog2(24)}, 24, 12, ctNestedImplied},
		{"folder of empty files", []ctFile{{path: "a"}, {path: "b/c"}}, "", nil, 16, 2, []string{"b"}},
		{"folder holding only an empty folder", []ctFile{{path: "d/e", dir: true}}, "", nil, 16, 1, []string{"d"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ctWriteFiles(t, dir, tc.files)
			path, want := dir, tc.files
			if tc.single != "" {
				path = filepath.Join(dir, filepath.FromSlash(tc.single))
				want = []ctFile{{path: filepath.Base(path), data: tc.files[0].data}}
			}
			m, err := content.Build(path, tc.opts...)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if m.ChunkLog2() != tc.wantK {
				t.Errorf("ChunkLog2 = %d, want %d", m.ChunkLog2(), tc.wantK)
			}
			if len(m.Files()) != tc.wantLen {
				t.Errorf("%d entries, want %d: %+v", len(m.Files()), tc.wantLen, m.Files())
			}
			// Folders that hold something are implied, not listed.
			for _, e := range m.Files() {
				for _, implied := range tc.implied {
					if e.Path == implied {
						t.Errorf("non-empty folder %q is listed", implied)
					}
				}
			}
			wantM, work := ctManifest(t, ctListed(want), tc.wantK)
			ctSameManifest(t, m, wantM)
			if m.Size() != int64(len(work)) {
				t.Errorf("Size = %d, want %d", m.Size(), len(work))
			}
			fl, err := content.Scan(path)
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			if !slices.Equal(fl, m.Files()) {
				t.Errorf("Scan = %+v, Build's files = %+v", fl, m.Files())
			}
		})
	}
}

// ctListed returns the entries a folder of files is listed as: every file,
// and the folders that hold nothing.
func ctListed(files []ctFile) []ctFile {
	var out []ctFile
	for _, f := range files {
		if f.dir {
			empty := true
			for _, g := range files {
				if strings.HasPrefix(g.path, f.path+"/") {
					empty = false
				}
			}
			if !empty {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

func TestBuildListsExactly(t *testing.T) {
	dir := t.TempDir()
	ctWriteFiles(t, dir, ctNestedWork)
	m, err := content.Build(dir)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	want := content.FileList{
		{Path: "Z", Size: 16384},
		{Path: "a-b", Size: 20000},
		{Path: "a.txt", Size: 6},
		{Path: "a/b", Size: 1000},
		{Path: "empty.txt"},
		{Path: "emptydir", Dir: true},
		{Path: "nonempty/only/empty", Dir: true},
		{Path: "sub/deeper/c.bin", Size: 70000},
		{Path: "sub/deeper/empty"},
		{Path: "sub/emptyinner", Dir: true},
		{Path: "sub/x", Size: 3},
		{Path: "été/naïve.txt", Size: 5},
	}
	if !slices.Equal(m.Files(), want) {
		t.Errorf("Files =\n%+v\nwant\n%+v", m.Files(), want)
	}
}

func TestBuildWorkers(t *testing.T) {
	dir := t.TempDir()
	ctWriteFiles(t, dir, ctNestedWork)
	want, _ := ctManifest(t, ctListed(ctNestedWork), 14)
	tests := []struct {
		name    string
		workers int
	}{
		{"1 worker", 1},
		{"2 workers", 2},
		{"8 workers", 8},
		{"more workers than chunks", 64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := content.Build(dir, content.WithWorkers(tc.workers), content.WithChunkLog2(14))
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			ctSameManifest(t, m, want)
		})
	}
	// A nonsensical worker count must not yield a wrong root.
	for _, w := range []int{0, -3} {
		m, err := content.Build(dir, content.WithWorkers(w), content.WithChunkLog2(14))
		if err == nil {
			ctSameManifest(t, m, want)
		}
	}
}

func TestBuildChunkLog2(t *testing.T) {
	dir := t.TempDir()
	ctWriteFiles(t, dir, ctNestedWork)
	roots := map[content.Hash]uint8{}
	for l := uint8(content.MinChunkLog2); l <= content.MaxChunkLog2; l++ {
		m, err := content.Build(dir, content.WithChunkLog2(l))
		if err != nil {
			t.Fatalf("Build with 2^%d: %v", l, err)
		}
		if m.ChunkLog2() != l {
			t.Errorf("ChunkLog2 = %d, want %d", m.ChunkLog2(), l)
		}
		if prev, ok := roots[m.Root()]; ok {
			t.Errorf("chunks of 2^%d and 2^%d give the same root", prev, l)
		}
		roots[m.Root()] = l
	}
	for _, l := range []uint8{1, 13, 25, 255} {
		if _, err := content.Build(dir, content.WithChunkLog2(l)); !errors.Is(err, content.ErrMalformed) {
			t.Errorf("Build with 2^%d: err = %v, want ErrMalformed", l, err)
		}
	}
}

func TestBuildRefuses(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the work path
		want  error                                 // nil: any error
		names string                                // the entry the error must name
	}{
		{"symlink to a file inside", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "a.txt", data: []byte("a")}})
			ctMustOK(t, os.Symlink("a.txt", filepath.Join(dir, "link")))
			return dir
		}, content.ErrBadPath, "link"},
		{"symlink to a file outside", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "sub/a.txt", data: []byte("a")}})
			ctMustOK(t, os.Symlink(outside, filepath.Join(dir, "sub", "evil")))
			return dir
		}, content.ErrBadPath, "sub/evil"},
		{"symlink to a folder", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "real/a.txt", data: []byte("a")}})
			ctMustOK(t, os.Symlink("real", filepath.Join(dir, "alias")))
			return dir
		}, content.ErrBadPath, "alias"},
		{"dangling symlink", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "a.txt", data: []byte("a")}})
			ctMustOK(t, os.Symlink("nowhere", filepath.Join(dir, "dangling")))
			return dir
		}, content.ErrBadPath, "dangling"},
		{"FIFO", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "a.txt", data: []byte("a")}})
			ctMustOK(t, syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600))
			return dir
		}, content.ErrBadPath, "fifo"},
		{"FIFO in a subfolder", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "d/a.txt", data: []byte("a")}})
			ctMustOK(t, syscall.Mkfifo(filepath.Join(dir, "d", "pipe"), 0o600))
			return dir
		}, content.ErrBadPath, "d/pipe"},
		{"backslash in a file name", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "ok", data: []byte("a")}, {path: "bad\\name", data: []byte("b")}})
			return dir
		}, content.ErrBadPath, "bad\\name"},
		{"newline in a file name", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "sub/new\nline", data: []byte("b")}})
			return dir
		}, content.ErrBadPath, "sub/new\nline"},
		{"newline in a folder name", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "x\ny/file", data: []byte("b")}})
			return dir
		}, content.ErrBadPath, "x\ny"},
		{"invalid UTF-8 in a name", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "caf\xe9", data: []byte("b")}})
			return dir
		}, content.ErrBadPath, "caf\xe9"},
		{"bidi override in a name", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "invoice\u202efdp.exe", data: []byte("b")}})
			return dir
		}, content.ErrBadPath, "invoice\u202efdp.exe"},
		{"names differing only in case", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "A.txt", data: []byte("1")}, {path: "a.txt", data: []byte("2")}})
			return dir
		}, content.ErrBadPath, "a.txt"},
		{"NFC and NFD spellings", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "caf\u00e9", data: []byte("1")}, {path: "cafe\u0301", data: []byte("2")}})
			return dir
		}, content.ErrBadPath, "caf\u00e9"},
		{"staging folder inside the work", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "a", data: []byte("1")}, {path: ".essaim-partial-0123/journal", data: []byte("2")}})
			return dir
		}, content.ErrBadPath, ".essaim-partial-0123"},
		{"single file with a reserved name", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: ".Essaim-x", data: []byte("1")}})
			return filepath.Join(dir, ".Essaim-x")
		}, content.ErrBadPath, ".Essaim-x"},
		{"single file with a backslash", func(t *testing.T, dir string) string {
			ctWriteFiles(t, dir, []ctFile{{path: "a\\b", data: []byte("1")}})
			return filepath.Join(dir, "a\\b")
		}, content.ErrBadPath, "a\\b"},
		{"empty folder as the whole work", func(t *testing.T, dir string) string {
			return dir
		}, content.ErrMalformed, ""},
		{"missing path", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "missing")
		}, fs.ErrNotExist, ""},
		{"FIFO as the whole work", func(t *testing.T, dir string) string {
			ctMustOK(t, syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600))
			return filepath.Join(dir, "fifo")
		}, nil, "fifo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.setup(t, t.TempDir())
			m, err := content.Build(path)
			if err == nil {
				t.Fatalf("Build succeeded with %d entries: %+v", len(m.Files()), m.Files())
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Build: err = %v, want %v", err, tc.want)
			}
			if tc.names != "" && !strings.Contains(err.Error(), tc.names) && !strings.Contains(err.Error(), fmt.Sprintf("%q", tc.names)) {
				t.Errorf("error %q does not name %q", err.Error(), tc.names)
			}
			if _, err := content.Scan(path); err == nil {
				t.Errorf("Scan succeeded where Build failed")
			}
		})
	}
}

func TestBuildZeroByteWorks(t *testing.T) {
	tests := []struct {
		name   string
		files  []ctFile
		single bool
	}{
		{"single empty file", []ctFile{{path: "empty"}}, true},
		{"folder of empty files and folders", []ctFile{{path: "a"}, {path: "b/c"}, {path: "d", dir: true}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ctWriteFiles(t, dir, tc.files)
			path := dir
			if tc.single {
				path = filepath.Join(dir, tc.files[0].path)
			}
			m, err := content.Build(path)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if m.NumChunks() != 0 || m.Size() != 0 {
				t.Errorf("%d chunks, %d bytes; want 0, 0", m.NumChunks(), m.Size())
			}
			want, err := content.NewManifest(m.Files(), content.AutoMinChunkLog2, nil)
			if err != nil {
				t.Fatalf("NewManifest: %v", err)
			}
			ctSameManifest(t, m, want)
			if len(m.Files()) != len(tc.files) {
				t.Errorf("files = %+v, want %d entries", m.Files(), len(tc.files))
			}
			b := ctMarshal(t, m)
			if _, err := content.Parse(b, m.Root()); err != nil {
				t.Errorf("Parse of its own manifest: %v", err)
			}
			if err := m.VerifyChunk(0, nil); !errors.Is(err, content.ErrChunkIndex) {
				t.Errorf("VerifyChunk(0) = %v, want ErrChunkIndex", err)
			}
		})
	}
}

// TestBuildThroughSymlinkedWorkPath: a link given as the work path itself
// is followed ("a link to a work shares what it points to"), unlike links
// inside a folder.
func TestBuildThroughSymlinkedWorkPath(t *testing.T) {
	base := t.TempDir()
	realDir := filepath.Join(base, "real")
	ctWriteFiles(t, realDir, ctNestedWork)
	ctMustOK(t, os.Symlink(realDir, filepath.Join(base, "linkdir")))
	ctMustOK(t, os.MkdirAll(filepath.Join(base, "elsewhere"), 0o755))
	ctMustOK(t, os.Symlink(filepath.Join(realDir, "a.txt"), filepath.Join(base, "elsewhere", "linkfile")))

	tests := []struct {
		name   string
		link   string
		target string
	}{
		{"folder", filepath.Join(base, "linkdir"), realDir},
		{"folder with a trailing slash", filepath.Join(base, "linkdir") + "/", realDir},
		{"file in another folder", filepath.Join(base, "elsewhere", "linkfile"), filepath.Join(realDir, "a.txt")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := content.Build(tc.target, content.WithChunkLog2(14))
			if err != nil {
				t.Fatalf("Build(target): %v", err)
			}
			got, err := content.Build(tc.link, content.WithChunkLog2(14))
			if err != nil {
				t.Fatalf("Build(link): %v", err)
			}
			ctSameManifest(t, got, want)
			src, err := content.OpenSource(tc.link, got)
			if err != nil {
				t.Fatalf("OpenSource(link): %v", err)
			}
			defer src.Close()
			buf := make([]byte, got.ChunkSize())
			for i := range got.NumChunks() {
				if _, err := src.ReadChunk(i, buf); err != nil {
					t.Errorf("ReadChunk(%d) through the link: %v", i, err)
				}
			}
		})
	}
}

// TestBuildTooManyChunks uses a sparse file of 16 GiB + 1 byte: in 16 KiB
// chunks that is one chunk more than MaxChunks, refused before any read.
func TestBuildTooManyChunks(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sparse")
	f, err := os.Create(p)
	ctMustOK(t, err)
	ctMustOK(t, f.Truncate(int64(content.MaxChunks)<<14+1))
	ctMustOK(t, f.Close())
	if m, err := content.Build(p, content.WithChunkLog2(14)); err == nil {
		t.Fatalf("Build succeeded with %d chunks", m.NumChunks())
	}
	fl, err := content.Scan(p)
	if err != nil || len(fl) != 1 || fl[0].Size != int64(content.MaxChunks)<<14+1 {
		t.Errorf("Scan = %+v, %v", fl, err)
	}
}
