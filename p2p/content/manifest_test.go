package content_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"essaim/p2p/content"
)

// ctFile is one entry of an in-memory work: a file with its bytes, or an
// empty folder.
type ctFile struct {
	path string
	data []byte
	dir  bool
}

// ctData returns n deterministic pseudo-random bytes derived from seed.
func ctData(seed uint64, n int) []byte {
	var key [32]byte
	binary.BigEndian.PutUint64(key[:], seed)
	b := make([]byte, n)
	rand.NewChaCha8(key).Read(b)
	return b
}

// ctList returns the file list of files (sorted by path bytes, as the
// specification requires) and the bytes of the work: the contents of the
// files concatenated in list order.
func ctList(files []ctFile) (content.FileList, []byte) {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b ctFile) int { return strings.Compare(a.path, b.path) })
	var fl content.FileList
	var work []byte
	for _, f := range files {
		if f.dir {
			fl = append(fl, content.Entry{Path: f.path, Dir: true})
			continue
		}
		fl = append(fl, content.Entry{Path: f.path, Size: int64(len(f.data))})
		work = append(work, f.data...)
	}
	return fl, work
}

// ctChunks cuts work into chunks of 2^k bytes, the last one possibly shorter.
func ctChunks(work []byte, k uint8) [][]byte {
	var chunks [][]byte
	for len(work) > 0 {
		n := min(len(work), 1<<k)
		chunks = append(chunks, work[:n])
		work = work[n:]
	}
	return chunks
}

// ctLeaves returns the leaf hash of every chunk of work.
func ctLeaves(work []byte, k uint8) []content.Hash {
	var leaves []content.Hash
	for _, c := range ctChunks(work, k) {
		leaves = append(leaves, content.LeafHash(c))
	}
	return leaves
}

// ctManifest computes in memory the manifest of files in chunks of 2^k
// bytes and returns it with the bytes of the work.
func ctManifest(t testing.TB, files []ctFile, k uint8) (*content.Manifest, []byte) {
	t.Helper()
	fl, work := ctList(files)
	m, err := content.NewManifest(fl, k, ctLeaves(work, k))
	if err != nil {
		t.Fatalf("NewManifest: %v", err)
	}
	return m, work
}

// ctMarshal is MarshalBinary that fails the test on error.
func ctMarshal(t testing.TB, m *content.Manifest) []byte {
	t.Helper()
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary: %v", err)
	}
	return b
}

// ctEncodeManifest writes the manifest wire format of docs/CONTENT.md §5 by
// hand, so that tests can build inputs the package would never produce.
func ctEncodeManifest(version, k byte, fileList []byte, count uint32, leaves []byte) []byte {
	b := []byte("esmf")
	b = append(b, version, k)
	b = append(b, fileList...)
	b = binary.BigEndian.AppendUint32(b, count)
	return append(b, leaves...)
}

// ctManifestShapes are works of several shapes, used by the round-trip
// tests and as fuzz seeds.
func ctManifestShapes() []struct {
	name  string
	files []ctFile
	k     uint8
} {
	return []struct {
		name  string
		files []ctFile
		k     uint8
	}{
		{"empty single file", []ctFile{{path: "empty.txt"}}, 16},
		{"one byte", []ctFile{{path: "a", data: []byte("x")}}, 14},
		{"smaller than a chunk", []ctFile{{path: "notes.txt", data: ctData(1, 1000)}}, 16},
		{"exactly one chunk", []ctFile{{path: "blob", data: ctData(2, 1<<14)}}, 14},
		{"one chunk and one byte", []ctFile{{path: "blob", data: ctData(3, 1<<14+1)}}, 14},
		{"only an empty folder", []ctFile{{path: "nothing", dir: true}}, 20},
		{"folder with empty entries", []ctFile{
			{path: "a/empty", data: nil},
			{path: "a/one", data: ctData(4, 300)},
			{path: "b", dir: true},
			{path: "c/d/e", data: ctData(5, 40000)},
			{path: "c/d/f", dir: true},
			{path: "été/naïve.txt", data: ctData(6, 7)},
		}, 14},
		{"largest chunk size", []ctFile{{path: "x", data: ctData(7, 5)}, {path: "y", data: ctData(8, 6)}}, 24},
	}
}

