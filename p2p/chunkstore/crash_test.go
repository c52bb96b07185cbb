package chunkstore

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The crash tests re-execute the test binary as a writer process (TestMain
// sees writerEnv), kill it with SIGKILL and reopen its store.
const (
	writerEnv      = "ESSAIM_CHUNKSTORE_WRITER" // put, hold or probe
	writerDirEnv   = "ESSAIM_CHUNKSTORE_DIR"
	writerOrderEnv = "ESSAIM_CHUNKSTORE_ORDER"
	writerWorkers  = 4 // goroutines putting chunks in the writer
	crashSeed      = 4242
	busySeed       = 4343
	writerTimeout  = 60 * time.Second
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(writerEnv); mode != "" {
		os.Exit(writerMain(mode, os.Getenv(writerDirEnv), os.Getenv(writerOrderEnv)))
	}
	os.Exit(m.Run())
}

// crashSpecs is a work of about 34 MiB in 16 KiB chunks: big files, many
// small ones, an empty file and an empty folder.
func crashSpecs() []spec {
	s := []spec{
		{path: "big/one.bin", size: 18<<20 + 123},
		{path: "big/two.bin", size: 9<<20 + 4567},
		{path: "empty.txt"},
		{path: "hollow", dir: true},
		{path: "tail.bin", size: 4<<20 + 1},
	}
	// Many small files, so that Finish's renames take a few milliseconds.
	for i := range 400 {
		s = append(s, spec{path: fmt.Sprintf("many/%03d", i), size: int64(500 + 37*i)})
	}
	return s
}

// writerMain is the writer process. Every line it prints is flushed before
// it goes on: "ready" once the store is open, "put N" right after Put(N)
// returned nil, "finishing" before Finish, "finished" after it; then it
// waits for its stdin to close (the parent kills it first).
func writerMain(mode, dir, orderSeed string) int {
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(os.Stdout, format+"\n", args...)
	}
	switch mode {
	case "put":
		seed, err := strconv.ParseUint(orderSeed, 10, 64)
		if err != nil {
			say("error %v", err)
			return 1
		}
		w, err := newWork(crashSeed, crashSpecs())
		if err != nil {
			say("error %v", err)
			return 1
		}
		s, err := Open(dir, w.m)
		if err != nil {
			say("error open: %v", err)
			return 1
		}
		say("ready")
		var order []int
		for _, i := range rand.New(rand.NewPCG(seed, 1)).Perm(w.n()) {
			if !s.Has(i) {
				order = append(order, i)
			}
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range writerWorkers {
			wg.Go(func() {
				for {
					j := int(next.Add(1) - 1)
					if j >= len(order) {
						return
					}
					i := order[j]
					if err := s.Put(i, w.chunk(i)); err != nil {
						say("error put %d: %v", i, err)
						os.Exit(1)
					}
					say("put %d", i)
				}
			})
		}
		wg.Wait()
		say("finishing")
		if err := s.Finish(); err != nil {
			say("error finish: %v", err)
			return 1
		}
		say("finished")
		io.Copy(io.Discard, os.Stdin)
		return 0
	case "hold":
		w, err := newWork(busySeed, mixedSpecs())
		if err != nil {
			say("error %v", err)
			return 1
		}
		s, err := Open(dir, w.m)
		if err != nil {
			say("error open: %v", err)
			return 1
		}
		if err := s.Put(0, w.chunk(0)); err != nil {
			say("error put: %v", err)
			return 1
		}
		say("ready")
		io.Copy(io.Discard, os.Stdin)
		if err := s.Close(); err != nil {
			say("error close: %v", err)
			return 1
		}
		say("closed")
		return 0
	case "probe":
		w, err := newWork(busySeed, mixedSpecs())
		if err != nil {
			say("error %v", err)
			return 1
		}
		s, err := Open(dir, w.m)
		switch {
		case errors.Is(err, ErrBusy):
			say("busy")
		case err != nil:
			say("error open: %v", err)
		default:
			say("opened")
			if err := s.Close(); err != nil {
				say("error close: %v", err)
			}
		}
		return 0
	case "perm":
		return permWriter(dir, say)
	}
	say("error unknown mode %q", mode)
	return 2
}

// syncBuffer is a bytes.Buffer that can be read while exec writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// writer is a running writer process.
type writer struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string
	stderr syncBuffer
	waited bool
	timer  *time.Timer // for the whole run
}

