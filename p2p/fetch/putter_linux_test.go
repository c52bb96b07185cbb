package fetch

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
)

// runStore is a store for a one-file work of seven 256 KiB chunks and a
// short last one.
func runStore(t *testing.T) *chunkstore.Store {
	t.Helper()
	const chunk = 256 << 10
	path := filepath.Join(t.TempDir(), "work.bin")
	if err := os.WriteFile(path, bytes.Repeat([]byte("essaim"), (7*chunk+100)/6+1), 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := content.Build(path, content.WithChunkLog2(18))
	if err != nil {
		t.Fatal(err)
	}
	s, err := chunkstore.Open(t.TempDir(), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestTakeRun checks how a worker gathers a run off the queue: consecutive
// chunks up to a run's length (1 MiB), stopping at a gap, where the chunk
// that did not follow starts the next run; a lone chunk once nothing
// follows; a chunk that cannot join a run (the short last one) alone,
// without waiting behind it.
func TestTakeRun(t *testing.T) {
	s := runStore(t)
	pt := &putter{store: s, jobs: make(chan putJob, 16), stop: make(chan struct{}), maxRun: runChunks(256 << 10)}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	take := func(queue ...int) (run []int) {
		t.Helper()
		for _, i := range queue {
			pt.jobs <- putJob{i: i}
		}
		jobs, ok := pt.takeRun(timer)
		if !ok {
			t.Fatal("takeRun stopped")
		}
		for _, j := range jobs {
			run = append(run, j.i)
		}
		return run
	}
	for _, tc := range []struct {
		queue, run []int
		left       int // jobs still queued
		why        string
	}{
		{[]int{0, 1, 2, 3, 4}, []int{0, 1, 2, 3}, 1, "a full run (1 MiB); 4 waits"},
		{[]int{5, 7, 6}, []int{4, 5}, 1, "4, 5, then 7 does not follow: it starts the next run"},
		{nil, []int{7}, 1, "7 is the short last chunk: alone, without waiting for 6 behind it"},
		{nil, []int{6}, 0, "a lone chunk once nothing follows"},
		{[]int{0}, []int{0}, 0, "another"},
	} {
		if run := take(tc.queue...); !slices.Equal(run, tc.run) || len(pt.jobs) != tc.left {
			t.Fatalf("%s: run %v, %d left queued; want %v, %d left", tc.why, run, len(pt.jobs), tc.run, tc.left)
		}
	}
	close(pt.stop)
	if _, ok := pt.takeRun(timer); ok {
		t.Fatal("takeRun went on after stop")
	}
}