func TestManifestRoundTrip(t *testing.T) {
	for _, tc := range ctManifestShapes() {
		t.Run(tc.name, func(t *testing.T) {
			m, work := ctManifest(t, tc.files, tc.k)
			b := ctMarshal(t, m)

			// The encoding is the one of §5, byte for byte.
			fl, _ := ctList(tc.files)
			leaves := ctLeaves(work, tc.k)
			var lb []byte
			for _, l := range leaves {
				lb = append(lb, l[:]...)
			}
			if want := ctEncodeManifest(1, tc.k, fl.Encode(), uint32(len(leaves)), lb); !bytes.Equal(b, want) {
				t.Fatalf("MarshalBinary = %x, want %x", b, want)
			}

			u, err := content.Unmarshal(b)
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			p, err := content.Parse(b, m.Root())
			if err != nil {
				t.Fatalf("Parse with its own root: %v", err)
			}
			for _, got := range []*content.Manifest{u, p} {
				if got.Root() != m.Root() {
					t.Errorf("root = %s, want %s", got.Root(), m.Root())
				}
				if got.ChunkLog2() != tc.k || got.ChunkSize() != 1<<tc.k {
					t.Errorf("chunk size = 2^%d (%d), want 2^%d", got.ChunkLog2(), got.ChunkSize(), tc.k)
				}
				if got.Size() != int64(len(work)) {
					t.Errorf("Size = %d, want %d", got.Size(), len(work))
				}
				if !slices.Equal(got.Files(), fl) {
					t.Errorf("Files = %v, want %v", got.Files(), fl)
				}
				if got.NumChunks() != len(leaves) {
					t.Fatalf("NumChunks = %d, want %d", got.NumChunks(), len(leaves))
				}
				for i, l := range leaves {
					if got.Leaf(i) != l {
						t.Errorf("Leaf(%d) = %s, want %s", i, got.Leaf(i), l)
					}
				}
				again := ctMarshal(t, got)
				if !bytes.Equal(again, b) {
					t.Errorf("re-marshalled manifest differs:\n got %x\nwant %x", again, b)
				}
			}
		})
	}
}

// TestManifestRoot checks the root against the formula of §4, computed
// here from its parts.
func TestManifestRoot(t *testing.T) {
	for _, tc := range ctManifestShapes() {
		t.Run(tc.name, func(t *testing.T) {
			m, work := ctManifest(t, tc.files, tc.k)
			fl, _ := ctList(tc.files)
			dataRoot := ctRefMTH(ctLeaves(work, tc.k))
			flHash := ctSHA(append([]byte{0x02}, fl.Encode()...))
			msg := append([]byte{0x03, 0x01, tc.k}, dataRoot[:]...)
			msg = append(msg, flHash[:]...)
			if want := ctSHA(msg); m.Root() != want {
				t.Errorf("Root = %s, want %s", m.Root(), want)
			}
			if fl.Hash() != flHash {
				t.Errorf("FileList.Hash = %s, want %s", fl.Hash(), flHash)
			}
		})
	}
}

// TestManifestRootCommitsToEverything checks that changing any one input
// (a byte of a file, a name, a size, an empty folder, the chunk size)
// changes the root.
func TestManifestRootCommitsToEverything(t *testing.T) {
	base := []ctFile{{path: "a", data: []byte("hello")}, {path: "b", data: []byte("world")}}
	m0, _ := ctManifest(t, base, 14)
	tests := []struct {
		name  string
		files []ctFile
		k     uint8
	}{
		{"a byte", []ctFile{{path: "a", data: []byte("hellp")}, {path: "b", data: []byte("world")}}, 14},
		{"a name", []ctFile{{path: "a", data: []byte("hello")}, {path: "c", data: []byte("world")}}, 14},
		{"the split between files", []ctFile{{path: "a", data: []byte("hell")}, {path: "b", data: []byte("oworld")}}, 14},
		{"an empty folder added", []ctFile{{path: "a", data: []byte("hello")}, {path: "b", data: []byte("world")}, {path: "c", dir: true}}, 14},
		{"an empty file added", []ctFile{{path: "a", data: []byte("hello")}, {path: "b", data: []byte("world")}, {path: "c"}}, 14},
		{"the chunk size", base, 15},
	}
	seen := map[content.Hash]string{m0.Root(): "base"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := ctManifest(t, tc.files, tc.k)
			if prev, ok := seen[m.Root()]; ok && prev != tc.name {
				t.Errorf("root %s is the same as for %q", m.Root(), prev)
			}
			seen[m.Root()] = tc.name
		})
	}
}

