package host

import (
	"encoding/binary"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// workKeyDomain separates work keys from every other use of SHA-256 in the
// project; the version lets the derivation change without mixing old and
// new providers.
const workKeyDomain = "essaim/work/v1"

// WorkKey is the DHT key under which holders of a work announce themselves:
// a CIDv1 (raw codec, sha2-256) of
//
//	"essaim/work/v1" || chainID (8 bytes, big-endian) || contract (20) || root (32)
//
// Binding the chain id and registry contract keeps providers of different
// deployments (mainnet, a testnet, a local devnet) apart, and hashing rather
// than using the content root directly keeps the DHT key from being the
// root itself, which other systems may already use for other purposes.
func WorkKey(chainID uint64, contract [20]byte, root [32]byte) cid.Cid {
	buf := make([]byte, 0, len(workKeyDomain)+8+20+32)
	buf = append(buf, workKeyDomain...)
	buf = binary.BigEndian.AppendUint64(buf, chainID)
	buf = append(buf, contract[:]...)
	buf = append(buf, root[:]...)
	sum, err := mh.Sum(buf, mh.SHA2_256, -1)
	if err != nil {
		// sha2-256 is always registered; this cannot happen.
		panic("essaim/p2p/host: sha2-256 multihash: " + err.Error())
	}
	return cid.NewCidV1(cid.Raw, sum)
}
