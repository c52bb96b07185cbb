package proof

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	gmath "github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"essaim/chain"
)

var (
	testNow      = time.Unix(1_700_000_000, 0)
	testContract = common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")
)

func testDomain() Domain { return Domain{ChainID: big.NewInt(31337), Contract: testContract} }

// fakeID returns a peer-id-like byte string of n bytes, distinct per seed.
func fakeID(seed byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i)*7
	}
	return b
}

func testAccess() Access {
	return NewAccess(fakeID(1, 38), fakeID(2, 38), [32]byte{0xaa, 1}, [32]byte{0xcc, 2}, testNow)
}

func expectFor(a Access) Expect {
	return Expect{Requester: a.Requester, Server: a.Server, Work: a.Work, Challenge: a.Challenge}
}

// keySigner returns a signHash function for key, as crypto.Sign makes them.
func keySigner(key *ecdsa.PrivateKey) func([]byte) ([]byte, error) {
	return func(h []byte) ([]byte, error) { return crypto.Sign(h, key) }
}

func newKey(t testing.TB) (*ecdsa.PrivateKey, common.Address) {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return key, crypto.PubkeyToAddress(key.PublicKey)
}

func mustSign(t testing.TB, d Domain, a Access, key *ecdsa.PrivateKey) *Proof {
	t.Helper()
	p, err := Sign(d, a, crypto.PubkeyToAddress(key.PublicKey), keySigner(key))
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	return p
}

func mustMarshal(t testing.TB, p *Proof) []byte {
	t.Helper()
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary: %v", err)
	}
	return b
}

