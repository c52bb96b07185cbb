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
var directWritevAt = func(f *os.File, bufs [][]byte, off int64) (n int, err error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	cerr := rc.Write(func(fd uintptr) bool {
		for {
			if n, err = unix.Pwritev(int(fd), bufs, off); err != unix.EINTR {
				return true
			}
		}
	})
	if cerr != nil {
		return 0, cerr
	}
	if err != nil {
		err = &os.PathError{Op: "pwritev", Path: f.Name(), Err: err}
	}
	return n, err
}
