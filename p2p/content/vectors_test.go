package content

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The test vectors of docs/CONTENT.md §6, produced by scripts/contentref.py,
// an implementation of the specification written independently of this
// package.

const (
	vectorsDoc     = "../../docs/CONTENT.md"
	vectorsBegin   = "<!-- vectors:begin -->"
	vectorsEnd     = "<!-- vectors:end -->"
	minVectorCount = 15 // the table must not shrink unnoticed
)

type vectorEntry struct {
	path string
	dir  bool
	data []byte
}

type vector struct {
	name     string
	file     bool  // the work is the single entry, not a folder holding the entries
	k        uint8 // chunk-size exponent expected in the manifest
	auto     bool  // k is left to the default rule
	entries  []vectorEntry
	chunks   int
	fileList string // hex hashes
	dataRoot string
	root     string
}

type vectorTable struct {
	vectors  []vector
	fileList map[string][]byte // name → file-list encoding
	manifest map[string][]byte // name → manifest encoding
}

// vectorContent decodes `text:S` and `pattern:N`.
func vectorContent(spec string) ([]byte, error) {
	kind, arg, ok := strings.Cut(spec, ":")
	switch {
	case ok && kind == "text":
		return []byte(arg), nil
	case ok && kind == "pattern":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || strconv.Itoa(n) != arg {
			return nil, fmt.Errorf("bad pattern length %q", arg)
		}
		b := make([]byte, n)
		for j := range b {
			b[j] = byte((j*7 + 3) % 251)
		}
		return b, nil
	}
	return nil, fmt.Errorf("bad content %q", spec)
}

func codeCell(c string) (string, error) {
	if len(c) < 2 || c[0] != '`' || c[len(c)-1] != '`' || strings.Contains(c[1:len(c)-1], "`") {
		return "", fmt.Errorf("cell %q is not `code`", c)
	}
	return c[1 : len(c)-1], nil
}

func hashCell(c string) (string, error) {
	h, err := codeCell(c)
	if err != nil {
		return "", err
	}
	if b, err := hex.DecodeString(h); err != nil || len(b) != 32 || strings.ToLower(h) != h {
		return "", fmt.Errorf("cell %q is not 64 lowercase hex digits", c)
	}
	return h, nil
}

func parseVectorRow(line string) (vector, error) {
	var v vector
	if !strings.HasPrefix(line, "| ") || !strings.HasSuffix(line, " |") {
		return v, fmt.Errorf("malformed row")
	}
	cells := strings.Split(line[2:len(line)-2], " | ")
	if len(cells) != 8 {
		return v, fmt.Errorf("%d cells, want 8", len(cells))
	}
	var err error
	if v.name, err = codeCell(cells[0]); err != nil {
		return v, err
	}
	switch cells[1] {
	case "file":
		v.file = true
	case "folder":
	default:
		return v, fmt.Errorf("work %q is neither file nor folder", cells[1])
	}
	ks, auto := strings.CutPrefix(cells[2], "auto:")
	k, err := strconv.ParseUint(ks, 10, 8)
	if err != nil || strconv.FormatUint(k, 10) != ks {
		return v, fmt.Errorf("bad k %q", cells[2])
	}
	v.k, v.auto = uint8(k), auto
	ents, err := codeCell(cells[3])
	if err != nil {
		return v, err
	}
	for _, e := range strings.Split(ents, "; ") {
		p, spec, ok := strings.Cut(e, "=")
		if !ok || p == "" {
			return v, fmt.Errorf("bad entry %q", e)
		}
		if spec == "dir" {
			dir, ok := strings.CutSuffix(p, "/")
			if !ok {
				return v, fmt.Errorf("empty folder %q does not end in /", p)
			}
			v.entries = append(v.entries, vectorEntry{path: dir, dir: true})
			continue
		}
		data, err := vectorContent(spec)
		if err != nil {
			return v, err
		}
		v.entries = append(v.entries, vectorEntry{path: p, data: data})
	}
	if v.file && (len(v.entries) != 1 || v.entries[0].dir) {
		return v, fmt.Errorf("a file work must be one file")
	}
	if v.chunks, err = strconv.Atoi(cells[4]); err != nil || strconv.Itoa(v.chunks) != cells[4] || v.chunks < 0 {
		return v, fmt.Errorf("bad chunk count %q", cells[4])
	}
	for i, dst := range []*string{&v.fileList, &v.dataRoot, &v.root} {
		if *dst, err = hashCell(cells[5+i]); err != nil {
			return v, err
		}
	}
	return v, nil
}

