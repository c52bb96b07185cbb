// Package content defines how essaim addresses a work: the file list, the
// chunking, the domain-separated SHA-256 Merkle tree and the 32-byte content
// root that commits to all of them (docs/CONTENT.md is the specification).
//
// A work is a list of regular files and empty folders. Its bytes are the
// concatenation of its files in canonical order, cut into fixed-size chunks
// whose size is a power of two. The Manifest (file list plus one leaf hash per
// chunk) is what a downloader takes from an untrusted peer: Parse checks it
// against the registered root, after which checking a received chunk costs one
// hash.
package content

import (
	"fmt"
	"math/bits"
)

// FormatVersion is the version of the content-root format in this package.
const FormatVersion = 1

// Chunk sizes are powers of two, given by their base-2 logarithm.
const (
	// MinChunkLog2 is the smallest chunk size a manifest may use (16 KiB).
	MinChunkLog2 = 14
	// MaxChunkLog2 is the largest chunk size a manifest may use (16 MiB).
	MaxChunkLog2 = 24
	// AutoMinChunkLog2 is the smallest size the automatic choice picks (64 KiB).
	AutoMinChunkLog2 = 16
	// AutoTargetChunks is the chunk count the automatic choice stays under
	// until it reaches MaxChunkLog2.
	AutoTargetChunks = 4096
)

// AutoChunkLog2 returns the chunk size, as a base-2 logarithm, that Build
// uses for a work of size bytes when none is given: the smallest size from
// 64 KiB up to 16 MiB that keeps the work within AutoTargetChunks chunks.
func AutoChunkLog2(size int64) uint8 {
	for l := uint8(AutoMinChunkLog2); l < MaxChunkLog2; l++ {
		if numChunks(size, l) <= AutoTargetChunks {
			return l
		}
	}
	return MaxChunkLog2
}

// CheckChunkLog2 reports whether l is an allowed chunk size logarithm.
func CheckChunkLog2(l uint8) error {
	if l < MinChunkLog2 || l > MaxChunkLog2 {
		return fmt.Errorf("%w: chunk size 2^%d outside 2^%d..2^%d", ErrMalformed, l, MinChunkLog2, MaxChunkLog2)
	}
	return nil
}

// ChunkLog2Of returns log2(size) when size is an allowed chunk size.
func ChunkLog2Of(size int64) (uint8, error) {
	if size <= 0 || size&(size-1) != 0 {
		return 0, fmt.Errorf("chunk size %d is not a power of two", size)
	}
	l := uint8(bits.TrailingZeros64(uint64(size)))
	if l < MinChunkLog2 || l > MaxChunkLog2 {
		return 0, fmt.Errorf("chunk size %d outside %d..%d", size, 1<<MinChunkLog2, 1<<MaxChunkLog2)
	}
	return l, nil
}

// numChunks is ceil(size / 2^log2), without overflow.
func numChunks(size int64, log2 uint8) int64 {
	n := size >> log2
	if size&(int64(1)<<log2-1) != 0 {
		n++
	}
	return n
}
