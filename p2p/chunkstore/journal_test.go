package chunkstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"essaim/p2p/content"
)

func testRoot(b byte) content.Hash {
	var h content.Hash
	for i := range h {
		h[i] = b + byte(i)
	}
	return h
}

// records returns a journal body: the header for root, then one record per
// index.
func journalBytes(root content.Hash, idx ...uint32) []byte {
	b := journalHeader(root)
	for _, i := range idx {
		b = appendRecord(b, i)
	}
	return b
}

// badCRC returns a record for index with a wrong checksum.
func badCRC(index uint32) []byte {
	r := appendRecord(nil, index)
	r[7] ^= 0xff
	return r
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestParseJournal(t *testing.T) {
	root := testRoot(1)
	hdr := journalHeader(root)
	rec := func(i uint32) []byte { return appendRecord(nil, i) }
	clean := rec(cleanIndex)
	at := func(records int) int64 { return int64(headerLen + recordLen*records) }
	const n = 10
	cases := []struct {
		name    string
		b       []byte
		n       int
		wantErr bool
		held    []uint32
		clean   bool
		good    int64
	}{
		{name: "empty", b: nil, n: n, wantErr: true},
		{name: "short header", b: hdr[:headerLen-1], n: n, wantErr: true},
		{name: "bad magic", b: cat([]byte("esj2"), root[:]), n: n, wantErr: true},
		{name: "other root", b: journalHeader(testRoot(2)), n: n, wantErr: true},
		{name: "other root with records", b: journalBytes(testRoot(2), 1, 2), n: n, wantErr: true},
		{name: "header only", b: hdr, n: n, good: at(0)},
		{name: "header and clean mark", b: cat(hdr, clean), n: n, clean: true, good: at(0)},
		{name: "records", b: journalBytes(root, 0, 5, 2), n: n, held: []uint32{0, 5, 2}, good: at(3)},
		{name: "repeated index", b: journalBytes(root, 3, 3, 9), n: n, held: []uint32{3, 3, 9}, good: at(3)},
		{name: "records and clean mark", b: cat(journalBytes(root, 4, 1), clean), n: n, held: []uint32{4, 1}, clean: true, good: at(2)},
		{name: "torn 1", b: cat(journalBytes(root, 4, 1), rec(7)[:1]), n: n, held: []uint32{4, 1}, good: at(2)},
		{name: "torn 4", b: cat(journalBytes(root, 4, 1), rec(7)[:4]), n: n, held: []uint32{4, 1}, good: at(2)},
		{name: "torn 7", b: cat(journalBytes(root, 4, 1), rec(7)[:7]), n: n, held: []uint32{4, 1}, good: at(2)},
		{name: "torn clean mark", b: cat(journalBytes(root, 4, 1), clean[:5]), n: n, held: []uint32{4, 1}, good: at(2)},
		{name: "garbage after clean mark", b: cat(journalBytes(root, 4), clean, []byte{1, 2, 3}), n: n, held: []uint32{4}, good: at(1)},
		{name: "bad checksum in the middle", b: cat(journalBytes(root, 1, 2), badCRC(3), rec(4), rec(5)), n: n, held: []uint32{1, 2}, good: at(2)},
		{name: "bad checksum first", b: cat(hdr, badCRC(0), rec(1)), n: n, good: at(0)},
		{name: "bad checksum on the clean mark", b: cat(journalBytes(root, 6), badCRC(cleanIndex)), n: n, held: []uint32{6}, good: at(1)},
		{name: "last valid index", b: journalBytes(root, n-1), n: n, held: []uint32{n - 1}, good: at(1)},
		{name: "index n", b: journalBytes(root, 1, n, 2), n: n, held: []uint32{1}, good: at(1)},
		{name: "index 2^32-2", b: journalBytes(root, 1, cleanIndex-1, 2), n: n, held: []uint32{1}, good: at(1)},
		{name: "no chunks", b: journalBytes(root, 0), n: 0, good: at(0)},
		{name: "clean mark in the middle", b: cat(journalBytes(root, 1, 2), clean, rec(3)), n: n, held: []uint32{1, 2}, good: at(2)},
		{name: "two clean marks", b: cat(journalBytes(root, 1), clean, clean), n: n, held: []uint32{1}, good: at(1)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, err := parseJournal(tc.b, root, tc.n)
			if tc.wantErr {
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("parseJournal = %v, want ErrCorrupt", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseJournal: %v", err)
			}
			if !slices.Equal(st.held, tc.held) || st.clean != tc.clean || st.good != tc.good {
				t.Fatalf("parseJournal = held %v clean %v good %d; want held %v clean %v good %d",
					st.held, st.clean, st.good, tc.held, tc.clean, tc.good)
			}
		})
	}
}

// readJournalState reads and parses the journal of w under dir.
func readJournalState(t testing.TB, dir string, w *testWork) journalState {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, w.stage(), journalName))
	if err != nil {
		t.Fatal(err)
	}
	st, err := parseJournal(b, w.m.Root(), w.n())
	if err != nil {
		t.Fatal(err)
	}
	if st.good != int64(len(b)) && !st.clean {
		t.Errorf("journal has %d bytes past its valid records", int64(len(b))-st.good)
	}
	return st
}

