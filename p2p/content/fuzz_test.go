package content_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"essaim/p2p/content"
)

// ctFuzzManifests returns valid manifests of several shapes and near-miss
// corruptions of them, as fuzz seeds.
func ctFuzzManifests(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, tc := range ctManifestShapes() {
		m, _ := ctManifest(t, tc.files, tc.k)
		b := ctMarshal(t, m)
		seeds = append(seeds, b)
		seeds = append(seeds, b[:len(b)-1])                   // truncated
		seeds = append(seeds, append(slices.Clone(b), 0))     // trailing byte
		seeds = append(seeds, ctSetByte(b, 5, 13))            // k out of range
		seeds = append(seeds, ctSetByte(b, 5, tc.k+1))        // another k
		seeds = append(seeds, ctSetByte(b, 4, 2))             // version
		seeds = append(seeds, ctSetByte(b, len(b)-1, b[0]^1)) // a leaf or count byte
	}
	fl := func(entries ...string) []byte { // folders only: sizes need no leaves
		b := binary.BigEndian.AppendUint32(nil, uint32(len(entries)))
		for _, p := range entries {
			b = append(b, 1)
			b = binary.BigEndian.AppendUint16(b, uint16(len(p)))
			b = append(b, p...)
		}
		return b
	}
	for _, list := range [][]string{
		{"a", "b/c", "d"},
		{"../x"},
		{"a/"},
		{"b", "a"},
		{"A", "a"},
		{"e\u0301", "\u00e9"},
		{"k", "\u212a"},
		{".essaim-partial-0"},
		{"a\\b"},
		{"a", "a/b"},
	} {
		seeds = append(seeds, ctEncodeManifest(1, 14, fl(list...), 0, nil))
	}
	seeds = append(seeds,
		ctEncodeManifest(1, 14, fl("a"), math.MaxUint32, nil),
		append([]byte("esmf\x01\x0e"), binary.BigEndian.AppendUint32(nil, content.MaxFiles)...),
		[]byte("esmf"),
		nil,
	)
	return seeds
}

func ctSetByte(b []byte, i int, v byte) []byte {
	b = slices.Clone(b)
	b[i] = v
	return b
}

// FuzzUnmarshal: no input panics; an accepted input is canonical (it
// re-encodes to itself) and consistent (its root, counts and segments).
func FuzzUnmarshal(f *testing.F) {
	for _, s := range ctFuzzManifests(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := content.Unmarshal(b)
		if err != nil {
			if m != nil {
				t.Fatalf("Unmarshal returned a manifest with its error %v", err)
			}
			if !errors.Is(err, content.ErrMalformed) && !errors.Is(err, content.ErrBadPath) {
				t.Fatalf("Unmarshal error %v wraps neither ErrMalformed nor ErrBadPath", err)
			}
			if _, perr := content.Parse(b, content.Hash{}); perr == nil {
				t.Fatalf("Parse accepted what Unmarshal refused (%v)", err)
			}
			return
		}
		out, err := m.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary: %v", err)
		}
		if !bytes.Equal(out, b) {
			t.Fatalf("accepted input is not canonical:\n  in %x\n out %x", b, out)
		}
		p, err := content.Parse(b, m.Root())
		if err != nil {
			t.Fatalf("Parse with its own root: %v", err)
		}
		if p.Root() != m.Root() {
			t.Fatalf("Parse root %s, Unmarshal root %s", p.Root(), m.Root())
		}
		wrong := m.Root()
		wrong[0] ^= 0x80
		if _, err := content.Parse(b, wrong); !errors.Is(err, content.ErrRootMismatch) {
			t.Fatalf("Parse with a wrong root: err = %v, want ErrRootMismatch", err)
		}
		if err := m.Files().Check(); err != nil {
			t.Fatalf("accepted file list fails Check: %v", err)
		}
		if err := content.CheckChunkLog2(m.ChunkLog2()); err != nil {
			t.Fatalf("accepted chunk size: %v", err)
		}
		n := m.NumChunks()
		if want := (m.Size() + int64(m.ChunkSize()) - 1) / int64(m.ChunkSize()); int64(n) != want {
			t.Fatalf("%d chunks for %d bytes in chunks of %d", n, m.Size(), m.ChunkSize())
		}
		if m.Size() != m.Files().Size() {
			t.Fatalf("Size %d, files total %d", m.Size(), m.Files().Size())
		}
		leaves := make([]content.Hash, n)
		for i := range leaves {
			leaves[i] = m.Leaf(i)
		}
		again, err := content.NewManifest(m.Files(), m.ChunkLog2(), leaves)
		if err != nil || again.Root() != m.Root() {
			t.Fatalf("NewManifest from the decoded parts: %v", err)
		}
		var total int64
		for i := range n {
			l := m.ChunkLen(i)
			if l <= 0 || l > m.ChunkSize() || (i < n-1 && l != m.ChunkSize()) {
				t.Fatalf("ChunkLen(%d) = %d", i, l)
			}
			total += int64(l)
			if i < 64 || i >= n-2 {
				ctCheckSegments(t, m, i)
			}
		}
		if total != m.Size() {
			t.Fatalf("chunk lengths add up to %d, Size %d", total, m.Size())
		}
	})
}

