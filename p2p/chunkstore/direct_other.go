//go:build !linux

package chunkstore

// directFlag is zero where direct I/O is not available: every write goes
// through the page cache.
const directFlag = 0