// TestDigestMatchesGoEthereum computes the digest with go-ethereum's
// independent EIP-712 implementation (the one behind eth_signTypedData).
func TestDigestMatchesGoEthereum(t *testing.T) {
	huge, _ := new(big.Int).SetString("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16)
	cases := []struct {
		name string
		d    Domain
		a    Access
	}{
		{"devnet", testDomain(), testAccess()},
		{"mainnet, 1-byte ids, expiry 0", Domain{big.NewInt(1), common.HexToAddress("0x00000000000000000000000000000000000000ff")},
			Access{Requester: []byte{0}, Server: []byte{0xff}}},
		{"max ids, max expiry, max chain id", Domain{huge, common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff")},
			Access{Requester: fakeID(9, MaxPeerIDLen), Server: fakeID(10, MaxPeerIDLen),
				Work: [32]byte{31: 1}, Challenge: [32]byte{0: 0x80}, Expiry: ^uint64(0)}},
		{"chain id 0", Domain{big.NewInt(0), common.Address{}}, NewAccess(fakeID(3, 39), fakeID(4, 34), [32]byte{5}, [32]byte{6}, testNow)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			td := apitypes.TypedData{
				Types: apitypes.Types{
					"EIP712Domain": {
						{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
						{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"},
					},
					"Access": {
						{Name: "requester", Type: "bytes"}, {Name: "server", Type: "bytes"},
						{Name: "work", Type: "bytes32"}, {Name: "challenge", Type: "bytes32"},
						{Name: "expiry", Type: "uint64"},
					},
				},
				PrimaryType: "Access",
				Domain: apitypes.TypedDataDomain{
					Name: "essaim", Version: "1",
					ChainId:           (*gmath.HexOrDecimal256)(new(big.Int).Set(c.d.ChainID)),
					VerifyingContract: c.d.Contract.Hex(),
				},
				Message: apitypes.TypedDataMessage{
					"requester": c.a.Requester, "server": c.a.Server,
					"work": c.a.Work, "challenge": c.a.Challenge,
					"expiry": new(big.Int).SetUint64(c.a.Expiry),
				},
			}
			want, _, err := apitypes.TypedDataAndHash(td)
			if err != nil {
				t.Fatal(err)
			}
			if got := Digest(c.d, c.a); !bytes.Equal(got[:], want) {
				t.Fatalf("Digest = %x, go-ethereum apitypes says %x", got, want)
			}
			if got := string(td.TypeHash("Access")); got != string(accessTypeHash[:]) {
				t.Fatalf("Access type hash differs")
			}
		})
	}
}

// TestDigestVector pins the digest of one fixed input, so that any change to
// the domain, type string or encoding shows up (the vector is in the
// protocol document too).
func TestDigestVector(t *testing.T) {
	a := Access{Requester: []byte("requester"), Server: []byte("server"),
		Work: [32]byte{1}, Challenge: [32]byte{2}, Expiry: 1_700_000_120}
	got := Digest(testDomain(), a)
	const want = "3e1393995f0daf58c9c51696ea6b22f24058e0823ac48b318baf6cc5871588a0"
	if hex.EncodeToString(got[:]) != want {
		t.Fatalf("Digest = %x, want %s", got, want)
	}
	// The same typed data signed by a wallet (eth_signTypedData_v4) with the
	// first well-known development account; ECDSA nonces are deterministic
	// (RFC 6979), so the signature is fixed too.
	key, err := crypto.HexToECDSA("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
	if err != nil {
		t.Fatal(err)
	}
	p := mustSign(t, testDomain(), a, key)
	const wantSig = "23dc1f3cad01817ad2add36592db32fc9af14f66730305c98be551c21980a043" +
		"0447eac8246b82bb9678a1f8517f458b05ad7c0d8146214810e7ded32c7977041b"
	if hex.EncodeToString(p.Signature[:]) != wantSig {
		t.Fatalf("Signature = %x, want %s", p.Signature, wantSig)
	}
	if p.Signer != common.HexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266") {
		t.Fatalf("Signer = %s", p.Signer)
	}
}

func TestSizes(t *testing.T) {
	if MaxSize != 416 || MinSize != 162 {
		t.Fatalf("MinSize, MaxSize = %d, %d; want 162, 416", MinSize, MaxSize)
	}
	key, _ := newKey(t)
	for _, n := range []int{1, MaxPeerIDLen} {
		a := NewAccess(fakeID(1, n), fakeID(2, n), [32]byte{}, [32]byte{}, testNow)
		b := mustMarshal(t, mustSign(t, testDomain(), a, key))
		if want := fixedSize + 2*n; len(b) != want {
			t.Errorf("ids of %d bytes: encoding is %d bytes, want %d", n, len(b), want)
		}
	}
}

func TestNewAccess(t *testing.T) {
	req, srv := fakeID(1, 5), fakeID(2, 6)
	a := NewAccess(req, srv, [32]byte{3}, [32]byte{4}, testNow.Add(900*time.Millisecond))
	if a.Expiry != uint64(testNow.Unix())+120 {
		t.Fatalf("expiry = %d, want now+120 = %d", a.Expiry, testNow.Unix()+120)
	}
	req[0], srv[0] = 0xee, 0xee
	if a.Requester[0] == 0xee || a.Server[0] == 0xee {
		t.Fatal("NewAccess aliases the caller's peer ids")
	}
	if a.Work != [32]byte{3} || a.Challenge != [32]byte{4} {
		t.Fatal("work or challenge not carried")
	}
}

func TestRoundTripWithKey(t *testing.T) {
	key, addr := newKey(t)
	d, a := testDomain(), testAccess()
	p := mustSign(t, d, a, key)
	if p.Signature[64] != 27 && p.Signature[64] != 28 {
		t.Fatalf("v = %d, want 27 or 28", p.Signature[64])
	}
	q, err := Decode(mustMarshal(t, p))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("round trip changed the proof:\n%+v\n%+v", p, q)
	}
	got, err := Verify(d, q, expectFor(a), testNow)
	if err != nil || got != addr {
		t.Fatalf("Verify = %s, %v; want %s, nil", got, err, addr)
	}
}

func TestRoundTripWithKeystore(t *testing.T) {
	ks, err := chain.OpenKeystore(t.TempDir(), chain.WithLightScrypt())
	if err != nil {
		t.Fatal(err)
	}
	addr, err := ks.New("pw")
	if err != nil {
		t.Fatal(err)
	}
	d, a := testDomain(), testAccess()
	if _, err := ks.Transactor(addr, "pw", d.ChainID); err != nil { // unlocks the key
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ks.Lock(addr) })
	sign := func(h []byte) ([]byte, error) { return ks.SignHash(addr, h) }
	p, err := Sign(d, a, addr, sign)
	if err != nil {
		t.Fatalf("Sign with the keystore: %v", err)
	}
	q, err := Decode(mustMarshal(t, p))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Verify(d, q, expectFor(a), testNow); err != nil || got != addr {
		t.Fatalf("Verify = %s, %v; want %s, nil", got, err, addr)
	}
	other, err := ks.New("pw")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sign(d, a, other, sign); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("Sign claiming another account = %v, want ErrBadSignature", err)
	}
}