// ctCheckSegments checks that the segments of chunk i tile it.
func ctCheckSegments(t *testing.T, m *content.Manifest, i int) {
	t.Helper()
	fl := m.Files()
	off := 0
	for j, s := range m.Segments(i, nil) {
		if s.BufOff != off || s.Len <= 0 || s.Entry < 0 || s.Entry >= len(fl) || fl[s.Entry].Dir ||
			s.Offset < 0 || s.Offset+int64(s.Len) > fl[s.Entry].Size {
			t.Fatalf("chunk %d segment %d: %+v (at %d of %d)", i, j, s, off, m.ChunkLen(i))
		}
		off += s.Len
	}
	if off != m.ChunkLen(i) {
		t.Fatalf("chunk %d: segments cover %d of %d bytes", i, off, m.ChunkLen(i))
	}
}

// ctPathSeeds are paths on both sides of every rule.
func ctPathSeeds() []string {
	return []string{
		"a", "a/b.txt", "été/naïve.txt", "日本語/ファイル", " a / b ", "...", ".hidden",
		"", "/a", "a/", "a//b", ".", "..", "a/../b", "./a",
		"a\x00b", "a\nb", "a\x7f", "a\u0085", "a\\b", "invoice\u202efdp.exe", "a\u2066b", "a\u061c",
		"a\xffb", "\xc0\xaf", ".essaim", ".ESSAIM-partial/x", "a/.essaim", ".essai", ".ESSA\u0130M",
		ctPathOfLen(1024), ctPathOfLen(1025), strings.Repeat("c", 255), strings.Repeat("c", 256),
		ctDepth(32), ctDepth(33),
	}
}

// ctBidi lists the bidirectional formatting characters of §2.
func ctBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// ctRefCheckPath is §2's path rules written out from the table, with the
// reserved prefix compared under simple case folding, the folding §2 uses
// for names.
func ctRefCheckPath(p string) string {
	switch {
	case p == "":
		return "empty"
	case strings.HasPrefix(p, "/"):
		return "absolute"
	case !utf8.ValidString(p):
		return "invalid UTF-8"
	case len(p) > 1024:
		return "too long"
	case strings.Contains(p, "\\"):
		return "backslash"
	}
	for _, r := range p {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return "control character"
		}
		if ctBidi(r) {
			return "bidi"
		}
	}
	comps := strings.Split(p, "/")
	if len(comps) > 32 {
		return "too deep"
	}
	for _, c := range comps {
		switch {
		case c == "" || c == "." || c == "..":
			return "bad component"
		case len(c) > 255:
			return "component too long"
		}
	}
	if r := []rune(comps[0]); len(r) >= 7 && strings.EqualFold(string(r[:7]), ".essaim") {
		return "reserved"
	}
	return ""
}

// FuzzCheckPath: no path panics, accepted paths satisfy every rule, refused
// paths get an error that names them, and the rules agree with the table of
// §2 written out independently.
func FuzzCheckPath(f *testing.F) {
	for _, s := range ctPathSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		err := content.CheckPath(p)
		ref := ctRefCheckPath(p)
		if err != nil {
			if !errors.Is(err, content.ErrBadPath) {
				t.Fatalf("CheckPath(%q) = %v, not ErrBadPath", p, err)
			}
			var pe *content.PathError
			if !errors.As(err, &pe) || pe.Path != p || !strings.Contains(err.Error(), fmt.Sprintf("%q", p)) {
				t.Fatalf("CheckPath(%q) = %v: does not name the path", p, err)
			}
			if ref == "" {
				t.Fatalf("CheckPath(%q) = %v, but the path obeys every rule", p, err)
			}
			return
		}
		if ref != "" {
			t.Fatalf("CheckPath(%q) accepted a path that breaks a rule: %s", p, ref)
		}
		// The invariants the rest of essaim relies on, spelled out.
		if p == "" || p[0] == '/' || !utf8.ValidString(p) || strings.ContainsRune(p, '\\') || len(p) > 1024 {
			t.Fatalf("accepted %q", p)
		}
		for _, c := range strings.Split(p, "/") {
			if c == "" || c == "." || c == ".." {
				t.Fatalf("accepted %q with component %q", p, c)
			}
		}
		if err := (content.FileList{{Path: p}}).Check(); err != nil {
			t.Fatalf("a list of the one accepted path %q fails: %v", p, err)
		}
	})
}

