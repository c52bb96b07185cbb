// Package proof is the access proof: on every libp2p stream, a downloader
// proves that it controls an Ethereum address, in a form bound to both
// peers' identities, the work, the stream and the deployment.
//
// The serving peer sends 32 fresh random bytes (the challenge) on a new
// stream. The downloader answers with an EIP-712 signature over
//
//	Access(bytes requester,bytes server,bytes32 work,bytes32 challenge,uint64 expiry)
//
// under the domain
//
//	EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)
//	name "essaim", version "1", chainId and verifyingContract of the registry.
//
// requester and server are binary libp2p peer ids (the bytes of
// string(peer.ID)), work is the content root and expiry is in unix seconds.
// Each binding closes one attack: the requester id ties the proof to the
// authenticated connection (a proof cannot be lent to another peer), the
// server id keeps a serving peer from replaying what it received to another
// server, the work keeps a license for one work from opening another, the
// challenge keeps a proof from being replayed on a second stream, the domain
// keeps a proof from crossing chains or deployments, and the expiry bounds
// how long a leaked proof is worth anything.
//
// # Wire encoding
//
// A proof travels as one byte string of 160+n+m bytes, n and m being the
// lengths of the two peer ids (MinSize 162 to MaxSize 416):
//
//	offset   size  field
//	0        1     version, 0x01
//	1        1     n = len(requester), 1..128
//	2        n     requester peer id
//	2+n      1     m = len(server), 1..128
//	3+n      m     server peer id
//	3+n+m    32    work (content root)
//	35+n+m   32    challenge
//	67+n+m   8     expiry, unsigned big-endian unix seconds
//	75+n+m   20    signer address
//	95+n+m   65    signature r (32) || s (32) || v (1), v in {27, 28}
//
// Decode is strict: one encoding per proof, nothing before or after it,
// and only canonical (low-s) signatures, so a proof's bytes cannot be
// malleated into a second valid proof.
//
// Nothing in this package does I/O or keeps a clock: the caller passes the
// time, and the server asks the licensing layer whether the address that
// Verify returns holds a license.
package proof

import (
	"bytes"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
)

// EIP-712 names of the domain, fixed so that every implementation (Go,
// a wallet, the contract) computes the same digest.
const (
	// DomainName is the EIP-712 domain name.
	DomainName = "essaim"
	// DomainVersion is the EIP-712 domain version.
	DomainVersion = "1"
	// DomainType is the EIP-712 type string of the domain.
	DomainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
	// AccessType is the EIP-712 type string of the signed message.
	AccessType = "Access(bytes requester,bytes server,bytes32 work,bytes32 challenge,uint64 expiry)"
)

// Limits of a proof.
const (
	// MaxPeerIDLen is the longest accepted binary peer id; libp2p ids are
	// 34 to 39 bytes for usual keys, so 128 leaves room without letting a
	// peer make us hash kilobytes.
	MaxPeerIDLen = 128
	// Lifetime is how far ahead NewAccess sets the expiry: long enough for a
	// slow signer and a small clock skew, short enough that a leaked proof
	// soon stops being worth anything.
	Lifetime = 2 * time.Minute
	// MaxLifetime is the longest lifetime a server accepts, measured from
	// its own clock; Leeway is added on top for a requester whose clock runs
	// ahead.
	MaxLifetime = 5 * time.Minute
	// Leeway is the clock skew tolerated in the future direction only: a
	// proof is never accepted at or after its expiry.
	Leeway = 30 * time.Second
)

// Domain is the EIP-712 domain: the chain and registry contract a proof is
// valid for. ChainID must be non-negative and fit in 256 bits.
type Domain struct {
	ChainID  *big.Int
	Contract common.Address
}

// Access is the signed message: who asks (Requester), whom (Server), for
// what (Work), on which stream (Challenge) and until when (Expiry, unix
// seconds, exclusive).
type Access struct {
	Requester, Server []byte
	Work, Challenge   [32]byte
	Expiry            uint64
}

// Proof is an Access signed by Signer. Signature is r || s || v with v in
// {27, 28}, the form Ethereum contracts (ecrecover) expect.
type Proof struct {
	Access
	Signer    common.Address
	Signature [65]byte
}

// Expect is what the serving peer knows for itself about a stream: the
// authenticated remote peer id, its own peer id, the work asked for and the
// challenge it sent.
type Expect struct {
	Requester, Server []byte
	Work, Challenge   [32]byte
}

var (
	domainTypeHash = crypto.Keccak256Hash([]byte(DomainType))
	accessTypeHash = crypto.Keccak256Hash([]byte(AccessType))
	nameHash       = crypto.Keccak256Hash([]byte(DomainName))
	versionHash    = crypto.Keccak256Hash([]byte(DomainVersion))
)

// NewAccess returns the Access a requester signs for a stream, expiring
// Lifetime after now. The peer ids are copied.
func NewAccess(requester, server []byte, work, challenge [32]byte, now time.Time) Access {
	exp := now.Add(Lifetime).Unix()
	if exp < 0 {
		exp = 0
	}
	return Access{
		Requester: bytes.Clone(requester),
		Server:    bytes.Clone(server),
		Work:      work,
		Challenge: challenge,
		Expiry:    uint64(exp),
	}
}

// Separator returns the EIP-712 domain separator hashStruct(domain). A nil
// ChainID counts as zero and a value outside uint256 is reduced modulo 2^256
// (Sign and Verify refuse both with ErrBadDomain).
func (d Domain) Separator() [32]byte {
	chainID := new(big.Int)
	if d.ChainID != nil {
		chainID.Set(d.ChainID)
	}
	return keccak(
		domainTypeHash[:],
		nameHash[:],
		versionHash[:],
		math.U256Bytes(chainID),
		common.LeftPadBytes(d.Contract[:], 32),
	)
}

// valid reports whether the domain can be used to sign or verify.
func (d Domain) valid() bool {
	return d.ChainID != nil && d.ChainID.Sign() >= 0 && d.ChainID.BitLen() <= 256
}

// StructHash returns the EIP-712 hashStruct of the access message.
func (a Access) StructHash() [32]byte {
	var exp [32]byte
	big.NewInt(0).SetUint64(a.Expiry).FillBytes(exp[:])
	return keccak(
		accessTypeHash[:],
		crypto.Keccak256(a.Requester),
		crypto.Keccak256(a.Server),
		a.Work[:],
		a.Challenge[:],
		exp[:],
	)
}

// Digest returns the EIP-712 hash that is signed:
// keccak256("\x19\x01" || domainSeparator || hashStruct(access)).
func Digest(d Domain, a Access) [32]byte {
	sep, st := d.Separator(), a.StructHash()
	return keccak([]byte{0x19, 0x01}, sep[:], st[:])
}

func keccak(parts ...[]byte) [32]byte {
	return [32]byte(crypto.Keccak256Hash(parts...))
}
