package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"essaim/p2p/content"
)

// essaimBin is the binary under test, built once by TestMain.
var essaimBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "essaim-bin")
	if err != nil {
		panic(err)
	}
	essaimBin = filepath.Join(dir, "essaim")
	out, err := exec.Command("go", "build", "-o", essaimBin, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the built binary and returns stdout, stderr and the exit code.
func run(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(essaimBin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

func writeWork(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":        "alpha",
		"sub/b.bin":    strings.Repeat("b", 200000),
		"sub/empty":    "",
		"z/deep/c.txt": "gamma",
	}
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "nothing"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestHashJSONMatchesBuild(t *testing.T) {
	dir := writeWork(t)
	m, err := content.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--json", "hash", dir},
		{"hash", dir, "--json"},
	} {
		stdout, stderr, code := run(t, nil, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
		var got hashResult
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%q: %v in %q", args, err, stdout)
		}
		if got.Root != m.Root().String() || got.ChunkSize != m.ChunkSize() || got.Chunks != m.NumChunks() ||
			got.Files != len(m.Files()) || got.Size != m.Size() || len(got.Entries) != len(m.Files()) {
			t.Errorf("%q: got %+v, want root %s, %d chunks of %d, %d files, %d bytes", args, got,
				m.Root(), m.NumChunks(), m.ChunkSize(), len(m.Files()), m.Size())
		}
		if got.Entries[1].Path != "nothing" || !got.Entries[1].Dir {
			t.Errorf("%q: entries %+v: want the empty folder listed second", args, got.Entries)
		}
	}
}

func TestHashHumanAndEnv(t *testing.T) {
	dir := writeWork(t)
	m, err := content.Build(dir, content.WithChunkLog2(14))
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, nil, "hash", "--chunk-size", "16KiB", dir)
	if code != 0 || !strings.Contains(stdout, m.Root().String()) || !strings.Contains(stdout, "16 KiB") {
		t.Fatalf("exit %d, stdout %q, stderr %q: want root %s", code, stdout, stderr, m.Root())
	}
	stdout, _, code = run(t, []string{"ESSAIM_JSON=1", "ESSAIM_CHUNK_SIZE=16KiB"}, "hash", dir)
	if code != 0 || !strings.Contains(stdout, `"root": "`+m.Root().String()+`"`) {
		t.Fatalf("env flags: exit %d, stdout %q", code, stdout)
	}
}

func TestHashErrors(t *testing.T) {
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, `evil\..\x`), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := t.TempDir()
	if err := os.Symlink("/etc/passwd", filepath.Join(link, "passwd")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"no path", []string{"hash"}, exitUsage, "hash takes one PATH"},
		{"two paths", []string{"hash", "a", "b"}, exitUsage, "hash takes one PATH"},
		{"missing", []string{"hash", filepath.Join(bad, "missing")}, exitFailure, "no such file"},
		{"bad chunk size", []string{"hash", bad, "--chunk-size", "1000"}, exitUsage, "not a power of two"},
		{"chunk size too small", []string{"hash", bad, "--chunk-size", "4KiB"}, exitUsage, "outside"},
		{"backslash name", []string{"hash", bad}, exitFailure, `evil\\..\\x`},
		{"symlink inside", []string{"hash", link}, exitFailure, `"passwd": is a symlink`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.message) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.message)
			}
			if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "essaim: ") {
				t.Errorf("want one line on stderr and nothing on stdout; got stdout %q stderr %q", stdout, stderr)
			}
		})
	}
}