// malleate returns sig with s replaced by n-s and v flipped: the same
// signer, a second signature for the same message.
func malleate(sig [65]byte) [65]byte {
	s := new(big.Int).SetBytes(sig[32:64])
	new(big.Int).Sub(secp256k1N, s).FillBytes(sig[32:64])
	sig[64] = 27 + 28 - sig[64]
	return sig
}

func TestMalleatedSignatureStillRecovers(t *testing.T) {
	// Guards the point of the s <= n/2 rule: without it, the high-s twin
	// would be a second valid encoding of the same proof.
	key, addr := newKey(t)
	d := testDomain()
	p := mustSign(t, d, testAccess(), key)
	m := malleate(p.Signature)
	m[64] -= 27
	h := Digest(d, p.Access)
	pub, err := crypto.SigToPub(h[:], m[:])
	if err != nil || crypto.PubkeyToAddress(*pub) != addr {
		t.Fatalf("malleated signature does not recover to the signer (%v): test premise broken", err)
	}
}

// verifyCase is one way of getting a proof wrong. Fields left nil keep the
// valid proof's values.
type verifyCase struct {
	name   string
	access func(*Access)                 // before signing
	proof  func(*Proof)                  // after signing
	expect func(*Expect)                 // what the server knows
	domain func(*Domain)                 // the server's domain
	now    func(exp time.Time) time.Time // the server's clock, given the expiry
	want   error
}

