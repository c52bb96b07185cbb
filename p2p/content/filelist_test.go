package content_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"essaim/p2p/content"
)

func TestFileListCheckRejects(t *testing.T) {
	f := func(p string, size int64) content.Entry { return content.Entry{Path: p, Size: size} }
	d := func(p string) content.Entry { return content.Entry{Path: p, Dir: true} }
	tests := []struct {
		name  string
		list  content.FileList
		want  error
		names string // the entry the error must name (quoted); "" for none
	}{
		{"nil", nil, content.ErrMalformed, ""},
		{"zero entries", content.FileList{}, content.ErrMalformed, ""},
		{"too many entries", make(content.FileList, content.MaxFiles+1), content.ErrMalformed, ""},
		{"duplicate file", content.FileList{f("a", 1), f("a", 2)}, content.ErrBadPath, "a"},
		{"duplicate folder", content.FileList{d("a"), d("a")}, content.ErrBadPath, "a"},
		{"duplicate after others", content.FileList{f("a", 1), f("b/c", 1), f("b/c", 1)}, content.ErrBadPath, "b/c"},
		{"file and folder of the same name", content.FileList{d("x"), f("x", 0)}, content.ErrBadPath, "x"},
		{"case-only duplicate", content.FileList{f("A.txt", 1), f("a.txt", 1)}, content.ErrBadPath, "a.txt"},
		{"case-only duplicate in a folder name", content.FileList{f("Dir/x", 1), f("dir/x", 1)}, content.ErrBadPath, "dir/x"},
		{"case-only duplicate, non-ASCII", content.FileList{f("ÉTÉ", 1), f("été", 1)}, content.ErrBadPath, "été"},
		{"case-only duplicate, Greek sigma forms", content.FileList{f("\u03a3", 1), f("\u03c2", 1)}, content.ErrBadPath, "\u03c2"},
		{"NFD and NFC spellings of é", content.FileList{f("e\u0301", 1), f("\u00e9", 1)}, content.ErrBadPath, "\u00e9"},
		{"NFD and NFC folder names", content.FileList{f("cafe\u0301/menu", 1), f("caf\u00e9/menu", 1)}, content.ErrBadPath, "caf\u00e9/menu"},
		{"NFD and NFC, upper and lower case", content.FileList{f("E\u0301", 1), f("\u00e9", 1)}, content.ErrBadPath, "\u00e9"},
		{"Kelvin sign and k", content.FileList{f("k", 1), f("\u212a", 1)}, content.ErrBadPath, "\u212a"},
		{"Kelvin sign and K", content.FileList{f("K", 1), f("\u212a", 1)}, content.ErrBadPath, "\u212a"},
		{"Kelvin sign in a longer name", content.FileList{f("kelvin.txt", 1), f("\u212aelvin.txt", 1)}, content.ErrBadPath, "\u212aelvin.txt"},
		{"Angstrom sign and Å", content.FileList{f("\u00c5", 1), f("\u212b", 1)}, content.ErrBadPath, "\u212b"},
		{"file that is also a folder", content.FileList{f("a", 1), f("a/b", 1)}, content.ErrBadPath, "a/b"},
		{"empty file that is also a folder", content.FileList{f("a", 0), f("a/b", 1)}, content.ErrBadPath, "a/b"},
		{"file that is also a deep folder", content.FileList{f("a/b", 1), f("a/b/c/d", 1)}, content.ErrBadPath, "a/b/c/d"},
		{"file that is also a folder, entries between", content.FileList{f("a", 1), f("a-b", 1), f("a.c", 1), f("a/b", 1)}, content.ErrBadPath, "a/b"},
		{"file A and folder a", content.FileList{f("A", 1), f("a/b", 1)}, content.ErrBadPath, "a/b"},
		{"folder A and file a", content.FileList{f("A/b", 1), f("a", 1)}, content.ErrBadPath, "a"},
		{"folder A and empty folder a", content.FileList{f("A/b", 1), d("a")}, content.ErrBadPath, "a"},
		{"NFD folder and NFC file", content.FileList{f("e\u0301/x", 1), f("\u00e9", 1)}, content.ErrBadPath, "\u00e9"},
		{"Kelvin folder and k file", content.FileList{f("k", 1), f("\u212a/x", 1)}, content.ErrBadPath, "\u212a/x"},
		{"empty folder with something under it", content.FileList{d("a"), f("a/b", 1)}, content.ErrBadPath, "a/b"},
		{"empty folder with an empty folder under it", content.FileList{d("a"), d("a/b")}, content.ErrBadPath, "a/b"},
		{"empty folder with a file deep under it", content.FileList{d("a"), f("a/b/c", 0)}, content.ErrBadPath, "a/b/c"},
		{"folder with a size", content.FileList{{Path: "a", Size: 5, Dir: true}}, content.ErrMalformed, "a"},
		{"folder with a negative size", content.FileList{{Path: "a", Size: -5, Dir: true}}, content.ErrMalformed, "a"},
		{"not sorted", content.FileList{f("b", 1), f("a", 1)}, content.ErrMalformed, "a"},
		{"not sorted by bytes: / after -", content.FileList{f("a/b", 1), f("a-b", 1)}, content.ErrMalformed, "a-b"},
		{"not sorted by bytes: upper case first", content.FileList{f("b", 1), f("C", 1)}, content.ErrMalformed, "C"},
		{"not sorted by bytes: NFC é after z", content.FileList{f("\u00e9", 1), f("z", 1)}, content.ErrMalformed, "z"},
		{"not sorted, later", content.FileList{f("a", 1), f("c", 1), f("b", 1)}, content.ErrMalformed, "b"},
		{"negative size", content.FileList{f("a", -1)}, content.ErrMalformed, "a"},
		{"negative size offsetting a large one", content.FileList{f("a", content.MaxWorkSize), f("b", -1), f("c", 1)}, content.ErrMalformed, "b"},
		{"MinInt64 size", content.FileList{f("a", math.MinInt64)}, content.ErrMalformed, "a"},
		{"one file past MaxWorkSize", content.FileList{f("a", content.MaxWorkSize+1)}, content.ErrMalformed, "a"},
		{"two files past MaxWorkSize", content.FileList{f("a", content.MaxWorkSize), f("b", 1)}, content.ErrMalformed, "b"},
		{"halves past MaxWorkSize", content.FileList{f("a", content.MaxWorkSize/2), f("b", content.MaxWorkSize/2+1)}, content.ErrMalformed, "b"},
		{"sizes overflowing int64", content.FileList{f("a", math.MaxInt64), f("b", math.MaxInt64)}, content.ErrMalformed, "a"},
		{"sizes overflowing int64 together", content.FileList{f("a", content.MaxWorkSize), f("b", math.MaxInt64)}, content.ErrMalformed, "b"},
		{"bad path", content.FileList{f("a/../b", 1)}, content.ErrBadPath, "a/../b"},
		{"bad path after good ones", content.FileList{f("a", 1), f("b\\c", 1)}, content.ErrBadPath, "b\\c"},
		{"reserved name", content.FileList{f(".ESSAIM-partial-1/journal", 1)}, content.ErrBadPath, ".ESSAIM-partial-1/journal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.list.Check()
			if !errors.Is(err, tc.want) {
				t.Fatalf("Check() = %v, want %v", err, tc.want)
			}
			if tc.names != "" && !strings.Contains(err.Error(), fmt.Sprintf("%q", tc.names)) {
				t.Errorf("error %q does not name %q", err.Error(), tc.names)
			}
		})
	}
}

