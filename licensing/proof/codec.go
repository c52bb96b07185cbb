package proof

import (
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/crypto"
)

// EncodingVersion is the first byte of every encoded proof; a new encoding
// gets a new byte, so old and new nodes refuse each other's proofs cleanly.
const EncodingVersion byte = 0x01

// Sizes of the wire encoding.
const (
	// tailSize is what follows the two peer ids: work, challenge, expiry,
	// signer and signature.
	tailSize = 32 + 32 + 8 + 20 + 65
	// fixedSize is every byte that does not depend on the peer ids: the
	// version, the two length bytes and the tail.
	fixedSize = 1 + 1 + 1 + tailSize
	// MinSize is the length of the shortest valid encoding (1-byte peer ids).
	MinSize = fixedSize + 2
	// MaxSize is the length of the longest valid encoding (two peer ids of
	// MaxPeerIDLen bytes); a reader never needs to accept more.
	MaxSize = fixedSize + 2*MaxPeerIDLen
)

var (
	secp256k1N     = crypto.S256().Params().N
	secp256k1HalfN = new(big.Int).Rsh(secp256k1N, 1)
)

// check refuses peer ids the encoding cannot carry.
func (a *Access) check() error {
	if n := len(a.Requester); n < 1 || n > MaxPeerIDLen {
		return fmt.Errorf("%w: requester peer id is %d bytes, want 1..%d", ErrMalformed, n, MaxPeerIDLen)
	}
	if n := len(a.Server); n < 1 || n > MaxPeerIDLen {
		return fmt.Errorf("%w: server peer id is %d bytes, want 1..%d", ErrMalformed, n, MaxPeerIDLen)
	}
	return nil
}

// checkSignature refuses signature values ecrecover would reject or that
// are a malleated copy of another signature: v in {27, 28}, r and s in
// [1, n-1], s <= n/2 (EIP-2). The error wraps ErrBadSignature.
func checkSignature(sig *[65]byte) error {
	if v := sig[64]; v != 27 && v != 28 {
		return fmt.Errorf("%w: recovery id v is %d, want 27 or 28", ErrBadSignature, v)
	}
	r := new(big.Int).SetBytes(sig[:32])
	s := new(big.Int).SetBytes(sig[32:64])
	if r.Sign() == 0 || r.Cmp(secp256k1N) >= 0 {
		return fmt.Errorf("%w: r is out of range", ErrBadSignature)
	}
	if s.Sign() == 0 || s.Cmp(secp256k1N) >= 0 {
		return fmt.Errorf("%w: s is out of range", ErrBadSignature)
	}
	if s.Cmp(secp256k1HalfN) > 0 {
		return fmt.Errorf("%w: s is in the upper half of the curve order (non-canonical, EIP-2)", ErrBadSignature)
	}
	return nil
}

// MarshalBinary encodes the proof in the wire form described in the
// package comment. It refuses what Decode would refuse (peer ids of the
// wrong size, non-canonical signature values), so every encoding it
// produces decodes back to the same proof.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: nil proof", ErrMalformed)
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	if err := checkSignature(&p.Signature); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	b := make([]byte, 0, fixedSize+len(p.Requester)+len(p.Server))
	b = append(b, EncodingVersion, byte(len(p.Requester)))
	b = append(b, p.Requester...)
	b = append(b, byte(len(p.Server)))
	b = append(b, p.Server...)
	b = append(b, p.Work[:]...)
	b = append(b, p.Challenge[:]...)
	b = binary.BigEndian.AppendUint64(b, p.Expiry)
	b = append(b, p.Signer[:]...)
	b = append(b, p.Signature[:]...)
	return b, nil
}

// Decode parses an encoded proof. It is strict: the exact length, version
// EncodingVersion, peer ids of 1..MaxPeerIDLen bytes, no trailing bytes and
// canonical signature values. Every error wraps ErrMalformed; those about
// signature values also wrap ErrBadSignature. Decode does not check the
// signature against the signer: that is Verify's job. The proof does not
// alias b.
func Decode(b []byte) (*Proof, error) {
	if len(b) < MinSize || len(b) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes, want %d..%d", ErrMalformed, len(b), MinSize, MaxSize)
	}
	if b[0] != EncodingVersion {
		return nil, fmt.Errorf("%w: unknown encoding version %d, want %d", ErrMalformed, b[0], EncodingVersion)
	}
	rest := b[1:]
	req, rest, err := readPeerID(rest, "requester")
	if err != nil {
		return nil, err
	}
	srv, rest, err := readPeerID(rest, "server")
	if err != nil {
		return nil, err
	}
	if len(rest) != tailSize {
		return nil, fmt.Errorf("%w: %d bytes after the peer ids, want %d", ErrMalformed, len(rest), tailSize)
	}
	p := &Proof{Access: Access{Requester: req, Server: srv}}
	rest = rest[copy(p.Work[:], rest):]
	rest = rest[copy(p.Challenge[:], rest):]
	p.Expiry = binary.BigEndian.Uint64(rest)
	rest = rest[8:]
	rest = rest[copy(p.Signer[:], rest):]
	copy(p.Signature[:], rest)
	if err := checkSignature(&p.Signature); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return p, nil
}

// readPeerID reads one length-prefixed peer id and returns a copy of it and
// what follows.
func readPeerID(b []byte, which string) ([]byte, []byte, error) {
	if len(b) < 1 {
		return nil, nil, fmt.Errorf("%w: missing %s peer id length", ErrMalformed, which)
	}
	n := int(b[0])
	if n < 1 || n > MaxPeerIDLen {
		return nil, nil, fmt.Errorf("%w: %s peer id is %d bytes, want 1..%d", ErrMalformed, which, n, MaxPeerIDLen)
	}
	if len(b) < 1+n {
		return nil, nil, fmt.Errorf("%w: %s peer id truncated", ErrMalformed, which)
	}
	id := make([]byte, n)
	copy(id, b[1:1+n])
	return id, b[1+n:], nil
}
