//go:build !linux

package chunkstore

import "os"

// directFlag is zero where direct I/O is not available: every write goes
// through the page cache.
const directFlag = 0

// directWritevAt writes bufs one after the other at off, one positioned
// write each. Without direct I/O, Store.Mergeable is false and PutRun
// stores chunk by chunk, so this is not on any path a download takes.
var directWritevAt = func(f *os.File, bufs [][]byte, off int64) (int, error) {
	n := 0
	for _, b := range bufs {
		m, err := f.WriteAt(b, off+int64(n))
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