// ctRefDecodeList decodes one file-list encoding (§4) that is exactly b,
// with at most 256 entries; ok is false otherwise.
func ctRefDecodeList(b []byte) (fl content.FileList, ok bool) {
	if len(b) < 4 {
		return nil, false
	}
	count := binary.BigEndian.Uint32(b)
	if count > 256 {
		return nil, false
	}
	b = b[4:]
	for range count {
		if len(b) < 3 || b[0] > 1 {
			return nil, false
		}
		dir := b[0] == 1
		n := int(binary.BigEndian.Uint16(b[1:]))
		b = b[3:]
		if len(b) < n {
			return nil, false
		}
		e := content.Entry{Path: string(b[:n]), Dir: dir}
		b = b[n:]
		if !dir {
			if len(b) < 8 {
				return nil, false
			}
			size := binary.BigEndian.Uint64(b)
			if size > math.MaxInt64 {
				return nil, false
			}
			e.Size = int64(size)
			b = b[8:]
		}
		fl = append(fl, e)
	}
	return fl, len(b) == 0
}

// ctFoldEqual reports whether a and b are the same name after NFC and
// simple case folding (§2), by a route independent of the package's.
func ctFoldEqual(a, b string) bool {
	return strings.EqualFold(norm.NFC.String(a), norm.NFC.String(b))
}

// ctRefCheckList is the list rules of §2 written out pairwise; path rules
// are CheckPath's (FuzzCheckPath covers them).
func ctRefCheckList(fl content.FileList) string {
	if len(fl) == 0 || len(fl) > content.MaxFiles {
		return "entry count"
	}
	var total int64
	for i, e := range fl {
		if content.CheckPath(e.Path) != nil {
			return "path"
		}
		if i > 0 && fl[i-1].Path >= e.Path {
			return "order"
		}
		if e.Size < 0 || (e.Dir && e.Size != 0) || e.Size > content.MaxWorkSize-total {
			return "size"
		}
		total += e.Size
	}
	for i, a := range fl {
		for j, b := range fl {
			if i < j && ctFoldEqual(a.Path, b.Path) {
				return fmt.Sprintf("%q and %q are the same name", a.Path, b.Path)
			}
			for k := range len(b.Path) {
				if b.Path[k] == '/' && ctFoldEqual(b.Path[:k], a.Path) {
					return fmt.Sprintf("%q is under %q", b.Path, a.Path)
				}
			}
		}
	}
	return ""
}

// ctListSeeds are file-list encodings on both sides of the list rules.
func ctListSeeds() [][]byte {
	f := func(p string, size int64) content.Entry { return content.Entry{Path: p, Size: size} }
	d := func(p string) content.Entry { return content.Entry{Path: p, Dir: true} }
	lists := []content.FileList{
		{f("a", 1)},
		{d("a"), f("b/c", 3), d("b/d"), f("e", 0)},
		{f("a-b", 1), f("a/b", 1)},
		{f("A/x", 1), f("a/y", 1)},
		{f("a", 1), f("a", 1)},
		{f("A.txt", 1), f("a.txt", 1)},
		{f("e\u0301", 1), f("\u00e9", 1)},
		{f("k", 1), f("\u212a", 1)},
		{f("a", 1), f("a/b", 1)},
		{f("A", 1), f("a/b", 1)},
		{f("A/b", 1), d("a")},
		{d("a"), f("a/b", 1)},
		{f("b", 1), f("a", 1)},
		{{Path: "a", Dir: true, Size: 1}},
		{f("a", content.MaxWorkSize), f("b", 1)},
		{f("../a", 1)},
		{},
	}
	var seeds [][]byte
	for _, l := range lists {
		seeds = append(seeds, l.Encode())
	}
	return seeds
}