func uniqueInts(idx []uint32) []int {
	var out []int
	for _, i := range idx {
		out = append(out, int(i))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestCleanResume(t *testing.T) {
	w := makeWork(t, 20, mixedSpecs())
	dir := t.TempDir()
	order := rand.New(rand.NewPCG(20, 0)).Perm(w.n())
	half := order[:w.n()/2]
	if !slices.Contains(half, spanning(t, w, 3)) {
		half = append(half, spanning(t, w, 3))
	}
	s := openStore(t, dir, w)
	put(t, s, w, half...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if st := readJournalState(t, dir, w); !st.clean {
		t.Fatal("journal has no clean mark after Close")
	}

	s = openStore(t, dir, w)
	checkHeld(t, s, w, half)
	checkServes(t, s, w)
	if st := readJournalState(t, dir, w); st.clean {
		t.Error("the clean mark is still there while the store is open")
	}

	// Corrupt a held chunk behind a clean Close: it is trusted on reopen,
	// then dropped by Verify.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	bad := spanning(t, w, 3)
	corrupt(t, dir, w, bad)
	s = openStore(t, dir, w)
	checkHeld(t, s, w, half)
	got, err := s.ReadChunk(bad, make([]byte, testChunk))
	if err != nil {
		t.Fatalf("ReadChunk(%d): %v", bad, err)
	}
	if w.m.VerifyChunk(bad, got) == nil {
		t.Fatal("the corrupted chunk reads back intact: the test did not corrupt it")
	}
	n, err := s.Verify()
	if err != nil {
		t.Fatal(err)
	}
	rest := without(half, bad)
	if n != len(rest) {
		t.Errorf("Verify() = %d, want %d", n, len(rest))
	}
	checkHeld(t, s, w, rest)
	if _, err := s.ReadChunk(bad, make([]byte, testChunk)); !errors.Is(err, ErrNotHeld) {
		t.Errorf("ReadChunk of the dropped chunk = %v, want ErrNotHeld", err)
	}
	if st := readJournalState(t, dir, w); !slices.Equal(uniqueInts(st.held), slices.Sorted(slices.Values(rest))) {
		t.Errorf("journal after Verify lists %v, want %v", uniqueInts(st.held), rest)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir, w)
	checkHeld(t, s, w, rest)

	// New chunks after a clean resume are appended where the clean mark was.
	more := order[w.n()/2 : w.n()/2+3]
	put(t, s, w, more...)
	s.crashForTest()
	s = openStore(t, dir, w)
	checkHeld(t, s, w, append(slices.Clone(rest), more...))
	putRest(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

func TestVerifyFindsUnrecordedChunks(t *testing.T) {
	w := makeWork(t, 21, mixedSpecs())
	dir := t.TempDir()
	s := openStore(t, dir, w)
	put(t, s, w, 0, 5, 9)
	extra := spanning(t, w, 4)
	writeRaw(t, dir, w, extra, w.chunk(extra))
	writeRaw(t, dir, w, 2, w.chunk(2))
	if s.Has(extra) || s.Has(2) {
		t.Fatal("chunks written behind the store's back are held before Verify")
	}
	n, err := s.Verify()
	if err != nil || n != 5 {
		t.Fatalf("Verify() = %d, %v; want 5", n, err)
	}
	want := []int{0, 2, 5, 9, extra}
	checkHeld(t, s, w, want)
	checkServes(t, s, w)
	// Verify recorded them: they survive a crash.
	s.crashForTest()
	s = openStore(t, dir, w)
	checkHeld(t, s, w, want)
}

func TestUncleanResume(t *testing.T) {
	w := makeWork(t, 22, mixedSpecs())
	dir := t.TempDir()
	order := rand.New(rand.NewPCG(22, 0)).Perm(w.n())
	first := order[:20]
	bad := first[3]

	s := openStore(t, dir, w)
	put(t, s, w, first...)
	s.crashForTest()
	corrupt(t, dir, w, bad)

	s = openStore(t, dir, w)
	kept := without(first, bad)
	checkHeld(t, s, w, kept)
	checkServes(t, s, w)
	st := readJournalState(t, dir, w)
	if st.clean || !slices.Equal(uniqueInts(st.held), slices.Sorted(slices.Values(kept))) {
		t.Fatalf("journal after an unclean resume: clean %v, lists %v; want %v", st.clean, uniqueInts(st.held), kept)
	}

	// Repair the dropped chunk on disk behind the store's back: since the
	// journal was rewritten without it, it stays dropped after another crash.
	writeRaw(t, dir, w, bad, w.chunk(bad))
	next := order[20]
	put(t, s, w, next)
	s.crashForTest()
	s = openStore(t, dir, w)
	checkHeld(t, s, w, append(slices.Clone(kept), next))

	putRest(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestJournalDamage reopens a store whose journal was damaged, with one of
// its chunks corrupted on disk: an unclean journal must be re-verified.
func TestJournalDamage(t *testing.T) {
	w := makeWork(t, 23, mixedSpecs())
	n := uint32(w.n())
	order := rand.New(rand.NewPCG(23, 0)).Perm(w.n())
	held := order[:12]
	bad := held[1] // corrupted on disk before reopening
	insert := func(at int, rec []byte) func([]byte) []byte {
		return func(b []byte) []byte {
			off := headerLen + recordLen*at
			return cat(b[:off], rec, b[off:])
		}
	}
	replace := func(at int, rec []byte) func([]byte) []byte {
		return func(b []byte) []byte {
			off := headerLen + recordLen*at
			return cat(b[:off], rec, b[off+recordLen:])
		}
	}
	cases := []struct {
		name   string
		clean  bool // Close instead of crashing
		damage func([]byte) []byte
		want   []int
	}{
		{name: "none, clean: trusted", clean: true, damage: nil, want: held},
		{name: "none, crash", damage: nil, want: without(held, bad)},
		{name: "torn 1", damage: func(b []byte) []byte { return append(b, 0x00) }, want: without(held, bad)},
		{name: "torn 3", damage: func(b []byte) []byte { return append(b, 1, 2, 3) }, want: without(held, bad)},
		{name: "torn 7", damage: func(b []byte) []byte { return append(b, appendRecord(nil, 0)[:7]...) }, want: without(held, bad)},
		{name: "torn after clean mark", clean: true, damage: func(b []byte) []byte { return append(b, 9, 9) }, want: without(held, bad)},
		{name: "bad checksum at record 5", damage: replace(5, badCRC(uint32(held[5]))), want: without(held[:5], bad)},
		{name: "index n at record 5", damage: replace(5, appendRecord(nil, n)), want: without(held[:5], bad)},
		{name: "clean mark at record 5", damage: insert(5, appendRecord(nil, cleanIndex)), want: without(held[:5], bad)},
		{name: "clean mark in the middle of a clean journal", clean: true, damage: insert(5, appendRecord(nil, cleanIndex)), want: without(held[:5], bad)},
		{name: "header only", damage: func(b []byte) []byte { return b[:headerLen] }, want: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, dir, w)
			put(t, s, w, held...)
			if tc.clean {
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
			} else {
				s.crashForTest()
			}
			jpath := filepath.Join(dir, w.stage(), journalName)
			if tc.damage != nil {
				b, err := os.ReadFile(jpath)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(jpath, tc.damage(b), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			corrupt(t, dir, w, bad)

			s = openStore(t, dir, w)
			checkHeld(t, s, w, tc.want)
			st := readJournalState(t, dir, w)
			if st.clean || !slices.Equal(uniqueInts(st.held), slices.Sorted(slices.Values(tc.want))) {
				t.Fatalf("journal after reopening: clean %v, lists %v; want %v", st.clean, uniqueInts(st.held), tc.want)
			}
			// The store goes on recording after the damage.
			next := order[20]
			put(t, s, w, next)
			s.crashForTest()
			s = openStore(t, dir, w)
			want := append(slices.Clone(tc.want), next)
			if tc.clean && tc.damage == nil {
				want = without(want, bad) // re-verified this time
			}
			checkHeld(t, s, w, want)
		})
	}
}

// TestJournalOfOtherWork refuses a journal it cannot read as this work's,
// telling to remove the staging folder, and changes nothing.
func TestJournalOfOtherWork(t *testing.T) {
	w := makeWork(t, 24, mixedSpecs())
	other := testRoot(7)
	cases := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"header of another work", func(b []byte) []byte { return cat(b[:4], other[:], b[headerLen:]) }},
		{"bad magic", func(b []byte) []byte { return cat([]byte("ESJ1"), b[4:]) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, dir, w)
			put(t, s, w, 1, 2, 3)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			jpath := filepath.Join(dir, w.stage(), journalName)
			b, err := os.ReadFile(jpath)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(jpath, tc.damage(b), 0o600); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			_, err = Open(dir, w.m)
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "remove") || !strings.Contains(msg, w.stage()) {
				t.Errorf("error %q does not tell to remove the staging folder %s", msg, w.stage())
			}
			checkSnapshot(t, dir, before)
			// Doing what the message says starts over.
			if err := os.RemoveAll(filepath.Join(dir, w.stage())); err != nil {
				t.Fatal(err)
			}
			s = openStore(t, dir, w)
			checkHeld(t, s, w, nil)
		})
	}
}

// TestJournalMissing: a staging folder without a journal holds nothing to
// trust; the store starts over cleanly.
func TestJournalMissing(t *testing.T) {
	w := makeWork(t, 25, mixedSpecs())
	dir := t.TempDir()
	s := openStore(t, dir, w)
	put(t, s, w, 0, 1, 2, 3)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, s.journalPathForTest())); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir, w)
	checkHeld(t, s, w, nil)
	if n, err := s.Verify(); err != nil || n != 0 {
		t.Errorf("Verify() = %d, %v; want 0 (staging files recreated empty)", n, err)
	}
	putRest(t, s, w)
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, w)
}

