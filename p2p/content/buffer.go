package content

import "unsafe"

// BufferAlign is the alignment AlignedBuffer gives: a page, which is what
// direct I/O asks of a buffer's address and more than the kernel's copies
// need. Copying from the page cache into a destination that is not
// aligned on 32 bytes costs over twice as much on some CPUs (the kernel
// copies with "rep movsb"): a holder reading a cached file in 256 KiB
// chunks spent 0.49 CPU-s per GiB with each chunk 9 bytes into its buffer,
// 0.21 with it aligned, on the 2-core AMD EPYC of docs/BENCHMARKS.md
// (BenchmarkReadChunk).
const BufferAlign = 4096

// AlignedBuffer returns a zeroed buffer of lead+n bytes whose byte at lead
// lies on a BufferAlign boundary: room for a lead-byte header right
// before an aligned chunk.
func AlignedBuffer(lead, n int) []byte {
	b := make([]byte, lead+n+BufferAlign)
	k := int(BufferAlign - (uintptr(unsafe.Pointer(&b[0]))+uintptr(lead))%BufferAlign)
	return b[k%BufferAlign:][: lead+n : lead+n]
}
