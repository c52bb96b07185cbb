package content_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"essaim/p2p/content"
)

// ctSHA is plain SHA-256.
func ctSHA(b []byte) content.Hash { return sha256.Sum256(b) }

// ctInner is SHA-256(0x01 || l || r), written out from docs/CONTENT.md §4.
func ctInner(l, r content.Hash) content.Hash {
	return ctSHA(append(append([]byte{0x01}, l[:]...), r[:]...))
}

// ctRefMTH is the Merkle tree hash of RFC 9162 §2.1.1, recursively, with
// the inner-node tag of docs/CONTENT.md §4.
func ctRefMTH(leaves []content.Hash) content.Hash {
	n := len(leaves)
	switch n {
	case 0:
		return ctSHA(nil)
	case 1:
		return leaves[0]
	}
	k := 1 // the largest power of two smaller than n
	for k*2 < n {
		k *= 2
	}
	return ctInner(ctRefMTH(leaves[:k]), ctRefMTH(leaves[k:]))
}

// ctLeafSet returns n distinct leaf hashes.
func ctLeafSet(n int) []content.Hash {
	leaves := make([]content.Hash, n)
	for i := range leaves {
		leaves[i] = content.LeafHash(fmt.Appendf(nil, "leaf %d", i))
	}
	return leaves
}

func TestTreeRootMatchesRFC9162(t *testing.T) {
	var sizes []int
	for n := 0; n <= 70; n++ {
		sizes = append(sizes, n)
	}
	sizes = append(sizes, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 4095, 4096, 4097, 10007, 65537)
	for _, n := range sizes {
		leaves := ctLeafSet(n)
		orig := slices.Clone(leaves)
		got := content.TreeRoot(leaves)
		if want := ctRefMTH(leaves); got != want {
			t.Errorf("TreeRoot of %d leaves = %s, want %s", n, got, want)
		}
		if !slices.Equal(leaves, orig) {
			t.Errorf("TreeRoot of %d leaves modified its argument", n)
		}
	}
}

// TestTreeRootSmallShapes spells out the trees of RFC 9162 §2.1.1 for a few
// sizes, independently of the recursive reference.
func TestTreeRootSmallShapes(t *testing.T) {
	L := ctLeafSet(8)
	H := ctInner
	tests := []struct {
		name   string
		leaves []content.Hash
		want   content.Hash
	}{
		{"nil", nil, ctSHA(nil)},
		{"empty", []content.Hash{}, ctSHA([]byte(""))},
		{"one", L[:1], L[0]},
		{"two", L[:2], H(L[0], L[1])},
		{"three", L[:3], H(H(L[0], L[1]), L[2])},
		{"four", L[:4], H(H(L[0], L[1]), H(L[2], L[3]))},
		{"five", L[:5], H(H(H(L[0], L[1]), H(L[2], L[3])), L[4])},
		{"six", L[:6], H(H(H(L[0], L[1]), H(L[2], L[3])), H(L[4], L[5]))},
		{"seven", L[:7], H(H(H(L[0], L[1]), H(L[2], L[3])), H(H(L[4], L[5]), L[6]))},
		{"eight", L[:8], H(H(H(L[0], L[1]), H(L[2], L[3])), H(H(L[4], L[5]), H(L[6], L[7])))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := content.TreeRoot(tc.leaves); got != tc.want {
				t.Errorf("TreeRoot = %s, want %s", got, tc.want)
			}
		})
	}
	if got, want := content.TreeRoot(nil).String(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; got != want {
		t.Errorf("TreeRoot(nil) = %s, want SHA-256 of the empty string %s", got, want)
	}
}

// TestTreeRootLastLeafDuplicated checks that the tree never fills a level by
// repeating a node: n leaves and the same leaves with the last one repeated
// have different roots.
func TestTreeRootLastLeafDuplicated(t *testing.T) {
	for n := 1; n <= 70; n++ {
		leaves := ctLeafSet(n)
		dup := append(slices.Clone(leaves), leaves[n-1])
		if a, b := content.TreeRoot(leaves), content.TreeRoot(dup); a == b {
			t.Errorf("%d leaves and the same with the last repeated have the same root %s", n, a)
		}
	}
	// A level of two equal halves must not collapse either.
	L := ctLeafSet(2)
	if content.TreeRoot([]content.Hash{L[0], L[0]}) == L[0] {
		t.Errorf("TreeRoot of a leaf twice equals the leaf")
	}
}