func verifyCases(other *ecdsa.PrivateKey) []verifyCase {
	setSig := func(f func(*[65]byte)) func(*Proof) { return func(p *Proof) { f(&p.Signature) } }
	nBytes := secp256k1N.FillBytes(make([]byte, 32))
	return []verifyCase{
		{name: "valid", want: nil},
		{name: "replay on another stream", expect: func(e *Expect) { e.Challenge[0] ^= 1 }, want: ErrWrongChallenge},
		{name: "other serving peer", expect: func(e *Expect) { e.Server = fakeID(7, 38) }, want: ErrWrongServer},
		{name: "server id prefix", expect: func(e *Expect) { e.Server = e.Server[:37] }, want: ErrWrongServer},
		{name: "other requester peer", expect: func(e *Expect) { e.Requester = fakeID(8, 38) }, want: ErrWrongRequester},
		{name: "empty expected requester", expect: func(e *Expect) { e.Requester = nil }, want: ErrWrongRequester},
		{name: "other work", expect: func(e *Expect) { e.Work[31] ^= 1 }, want: ErrWrongWork},
		{name: "other chain id", domain: func(d *Domain) { d.ChainID = big.NewInt(1) }, want: ErrBadSignature},
		{name: "other contract", domain: func(d *Domain) { d.Contract[19] ^= 1 }, want: ErrBadSignature},
		{name: "nil chain id", domain: func(d *Domain) { d.ChainID = nil }, want: ErrBadDomain},
		{name: "negative chain id", domain: func(d *Domain) { d.ChainID = big.NewInt(-31337) }, want: ErrBadDomain},
		{name: "expired", now: func(e time.Time) time.Time { return e.Add(time.Minute) }, want: ErrExpired},
		{name: "exact expiry second", now: func(e time.Time) time.Time { return e }, want: ErrExpired},
		{name: "last valid instant", now: func(e time.Time) time.Time { return e.Add(-time.Nanosecond) }, want: nil},
		{name: "at the future limit", now: func(e time.Time) time.Time { return e.Add(-MaxLifetime - Leeway) }, want: nil},
		{name: "too far in the future", now: func(e time.Time) time.Time { return e.Add(-MaxLifetime - Leeway - time.Second) }, want: ErrTooFarAhead},
		{name: "expiry at the end of time", access: func(a *Access) { a.Expiry = ^uint64(0) }, now: func(time.Time) time.Time { return testNow }, want: ErrTooFarAhead},
		{name: "expiry zero", access: func(a *Access) { a.Expiry = 0 }, now: func(time.Time) time.Time { return testNow }, want: ErrExpired},
		{name: "clock before 1970", now: func(time.Time) time.Time { return time.Unix(-1, 0) }, want: ErrTooFarAhead},
		{name: "expiry extended after signing", proof: func(p *Proof) { p.Expiry += 60 }, want: ErrBadSignature},
		{name: "signer field altered", proof: func(p *Proof) { p.Signer[0] ^= 1 }, want: ErrBadSignature},
		{name: "signed by another key", proof: func(p *Proof) {
			q, err := Sign(testDomain(), p.Access, crypto.PubkeyToAddress(other.PublicKey), keySigner(other))
			if err == nil { // else the proof stays valid and the case fails
				p.Signature = q.Signature
			}
		}, want: ErrBadSignature},
		{name: "v = 0", proof: setSig(func(s *[65]byte) { s[64] = 0 }), want: ErrBadSignature},
		{name: "v = 1", proof: setSig(func(s *[65]byte) { s[64] = 1 }), want: ErrBadSignature},
		{name: "v = 29", proof: setSig(func(s *[65]byte) { s[64] = 29 }), want: ErrBadSignature},
		{name: "v flipped", proof: setSig(func(s *[65]byte) { s[64] = 27 + 28 - s[64] }), want: ErrBadSignature},
		{name: "high s (malleated)", proof: setSig(func(s *[65]byte) { *s = malleate(*s) }), want: ErrBadSignature},
		{name: "r = 0", proof: setSig(func(s *[65]byte) { clear(s[:32]) }), want: ErrBadSignature},
		{name: "s = 0", proof: setSig(func(s *[65]byte) { clear(s[32:64]) }), want: ErrBadSignature},
		{name: "r = n", proof: setSig(func(s *[65]byte) { copy(s[:32], nBytes) }), want: ErrBadSignature},
		{name: "s = n", proof: setSig(func(s *[65]byte) { copy(s[32:64], nBytes) }), want: ErrBadSignature},
		{name: "zero signature", proof: setSig(func(s *[65]byte) { *s = [65]byte{} }), want: ErrBadSignature},
		{name: "empty requester", proof: func(p *Proof) { p.Requester = nil }, want: ErrMalformed},
		{name: "oversized server", proof: func(p *Proof) { p.Server = fakeID(2, MaxPeerIDLen+1) }, want: ErrMalformed},
	}
}

