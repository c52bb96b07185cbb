package node

import (
	"crypto/ecdsa"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	p2pcrypto "github.com/libp2p/go-libp2p/core/crypto"

	"essaim/licensing/proof"
	"essaim/p2p/xfer"
)

func newKey(t testing.TB) p2pcrypto.PrivKey {
	t.Helper()
	k, _, err := p2pcrypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// keyProver signs access proofs in domain d with key, as a downloader's
// keystore would.
func keyProver(d proof.Domain, key *ecdsa.PrivateKey) xfer.Prover {
	addr := crypto.PubkeyToAddress(key.PublicKey)
	return func(a proof.Access) ([]byte, error) {
		p, err := proof.Sign(d, a, addr, func(h []byte) ([]byte, error) { return crypto.Sign(h, key) })
		if err != nil {
			return nil, err
		}
		return p.MarshalBinary()
	}
}
