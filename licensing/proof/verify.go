package proof

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Reasons a proof is refused; test for them with errors.Is.
var (
	// ErrMalformed means the proof's bytes or fields are not a valid proof.
	ErrMalformed = errors.New("malformed access proof")
	// ErrWrongRequester means the proof names another peer than the one on
	// the other end of the connection: it was lent or stolen.
	ErrWrongRequester = errors.New("access proof was made for another peer than the connected one")
	// ErrWrongServer means the proof was made for another serving peer.
	ErrWrongServer = errors.New("access proof was made for another serving peer")
	// ErrWrongWork means the proof is for another work than the one asked for.
	ErrWrongWork = errors.New("access proof is for another work")
	// ErrWrongChallenge means the proof answers another challenge than the
	// one sent on this stream: it is a replay from another stream.
	ErrWrongChallenge = errors.New("access proof answers another challenge (replayed from another stream)")
	// ErrExpired means the proof's expiry has passed.
	ErrExpired = errors.New("access proof has expired")
	// ErrTooFarAhead means the proof expires later than a fresh proof could,
	// even allowing for clock skew.
	ErrTooFarAhead = errors.New("access proof expires too far in the future (check the clock)")
	// ErrBadSignature means the signature is not a valid signature by the
	// proof's signer of this access under this domain: forged, altered, or
	// made for another chain id or contract.
	ErrBadSignature = errors.New("invalid access proof signature")
	// ErrBadDomain means the local domain cannot be used: its chain id is
	// missing, negative or wider than 256 bits.
	ErrBadDomain = errors.New("invalid EIP-712 domain: chain id missing, negative or over 256 bits")
)

// Sign signs a as signer and returns the proof. signHash signs a 32-byte
// hash in go-ethereum's crypto.Sign form (65 bytes r || s || v, v in {0, 1};
// v in {27, 28} is accepted too), for example chain.Keystore.SignHash bound
// to signer. Sign normalises v to {27, 28} and s to the lower half of the
// curve order, then checks that the signature recovers to signer, so a
// signHash for the wrong account fails here rather than at the server.
func Sign(d Domain, a Access, signer common.Address, signHash func(hash []byte) ([]byte, error)) (*Proof, error) {
	if !d.valid() {
		return nil, ErrBadDomain
	}
	if err := a.check(); err != nil {
		return nil, err
	}
	if signHash == nil {
		return nil, errors.New("sign access proof: no signing function")
	}
	h := Digest(d, a)
	raw, err := signHash(h[:])
	if err != nil {
		return nil, fmt.Errorf("sign access proof as %s: %w", signer, err)
	}
	sig, err := normalise(raw)
	if err != nil {
		return nil, fmt.Errorf("sign access proof as %s: %w", signer, err)
	}
	a.Requester, a.Server = bytes.Clone(a.Requester), bytes.Clone(a.Server)
	p := &Proof{Access: a, Signer: signer, Signature: sig}
	if err := p.checkSigner(d); err != nil {
		return nil, fmt.Errorf("sign access proof as %s: %w", signer, err)
	}
	return p, nil
}

// normalise turns a crypto.Sign signature into the canonical wire form:
// v in {27, 28} and s <= n/2 (flipping v with s keeps the same signer).
func normalise(raw []byte) ([65]byte, error) {
	var sig [65]byte
	if len(raw) != len(sig) {
		return sig, fmt.Errorf("%w: signer returned %d bytes, want 65", ErrBadSignature, len(raw))
	}
	copy(sig[:], raw)
	if sig[64] < 2 {
		sig[64] += 27
	}
	if sig[64] != 27 && sig[64] != 28 {
		return sig, fmt.Errorf("%w: signer returned recovery id %d", ErrBadSignature, sig[64])
	}
	s := new(big.Int).SetBytes(sig[32:64])
	if s.Cmp(secp256k1HalfN) > 0 && s.Cmp(secp256k1N) < 0 {
		s.Sub(secp256k1N, s).FillBytes(sig[32:64])
		sig[64] = 27 + 28 - sig[64]
	}
	return sig, nil
}