// parseVectors reads the block between the markers. Every line is either
// prose, a table row, or part of a hex block; anything that looks like a row
// or a hex block but does not parse is an error.
func parseVectors(doc string) (*vectorTable, error) {
	if strings.Count(doc, vectorsBegin) != 1 || strings.Count(doc, vectorsEnd) != 1 {
		return nil, fmt.Errorf("want exactly one %s and one %s", vectorsBegin, vectorsEnd)
	}
	_, rest, _ := strings.Cut(doc, vectorsBegin)
	block, _, _ := strings.Cut(rest, vectorsEnd)
	t := &vectorTable{fileList: map[string][]byte{}, manifest: map[string][]byte{}}
	names := map[string]bool{}
	lines := strings.Split(block, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case line == "| name | work | k | entries | chunks | file-list hash | data root | content root |",
			line == "|---|---|---|---|---|---|---|---|":
		case strings.HasPrefix(line, "|"):
			v, err := parseVectorRow(line)
			if err != nil {
				return nil, fmt.Errorf("line %q: %v", line, err)
			}
			if names[v.name] {
				return nil, fmt.Errorf("vector %q twice", v.name)
			}
			names[v.name] = true
			t.vectors = append(t.vectors, v)
		case strings.HasPrefix(line, "File-list encoding of "), strings.HasPrefix(line, "Manifest encoding of "):
			what, name, _ := strings.Cut(line, " encoding of ")
			name, ok := strings.CutSuffix(name, ":")
			if !ok {
				return nil, fmt.Errorf("line %q: missing ':'", line)
			}
			name, err := codeCell(name)
			if err != nil {
				return nil, err
			}
			if i+3 >= len(lines) || lines[i+1] != "" || lines[i+2] != "```hex" {
				return nil, fmt.Errorf("line %q: not followed by a ```hex block", line)
			}
			var h strings.Builder
			for i += 3; i < len(lines) && lines[i] != "```"; i++ {
				h.WriteString(lines[i])
			}
			if i == len(lines) {
				return nil, fmt.Errorf("unterminated hex block for %q", name)
			}
			b, err := hex.DecodeString(h.String())
			if err != nil || len(b) == 0 {
				return nil, fmt.Errorf("hex block for %q: bad hex", name)
			}
			m := t.fileList
			if what == "Manifest" {
				m = t.manifest
			}
			if m[name] != nil {
				return nil, fmt.Errorf("two %s encodings of %q", what, name)
			}
			m[name] = b
		}
	}
	for _, m := range []map[string][]byte{t.fileList, t.manifest} {
		if len(m) == 0 {
			return nil, fmt.Errorf("no file-list or no manifest encoding")
		}
		for name := range m {
			if !names[name] {
				return nil, fmt.Errorf("encoding given for unknown vector %q", name)
			}
		}
	}
	return t, nil
}

func loadVectors(t *testing.T) *vectorTable {
	t.Helper()
	doc, err := os.ReadFile(vectorsDoc)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := parseVectors(string(doc))
	if err != nil {
		t.Fatalf("%s: %v", vectorsDoc, err)
	}
	if len(tab.vectors) < minVectorCount {
		t.Fatalf("%s: %d vectors, want at least %d", vectorsDoc, len(tab.vectors), minVectorCount)
	}
	return tab
}

