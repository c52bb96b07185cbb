package chunkstore

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outsideDir returns an empty folder outside the output directory, and a
// check that it is still empty at the end of the test.
func outsideDir(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	t.Cleanup(func() {
		ents, err := os.ReadDir(out)
		if err != nil || len(ents) != 0 {
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			t.Errorf("outside folder %s: %v holds %v", out, err, names)
		}
	})
	return out
}

// outsideFile returns a file outside the output directory, and a check that
// it is unchanged at the end of the test.
func outsideFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "victim")
	want := []byte("precious bytes outside the output directory\n")
	must(t, os.WriteFile(p, want, 0o644))
	t.Cleanup(func() {
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(b, want) {
			t.Errorf("outside file %s changed: %q, %v", p, b, err)
		}
	})
	return p
}

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(p), 0o755))
	must(t, os.WriteFile(p, b, 0o644))
}

// TestOpenRefusesExisting: something already at a final name, other than
// the work's own content, makes Open fail with ErrExists naming it, and
// Open changes nothing on disk.
func TestOpenRefusesExisting(t *testing.T) {
	w := makeWork(t, 30, mixedSpecs())
	cases := []struct {
		name  string
		plant func(t *testing.T, dir string)
		named string
	}{
		{"same size, other bytes", func(t *testing.T, dir string) {
			b := bytes.Clone(w.files["big.bin"])
			b[100] ^= 1
			writeFile(t, filepath.Join(dir, "big.bin"), b)
		}, "big.bin"},
		{"other size", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "m/1"), []byte("hello"))
		}, "m/1"},
		{"empty file at a file's name", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "a/small.txt"), nil)
		}, "a/small.txt"},
		{"folder at a file's name", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, "a/small.txt"), 0o755))
		}, "a/small.txt"},
		{"symlink at a file's name", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, "m"), 0o755))
			must(t, os.Symlink(outsideFile(t), filepath.Join(dir, "m/3")))
		}, "m/3"},
		{"file at an empty folder's name", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "e"), []byte("x"))
		}, "e"},
		{"symlink at an empty folder's name", func(t *testing.T, dir string) {
			must(t, os.Symlink(outsideDir(t), filepath.Join(dir, "e")))
		}, "e"},
		{"whole work, one file differs", func(t *testing.T, dir string) {
			writeSource(t, dir, w)
			b := bytes.Clone(w.files["m/4"])
			b[0] ^= 1
			must(t, os.WriteFile(filepath.Join(dir, "m/4"), b, 0o644))
		}, "m/4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.plant(t, dir)
			before := snapshot(t, dir)
			s, err := Open(dir, w.m)
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, ErrExists) {
				t.Fatalf("Open = %v, want ErrExists", err)
			}
			if !strings.Contains(err.Error(), tc.named) {
				t.Errorf("error %q does not name %s", err, tc.named)
			}
			checkSnapshot(t, dir, before)
		})
	}
}

// TestOpenWithExistingEmptyFolder: an empty folder of the work already in
// the output directory is the work's own content, not something to refuse.
func TestOpenWithExistingEmptyFolder(t *testing.T) {
	w := makeWork(t, 31, mixedSpecs())
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, "e"), 0o755))
	s, err := Open(dir, w.m)
	if err != nil {
		t.Fatalf("Open with the work's empty folder e/ already there: %v", err)
	}
	defer s.Close()
	putRest(t, s, w)
	must(t, s.Finish())
	checkTree(t, dir, w)
}

// TestFinishRefusesTakenName: a final name taken between Open and Finish
// makes Finish fail with ErrExists, renaming nothing; once it is freed,
// Finish completes.
func TestFinishRefusesTakenName(t *testing.T) {
	w := makeWork(t, 32, mixedSpecs())
	cases := []struct {
		name  string
		path  string
		plant func(t *testing.T, p string)
	}{
		{"file", "m/3", func(t *testing.T, p string) { writeFile(t, p, []byte("mine")) }},
		{"file with the right bytes", "m/3", func(t *testing.T, p string) { writeFile(t, p, w.files["m/3"]) }},
		{"first file of the list", "a/b/c/deep.bin", func(t *testing.T, p string) { writeFile(t, p, nil) }},
		{"last file of the list", "z.bin", func(t *testing.T, p string) { writeFile(t, p, nil) }},
		{"folder", "big.bin", func(t *testing.T, p string) { must(t, os.MkdirAll(p, 0o755)) }},
		{"symlink to an outside file", "a/small.txt", func(t *testing.T, p string) {
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.Symlink(outsideFile(t), p))
		}},
		{"dangling symlink", "a/small.txt", func(t *testing.T, p string) {
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.Symlink(filepath.Join(t.TempDir(), "nothing"), p))
		}},
		{"file at an empty folder's name", "e", func(t *testing.T, p string) { writeFile(t, p, []byte("mine")) }},
		{"symlink at an empty folder's name", "e", func(t *testing.T, p string) { must(t, os.Symlink(outsideDir(t), p)) }},
		{"file at a nested empty folder's name", "x/y/z/w", func(t *testing.T, p string) { writeFile(t, p, []byte("mine")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, dir, w)
			putRest(t, s, w)
			p := filepath.Join(dir, filepath.FromSlash(tc.path))
			tc.plant(t, p)
			before := snapshot(t, dir)
			err := s.Finish()
			if !errors.Is(err, ErrExists) {
				t.Errorf("Finish = %v, want ErrExists", err)
			} else if !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q does not name %s", err, tc.path)
			}
			if s.Done() {
				t.Error("Done after a refused Finish")
			}
			checkSnapshot(t, dir, before) // nothing renamed, nothing created
			checkServes(t, s, w)

			must(t, os.RemoveAll(p))
			must(t, s.Finish())
			checkTree(t, dir, w)
		})
	}
}

