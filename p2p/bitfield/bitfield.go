// Package bitfield holds the set of chunks a peer has, as sent in
// availability announcements and in the transfer protocol's greeting.
//
// The wire form is ceil(n/8) bytes, chunk i at bit 7-(i%8) of byte i/8
// (most significant bit first, as BitTorrent's bitfield). Bits past n must
// be zero: a decoder refuses anything else, so one set has one encoding.
package bitfield

import (
	"errors"
	"fmt"
	"math/bits"
)

// ErrMalformed reports a wire form that does not fit the declared length.
var ErrMalformed = errors.New("malformed bitfield")

// Bitfield is a fixed-length set of chunk indexes. The zero value is an
// empty set of length 0. It is not safe for concurrent use.
type Bitfield struct {
	n     int
	count int
	b     []byte
}

// New returns an empty set of n chunks.
func New(n int) *Bitfield {
	if n < 0 {
		n = 0
	}
	return &Bitfield{n: n, b: make([]byte, (n+7)/8)}
}

// Of returns the set of n chunks holding the chunks idx; indices outside
// 0..n-1 are left out.
func Of(n int, idx ...int) *Bitfield {
	f := New(n)
	for _, i := range idx {
		f.Set(i)
	}
	return f
}

// Full returns the set of all n chunks.
func Full(n int) *Bitfield {
	f := New(n)
	for i := range f.b {
		f.b[i] = 0xff
	}
	if r := n % 8; r != 0 {
		f.b[len(f.b)-1] = byte(0xff << (8 - r))
	}
	f.count = n
	return f
}

// Decode parses the wire form of a set of n chunks. It copies b.
func Decode(n int, b []byte) (*Bitfield, error) {
	if n < 0 || len(b) != (n+7)/8 {
		return nil, fmt.Errorf("%w: %d bytes for %d chunks", ErrMalformed, len(b), n)
	}
	if r := n % 8; r != 0 && b[len(b)-1]&byte(0xff>>r) != 0 {
		return nil, fmt.Errorf("%w: bits set past chunk %d", ErrMalformed, n-1)
	}
	f := &Bitfield{n: n, b: append([]byte(nil), b...)}
	for _, x := range f.b {
		f.count += bits.OnesCount8(x)
	}
	return f, nil
}

// Len is the number of chunks the set can hold.
func (f *Bitfield) Len() int { return f.n }

// Count is the number of chunks in the set.
func (f *Bitfield) Count() int { return f.count }

// Complete reports whether every chunk is in the set.
func (f *Bitfield) Complete() bool { return f.count == f.n }

// Has reports whether chunk i is in the set; out-of-range indexes are not.
func (f *Bitfield) Has(i int) bool {
	if i < 0 || i >= f.n {
		return false
	}
	return f.b[i>>3]&(0x80>>(i&7)) != 0
}

// Set adds chunk i and reports whether it was new. Out-of-range indexes
// are ignored.
func (f *Bitfield) Set(i int) bool {
	if i < 0 || i >= f.n || f.Has(i) {
		return false
	}
	f.b[i>>3] |= 0x80 >> (i & 7)
	f.count++
	return true
}

// Bytes returns the wire form. The caller must not modify it.
func (f *Bitfield) Bytes() []byte { return f.b }

// Clone returns an independent copy.
func (f *Bitfield) Clone() *Bitfield {
	return &Bitfield{n: f.n, count: f.count, b: append([]byte(nil), f.b...)}
}