// Verify checks p for the stream described by want, at time now, and
// returns the address that signed it. Checks run in this order, cheapest
// first, and the first failure is returned:
//
//   - the domain is usable (ErrBadDomain) and p holds peer ids of
//     1..MaxPeerIDLen bytes (ErrMalformed);
//   - p.Requester equals want.Requester byte for byte (ErrWrongRequester);
//     want.Requester must be the peer id libp2p authenticated for the
//     connection, never one the remote claims;
//   - p.Server equals want.Server (ErrWrongServer);
//   - p.Work equals want.Work (ErrWrongWork);
//   - p.Challenge equals want.Challenge (ErrWrongChallenge);
//   - with t = now in whole unix seconds (rounded down): the proof is
//     expired when t >= Expiry (ErrExpired; no leeway, the expiry second
//     itself is refused), and too far ahead when
//     Expiry > t + MaxLifetime + Leeway (ErrTooFarAhead);
//   - the signature values are canonical (v in {27, 28}, r and s in
//     [1, n-1], s <= n/2) and the signature of Digest(d, p.Access) recovers
//     to p.Signer (ErrBadSignature). A proof made for another chain id or
//     contract fails here, as does any altered field.
//
// A nil error means only that p.Signer made this proof for this stream; the
// caller still has to check that the address holds a license for the work.
func Verify(d Domain, p *Proof, want Expect, now time.Time) (common.Address, error) {
	if !d.valid() {
		return common.Address{}, ErrBadDomain
	}
	if p == nil {
		return common.Address{}, fmt.Errorf("%w: no proof", ErrMalformed)
	}
	if err := p.check(); err != nil {
		return common.Address{}, err
	}
	if err := p.checkFields(want); err != nil {
		return common.Address{}, err
	}
	if err := checkTime(p.Expiry, now); err != nil {
		return common.Address{}, err
	}
	if err := p.checkSigner(d); err != nil {
		return common.Address{}, err
	}
	return p.Signer, nil
}

// checkFields compares the signed fields with what the server knows.
func (p *Proof) checkFields(want Expect) error {
	switch {
	case !bytes.Equal(p.Requester, want.Requester):
		return ErrWrongRequester
	case !bytes.Equal(p.Server, want.Server):
		return ErrWrongServer
	case p.Work != want.Work:
		return ErrWrongWork
	case p.Challenge != want.Challenge:
		return ErrWrongChallenge
	}
	return nil
}

// checkTime applies the expiry rules of Verify.
func checkTime(expiry uint64, now time.Time) error {
	t := now.Unix()
	if t >= 0 && uint64(t) >= expiry {
		return fmt.Errorf("%w: it expired at unix second %d, now is %d", ErrExpired, expiry, t)
	}
	const ahead = int64((MaxLifetime + Leeway) / time.Second)
	limit := int64(math.MaxInt64)
	if t <= math.MaxInt64-ahead {
		limit = t + ahead
	}
	if limit < 0 || expiry > uint64(limit) {
		return fmt.Errorf("%w: it expires at unix second %d, later than %d (now %d + %v + %v leeway)",
			ErrTooFarAhead, expiry, limit, t, MaxLifetime, Leeway)
	}
	return nil
}

// checkSigner checks that the signature is canonical and recovers to
// p.Signer under d.
func (p *Proof) checkSigner(d Domain) error {
	if err := checkSignature(&p.Signature); err != nil {
		return err
	}
	h := Digest(d, p.Access)
	sig := p.Signature
	sig[64] -= 27
	pub, err := crypto.SigToPub(h[:], sig[:])
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if got := crypto.PubkeyToAddress(*pub); got != p.Signer {
		return fmt.Errorf("%w: it was not made by %s for chain %s and contract %s",
			ErrBadSignature, p.Signer, d.ChainID, d.Contract)
	}
	return nil
}
