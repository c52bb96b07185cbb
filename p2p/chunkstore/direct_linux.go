package chunkstore

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// directFlag opens a file for direct I/O: writes go from the caller's
// buffer to the device without passing through the page cache.
const directFlag = syscall.O_DIRECT

// directWritevAt writes bufs one after the other at off in one system
// call (pwritev); tests replace it to count the calls or play a refusal.
var directWritevAt = func(f *os.File, bufs [][]byte, off int64) (int, error) {
	return unix.Pwritev(int(f.Fd()), bufs, off)
}