func TestFileListCheckAccepts(t *testing.T) {
	f := func(p string, size int64) content.Entry { return content.Entry{Path: p, Size: size} }
	d := func(p string) content.Entry { return content.Entry{Path: p, Dir: true} }
	tests := []struct {
		name string
		list content.FileList
	}{
		{"one file", content.FileList{f("a", 1)}},
		{"one empty file", content.FileList{f("a", 0)}},
		{"one empty folder", content.FileList{d("a")}},
		{"folders and files", content.FileList{d("a"), f("b/c", 3), d("b/d"), f("e", 0)}},
		{"- sorts before /", content.FileList{f("a-b", 1), f("a/b", 1)}},
		{"name that extends a file name", content.FileList{f("a", 1), f("a.txt", 1), f("ab", 1)}},
		{"file next to a folder of a longer name", content.FileList{f("a", 1), f("ab/c", 1)}},
		{"same file name in folders differing in case", content.FileList{f("A/x", 1), f("a/y", 1)}},
		{"upper case sorts first", content.FileList{f("B", 1), f("a", 1)}},
		{"distinct non-ASCII names", content.FileList{f("e\u0301a", 1), f("\u00e9", 1)}},
		{"dotless i and i are distinct under simple folding", content.FileList{f("i", 1), f("\u0131", 1)}},
		{"exactly MaxWorkSize", content.FileList{f("a", content.MaxWorkSize/2), f("b", content.MaxWorkSize/2)}},
		{"one file of MaxWorkSize", content.FileList{f("a", content.MaxWorkSize)}},
		{"reserved name below the top", content.FileList{f("a/.essaim", 1)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.list.Check(); err != nil {
				t.Errorf("Check() = %v, want nil", err)
			}
		})
	}
}

