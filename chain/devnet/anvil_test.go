package devnet

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"essaim/chain/anviltest"
)

// TestGasMatchesAnvil sends the same transactions to the devnet and to real
// Anvil and compares what each charged: the reason the fork schedule is
// pinned to Osaka.
func TestGasMatchesAnvil(t *testing.T) {
	anvilURL := anviltest.Start(t)
	d := startDevnet(t)
	ctx := testContext(t)

	gas := func(url string) []uint64 {
		c := dial(t, url)
		key := Accounts()[4].Key
		to := Accounts()[5].Address
		salt := common.Hash{7}
		txs := []struct {
			to   *common.Address
			data []byte
		}{
			{&to, nil}, // transfer
			{&to, common.FromHex("0x00ff00ff00000000000000000000000000000000000000000000000000000001")}, // calldata to an account
			{nil, answer42Init}, // CREATE
			{&Create2Deployer, append(salt.Bytes(), answer42Init...)}, // CREATE2 through the deployer
		}
		var used []uint64
		var last *types.Receipt
		for i, tx := range txs {
			sent, err := sendTx(ctx, c, key, tx.to, big.NewInt(0), tx.data, 300_000)
			if err != nil {
				t.Fatalf("%s tx %d: %v", url, i, err)
			}
			r, err := waitReceipt(ctx, c, sent.Hash())
			if err != nil || r.Status != types.ReceiptStatusSuccessful {
				t.Fatalf("%s tx %d: %v %+v", url, i, err, r)
			}
			used = append(used, r.GasUsed)
			last = r
		}
		// The contract is at its CREATE2 address, read at the receipt's
		// block: a receipt may be served a moment before "latest" moves.
		at := crypto.CreateAddress2(Create2Deployer, salt, crypto.Keccak256(answer42Init))
		if code, _ := c.CodeAt(ctx, at, last.BlockNumber); len(code) == 0 {
			t.Fatalf("%s: nothing at the CREATE2 address %s", url, at)
		}
		return used
	}
	want, got := gas(anvilURL), gas(d.HTTPURL())
	names := []string{"transfer", "calldata", "create", "create2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: devnet charged %d gas, anvil %d", names[i], got[i], want[i])
		}
	}
	t.Logf("gas used (devnet = anvil): %v", got)
}