func TestVerifyRefuses(t *testing.T) {
	key, addr := newKey(t)
	other, _ := newKey(t)
	for _, c := range verifyCases(other) {
		t.Run(c.name, func(t *testing.T) {
			d, a := testDomain(), testAccess()
			if c.access != nil {
				c.access(&a)
			}
			p := mustSign(t, d, a, key)
			want := expectFor(a)
			want.Requester, want.Server = bytes.Clone(a.Requester), bytes.Clone(a.Server)
			apply(c.proof, p)
			apply(c.expect, &want)
			apply(c.domain, &d)
			now := testNow
			if c.now != nil {
				now = c.now(time.Unix(int64(a.Expiry), 0))
			}
			got, err := Verify(d, p, want, now)
			if c.want == nil {
				if err != nil || got != addr {
					t.Fatalf("Verify = %s, %v; want %s, nil", got, err, addr)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Verify error = %v, want %v", err, c.want)
			}
			if got != (common.Address{}) {
				t.Fatalf("refused proof still returned address %s", got)
			}
		})
	}
}

func apply[T any](f func(*T), v *T) {
	if f != nil {
		f(v)
	}
}

func TestVerifyNilProof(t *testing.T) {
	if _, err := Verify(testDomain(), nil, Expect{}, testNow); !errors.Is(err, ErrMalformed) {
		t.Fatalf("Verify(nil) = %v, want ErrMalformed", err)
	}
}

// TestDecodeSignatureLengths feeds every signature length from 0 to 66:
// only 65 decodes.
func TestDecodeSignatureLengths(t *testing.T) {
	key, _ := newKey(t)
	b := mustMarshal(t, mustSign(t, testDomain(), testAccess(), key))
	head, sig := b[:len(b)-65], b[len(b)-65:]
	for n := 0; n <= 66; n++ {
		enc := append(bytes.Clone(head), sig[:min(n, 65)]...)
		if n == 66 {
			enc = append(enc, 0)
		}
		_, err := Decode(enc)
		if n == 65 {
			if err != nil {
				t.Fatalf("65-byte signature refused: %v", err)
			}
		} else if !errors.Is(err, ErrMalformed) {
			t.Fatalf("%d-byte signature: Decode error = %v, want ErrMalformed", n, err)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	key, _ := newKey(t)
	valid := mustMarshal(t, mustSign(t, testDomain(), testAccess(), key))
	sigAt := len(valid) - 65
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(valid)) }
	cases := []struct {
		name   string
		enc    []byte
		badSig bool
	}{
		{name: "empty", enc: nil},
		{name: "one byte", enc: []byte{EncodingVersion}},
		{name: "version 0", enc: edit(func(b []byte) []byte { b[0] = 0; return b })},
		{name: "version 2", enc: edit(func(b []byte) []byte { b[0] = 2; return b })},
		{name: "requester length 0", enc: edit(func(b []byte) []byte { b[1] = 0; return b })},
		{name: "requester length 129", enc: edit(func(b []byte) []byte { b[1] = 129; return b })},
		{name: "requester length 255", enc: edit(func(b []byte) []byte { b[1] = 255; return b })},
		{name: "requester longer by one", enc: edit(func(b []byte) []byte { b[1]++; return b })},
		{name: "requester shorter by one", enc: edit(func(b []byte) []byte { b[1]--; return b })},
		{name: "server length 0", enc: edit(func(b []byte) []byte { b[2+int(b[1])] = 0; return b })},
		{name: "trailing byte", enc: append(bytes.Clone(valid), 0)},
		{name: "truncated", enc: valid[:len(valid)-1]},
		{name: "over MaxSize", enc: make([]byte, MaxSize+1)},
		{name: "v = 0", enc: edit(func(b []byte) []byte { b[len(b)-1] = 0; return b }), badSig: true},
		{name: "v = 1", enc: edit(func(b []byte) []byte { b[len(b)-1] = 1; return b }), badSig: true},
		{name: "v = 29", enc: edit(func(b []byte) []byte { b[len(b)-1] = 29; return b }), badSig: true},
		{name: "r = 0", enc: edit(func(b []byte) []byte { clear(b[sigAt : sigAt+32]); return b }), badSig: true},
		{name: "s = 0", enc: edit(func(b []byte) []byte { clear(b[sigAt+32 : sigAt+64]); return b }), badSig: true},
		{name: "high s", enc: edit(func(b []byte) []byte {
			m := malleate([65]byte(b[sigAt:]))
			copy(b[sigAt:], m[:])
			return b
		}), badSig: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decode(c.enc)
			if !errors.Is(err, ErrMalformed) || p != nil {
				t.Fatalf("Decode = %v, %v; want nil, ErrMalformed", p, err)
			}
			if c.badSig != errors.Is(err, ErrBadSignature) {
				t.Fatalf("errors.Is(%v, ErrBadSignature) = %v, want %v", err, !c.badSig, c.badSig)
			}
		})
	}
}

func TestDecodeGarbage(t *testing.T) {
	d := testDomain()
	want := expectFor(testAccess())
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		b := make([]byte, rng.IntN(MaxSize+40))
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		if i%2 == 0 && len(b) >= MinSize { // plausible header, garbage body
			b[0], b[1] = EncodingVersion, byte(rng.IntN(MaxPeerIDLen)+1)
		}
		p, err := Decode(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("garbage %x: error %v does not wrap ErrMalformed", b, err)
			}
			continue
		}
		if _, err := Verify(d, p, want, testNow); err == nil {
			t.Fatalf("garbage %x verified", b)
		}
	}
}