// FuzzFileListCheck decodes file lists and checks that FileList.Check
// agrees with the rules of §2 written out independently, that the
// encoding round-trips, and that a manifest carrying the list is accepted
// exactly when the list is.
func FuzzFileListCheck(f *testing.F) {
	for _, s := range ctListSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fl, ok := ctRefDecodeList(b)
		if !ok {
			return
		}
		if enc := fl.Encode(); !bytes.Equal(enc, b) {
			t.Fatalf("Encode of the decoded list = %x, input %x", enc, b)
		}
		err := fl.Check()
		ref := ctRefCheckList(fl)
		switch {
		case err == nil && ref != "":
			t.Fatalf("Check accepted %+v, which breaks a rule: %s", fl, ref)
		case err != nil && ref == "":
			t.Fatalf("Check refused %+v, which obeys every rule: %v", fl, err)
		case err != nil && !errors.Is(err, content.ErrBadPath) && !errors.Is(err, content.ErrMalformed):
			t.Fatalf("Check error %v wraps neither ErrBadPath nor ErrMalformed", err)
		}

		// The same list inside a manifest, with the chunk count its size
		// needs at 16 MiB when that is small.
		var count uint32
		if err == nil {
			n := (fl.Size() + 1<<24 - 1) >> 24
			if n > 64 {
				return
			}
			count = uint32(n)
		}
		m, merr := content.Unmarshal(ctEncodeManifest(1, 24, b, count, make([]byte, 32*count)))
		if (merr == nil) != (err == nil) {
			t.Fatalf("Check: %v; Unmarshal of a manifest with the list: %v", err, merr)
		}
		if merr == nil && !slices.Equal(m.Files(), fl) {
			t.Fatalf("manifest files %+v, want %+v", m.Files(), fl)
		}
	})
}

// FuzzSegments builds works from a byte per entry (empty files, empty
// folders, small and large files) and checks that the segments of the
// chunks tile the work in order.
func FuzzSegments(f *testing.F) {
	f.Add([]byte{0}, uint8(14))
	f.Add([]byte{0xff}, uint8(14))
	f.Add([]byte{5, 0, 0xff, 9, 250, 13, 0, 3}, uint8(14))
	f.Add(bytes.Repeat([]byte{0xfb}, 50), uint8(15))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, uint8(14))
	f.Fuzz(func(t *testing.T, spec []byte, k uint8) {
		if len(spec) == 0 || len(spec) > 300 {
			return
		}
		k = content.MinChunkLog2 + k%3
		var fl content.FileList
		for i, c := range spec {
			p := fmt.Sprintf("f%03d", i)
			switch {
			case c == 0xff:
				fl = append(fl, content.Entry{Path: p, Dir: true})
			case c%4 == 0:
				fl = append(fl, content.Entry{Path: p})
			case c%4 == 1:
				fl = append(fl, content.Entry{Path: p, Size: int64(c >> 2)})
			case c%4 == 2:
				fl = append(fl, content.Entry{Path: p, Size: int64(c>>2) * 311})
			default:
				fl = append(fl, content.Entry{Path: p, Size: int64(c>>2) * 2039})
			}
		}
		n := (fl.Size() + 1<<k - 1) >> k
		m, err := content.NewManifest(fl, k, make([]content.Hash, n))
		if err != nil {
			t.Fatalf("NewManifest: %v", err)
		}
		next := make([]int64, len(fl)) // next byte expected of each entry
		lastEntry := 0
		for i := range m.NumChunks() {
			ctCheckSegments(t, m, i)
			for _, s := range m.Segments(i, nil) {
				if s.Offset != next[s.Entry] || s.Entry < lastEntry {
					t.Fatalf("chunk %d: segment %+v out of order (expected offset %d, entry ≥ %d)", i, s, next[s.Entry], lastEntry)
				}
				for e := lastEntry; e < s.Entry; e++ {
					if next[e] != fl[e].Size {
						t.Fatalf("chunk %d: entry %d left at %d of %d bytes", i, e, next[e], fl[e].Size)
					}
				}
				next[s.Entry] += int64(s.Len)
				lastEntry = s.Entry
			}
		}
		for e := range fl {
			if next[e] != fl[e].Size {
				t.Fatalf("entry %d: %d of %d bytes covered", e, next[e], fl[e].Size)
			}
		}
	})
}