func TestParseWrongRoot(t *testing.T) {
	m, _ := ctManifest(t, []ctFile{{path: "a", data: ctData(9, 100)}}, 14)
	other, _ := ctManifest(t, []ctFile{{path: "a", data: ctData(10, 100)}}, 14)
	b := ctMarshal(t, m)
	flipped := m.Root()
	flipped[31] ^= 1
	for _, root := range []content.Hash{{}, other.Root(), flipped} {
		got, err := content.Parse(b, root)
		if !errors.Is(err, content.ErrRootMismatch) {
			t.Errorf("Parse with root %s: err = %v, want ErrRootMismatch", root, err)
		}
		if got != nil {
			t.Errorf("Parse with root %s returned a manifest with its error", root)
		}
	}
}

// TestUnmarshalEveryTruncation cuts a valid manifest at every length.
func TestUnmarshalEveryTruncation(t *testing.T) {
	for _, tc := range ctManifestShapes() {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := ctManifest(t, tc.files, tc.k)
			b := ctMarshal(t, m)
			if len(b) > 4096 {
				t.Fatalf("%d-byte manifest: too large for a test quadratic in its size", len(b))
			}
			for n := range len(b) {
				got, err := content.Parse(b[:n], m.Root())
				if !errors.Is(err, content.ErrMalformed) {
					t.Errorf("Parse of the first %d of %d bytes: err = %v, want ErrMalformed", n, len(b), err)
				}
				if got != nil {
					t.Errorf("Parse of the first %d bytes returned a manifest", n)
				}
			}
		})
	}
}

func TestUnmarshalTrailingBytes(t *testing.T) {
	for _, tc := range ctManifestShapes() {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := ctManifest(t, tc.files, tc.k)
			b := ctMarshal(t, m)
			for _, extra := range [][]byte{{0}, {0xff}, make([]byte, 31), make([]byte, 32), make([]byte, 33)} {
				in := append(slices.Clone(b), extra...)
				if _, err := content.Unmarshal(in); !errors.Is(err, content.ErrMalformed) {
					t.Errorf("Unmarshal with %d extra bytes: err = %v, want ErrMalformed", len(extra), err)
				}
			}
		})
	}
}