// TestFlipEveryByte alters each byte of a valid encoding in several ways:
// none of the results may verify.
func TestFlipEveryByte(t *testing.T) {
	key, _ := newKey(t)
	d, a := testDomain(), testAccess()
	valid := mustMarshal(t, mustSign(t, d, a, key))
	want := expectFor(a)
	for i := range valid {
		for _, mask := range []byte{0x01, 0x80, 0xff} {
			b := bytes.Clone(valid)
			b[i] ^= mask
			p, err := Decode(b)
			if err != nil {
				continue
			}
			if got, err := Verify(d, p, want, testNow); err == nil {
				t.Fatalf("byte %d ^ %#x: altered proof verified as %s", i, mask, got)
			}
		}
	}
}

func TestMarshalRefuses(t *testing.T) {
	key, _ := newKey(t)
	good := mustSign(t, testDomain(), testAccess(), key)
	for name, f := range map[string]func(*Proof){
		"empty requester": func(p *Proof) { p.Requester = nil },
		"long server":     func(p *Proof) { p.Server = fakeID(1, MaxPeerIDLen+1) },
		"v = 0":           func(p *Proof) { p.Signature[64] = 0 },
		"high s":          func(p *Proof) { p.Signature = malleate(p.Signature) },
	} {
		p := *good
		f(&p)
		if b, err := p.MarshalBinary(); !errors.Is(err, ErrMalformed) || b != nil {
			t.Errorf("%s: MarshalBinary = %x, %v; want nil, ErrMalformed", name, b, err)
		}
	}
	var nilProof *Proof
	if _, err := nilProof.MarshalBinary(); !errors.Is(err, ErrMalformed) {
		t.Errorf("nil proof: %v, want ErrMalformed", err)
	}
}

func TestSign(t *testing.T) {
	key, addr := newKey(t)
	other, _ := newKey(t)
	d, a := testDomain(), testAccess()
	boom := errors.New("device unplugged")
	highS := func(h []byte) ([]byte, error) { // the twin a non-canonical signer might return
		sig, err := crypto.Sign(h, key)
		m := malleate([65]byte(sig))
		m[64] -= 27
		return m[:], err
	}
	cases := []struct {
		name   string
		d      Domain
		a      Access
		sign   func([]byte) ([]byte, error)
		wantOK bool
		want   error
	}{
		{"crypto.Sign", d, a, keySigner(key), true, nil},
		{"v already 27/28", d, a, func(h []byte) ([]byte, error) { s, err := crypto.Sign(h, key); s[64] += 27; return s, err }, true, nil},
		{"high s is normalised", d, a, highS, true, nil},
		{"another key", d, a, keySigner(other), false, ErrBadSignature},
		{"signer error", d, a, func([]byte) ([]byte, error) { return nil, boom }, false, boom},
		{"64 bytes", d, a, func([]byte) ([]byte, error) { return make([]byte, 64), nil }, false, ErrBadSignature},
		{"v = 5", d, a, func(h []byte) ([]byte, error) { s, err := crypto.Sign(h, key); s[64] = 5; return s, err }, false, ErrBadSignature},
		{"zero signature", d, a, func([]byte) ([]byte, error) { return make([]byte, 65), nil }, false, ErrBadSignature},
		{"nil chain id", Domain{Contract: testContract}, a, keySigner(key), false, ErrBadDomain},
		{"empty requester", d, Access{Server: []byte{1}}, keySigner(key), false, ErrMalformed},
		{"nil signHash", d, a, nil, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Sign(c.d, c.a, addr, c.sign)
			if !c.wantOK {
				if err == nil || p != nil || (c.want != nil && !errors.Is(err, c.want)) {
					t.Fatalf("Sign = %v, %v; want nil and an error wrapping %v", p, err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, err := Verify(c.d, p, expectFor(c.a), testNow); err != nil || got != addr {
				t.Fatalf("Verify = %s, %v", got, err)
			}
			if _, err := Decode(mustMarshal(t, p)); err != nil {
				t.Fatalf("Sign produced a proof Decode refuses: %v", err)
			}
		})
	}
}

func TestSignDoesNotAlias(t *testing.T) {
	key, _ := newKey(t)
	a := testAccess()
	p := mustSign(t, testDomain(), a, key)
	a.Requester[0] ^= 0xff
	if _, err := Verify(testDomain(), p, expectFor(testAccess()), testNow); err != nil {
		t.Fatalf("changing the caller's slice changed the proof: %v", err)
	}
}