// TestReopenAfterFinish: a new Open finds the finished work in place and
// creates nothing.
func TestReopenAfterFinish(t *testing.T) {
	w := makeWork(t, 33, mixedSpecs())
	dir := t.TempDir()
	s := openStore(t, dir, w)
	putRest(t, s, w)
	must(t, s.Finish())
	must(t, s.Close())
	before := snapshot(t, dir)

	s = openStore(t, dir, w)
	if !s.Done() || !s.Complete() || s.Held() != w.n() {
		t.Fatalf("reopened finished work: Done %v, Complete %v, Held %d of %d", s.Done(), s.Complete(), s.Held(), w.n())
	}
	checkSnapshot(t, dir, before) // no staging folder
	checkServes(t, s, w)
	if n, err := s.Verify(); err != nil || n != w.n() {
		t.Errorf("Verify() = %d, %v", n, err)
	}
	must(t, s.Put(3, w.chunk(3)))
	must(t, s.Finish())
	must(t, s.Close())
	checkSnapshot(t, dir, before)
	checkTree(t, dir, w)
}

func symlinkSpecs() []spec {
	return append(mixedSpecs(), spec{path: "sub/x", size: 5000}, spec{path: "sub/y/z", dir: true})
}

// TestHostileParentSymlink: the output directory holds a symlink `sub` to
// an outside folder and the work has `sub/x`: nothing is ever created
// outside.
func TestHostileParentSymlink(t *testing.T) {
	w := makeWork(t, 34, symlinkSpecs())
	t.Run("before Open", func(t *testing.T) {
		dir := t.TempDir()
		must(t, os.Symlink(outsideDir(t), filepath.Join(dir, "sub")))
		s, err := Open(dir, w.m)
		if err == nil {
			// If Open accepts it, Finish must refuse.
			defer s.Close()
			putRest(t, s, w)
			if err := s.Finish(); err == nil {
				t.Fatal("Open and Finish succeeded through a symlink to outside")
			}
		}
	})
	t.Run("between Open and Finish", func(t *testing.T) {
		dir := t.TempDir()
		s := openStore(t, dir, w)
		putRest(t, s, w)
		must(t, os.Symlink(outsideDir(t), filepath.Join(dir, "sub")))
		if err := s.Finish(); err == nil {
			t.Fatal("Finish succeeded through a symlink to outside")
		}
		if s.Done() {
			t.Error("Done after a failed Finish")
		}
		checkServes(t, s, w)
		if fi, err := os.Lstat(filepath.Join(dir, "sub")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("sub is no longer the symlink: %v", err)
		}
	})
	t.Run("nested", func(t *testing.T) {
		dir := t.TempDir()
		s := openStore(t, dir, w)
		putRest(t, s, w)
		must(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
		must(t, os.Symlink(outsideDir(t), filepath.Join(dir, "sub/y")))
		if err := s.Finish(); err == nil {
			t.Fatal("Finish succeeded through a symlink to outside")
		}
	})
}

// TestHostileStagingFolder: staging state planted to point outside is
// refused and the outside is untouched.
func TestHostileStagingFolder(t *testing.T) {
	w := makeWork(t, 35, mixedSpecs())
	// A genuine unclean staging folder to copy from.
	genuine := t.TempDir()
	s := openStore(t, genuine, w)
	put(t, s, w, 0, 1, 2)
	s.crashForTest()
	journal, err := os.ReadFile(filepath.Join(genuine, w.stage(), journalName))
	must(t, err)

	cases := []struct {
		name  string
		plant func(t *testing.T, dir, stage string)
	}{
		{"staging folder is a symlink to an empty folder", func(t *testing.T, dir, stage string) {
			must(t, os.Symlink(outsideDir(t), stage))
		}},
		{"staging folder is a symlink to a folder with a journal", func(t *testing.T, dir, stage string) {
			out := t.TempDir()
			must(t, os.WriteFile(filepath.Join(out, journalName), journal, 0o600))
			before := snapshot(t, out)
			t.Cleanup(func() { checkSnapshot(t, out, before) })
			must(t, os.Symlink(out, stage))
		}},
		{"staging folder is a file", func(t *testing.T, dir, stage string) {
			must(t, os.WriteFile(stage, journal, 0o600))
		}},
		{"journal is a symlink outside", func(t *testing.T, dir, stage string) {
			must(t, os.CopyFS(stage, os.DirFS(filepath.Join(genuine, w.stage()))))
			victim := outsideFile(t)
			must(t, os.Remove(filepath.Join(stage, journalName)))
			must(t, os.Symlink(victim, filepath.Join(stage, journalName)))
		}},
		{"staging file is a symlink outside", func(t *testing.T, dir, stage string) {
			must(t, os.CopyFS(stage, os.DirFS(filepath.Join(genuine, w.stage()))))
			p := filepath.Join(stage, stagingFileForTest(0))
			must(t, os.Remove(p))
			must(t, os.Symlink(outsideFile(t), p))
		}},
		{"temporary journal is a symlink outside", func(t *testing.T, dir, stage string) {
			must(t, os.CopyFS(stage, os.DirFS(filepath.Join(genuine, w.stage()))))
			must(t, os.Symlink(outsideFile(t), filepath.Join(stage, journalName+".new")))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			stage := filepath.Join(dir, w.stage())
			tc.plant(t, dir, stage)
			s, err := Open(dir, w.m)
			if err != nil {
				return // refused: the cleanups check the outside
			}
			defer s.Close()
			if tc.name != "temporary journal is a symlink outside" {
				t.Fatalf("Open accepted a hostile staging folder")
			}
			putRest(t, s, w)
			must(t, s.Finish())
			checkTree(t, dir, w)
		})
	}
}
