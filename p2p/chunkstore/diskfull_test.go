package chunkstore

import (
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// mountTmpfs mounts a tmpfs of the given size (mount's syntax: "2m") on a
// new folder and unmounts it at the end of the test. Where mounting is not
// permitted it skips the test, unless CI is set: CI runs as root and must
// run it.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	mnt := filepath.Join(t.TempDir(), "mnt")
	must(t, os.Mkdir(mnt, 0o755))
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", mnt).CombinedOutput(); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("cannot mount a tmpfs (%v: %s); CI=1 makes this a failure", err, out)
		}
		t.Fatalf("mount tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", mnt, err, out)
		}
	})
	return mnt
}

func remountTmpfs(t *testing.T, mnt, size string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,size="+size, mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount %s: %v: %s", mnt, err, out)
	}
}

// TestDiskFull: a 6 MiB work does not fit in a 2 MiB filesystem. The
// store reserves every file's space when it starts, so Open fails at once
// with ENOSPC, before any chunk is fetched, and leaves nothing behind; once
// there is room the same folder takes the whole download. (A disk that fills
// up later can only refuse the journal's records: TestDiskFullJournal.)
func TestDiskFull(t *testing.T) {
	w := makeWork(t, 40, []spec{
		{path: "d/big.bin", size: 5<<20 + 5},
		{path: "d/small", size: 1000},
		{path: "empty"},
		{path: "f", size: 700000},
		{path: "g", dir: true},
	})
	mnt := mountTmpfs(t, "2m")
	dir := filepath.Join(mnt, "out")
	if s, err := Open(dir, w.m); !errors.Is(err, syscall.ENOSPC) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open on a 2 MiB filesystem = %v, want ENOSPC", err)
	}
	if des, err := os.ReadDir(dir); err != nil || len(des) != 0 {
		t.Fatalf("a refused Open left %d entries (%v)", len(des), err)
	}

	remountTmpfs(t, mnt, "32m")
	s := openStore(t, dir, w)
	for _, i := range rand.New(rand.NewPCG(40, 0)).Perm(w.n()) {
		put(t, s, w, i)
	}
	must(t, s.Finish())
	must(t, s.Close())
	checkTree(t, dir, w)
}

// fill writes a file in dir until the filesystem is full.
func fill(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	must(t, err)
	defer f.Close()
	for _, size := range []int{1 << 16, 1 << 12, 1} {
		buf := make([]byte, size)
		for {
			if _, err := f.Write(buf); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
				break
			}
		}
	}
	return p
}

// TestDiskFullVerify: Verify on a full disk drops a chunk corrupted on disk;
// the store must not trust it again after a clean Close and reopen, even if
// Verify could not rewrite the journal.
func TestDiskFullVerify(t *testing.T) {
	w := makeWork(t, 41, []spec{{path: "big.bin", size: 64 * testChunk}})
	mnt := mountTmpfs(t, "4m")
	dir := filepath.Join(mnt, "out")
	s := openStore(t, dir, w)
	held := []int{0, 1, 2, 3, 4, 5, 6, 7}
	put(t, s, w, held...)
	filler := fill(t, mnt)
	bad := 3
	corrupt(t, dir, w, bad) // in place: needs no space

	n, err := s.Verify()
	if err != nil {
		t.Logf("Verify on a full disk: %v", err)
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("Verify = %v, want nil or ENOSPC", err)
		}
	} else if n != len(held)-1 {
		t.Errorf("Verify() = %d, want %d", n, len(held)-1)
	}
	checkHeld(t, s, w, without(held, bad))
	if err := s.Close(); err != nil {
		t.Logf("Close on a full disk: %v", err)
	}
	must(t, os.Remove(filler))

	s = openStore(t, dir, w)
	if s.Has(bad) {
		t.Errorf("chunk %d, corrupted on disk and dropped by Verify, is trusted again after Close and reopen", bad)
	}
	putRest(t, s, w)
	must(t, s.Finish())
	must(t, s.Close())
	checkTree(t, dir, w)
}

// TestDiskFullJournal: the disk fills up exactly when the journal needs a
// new page: Put fails on the record, the chunk is not held, and the store
// reopens consistent once there is room.
func TestDiskFullJournal(t *testing.T) {
	w := makeWork(t, 42, []spec{{path: "big.bin", size: 600 * testChunk}})
	mnt := mountTmpfs(t, "16m")
	dir := filepath.Join(mnt, "out")
	s := openStore(t, dir, w)
	// 507 records end the journal at byte 4092: the next one crosses into a
	// second page.
	const recorded = (4096 - headerLen) / recordLen
	var held []int
	for i := range recorded {
		held = append(held, i)
	}
	put(t, s, w, held...)
	fi, err := os.Stat(filepath.Join(dir, s.journalPathForTest()))
	must(t, err)
	if fi.Size() != int64(headerLen+recordLen*recorded) || fi.Size() > 4096 || fi.Size()+recordLen <= 4096 {
		t.Fatalf("journal is %d bytes; the test needs the next record to cross a page", fi.Size())
	}
	next := recorded
	writeRaw(t, dir, w, next, w.chunk(next)) // its data pages exist: only the record needs space
	filler := fill(t, mnt)

	err = s.Put(next, w.chunk(next))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Put with no room for its record = %v, want ENOSPC", err)
	}
	if err := s.Put(next+1, w.chunk(next+1)); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Put with no room = %v, want ENOSPC", err)
	}
	checkHeld(t, s, w, held)
	checkServes(t, s, w)
	if err := s.Close(); err != nil {
		t.Logf("Close on a full disk: %v", err)
	}
	if s2, err := Open(dir, w.m); err != nil {
		t.Logf("Open on a full disk: %v", err)
	} else {
		checkHeld(t, s2, w, held)
		must(t, s2.Close())
	}
	must(t, os.Remove(filler))

	s = openStore(t, dir, w)
	got := heldSet(s, w.n())
	// The chunk whose record failed may come back only through
	// re-verification; every recorded one must.
	if want := held; !(len(got) == len(want) || (len(got) == len(want)+1 && s.Has(next))) {
		t.Fatalf("held after reopening: %v, want %v (possibly with %d)", got, want, next)
	}
	for _, i := range held {
		if !s.Has(i) {
			t.Fatalf("chunk %d lost", i)
		}
	}
	checkServes(t, s, w)
	putRest(t, s, w)
	must(t, s.Finish())
	must(t, s.Close())
	checkTree(t, dir, w)
}
