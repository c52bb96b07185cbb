package chunkstore

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the unprivileged user the permission tests run the store as:
// root, which runs CI, ignores file modes.
const nobody = 65534

// permWriter opens the mixed work in dir, puts every chunk and finishes,
// printing one line per step: "<step> ok" or "<step> denied <error>".
func permWriter(dir string, say func(string, ...any)) int {
	report := func(step string, err error) bool {
		switch {
		case err == nil:
			say("%s ok", step)
			return true
		case errors.Is(err, fs.ErrPermission):
			say("%s denied %v", step, err)
		default:
			say("%s failed %v", step, err)
		}
		return false
	}
	w, err := newWork(busySeed, mixedSpecs())
	if err != nil {
		say("error %v", err)
		return 1
	}
	s, err := Open(dir, w.m)
	if !report("open", err) {
		return 0
	}
	defer s.Close()
	for i := range w.n() {
		if err := s.Put(i, w.chunk(i)); err != nil {
			report("put", err)
			return 0
		}
	}
	report("finish", s.Finish())
	return 0
}

// runAsNobody runs the test binary's permWriter on dir as an unprivileged
// user and returns its output lines.
func runAsNobody(t *testing.T, dir string) []string {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("the permission tests must run as root in CI")
		}
		t.Skip("needs root to run a process as another user")
	}
	// The test binary sits in a folder only root may enter: copy it out.
	bin := filepath.Join(t.TempDir(), "store.test")
	data, err := os.ReadFile(os.Args[0])
	must(t, err)
	must(t, os.WriteFile(bin, data, 0o755))
	for d := filepath.Dir(bin); d != "/"; d = filepath.Dir(d) {
		if strings.HasPrefix(d, os.TempDir()+"/") {
			must(t, os.Chmod(d, 0o755))
		}
	}
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), writerEnv+"=perm", writerDirEnv+"="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("writer as uid %d: %v\n%s", nobody, err, out.String())
	}
	return strings.Split(strings.TrimSpace(out.String()), "\n")
}

// publicDir makes a folder that the unprivileged user can reach, owned by
// uid, with the given mode.
func publicDir(t *testing.T, uid int, mode os.FileMode) string {
	t.Helper()
	base := t.TempDir()
	must(t, os.Chmod(base, 0o755))
	must(t, os.Chmod(filepath.Dir(base), 0o755))
	dir := filepath.Join(base, "out")
	must(t, os.Mkdir(dir, mode))
	must(t, os.Chmod(dir, mode))
	must(t, os.Chown(dir, uid, uid))
	return dir
}

func TestPermissionDeniedOnOpen(t *testing.T) {
	dir := publicDir(t, 0, 0o755) // root's, read-only to others
	lines := runAsNobody(t, dir)
	t.Logf("as uid %d: %q", nobody, lines)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "open denied ") || !strings.Contains(lines[0], "permission denied") {
		t.Fatalf("got %q, want one line \"open denied …permission denied\"", lines)
	}
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(entries) != 0 {
		t.Errorf("the refused Open left %d entries in the output folder", len(entries))
	}
}

func TestPermissionDeniedOnFinish(t *testing.T) {
	dir := publicDir(t, nobody, 0o755)
	// A folder of the work already exists, owned by root: Finish cannot
	// move files into it.
	must(t, os.Mkdir(filepath.Join(dir, "m"), 0o755))
	lines := runAsNobody(t, dir)
	t.Logf("as uid %d: %q", nobody, lines)
	if len(lines) != 2 || lines[0] != "open ok" || !strings.HasPrefix(lines[1], "finish denied ") {
		t.Fatalf("got %q, want \"open ok\" then \"finish denied …\"", lines)
	}
	w := makeWork(t, busySeed, mixedSpecs())
	// Nothing lost: once the folder is writable, the same download
	// finishes from its staging folder without fetching anything again.
	must(t, os.Chown(filepath.Join(dir, "m"), nobody, nobody))
	lines = runAsNobody(t, dir)
	if len(lines) != 2 || lines[0] != "open ok" || lines[1] != "finish ok" {
		t.Fatalf("after fixing the folder: got %q", lines)
	}
	for p, want := range w.files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		must(t, err)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs after the finish", p)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, w.stage())); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("staging folder left behind: %v", err)
	}
}