// TestUnmarshalRejects feeds manifests that are wrong in one respect each.
func TestUnmarshalRejects(t *testing.T) {
	data := ctData(11, 3*(1<<14)+7) // four chunks of 16 KiB
	fl, _ := ctList([]ctFile{{path: "f", data: data}})
	leaves := ctLeaves(data, 14)
	var lb []byte
	for _, l := range leaves {
		lb = append(lb, l[:]...)
	}
	good := ctEncodeManifest(1, 14, fl.Encode(), 4, lb)
	if _, err := content.Unmarshal(good); err != nil {
		t.Fatalf("the valid base manifest does not decode: %v", err)
	}
	fileList := func(entries ...[]byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(entries)))
		for _, e := range entries {
			b = append(b, e...)
		}
		return b
	}
	file := func(p string, size uint64) []byte {
		b := []byte{0}
		b = binary.BigEndian.AppendUint16(b, uint16(len(p)))
		b = append(b, p...)
		return binary.BigEndian.AppendUint64(b, size)
	}
	folder := func(p string) []byte {
		b := []byte{1}
		b = binary.BigEndian.AppendUint16(b, uint16(len(p)))
		return append(b, p...)
	}
	tests := []struct {
		name  string
		input []byte
		want  error
	}{
		{"empty input", nil, content.ErrMalformed},
		{"magic only", []byte("esmf"), content.ErrMalformed},
		{"wrong magic", append([]byte("esmF"), good[4:]...), content.ErrMalformed},
		{"upper-case magic", append([]byte("ESMF"), good[4:]...), content.ErrMalformed},
		{"version 0", ctEncodeManifest(0, 14, fl.Encode(), 4, lb), content.ErrMalformed},
		{"version 2", ctEncodeManifest(2, 14, fl.Encode(), 4, lb), content.ErrMalformed},
		{"version 255", ctEncodeManifest(255, 14, fl.Encode(), 4, lb), content.ErrMalformed},
		{"k 0", ctEncodeManifest(1, 0, fl.Encode(), 4, lb), content.ErrMalformed},
		{"k 13", ctEncodeManifest(1, 13, fl.Encode(), 8, append(slices.Clone(lb), lb...)), content.ErrMalformed},
		{"k 25", ctEncodeManifest(1, 25, fl.Encode(), 1, lb[:32]), content.ErrMalformed},
		{"k 255", ctEncodeManifest(1, 255, fl.Encode(), 1, lb[:32]), content.ErrMalformed},
		{"k 15: chunk count no longer matches", ctEncodeManifest(1, 15, fl.Encode(), 4, lb), content.ErrMalformed},
		{"one chunk hash too many", ctEncodeManifest(1, 14, fl.Encode(), 5, append(slices.Clone(lb), lb[:32]...)), content.ErrMalformed},
		{"one chunk hash too few", ctEncodeManifest(1, 14, fl.Encode(), 3, lb[:96]), content.ErrMalformed},
		{"count says 3, 4 hashes follow", ctEncodeManifest(1, 14, fl.Encode(), 3, lb), content.ErrMalformed},
		{"count says 5, 4 hashes follow", ctEncodeManifest(1, 14, fl.Encode(), 5, lb), content.ErrMalformed},
		{"count 2^32-1", ctEncodeManifest(1, 14, fl.Encode(), math.MaxUint32, lb), content.ErrMalformed},
		{"zero chunks for a non-empty work", ctEncodeManifest(1, 14, fl.Encode(), 0, nil), content.ErrMalformed},
		{"one chunk for an empty work", ctEncodeManifest(1, 14, fileList(file("e", 0)), 1, lb[:32]), content.ErrMalformed},
		{"no files", ctEncodeManifest(1, 14, fileList(), 0, nil), content.ErrMalformed},
		{"unknown entry kind", ctEncodeManifest(1, 14, fileList([]byte{2, 0, 1, 'a'}), 0, nil), content.ErrMalformed},
		{"path length past the end", ctEncodeManifest(1, 14, fileList([]byte{1, 0xff, 0xff, 'a'}), 0, nil), content.ErrMalformed},
		{"path longer than 1024 bytes", ctEncodeManifest(1, 14, fileList(folder(strings.Repeat("a/", 512)+"a")), 0, nil), content.ErrMalformed},
		{"file size past 2^44", ctEncodeManifest(1, 24, fileList(file("f", 1<<44+1)), 1<<20+1, nil), content.ErrMalformed},
		{"file size 2^64-1", ctEncodeManifest(1, 24, fileList(file("f", math.MaxUint64)), 0, nil), content.ErrMalformed},
		{"two sizes summing past 2^44", ctEncodeManifest(1, 24, fileList(file("a", 1<<43), file("b", 1<<43+1)), 0, nil), content.ErrMalformed},
		{"chunk count past 2^20", ctEncodeManifest(1, 14, fileList(file("f", 1<<40)), 1<<26, nil), content.ErrMalformed},
		{"entries not sorted", ctEncodeManifest(1, 14, fileList(folder("b"), folder("a")), 0, nil), content.ErrMalformed},
		{"path with ..", ctEncodeManifest(1, 14, fileList(folder("a/../b")), 0, nil), content.ErrBadPath},
		{"absolute path", ctEncodeManifest(1, 14, fileList(folder("/etc")), 0, nil), content.ErrBadPath},
		{"empty path", ctEncodeManifest(1, 14, fileList([]byte{1, 0, 0}), 0, nil), content.ErrBadPath},
		{"duplicate path", ctEncodeManifest(1, 14, fileList(folder("a"), folder("a")), 0, nil), content.ErrBadPath},
		{"case-only duplicate", ctEncodeManifest(1, 14, fileList(folder("A"), folder("a")), 0, nil), content.ErrBadPath},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := content.Unmarshal(tc.input)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Unmarshal(%x): err = %v, want %v", tc.input, err, tc.want)
			}
			if m != nil {
				t.Errorf("Unmarshal returned a manifest with its error")
			}
		})
	}
}