// TestFileListMaxFiles checks the limit from both sides with real entries.
func TestFileListMaxFiles(t *testing.T) {
	fl := make(content.FileList, content.MaxFiles)
	for i := range fl {
		fl[i] = content.Entry{Path: fmt.Sprintf("%06d", i), Size: 1}
	}
	if err := fl.Check(); err != nil {
		t.Fatalf("Check() of MaxFiles entries = %v", err)
	}
	fl = append(fl, content.Entry{Path: "x", Size: 1})
	if err := fl.Check(); !errors.Is(err, content.ErrMalformed) {
		t.Fatalf("Check() of MaxFiles+1 entries = %v, want ErrMalformed", err)
	}
}

// ctLongList returns a list of empty folders whose encoding is exactly n
// bytes (n ≥ 4+3+138), made mostly of 1024-byte paths.
func ctLongList(n int) content.FileList {
	var fl content.FileList
	left := n - 4
	for i := 0; left >= 1027+3+137; i++ {
		p := fmt.Sprintf("%06d/", i)
		fl = append(fl, content.Entry{Path: p + ctPathOfLen(1024-len(p)), Dir: true})
		left -= 1027
	}
	fl = append(fl, content.Entry{Path: "z/" + ctPathOfLen(left-3-2), Dir: true})
	return fl
}

// TestFileListMaxEncodedSize checks the 16 MiB bound on an encoded file
// list (§5) from both sides, through Check and through a manifest.
func TestFileListMaxEncodedSize(t *testing.T) {
	tests := []struct {
		name string
		size int
		ok   bool
	}{
		{"exactly MaxFileListBytes", content.MaxFileListBytes, true},
		{"one byte more", content.MaxFileListBytes + 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fl := ctLongList(tc.size)
			if n := len(fl.Encode()); n != tc.size {
				t.Fatalf("test list encodes to %d bytes, want %d", n, tc.size)
			}
			err := fl.Check()
			m, merr := content.NewManifest(fl, 14, nil)
			if !tc.ok {
				if !errors.Is(err, content.ErrMalformed) || !errors.Is(merr, content.ErrMalformed) {
					t.Fatalf("Check() = %v, NewManifest: %v; want ErrMalformed", err, merr)
				}
				// The same bytes on the wire are refused too.
				b := ctEncodeManifest(1, 14, fl.Encode(), 0, nil)
				if _, err := content.Unmarshal(b); !errors.Is(err, content.ErrMalformed) {
					t.Errorf("Unmarshal: err = %v, want ErrMalformed", err)
				}
				return
			}
			if err != nil || merr != nil {
				t.Fatalf("Check() = %v, NewManifest: %v; want nil", err, merr)
			}
			u, err := content.Unmarshal(ctMarshal(t, m))
			if err != nil {
				t.Fatalf("Unmarshal of a manifest with the largest file list: %v", err)
			}
			if u.Root() != m.Root() || len(u.Files()) != len(fl) {
				t.Errorf("decoded manifest differs")
			}
		})
	}
}

