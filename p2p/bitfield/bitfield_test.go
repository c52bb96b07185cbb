package bitfield

import (
	"bytes"
	"errors"
	"testing"
)

func TestSetHasCount(t *testing.T) {
	f := New(10)
	for _, i := range []int{0, 7, 8, 9, 9, -1, 10} {
		f.Set(i)
	}
	if f.Count() != 4 || f.Complete() {
		t.Fatalf("count %d complete %v, want 4 false", f.Count(), f.Complete())
	}
	if want := []byte{0x81, 0xc0}; !bytes.Equal(f.Bytes(), want) {
		t.Fatalf("bytes %x, want %x", f.Bytes(), want)
	}
	for i, want := range []bool{true, false, false, false, false, false, false, true, true, true} {
		if f.Has(i) != want {
			t.Errorf("Has(%d) = %v", i, !want)
		}
	}
	if f.Has(10) || f.Has(-1) {
		t.Error("out-of-range index reported present")
	}
}

func TestFullAndDecode(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 4096} {
		f := Full(n)
		if !f.Complete() || f.Count() != n {
			t.Fatalf("Full(%d): count %d", n, f.Count())
		}
		g, err := Decode(n, f.Bytes())
		if err != nil || g.Count() != n {
			t.Fatalf("Decode(Full(%d)): %v, count %d", n, err, g.Count())
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	cases := []struct {
		name string
		n    int
		b    []byte
	}{
		{"short", 9, []byte{0xff}},
		{"long", 8, []byte{0xff, 0}},
		{"trailing bit", 9, []byte{0xff, 0x40}},
		{"negative", -1, nil},
	}
	for _, c := range cases {
		if _, err := Decode(c.n, c.b); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", c.name, err)
		}
	}
}

func TestCloneIndependent(t *testing.T) {
	f := New(16)
	f.Set(3)
	g := f.Clone()
	g.Set(4)
	if f.Has(4) || f.Count() != 1 || g.Count() != 2 {
		t.Fatal("clone shares state with its original")
	}
}

func TestOf(t *testing.T) {
	f := Of(10, 9, 0, 3, 3, -1, 10)
	if f.Count() != 3 || !f.Has(0) || !f.Has(3) || !f.Has(9) || f.Has(1) {
		t.Fatalf("Of(10, 9, 0, 3, 3, -1, 10) = %x, count %d; want chunks 0, 3 and 9", f.Bytes(), f.Count())
	}
	if !bytes.Equal(f.Bytes(), []byte{0x90, 0x40}) {
		t.Fatalf("wire form %x, want 9040", f.Bytes())
	}
}