func startWriter(t *testing.T, mode, dir string, order uint64) *writer {
	t.Helper()
	wr := &writer{t: t, lines: make(chan string, 1<<14)}
	wr.cmd = exec.Command(os.Args[0], "-test.run=^$")
	// One CPU for the writer leaves the other to this process, which then
	// kills it closer to the point it chose.
	wr.cmd.Env = append(os.Environ(), "GOMAXPROCS=1",
		writerEnv+"="+mode,
		writerDirEnv+"="+dir,
		writerOrderEnv+"="+strconv.FormatUint(order, 10))
	wr.cmd.Stderr = &wr.stderr
	stdout, err := wr.cmd.StdoutPipe()
	must(t, err)
	wr.stdin, err = wr.cmd.StdinPipe()
	must(t, err)
	must(t, wr.cmd.Start())
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			wr.lines <- sc.Text()
		}
		close(wr.lines)
	}()
	wr.timer = time.NewTimer(writerTimeout)
	t.Cleanup(func() {
		if !wr.waited {
			wr.cmd.Process.Kill()
			wr.stdin.Close()
			for range wr.lines {
			}
			wr.cmd.Wait()
		}
	})
	return wr
}

// next returns the next line, or "" and false at the end of the output.
func (wr *writer) next() (string, bool) {
	wr.t.Helper()
	select {
	case l, ok := <-wr.lines:
		return l, ok
	case <-wr.timer.C:
		wr.t.Fatalf("writer still running after %v; stderr: %s", writerTimeout, wr.stderr.String())
		return "", false
	}
}

// expect reads the next line and fails unless it is want.
func (wr *writer) expect(want string) {
	wr.t.Helper()
	l, ok := wr.next()
	if !ok || l != want {
		wr.t.Fatalf("writer said %q (more: %v), want %q", l, ok, want)
	}
}

// kill sends SIGKILL, collects the remaining lines and reaps the process.
func (wr *writer) kill() []string {
	wr.t.Helper()
	must(wr.t, wr.cmd.Process.Signal(syscall.SIGKILL))
	var rest []string
	for l := range wr.lines {
		rest = append(rest, l)
	}
	err := wr.cmd.Wait()
	wr.waited = true
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		wr.t.Fatalf("writer ended with %v, want killed; stderr: %s", err, wr.stderr.String())
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		wr.t.Fatalf("writer ended with %v, not by SIGKILL; stderr: %s", err, wr.stderr.String())
	}
	return rest
}

// wait reaps a writer that ends on its own.
func (wr *writer) wait() {
	wr.t.Helper()
	for range wr.lines {
	}
	err := wr.cmd.Wait()
	wr.waited = true
	if err != nil {
		wr.t.Fatalf("writer: %v; stderr: %s", err, wr.stderr.String())
	}
}

// Kill points besides a number of confirmed chunks.
const (
	inFinish = -1 // as soon as the writer says "finishing"
	inRename = -2 // once Finish has put one more final name in place
)

// placed counts the final names of w present under dir.
func placed(dir string, w *testWork) int {
	n := 0
	for _, e := range w.m.Files() {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(e.Path))); err == nil {
			n++
		}
	}
	return n
}

// runWriter starts a writer on dir and kills it once it has confirmed
// killAfter chunks, or at the point inFinish or inRename says (also when
// it starts Finish before confirming killAfter chunks). It returns every
// chunk the writer confirmed, whether it had started Finish and whether it
// had completed it.
func runWriter(t *testing.T, dir string, w *testWork, order uint64, killAfter int) (confirmed []int, finishing, finished bool) {
	t.Helper()
	wr := startWriter(t, "put", dir, order)
	wr.expect("ready")
	parse := func(l string) {
		switch {
		case strings.HasPrefix(l, "put "):
			i, err := strconv.Atoi(l[4:])
			if err != nil {
				t.Fatalf("writer said %q", l)
			}
			confirmed = append(confirmed, i)
		case l == "finishing":
			finishing = true
		case l == "finished":
			finished = true
		default:
			t.Fatalf("writer said %q; stderr: %s", l, wr.stderr.String())
		}
	}
	// The first final name not in place yet: Finish renames in list order.
	next := ""
	for _, e := range w.m.Files() {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(e.Path))); !e.Dir && err != nil {
			next = filepath.Join(dir, filepath.FromSlash(e.Path))
			break
		}
	}
	for {
		l, ok := wr.next()
		if !ok {
			t.Fatalf("writer exited before it was killed; stderr: %s", wr.stderr.String())
		}
		parse(l)
		if finishing || (killAfter >= 0 && len(confirmed) >= killAfter) {
			break
		}
	}
	if killAfter == inRename {
		// Poll until Finish has renamed something, or is done.
		deadline := time.Now().Add(writerTimeout)
		for !finished && next != "" {
			if _, err := os.Lstat(next); err == nil {
				break
			}
			select {
			case l, ok := <-wr.lines:
				if !ok {
					t.Fatalf("writer exited before it was killed; stderr: %s", wr.stderr.String())
				}
				parse(l)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("Finish renamed nothing in %v", writerTimeout)
			}
		}
	}
	for _, l := range wr.kill() {
		parse(l)
	}
	return confirmed, finishing, finished
}

