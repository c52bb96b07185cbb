package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	for _, tt := range []struct {
		flag, env string
		want      int64
		usage     bool
	}{
		{"512MiB", "", 512 << 20, false},
		{"0", "", 0, false},
		{"1GiB", "100MiB", 0, false}, // GOMEMLIMIT wins
		{"lots", "", 0, true},
		{"-5MiB", "", 0, true},
	} {
		got, err := memoryLimit(tt.flag, tt.env)
		var u *usageError
		if got != tt.want || (err != nil) != tt.usage || (err != nil && !errors.As(err, &u)) {
			t.Errorf("memoryLimit(%q, %q) = %d, %v; want %d, usage error %v", tt.flag, tt.env, got, err, tt.want, tt.usage)
		}
	}
	if _, stderr, code := run(t, nil, "--memory-limit", "lots", "hash", "."); code != exitUsage {
		t.Fatalf("essaim --memory-limit lots: exit %d, %s", code, stderr)
	}
}

// TestProfileFiles runs a command with --cpu-profile and --trace and
// checks that both files are written, each in its format (a gzipped
// profile, a Go execution trace), and that a trace that cannot be written
// is a clear error.
func TestProfileFiles(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "work.bin")
	if err := os.WriteFile(work, bytes.Repeat([]byte("essaim"), 100000), 0o644); err != nil {
		t.Fatal(err)
	}
	prof, tr := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "run.trace")
	if _, stderr, code := run(t, nil, "--cpu-profile", prof, "--trace", tr, "hash", work); code != 0 {
		t.Fatalf("essaim --cpu-profile --trace hash: exit %d, %s", code, stderr)
	}
	if b, err := os.ReadFile(prof); err != nil || !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Errorf("the CPU profile: %v, starts %q; want a gzipped profile", err, head(b))
	}
	if b, err := os.ReadFile(tr); err != nil || !bytes.HasPrefix(b, []byte("go 1.")) || !bytes.Contains(head(b), []byte(" trace")) {
		t.Errorf("the trace: %v, starts %q; want a Go execution trace", err, head(b))
	}
	_, stderr, code := run(t, nil, "--trace", filepath.Join(dir, "missing", "run.trace"), "hash", work)
	if code == 0 || !strings.Contains(stderr, "--trace") {
		t.Errorf("a trace in a missing folder: exit %d, %q; want an error naming --trace", code, stderr)
	}
}

func head(b []byte) []byte { return b[:min(len(b), 16)] }
