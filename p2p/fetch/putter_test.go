package fetch

import (
	"runtime"
	"testing"
)

// TestSpareBuffers checks the spare buffers' bounds: two per worker, or
// three runs for small chunks, within 8 MiB for larger ones, never fewer
// than one per core and one more.
func TestSpareBuffers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, tc := range []struct{ chunk, want int }{
		{64 << 10, 12},
		{256 << 10, 12}, // a 1 GiB work
		{1 << 20, 8},
		{2 << 20, 4},
		{4 << 20, 3}, // a 10 GiB work: 12 MiB, as with one worker per core
		{16 << 20, 3},
	} {
		if got := spareBuffers(tc.chunk); got != tc.want {
			t.Errorf("spareBuffers(%d KiB) = %d, want %d", tc.chunk>>10, got, tc.want)
		}
	}
}