// TestCrashDuringCreate reproduces what a process killed inside Open's
// create step leaves: the staging folder and a journal whose header is not
// (fully) written yet, with or without staging files. The package promises
// that a process killed at any moment loses at most the chunks it was
// writing, so the next Open must start over rather than fail.
func TestCrashDuringCreate(t *testing.T) {
	w := makeWork(t, 26, mixedSpecs())
	cases := []struct {
		name    string
		journal func() []byte
	}{
		{"empty journal", func() []byte { return nil }},
		{"half a header", func() []byte { return journalHeader(w.m.Root())[:headerLen/2] }},
		{"header, no staging files", func() []byte { return journalHeader(w.m.Root()) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			stage := filepath.Join(dir, w.stage())
			if err := os.Mkdir(stage, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(stage, journalName), tc.journal(), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir, w.m)
			if err != nil {
				t.Fatalf("Open after a crash inside create: %v", err)
			}
			defer s.Close()
			checkHeld(t, s, w, nil)
			putRest(t, s, w)
			if err := s.Finish(); err != nil {
				t.Fatal(err)
			}
			checkTree(t, dir, w)
		})
	}
}

// TestStagingFileDamage: a missing staging file is recreated and its chunks
// dropped; one of the wrong size or kind is refused.
func TestStagingFileDamage(t *testing.T) {
	w := makeWork(t, 27, mixedSpecs())
	order := rand.New(rand.NewPCG(27, 0)).Perm(w.n())
	held := order[:len(order)*2/3]
	e := entryIndex(t, w, "m/4") // shares chunks with m/1, m/3, z.bin…
	touching := chunksTouching(w, e)
	if len(touching) < 2 {
		t.Fatalf("m/4 touches %v", touching)
	}
	cases := []struct {
		name    string
		clean   bool
		damage  func(t *testing.T, p string)
		wantErr error
		want    []int
	}{
		{name: "missing after Close", clean: true, damage: func(t *testing.T, p string) { must(t, os.Remove(p)) }, want: without(held, touching...)},
		{name: "missing after a crash", damage: func(t *testing.T, p string) { must(t, os.Remove(p)) }, want: without(held, touching...)},
		{name: "truncated", clean: true, damage: func(t *testing.T, p string) { must(t, os.Truncate(p, 10)) }, wantErr: ErrCorrupt},
		{name: "grown", clean: true, damage: func(t *testing.T, p string) { must(t, os.Truncate(p, 1<<20)) }, wantErr: ErrCorrupt},
		{name: "a folder", clean: true, damage: func(t *testing.T, p string) { must(t, os.Remove(p)); must(t, os.Mkdir(p, 0o700)) }, wantErr: ErrCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, dir, w)
			put(t, s, w, held...)
			if tc.clean {
				must(t, s.Close())
			} else {
				s.crashForTest()
			}
			tc.damage(t, filepath.Join(dir, w.stage(), stagingFileForTest(e)))
			s, err := Open(dir, w.m)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("Open = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			checkHeld(t, s, w, tc.want)
			putRest(t, s, w)
			must(t, s.Finish())
			checkTree(t, dir, w)
		})
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestBusy(t *testing.T) {
	w := makeWork(t, 28, mixedSpecs())
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) *Store // returns the first store, open
	}{
		{"fresh", func(t *testing.T, dir string) *Store { return openStore(t, dir, w) }},
		{"after a clean resume", func(t *testing.T, dir string) *Store {
			s := openStore(t, dir, w)
			put(t, s, w, 0, 1)
			must(t, s.Close())
			return openStore(t, dir, w)
		}},
		{"after an unclean resume", func(t *testing.T, dir string) *Store {
			s := openStore(t, dir, w)
			put(t, s, w, 0, 1)
			s.crashForTest()
			return openStore(t, dir, w)
		}},
		{"after Verify rewrote the journal", func(t *testing.T, dir string) *Store {
			s := openStore(t, dir, w)
			put(t, s, w, 0, 1)
			if _, err := s.Verify(); err != nil {
				t.Fatal(err)
			}
			return s
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := tc.setup(t, dir)
			before := snapshot(t, dir)
			for range 2 { // a refused Open must not release the first store's lock
				if _, err := Open(dir, w.m); !errors.Is(err, ErrBusy) {
					t.Fatalf("second Open = %v, want ErrBusy", err)
				}
			}
			checkSnapshot(t, dir, before)
			want := append(heldSet(s, w.n()), 2)
			put(t, s, w, 2)
			must(t, s.Close())
			s2 := openStore(t, dir, w)
			checkHeld(t, s2, w, want)
		})
	}
	t.Run("after a crash", func(t *testing.T) {
		dir := t.TempDir()
		s := openStore(t, dir, w)
		s.crashForTest()
		s2 := openStore(t, dir, w)
		if _, err := Open(dir, w.m); !errors.Is(err, ErrBusy) {
			t.Fatalf("Open while resumed store is open = %v, want ErrBusy", err)
		}
		must(t, s2.Close())
	})
}