func TestUnmarshalTooLarge(t *testing.T) {
	b := make([]byte, content.MaxManifestBytes+1)
	copy(b, ctEncodeManifest(1, 24, nil, 0, nil))
	if _, err := content.Unmarshal(b); !errors.Is(err, content.ErrMalformed) {
		t.Errorf("Unmarshal of %d bytes: err = %v, want ErrMalformed", len(b), err)
	}
}

// ctAllocated returns the average number of bytes f allocates per call.
func ctAllocated(runs int, f func()) uint64 {
	f() // warm up anything lazily initialised
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(runs)
}

// TestUnmarshalClaimedCountsAllocateNothing checks that a count claimed by a
// few bytes of input is not allocated before the bytes backing it are seen
// (§5): each of these inputs would cost megabytes, or gigabytes, if it were.
func TestUnmarshalClaimedCountsAllocateNothing(t *testing.T) {
	fl, _ := ctList([]ctFile{{path: "f", data: []byte("x")}})
	claim := func(n uint32) []byte { // a file list that claims n entries
		b := binary.BigEndian.AppendUint32(nil, n)
		return append(b, 1, 0, 1, 'a', 1, 0, 1, 'b')
	}
	tests := []struct {
		name  string
		input []byte
	}{
		{"chunk count 2^32-1", ctEncodeManifest(1, 14, fl.Encode(), math.MaxUint32, make([]byte, 64))},
		{"chunk count 2^20", ctEncodeManifest(1, 14, fl.Encode(), content.MaxChunks, make([]byte, 64))},
		{"chunk count 2^20-1", ctEncodeManifest(1, 14, fl.Encode(), content.MaxChunks-1, make([]byte, 64))},
		{"file count MaxFiles", append([]byte("esmf\x01\x0e"), claim(content.MaxFiles)...)},
		{"file count MaxFiles+1", append([]byte("esmf\x01\x0e"), claim(content.MaxFiles+1)...)},
		{"file count 2^32-1", append([]byte("esmf\x01\x0e"), claim(math.MaxUint32)...)},
	}
	const bound = 16 << 10 // bytes per call: error messages, nothing in proportion to a count
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			got := ctAllocated(20, func() { _, err = content.Unmarshal(tc.input) })
			if !errors.Is(err, content.ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			if got > bound {
				t.Errorf("Unmarshal allocated %d bytes per call on a %d-byte input, want at most %d", got, len(tc.input), bound)
			}
			t.Logf("%d bytes allocated per call", got)
		})
	}
}

func TestVerifyChunk(t *testing.T) {
	m, work := ctManifest(t, []ctFile{
		{path: "a", data: ctData(12, 20000)},
		{path: "b", data: ctData(13, 30000)},
	}, 14)
	chunks := ctChunks(work, 14)
	if m.NumChunks() != len(chunks) || len(chunks) != 4 {
		t.Fatalf("NumChunks = %d, want %d (= 4)", m.NumChunks(), len(chunks))
	}
	for i, c := range chunks {
		if err := m.VerifyChunk(i, c); err != nil {
			t.Errorf("VerifyChunk(%d, right data) = %v", i, err)
		}
	}
	last := len(chunks) - 1
	flip := func(b []byte, bit int) []byte {
		b = slices.Clone(b)
		b[bit/8] ^= 1 << (bit % 8)
		return b
	}
	tests := []struct {
		name string
		i    int
		data []byte
		want error
	}{
		{"first bit flipped", 0, flip(chunks[0], 0), content.ErrBadChunk},
		{"last bit flipped", 0, flip(chunks[0], 8*len(chunks[0])-1), content.ErrBadChunk},
		{"middle bit of last chunk flipped", last, flip(chunks[last], 4*len(chunks[last])+3), content.ErrBadChunk},
		{"another chunk's data", 1, chunks[2], content.ErrBadChunk},
		{"one byte short", 1, chunks[1][:len(chunks[1])-1], content.ErrBadChunk},
		{"one byte long", last, append(slices.Clone(chunks[last]), 0), content.ErrBadChunk},
		{"full-size last chunk", last, append(slices.Clone(chunks[last]), make([]byte, 1<<14-len(chunks[last]))...), content.ErrBadChunk},
		{"empty", 0, nil, content.ErrBadChunk},
		{"index -1", -1, chunks[0], content.ErrChunkIndex},
		{"index n", len(chunks), chunks[last], content.ErrChunkIndex},
		{"index n+1", len(chunks) + 1, chunks[last], content.ErrChunkIndex},
		{"index MinInt", math.MinInt, chunks[0], content.ErrChunkIndex},
		{"index MaxInt", math.MaxInt, chunks[0], content.ErrChunkIndex},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := m.VerifyChunk(tc.i, tc.data); !errors.Is(err, tc.want) {
				t.Errorf("VerifyChunk(%d) = %v, want %v", tc.i, err, tc.want)
			}
		})
	}

	empty, _ := ctManifest(t, []ctFile{{path: "e"}}, 14)
	if err := empty.VerifyChunk(0, nil); !errors.Is(err, content.ErrChunkIndex) {
		t.Errorf("VerifyChunk(0) on a work of no chunks = %v, want ErrChunkIndex", err)
	}
}

