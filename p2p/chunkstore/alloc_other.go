//go:build !linux

package chunkstore

import "os"

// allocate sizes f as a sparse file where fallocate is not available.
func allocate(f *os.File, size int64) error { return f.Truncate(size) }
