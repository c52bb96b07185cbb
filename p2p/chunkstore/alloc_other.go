//go:build !linux

package chunkstore

import "os"

// allocate sizes f as a sparse file where fallocate is not available.
func allocate(f *os.File, size int64) error { return f.Truncate(size) }

// startWriteback does nothing where sync_file_range is not available:
// Finish's fsync writes everything back.
func startWriteback(*os.File, int64, int64) {}