// ctSegmentWorks are works whose chunks cut across files in every way:
// empty files and folders between files with bytes, files smaller than a
// chunk, chunks spanning three files or more, files ending exactly on a
// chunk boundary.
func ctSegmentWorks() []struct {
	name  string
	files []ctFile
} {
	const c = 1 << 14
	rng := rand.New(rand.NewPCG(1, 2))
	var random []ctFile
	for i := range 60 {
		var n int
		switch rng.IntN(4) {
		case 0: // empty
		case 1:
			n = 1 + rng.IntN(100)
		case 2:
			n = 1 + rng.IntN(c)
		default:
			n = 1 + rng.IntN(3*c)
		}
		if rng.IntN(10) == 0 {
			random = append(random, ctFile{path: fmt.Sprintf("r%03d", i), dir: true})
			continue
		}
		random = append(random, ctFile{path: fmt.Sprintf("r%03d", i), data: ctData(uint64(100+i), n)})
	}
	return []struct {
		name  string
		files []ctFile
	}{
		{"mixed", []ctFile{
			{path: "a/empty"},
			{path: "a/small1", data: ctData(20, 100)},
			{path: "a/small2", data: ctData(21, 200)},
			{path: "b", dir: true},
			{path: "c", data: ctData(22, 2*c+5)},
			{path: "d/e"},
			{path: "d/f", data: ctData(23, 7000)},
			{path: "d/g", data: ctData(24, 9000)},
			{path: "d/h", data: ctData(25, 1)},
			{path: "d/i", dir: true},
			{path: "d/j", data: ctData(26, 3)},
			{path: "e", data: ctData(27, 50000)},
			{path: "f"},
			{path: "z", data: ctData(28, 3)},
		}},
		{"aligned files", []ctFile{
			{path: "a", data: ctData(30, c)},
			{path: "b"},
			{path: "c", data: ctData(31, 2*c)},
			{path: "d", data: ctData(32, c)},
		}},
		{"many tiny files", func() []ctFile {
			var fs []ctFile
			for i := range 500 {
				fs = append(fs, ctFile{path: fmt.Sprintf("t%03d", i), data: ctData(uint64(1000+i), i%97)})
			}
			return fs
		}()},
		{"random", random},
	}
}

