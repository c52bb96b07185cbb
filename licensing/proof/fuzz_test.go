package proof

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

// FuzzDecode checks that Decode never panics, that every error wraps
// ErrMalformed, and that an input it accepts is the one encoding of the
// proof it decodes to.
func FuzzDecode(f *testing.F) {
	key, err := crypto.HexToECDSA("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range []int{1, 38, MaxPeerIDLen} {
		a := NewAccess(fakeID(1, n), fakeID(2, n), [32]byte{3}, [32]byte{4}, testNow)
		f.Add(mustMarshal(f, mustSign(f, testDomain(), a, key)))
	}
	f.Add([]byte{})
	f.Add([]byte{EncodingVersion, 1, 0, 1, 0})
	f.Add(bytes.Repeat([]byte{0xff}, MaxSize))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Decode(b)
		if err != nil {
			if p != nil || !errors.Is(err, ErrMalformed) {
				t.Fatalf("Decode = %v, %v; want nil and ErrMalformed", p, err)
			}
			return
		}
		again, err := p.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded proof does not encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoding differs:\n in %x\nout %x", b, again)
		}
	})
}

// FuzzVerify gives Verify arbitrary bytes, a fuzzed requester and a fuzzed
// clock against one real signed proof. Only that exact proof, for its own
// requester, within its time window, may verify: no mutation of it can.
func FuzzVerify(f *testing.F) {
	key, err := crypto.HexToECDSA("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a")
	if err != nil {
		f.Fatal(err)
	}
	d, a := testDomain(), testAccess()
	p := mustSign(f, d, a, key)
	valid := mustMarshal(f, p)
	f.Add(valid, a.Requester, testNow.Unix())
	f.Add(valid, a.Requester, int64(a.Expiry))
	f.Add(valid, a.Requester, int64(a.Expiry)-330)
	f.Add(valid, fakeID(8, 38), testNow.Unix())
	f.Add(valid[:len(valid)-1], a.Requester, testNow.Unix())
	f.Add([]byte{}, []byte{}, int64(-1))
	f.Fuzz(func(t *testing.T, b, requester []byte, now int64) {
		q, err := Decode(b)
		if err != nil {
			return
		}
		want := expectFor(a)
		want.Requester = requester
		got, err := Verify(d, q, want, time.Unix(now, 0))
		if err != nil {
			if got != ([20]byte{}) {
				t.Fatalf("refused proof returned address %s", got)
			}
			return
		}
		switch {
		case got != p.Signer:
			t.Fatalf("verified as %s, want %s", got, p.Signer)
		case !bytes.Equal(b, valid):
			t.Fatalf("an altered proof verified: %x", b)
		case !bytes.Equal(requester, a.Requester):
			t.Fatalf("proof verified for requester %x", requester)
		case now >= int64(a.Expiry) || int64(a.Expiry) > now+330:
			t.Fatalf("proof verified outside its window at %d (expiry %d)", now, a.Expiry)
		}
	})
}