// TestJournalRecordPlacement checks the journal bytes written by Put: one
// record per chunk at the end, none for a chunk put twice.
func TestJournalRecordPlacement(t *testing.T) {
	w := makeWork(t, 29, mixedSpecs())
	dir := t.TempDir()
	s := openStore(t, dir, w)
	put(t, s, w, 4, 2, 4, 7)
	b, err := os.ReadFile(filepath.Join(dir, s.journalPathForTest()))
	if err != nil {
		t.Fatal(err)
	}
	if want := journalBytes(w.m.Root(), 4, 2, 7); !bytes.Equal(b, want) {
		t.Fatalf("journal = %x, want %x", b, want)
	}
	must(t, s.Close())
	b, err = os.ReadFile(filepath.Join(dir, w.stage(), journalName))
	if err != nil {
		t.Fatal(err)
	}
	if want := journalBytes(w.m.Root(), 4, 2, 7, cleanIndex); !bytes.Equal(b, want) {
		t.Fatalf("journal after Close = %x, want %x", b, want)
	}
	if got := binary.BigEndian.Uint32(b[len(b)-recordLen:]); got != cleanIndex {
		t.Fatalf("last record %x", got)
	}
}

// TestBusyWhileJournalRewritten opens the work again and again while the
// open store rewrites its journal (Verify does, as an unclean resume does):
// every Open must fail with ErrBusy. Open locks the journal after opening
// it by name; if the journal is replaced in between, the lock lands on the
// old file, which the first store has just unlocked.
func TestBusyWhileJournalRewritten(t *testing.T) {
	w := makeWork(t, 51, []spec{{path: "a", size: 2 * testChunk}})
	dir := t.TempDir()
	s := openStore(t, dir, w)
	put(t, s, w, 0)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := s.Verify(); err != nil {
				done <- err
				return
			}
		}
	}()
	deadline := time.Now().Add(1500 * time.Millisecond)
	tries := 0
	var wrong error
	for ; tries < 20000 && time.Now().Before(deadline); tries++ {
		s2, err := Open(dir, w.m)
		if err == nil {
			s2.crashForTest()
			wrong = fmt.Errorf("Open #%d succeeded while another store had the work open", tries+1)
			break
		}
		if !errors.Is(err, ErrBusy) {
			wrong = fmt.Errorf("Open #%d = %v, want ErrBusy", tries+1, err)
			break
		}
	}
	close(stop)
	if err := <-done; err != nil && wrong == nil {
		t.Errorf("Verify: %v", err)
	}
	if wrong != nil {
		t.Fatal(wrong)
	}
	t.Logf("%d Opens refused", tries)
}