// TestSegments checks that the segments of every chunk, read from the files
// in memory, reproduce that chunk of the concatenated work.
func TestSegments(t *testing.T) {
	const k = 14
	for _, tc := range ctSegmentWorks() {
		t.Run(tc.name, func(t *testing.T) {
			m, work := ctManifest(t, tc.files, k)
			fl := m.Files()
			byPath := map[string][]byte{}
			for _, f := range tc.files {
				byPath[f.path] = f.data
			}
			chunks := ctChunks(work, k)
			if m.NumChunks() != len(chunks) {
				t.Fatalf("NumChunks = %d, want %d", m.NumChunks(), len(chunks))
			}
			maxSegs := 0
			covered := make([]int64, len(fl)) // bytes of each entry covered so far
			for i, want := range chunks {
				if got := m.ChunkLen(i); got != len(want) {
					t.Errorf("ChunkLen(%d) = %d, want %d", i, got, len(want))
				}
				prefix := []content.Segment{{Entry: -7}}
				segs := m.Segments(i, prefix)
				if len(segs) == 0 || segs[0] != prefix[0] {
					t.Fatalf("Segments(%d) did not append to dst", i)
				}
				segs = segs[1:]
				maxSegs = max(maxSegs, len(segs))
				var got []byte
				for j, s := range segs {
					if s.Entry < 0 || s.Entry >= len(fl) || fl[s.Entry].Dir {
						t.Fatalf("chunk %d segment %d: entry %d is not a file", i, j, s.Entry)
					}
					data := byPath[fl[s.Entry].Path]
					if s.Len <= 0 || s.Offset < 0 || s.Offset+int64(s.Len) > int64(len(data)) {
						t.Fatalf("chunk %d segment %d: %+v outside %q (%d bytes)", i, j, s, fl[s.Entry].Path, len(data))
					}
					if s.BufOff != len(got) {
						t.Fatalf("chunk %d segment %d: BufOff %d, want %d", i, j, s.BufOff, len(got))
					}
					if s.Offset != covered[s.Entry] {
						t.Fatalf("chunk %d segment %d: offset %d in %q, want %d", i, j, s.Offset, fl[s.Entry].Path, covered[s.Entry])
					}
					if j > 0 && s.Entry <= segs[j-1].Entry {
						t.Fatalf("chunk %d: segments out of list order: %+v", i, segs)
					}
					covered[s.Entry] += int64(s.Len)
					got = append(got, data[s.Offset:s.Offset+int64(s.Len)]...)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("chunk %d: segments give %d bytes that differ from the chunk (%d bytes): %+v", i, len(got), len(want), segs)
				}
			}
			for j, e := range fl {
				if covered[j] != e.Size {
					t.Errorf("entry %q: %d of %d bytes covered by segments", e.Path, covered[j], e.Size)
				}
			}
			if tc.name == "mixed" && maxSegs < 4 {
				t.Errorf("no chunk spans 4 files or more (max %d): the test work lost its point", maxSegs)
			}
			for _, i := range []int{-1, len(chunks), len(chunks) + 5} {
				if got := m.ChunkLen(i); got != 0 {
					t.Errorf("ChunkLen(%d) = %d, want 0", i, got)
				}
				if got := m.Segments(i, nil); len(got) != 0 {
					t.Errorf("Segments(%d) = %+v, want none", i, got)
				}
			}
		})
	}
}

func TestAutoChunkLog2(t *testing.T) {
	const (
		KiB = int64(1) << 10
		MiB = KiB << 10
		GiB = MiB << 10
		TiB = GiB << 10
	)
	tests := []struct {
		name       string
		size       int64
		want       uint8
		wantChunks int64 // -1: not checked
	}{
		{"0 bytes", 0, 16, 0},
		{"1 byte", 1, 16, 1},
		{"64 KiB", 64 * KiB, 16, 1},
		{"1 MiB", MiB, 16, 16},
		{"4096 chunks of 64 KiB", 4096 * 64 * KiB, 16, 4096},
		{"256 MiB + 1", 256*MiB + 1, 17, 2049},
		{"512 MiB", 512 * MiB, 17, 4096},
		{"512 MiB + 1", 512*MiB + 1, 18, 2049},
		{"1 GiB", GiB, 18, 4096},
		{"10 GiB", 10 * GiB, 22, 2560},
		{"32 GiB + 1", 32*GiB + 1, 24, 2049},
		{"64 GiB", 64 * GiB, 24, 4096},
		{"64 GiB + 1", 64*GiB + 1, 24, 4097},
		{"1 TiB", TiB, 24, 65536},
		{"16 TiB (MaxWorkSize)", content.MaxWorkSize, 24, 1 << 20},
		{"2^62", 1 << 62, 24, -1},
		{"MaxInt64", math.MaxInt64, 24, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := content.AutoChunkLog2(tc.size)
			if got != tc.want {
				t.Errorf("AutoChunkLog2(%d) = %d, want %d", tc.size, got, tc.want)
			}
			if tc.wantChunks >= 0 {
				if n := (tc.size + 1<<got - 1) >> got; n != tc.wantChunks {
					t.Errorf("%d bytes in chunks of 2^%d: %d chunks, want %d", tc.size, got, n, tc.wantChunks)
				}
			}
		})
	}
}