func TestFileListEncode(t *testing.T) {
	tests := []struct {
		name string
		list content.FileList
		want []byte
	}{
		{"file and empty folder", content.FileList{{Path: "a/b", Size: 5}, {Path: "c", Dir: true}}, []byte{
			0, 0, 0, 2,
			0, 0, 3, 'a', '/', 'b', 0, 0, 0, 0, 0, 0, 0, 5,
			1, 0, 1, 'c',
		}},
		{"empty file", content.FileList{{Path: "e", Size: 0}}, []byte{
			0, 0, 0, 1,
			0, 0, 1, 'e', 0, 0, 0, 0, 0, 0, 0, 0,
		}},
		{"big size and UTF-8", content.FileList{{Path: "é", Size: content.MaxWorkSize}}, []byte{
			0, 0, 0, 1,
			0, 0, 2, 0xc3, 0xa9, 0, 0, 0x10, 0, 0, 0, 0, 0,
		}},
		{"1024-byte path", content.FileList{{Path: ctPathOfLen(1024), Dir: true}}, append([]byte{0, 0, 0, 1, 1, 4, 0}, ctPathOfLen(1024)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.list.Check(); err != nil {
				t.Fatalf("test list is invalid: %v", err)
			}
			if got := tc.list.Encode(); !bytes.Equal(got, tc.want) {
				t.Errorf("Encode() = %x, want %x", got, tc.want)
			}
			if got, want := tc.list.Hash(), content.Hash(sha256.Sum256(append([]byte{0x02}, tc.want...))); got != want {
				t.Errorf("Hash() = %s, want SHA-256(0x02||encoding) = %s", got, want)
			}
		})
	}
}

// TestFileListDecodeRoundTrip decodes file lists through a manifest (the
// only way a list is decoded) and checks they come back unchanged.
func TestFileListDecodeRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		list content.FileList
	}{
		{"one empty file", content.FileList{{Path: "a"}}},
		{"one empty folder", content.FileList{{Path: "a", Dir: true}}},
		{"mixed", content.FileList{
			{Path: " space", Size: 3},
			{Path: "A/x", Size: 0},
			{Path: "a-b", Dir: true},
			{Path: "a/b/c", Size: 1 << 14},
			{Path: "z", Dir: true},
			{Path: "été/日本", Size: 1},
		}},
		{"long paths", content.FileList{{Path: ctPathOfLen(1024), Size: 2}, {Path: "q/" + strings.Repeat("é", 127), Dir: true}}},
		{"many entries", func() content.FileList {
			var fl content.FileList
			for i := range 1000 {
				fl = append(fl, content.Entry{Path: fmt.Sprintf("d%02d/f%04d", i%37, i), Size: int64(i % 5)})
			}
			slices.SortFunc(fl, func(a, b content.Entry) int { return strings.Compare(a.Path, b.Path) })
			return fl
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const k = 14
			n := (tc.list.Size() + 1<<k - 1) >> k
			m, err := content.NewManifest(tc.list, k, make([]content.Hash, n))
			if err != nil {
				t.Fatalf("NewManifest: %v", err)
			}
			b := ctMarshal(t, m)
			if !bytes.Equal(b[6:6+len(tc.list.Encode())], tc.list.Encode()) {
				t.Fatalf("manifest does not carry the file-list encoding at offset 6")
			}
			got, err := content.Unmarshal(b)
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if !slices.Equal(got.Files(), tc.list) {
				t.Errorf("decoded list = %v, want %v", got.Files(), tc.list)
			}
			if got.Files().Size() != tc.list.Size() {
				t.Errorf("decoded Size = %d, want %d", got.Files().Size(), tc.list.Size())
			}
			if !bytes.Equal(got.Files().Encode(), tc.list.Encode()) {
				t.Errorf("re-encoded list differs")
			}
		})
	}
}

func TestFileListSize(t *testing.T) {
	tests := []struct {
		name string
		list content.FileList
		want int64
	}{
		{"nil", nil, 0},
		{"folders only", content.FileList{{Path: "a", Dir: true}}, 0},
		{"files", content.FileList{{Path: "a", Size: 3}, {Path: "b", Dir: true}, {Path: "c", Size: 1 << 40}}, 3 + 1<<40},
	}
	for _, tc := range tests {
		if got := tc.list.Size(); got != tc.want {
			t.Errorf("%s: Size() = %d, want %d", tc.name, got, tc.want)
		}
	}
}
