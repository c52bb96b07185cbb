package fetch

import (
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"essaim/licensing/proof"
	"essaim/p2p/xfer"
)

// signer returns a Prover signing with a fresh key under the test
// holders' domain.
func signer(t *testing.T) xfer.Prover {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	return func(a proof.Access) ([]byte, error) {
		p, err := proof.Sign(testDomain, a, addr, func(h []byte) ([]byte, error) { return crypto.Sign(h, key) })
		if err != nil {
			return nil, err
		}
		return p.MarshalBinary()
	}
}