// TestChunkCountsOfLargeWorks builds manifests for works too large to hold
// in memory (the chunk hashes are made up) to check the counts of §3.
func TestChunkCountsOfLargeWorks(t *testing.T) {
	tests := []struct {
		name    string
		size    int64
		k       uint8
		want    int
		lastLen int
	}{
		{"10 GiB at 4 MiB", 10 << 30, 22, 2560, 4 << 20},
		{"1 TiB at 16 MiB", 1 << 40, 24, 65536, 16 << 20},
		{"16 TiB at 16 MiB", content.MaxWorkSize, 24, 1 << 20, 16 << 20},
		{"1 GiB + 1 at 256 KiB", 1<<30 + 1, 18, 4097, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fl := content.FileList{{Path: "big", Size: tc.size}}
			m, err := content.NewManifest(fl, tc.k, make([]content.Hash, tc.want))
			if err != nil {
				t.Fatalf("NewManifest: %v", err)
			}
			if m.NumChunks() != tc.want {
				t.Errorf("NumChunks = %d, want %d", m.NumChunks(), tc.want)
			}
			if got := m.ChunkLen(tc.want - 1); got != tc.lastLen {
				t.Errorf("last ChunkLen = %d, want %d", got, tc.lastLen)
			}
			if _, err := content.NewManifest(fl, tc.k, make([]content.Hash, tc.want-1)); !errors.Is(err, content.ErrMalformed) {
				t.Errorf("NewManifest with one hash too few: err = %v, want ErrMalformed", err)
			}
		})
	}
	// 16 TiB in 16 KiB chunks is 2^30 chunks, past MaxChunks.
	if _, err := content.NewManifest(content.FileList{{Path: "big", Size: content.MaxWorkSize}}, 14, nil); !errors.Is(err, content.ErrMalformed) {
		t.Errorf("NewManifest for 2^30 chunks: err = %v, want ErrMalformed", err)
	}
}

func TestChunkLog2Of(t *testing.T) {
	for l := uint8(content.MinChunkLog2); l <= content.MaxChunkLog2; l++ {
		got, err := content.ChunkLog2Of(int64(1) << l)
		if err != nil || got != l {
			t.Errorf("ChunkLog2Of(2^%d) = %d, %v; want %d, nil", l, got, err, l)
		}
		if err := content.CheckChunkLog2(l); err != nil {
			t.Errorf("CheckChunkLog2(%d) = %v", l, err)
		}
	}
	rejected := []struct {
		name string
		size int64
	}{
		{"zero", 0},
		{"minus one", -1},
		{"negative power of two", -(1 << 14)},
		{"MinInt64", math.MinInt64},
		{"three", 3},
		{"2^14 + 1", 1<<14 + 1},
		{"3 × 2^14", 3 << 14},
		{"2^24 - 1", 1<<24 - 1},
		{"2^13: below the minimum", 1 << 13},
		{"1", 1},
		{"2^25: above the maximum", 1 << 25},
		{"2^62", 1 << 62},
		{"MaxInt64", math.MaxInt64},
	}
	for _, tc := range rejected {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := content.ChunkLog2Of(tc.size); err == nil {
				t.Errorf("ChunkLog2Of(%d) = %d, nil; want an error", tc.size, got)
			}
		})
	}
	for _, l := range []uint8{0, 1, 13, 25, 63, 64, 255} {
		if err := content.CheckChunkLog2(l); !errors.Is(err, content.ErrMalformed) {
			t.Errorf("CheckChunkLog2(%d) = %v, want ErrMalformed", l, err)
		}
	}
}

func TestNewManifestRejects(t *testing.T) {
	fl := content.FileList{{Path: "a", Size: 10}}
	leaf := []content.Hash{content.LeafHash(make([]byte, 10))}
	tests := []struct {
		name   string
		files  content.FileList
		k      uint8
		leaves []content.Hash
		want   error
	}{
		{"k 13", fl, 13, leaf, content.ErrMalformed},
		{"k 25", fl, 25, leaf, content.ErrMalformed},
		{"no leaves", fl, 14, nil, content.ErrMalformed},
		{"two leaves", fl, 14, append(slices.Clone(leaf), leaf...), content.ErrMalformed},
		{"no files", nil, 14, nil, content.ErrMalformed},
		{"bad path", content.FileList{{Path: "../a", Size: 10}}, 14, leaf, content.ErrBadPath},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := content.NewManifest(tc.files, tc.k, tc.leaves)
			if !errors.Is(err, tc.want) {
				t.Errorf("NewManifest: err = %v, want %v", err, tc.want)
			}
			if m != nil {
				t.Errorf("NewManifest returned a manifest with its error")
			}
		})
	}
}