func TestDomainSeparation(t *testing.T) {
	L := ctLeafSet(2)
	inner := content.TreeRoot(L)
	if want := ctInner(L[0], L[1]); inner != want {
		t.Fatalf("TreeRoot of two leaves = %s, want SHA-256(0x01||l||r) = %s", inner, want)
	}
	// A chunk of 64 bytes that is the two child hashes is a leaf, not an
	// inner node.
	concat := append(slices.Clone(L[0][:]), L[1][:]...)
	tests := []struct {
		name string
		got  content.Hash
	}{
		{"LeafHash of the 64 bytes", content.LeafHash(concat)},
		{"plain SHA-256 of the 64 bytes", ctSHA(concat)},
		{"LeafHash of 0x01 and the 64 bytes", content.LeafHash(append([]byte{0x01}, concat...))},
		{"tree of one leaf made of the 64 bytes", content.TreeRoot([]content.Hash{content.LeafHash(concat)})},
	}
	for _, tc := range tests {
		if tc.got == inner {
			t.Errorf("%s equals the inner hash %s", tc.name, inner)
		}
	}

	leafTests := []struct {
		name  string
		chunk []byte
	}{
		{"empty", nil},
		{"one zero byte", []byte{0}},
		{"text", []byte("hello, world")},
		{"64 bytes", concat},
		{"16 KiB", ctData(40, 1<<14)},
	}
	for _, tc := range leafTests {
		t.Run(tc.name, func(t *testing.T) {
			got := content.LeafHash(tc.chunk)
			if want := ctSHA(append([]byte{0x00}, tc.chunk...)); got != want {
				t.Errorf("LeafHash = %s, want SHA-256(0x00||chunk) = %s", got, want)
			}
			if plain := ctSHA(tc.chunk); got == plain {
				t.Errorf("LeafHash equals plain SHA-256 %s", plain)
			}
		})
	}
	if content.LeafHash(nil) == content.TreeRoot(nil) {
		t.Errorf("the leaf of an empty chunk equals the root of no leaves")
	}
}

func TestParseHash(t *testing.T) {
	h := content.LeafHash([]byte("some chunk"))
	s := h.String()
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(s) {
		t.Fatalf("String() = %q, want 64 lowercase hex digits", s)
	}
	accepted := []struct {
		name  string
		input string
		want  content.Hash
	}{
		{"String", s, h},
		{"0x prefix", "0x" + s, h},
		{"0X prefix", "0X" + s, h},
		{"upper case", strings.ToUpper(s), h},
		{"zero", strings.Repeat("0", 64), content.Hash{}},
		{"all ones", strings.Repeat("f", 64), content.Hash(bytes.Repeat([]byte{0xff}, 32))},
	}
	for _, tc := range accepted {
		t.Run(tc.name, func(t *testing.T) {
			got, err := content.ParseHash(tc.input)
			if err != nil || got != tc.want {
				t.Errorf("ParseHash(%q) = %s, %v; want %s", tc.input, got, err, tc.want)
			}
		})
	}
	rejected := []struct {
		name  string
		input string
	}{
		{"empty", ""},
		{"prefix only", "0x"},
		{"63 digits", s[:63]},
		{"65 digits", s + "0"},
		{"0x and 63 digits", "0x" + s[:63]},
		{"0x and 65 digits", "0x" + s + "0"},
		{"double prefix", "0x0x" + s[4:]},
		{"non-hex digit", "g" + s[1:]},
		{"space", " " + s[1:]},
		{"trailing newline", s[:63] + "\n"},
		{"x prefix", "x" + s[1:]},
		{"128 digits", s + s},
		{"64 bytes of multibyte text", strings.Repeat("é", 32)},
	}
	for _, tc := range rejected {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := content.ParseHash(tc.input); err == nil {
				t.Errorf("ParseHash(%q) = %s, nil; want an error", tc.input, got)
			}
		})
	}
	// Round trip over many values.
	for _, l := range ctLeafSet(100) {
		got, err := content.ParseHash(l.String())
		if err != nil || got != l {
			t.Fatalf("ParseHash(%q) = %s, %v; want %s", l.String(), got, err, l)
		}
	}
}
