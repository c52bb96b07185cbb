package content

import (
	"testing"
	"unsafe"
)

func TestAlignedBuffer(t *testing.T) {
	for _, lead := range []int{0, 1, 9, 4095, 4096, 5000} {
		for _, n := range []int{1, 64 << 10, 256<<10 + 3} {
			b := AlignedBuffer(lead, n)
			if len(b) != lead+n || cap(b) != lead+n {
				t.Fatalf("AlignedBuffer(%d, %d): len %d cap %d, want %d", lead, n, len(b), cap(b), lead+n)
			}
			if a := uintptr(unsafe.Pointer(&b[lead])) % BufferAlign; a != 0 {
				t.Fatalf("AlignedBuffer(%d, %d): byte %d is %d bytes past a %d-byte boundary", lead, n, lead, a, BufferAlign)
			}
			for i := range b {
				if b[i] != 0 {
					t.Fatalf("AlignedBuffer(%d, %d): byte %d is %d, want zero", lead, n, i, b[i])
				}
			}
		}
	}
}
