package host

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

func TestWorkKeyDerivation(t *testing.T) {
	var contract [20]byte
	var root [32]byte
	for i := range contract {
		contract[i] = byte(i + 1)
	}
	for i := range root {
		root[i] = byte(0xa0 + i)
	}
	key := WorkKey(31337, contract, root)

	// Recompute the digest by hand from the documented encoding.
	var enc []byte
	enc = append(enc, "essaim/work/v1"...)
	enc = binary.BigEndian.AppendUint64(enc, 31337)
	enc = append(enc, contract[:]...)
	enc = append(enc, root[:]...)
	want := sha256.Sum256(enc)

	pre := key.Prefix()
	if pre.Version != 1 || pre.Codec != cid.Raw || pre.MhType != mh.SHA2_256 {
		t.Fatalf("prefix %+v, want CIDv1 raw sha2-256", pre)
	}
	dec, err := mh.Decode(key.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dec.Digest, want[:]) {
		t.Fatalf("digest %x, want %x", dec.Digest, want)
	}
	if bytes.Equal(dec.Digest, root[:]) {
		t.Fatal("key digest equals the content root")
	}
	if again := WorkKey(31337, contract, root); !again.Equals(key) {
		t.Fatal("WorkKey is not deterministic")
	}
}

func TestWorkKeySeparatesDeployments(t *testing.T) {
	var contract, otherContract [20]byte
	otherContract[19] = 1
	var root, otherRoot [32]byte
	otherRoot[0] = 1
	base := WorkKey(1, contract, root)
	cases := []struct {
		name string
		key  cid.Cid
	}{
		{"other chain id", WorkKey(2, contract, root)},
		{"other contract", WorkKey(1, otherContract, root)},
		{"other root", WorkKey(1, contract, otherRoot)},
		{"chain id byte-swapped", WorkKey(1<<56, contract, root)},
	}
	seen := map[string]string{base.KeyString(): "base"}
	for _, tc := range cases {
		if prev, dup := seen[tc.key.KeyString()]; dup {
			t.Errorf("%s: same key as %s", tc.name, prev)
		}
		seen[tc.key.KeyString()] = tc.name
	}
}
