package xfer

import (
	"bytes"
	"testing"
)

func FuzzDecodeAccept(f *testing.F) {
	f.Add(accept{chunks: 9, manifestLen: 100, bitfield: []byte{0xff, 0x80}}.encode()[headerLen:])
	f.Add(accept{chunks: 1, manifestLen: 1, complete: true}.encode()[headerLen:])
	f.Add(accept{chunks: 12, manifestLen: 100, inTurn: true, bitfield: []byte{0xff, 0xf0}}.encode()[headerLen:])
	f.Add([]byte{0, 0, 0, 1, 0, 0, 0, 1, flagComplete | flagInTurn})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := decodeAccept(b)
		if err != nil {
			return
		}
		if got := a.encode()[headerLen:]; !bytes.Equal(got, b) {
			t.Fatalf("re-encoding %x gives %x", b, got)
		}
	})
}

func FuzzReadHeader(f *testing.F) {
	f.Add([]byte{tRequest, 0, 0, 0, 4})
	f.Add([]byte{tHello, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := readHeader(bytes.NewReader(b), func(typ byte) (uint32, bool) {
			return 4, typ == tRequest || typ == tCancel
		})
		if err == nil && (h.n > 4 || (h.typ != tRequest && h.typ != tCancel)) {
			t.Fatalf("accepted header %+v", h)
		}
	})
}