func TestCrashKill(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("ESSAIM_CHUNKSTORE_SEED"); s != "" {
		var err error
		seed, err = strconv.ParseUint(s, 10, 64)
		must(t, err)
	}
	t.Logf("ESSAIM_CHUNKSTORE_SEED=%d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	w := makeWork(t, crashSeed, crashSpecs())
	if w.n() < 2000 || w.m.ChunkSize() != 1<<14 {
		t.Fatalf("crash work has %d chunks of %d bytes", w.n(), w.m.ChunkSize())
	}
	// A download killed again and again: every run after the first
	// resumes the unclean store the previous kill left. The first kills
	// land among Puts, then one while Finish syncs the staging files (long
	// on a disk), then two once Finish has renamed something (resuming an
	// interrupted Finish), before the parent finishes it.
	plans := []struct {
		name  string
		kills []int // chunks confirmed by each writer run before its kill, or inFinish, inRename
	}{
		{"resume after resume", []int{1, 37, 300, 1000, 1 + rng.IntN(300), inFinish, inRename, inRename}},
		{"at random points", []int{rng.IntN(1500), rng.IntN(1500), inRename}},
	}
	var midFinish atomic.Int32
	for p, plan := range plans {
		t.Run(plan.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			var held []int // what the parent saw held after the last kill
			for k, killAfter := range plan.kills {
				confirmed, finishing, finished := runWriter(t, dir, w, seed+uint64(100*p+k), killAfter)

				// What did the kill leave?
				_, stageErr := os.Lstat(filepath.Join(dir, w.stage()))
				present := placed(dir, w)
				t.Logf("run %d: killed after %d confirmed chunks (in Finish %v, Finish done %v); staging folder: %v; %d of %d final names present",
					k, len(confirmed), finishing, finished, stageErr == nil, present, len(w.m.Files()))
				if finishing && !finished && present > 0 && present < len(w.m.Files()) {
					midFinish.Add(1)
				}

				s := openStore(t, dir, w)
				now := heldSet(s, w.n())
				want := append(slices.Clone(held), confirmed...)
				for _, i := range want {
					if !s.Has(i) {
						t.Fatalf("chunk %d was confirmed (Put returned nil) but is not held after the kill", i)
					}
				}
				if extra := without(now, want...); len(extra) > writerWorkers {
					t.Errorf("%d chunks held that were neither held before nor confirmed (at most %d in flight): %v", len(extra), writerWorkers, extra)
				}
				if finishing && !s.Complete() {
					t.Fatalf("killed in Finish but only %d of %d chunks held", s.Held(), w.n())
				}
				checkServes(t, s, w)
				held = now
				if k < len(plan.kills)-1 {
					s.crashForTest() // the next writer resumes an unclean store
				} else {
					putRest(t, s, w)
					must(t, s.Finish())
					must(t, s.Close())
				}
			}
			checkTree(t, dir, w)
		})
	}
	t.Logf("%d kills landed in Finish between the first and the last rename", midFinish.Load())
}

// TestBusyAcrossProcesses: a store open in another process makes Open fail
// with ErrBusy, until that process closes it; and the other way round.
func TestBusyAcrossProcesses(t *testing.T) {
	w := makeWork(t, busySeed, mixedSpecs())
	dir := t.TempDir()

	wr := startWriter(t, "hold", dir, 0)
	wr.expect("ready")
	before := snapshot(t, dir)
	if _, err := Open(dir, w.m); !errors.Is(err, ErrBusy) {
		t.Fatalf("Open while another process holds the store = %v, want ErrBusy", err)
	}
	checkSnapshot(t, dir, before)
	must(t, wr.stdin.Close())
	wr.expect("closed")
	wr.wait()

	s := openStore(t, dir, w)
	checkHeld(t, s, w, []int{0})
	probe := startWriter(t, "probe", dir, 0)
	probe.expect("busy")
	probe.wait()
	must(t, s.Close())
	probe = startWriter(t, "probe", dir, 0)
	probe.expect("opened")
	probe.wait()
}