// materialise writes the vector's work under dir and returns the path to
// hand to Build.
func (v vector) materialise(t *testing.T, dir string) string {
	t.Helper()
	if v.file {
		p := filepath.Join(dir, v.entries[0].path)
		if err := os.WriteFile(p, v.entries[0].data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	root := filepath.Join(dir, "work")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range v.entries {
		p := filepath.Join(root, filepath.FromSlash(e.path))
		if e.dir {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, e.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestVectors(t *testing.T) {
	tab := loadVectors(t)
	for _, v := range tab.vectors {
		t.Run(v.name, func(t *testing.T) {
			path := v.materialise(t, t.TempDir())
			var opts []BuildOption
			if !v.auto {
				opts = append(opts, WithChunkLog2(v.k))
			}
			m, err := Build(path, opts...)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if m.ChunkLog2() != v.k {
				t.Errorf("k = %d, want %d", m.ChunkLog2(), v.k)
			}

			files := m.Files()
			if len(files) != len(v.entries) {
				t.Errorf("%d entries, want %d: %v", len(files), len(v.entries), files)
			} else {
				for i, e := range v.entries {
					want := Entry{Path: e.path, Size: int64(len(e.data)), Dir: e.dir}
					if files[i] != want {
						t.Errorf("entry %d = %+v, want %+v", i, files[i], want)
					}
				}
			}
			if got := files.Hash().String(); got != v.fileList {
				t.Errorf("file-list hash = %s, want %s", got, v.fileList)
			}
			scanned, err := Scan(path)
			if err != nil {
				t.Errorf("Scan: %v", err)
			} else if got := scanned.Hash().String(); got != v.fileList {
				t.Errorf("Scan file-list hash = %s, want %s", got, v.fileList)
			}

			if m.NumChunks() != v.chunks {
				t.Errorf("%d chunks, want %d", m.NumChunks(), v.chunks)
			}
			leaves := make([]Hash, m.NumChunks())
			for i := range leaves {
				leaves[i] = m.Leaf(i)
			}
			if got := TreeRoot(leaves).String(); got != v.dataRoot {
				t.Errorf("data root = %s, want %s", got, v.dataRoot)
			}
			if got := m.Root().String(); got != v.root {
				t.Errorf("root = %s, want %s", got, v.root)
			}

			if want, ok := tab.fileList[v.name]; ok {
				if got := files.Encode(); !bytes.Equal(got, want) {
					t.Errorf("file-list encoding =\n%x\nwant\n%x", got, want)
				}
			}
			if want, ok := tab.manifest[v.name]; ok {
				got, err := m.MarshalBinary()
				if err != nil {
					t.Fatalf("MarshalBinary: %v", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("manifest encoding =\n%x\nwant\n%x", got, want)
				}
			}
		})
	}
}

// TestVectorsParserStrict checks that the parser refuses what it does not
// understand instead of skipping it.
func TestVectorsParserStrict(t *testing.T) {
	tab := loadVectors(t)
	row := "| `x` | file | 14 | `a=text:hi` | 1 | `" + tab.vectors[0].fileList + "` | `" +
		tab.vectors[0].dataRoot + "` | `" + tab.vectors[0].root + "` |"
	tail := "\nFile-list encoding of `x`:\n\n```hex\n00\n```\n\nManifest encoding of `x`:\n\n```hex\n00\n```\n"
	wrap := func(s string) string { return vectorsBegin + "\n" + s + tail + vectorsEnd }
	if _, err := parseVectors(wrap(row)); err != nil {
		t.Fatalf("well-formed block refused: %v", err)
	}
	for _, bad := range []string{
		strings.Replace(row, " | 14 | ", " | 014 | ", 1),
		strings.Replace(row, " | 14 | ", " | auto | ", 1),
		strings.Replace(row, " | file | ", " | dir | ", 1),
		strings.Replace(row, "text:hi", "txt:hi", 1),
		strings.Replace(row, "text:hi", "pattern:-1", 1),
		strings.Replace(row, "`a=text:hi`", "`a/=dir`", 1),
		strings.Replace(row, " | 1 | ", " | one | ", 1),
		strings.Replace(row, tab.vectors[0].root, tab.vectors[0].root[1:], 1),
		strings.Replace(row, tab.vectors[0].root, strings.ToUpper(tab.vectors[0].root), 1),
		strings.TrimSuffix(row, " |"),
		row + " extra |",
		row + "\n" + row,
	} {
		if _, err := parseVectors(wrap(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	if _, err := parseVectors(vectorsBegin + "\n" + row + "\n" + vectorsEnd); err == nil {
		t.Error("accepted a block without encodings")
	}
	if _, err := parseVectors(row + tail); err == nil {
		t.Error("accepted a document without markers")
	}
}

// TestVectorsMatchReference runs the independent implementation and checks
// that it would still write the table as it stands. Without python3 it is
// skipped on a developer's machine and fails in CI (CI=true).
func TestVectorsMatchReference(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 not found; CI must run the reference check")
		}
		t.Skip("python3 not found")
	}
	out, err := exec.Command(py, "../../scripts/contentref.py", "check", vectorsDoc).CombinedOutput()
	if err != nil {
		t.Fatalf("contentref.py check: %v\n%s", err, out)
	}
}
