package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Domain-separation prefixes: the first byte of every hashed message, so that
// a leaf can never be taken for an inner node, a file list or a root.
const (
	tagLeaf     = 0x00
	tagInner    = 0x01
	tagFileList = 0x02
	tagRoot     = 0x03
)

// Hash is a SHA-256 digest.
type Hash [32]byte

// String returns the hash as 64 lowercase hex digits.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// ParseHash decodes 64 hex digits, with or without a 0x prefix.
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	if len(s) != 64 {
		return h, fmt.Errorf("hash %q: want 64 hex digits", s)
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("hash %q: %v", s, err)
	}
	return h, nil
}

// LeafHash is the hash of one chunk: SHA-256(0x00 || chunk).
func LeafHash(chunk []byte) Hash {
	d := sha256.New()
	d.Write([]byte{tagLeaf})
	d.Write(chunk)
	var h Hash
	d.Sum(h[:0])
	return h
}

func innerHash(l, r Hash) Hash {
	var msg [65]byte
	msg[0] = tagInner
	copy(msg[1:33], l[:])
	copy(msg[33:], r[:])
	return sha256.Sum256(msg[:])
}

// TreeRoot returns the root of the binary Merkle tree over leaves, shaped as
// in RFC 9162 §2.1.1: the left subtree holds the largest power of two of
// leaves strictly less than the count, and no node is ever duplicated. Built
// level by level, an odd last node is promoted unchanged, which yields the
// same shape. The root of zero leaves is SHA-256 of the empty string.
func TreeRoot(leaves []Hash) Hash {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return leaves[0]
	}
	level := make([]Hash, (len(leaves)+1)/2)
	next := leaves
	for len(next) > 1 {
		n := 0
		for i := 0; i+1 < len(next); i += 2 {
			level[n] = innerHash(next[i], next[i+1])
			n++
		}
		if len(next)%2 == 1 {
			level[n] = next[len(next)-1]
			n++
		}
		next = level[:n]
	}
	return next[0]
}
