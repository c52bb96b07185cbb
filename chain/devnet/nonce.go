package devnet

import (
	"context"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"
)

// ethAPI replaces go-ethereum's eth_getTransactionCount. go-ethereum answers
// the "pending" count from its transaction pool, whose view trails the
// chain by one background reset: with several senders at once, 1–4% of
// answers given right after eth_sendRawTransaction missed the transaction
// just sent, or one already mined, and a client taking its next nonce from
// there reused one ("already known"). Anvil never lags; neither does this:
// it brings the pool up to the head first, and never answers less than the
// head's own nonce.
//
// It is registered after go-ethereum's eth API; go-ethereum's RPC registry
// lets the later method of a name win. TestPendingNonceIncludesJustSentTx
// fails if that ever changes.
type ethAPI struct{ d *Devnet }

// GetTransactionCount returns the nonce of address at the given block;
// "pending" counts every transaction the pool holds for it.
func (api *ethAPI) GetTransactionCount(ctx context.Context, address common.Address, block *rpc.BlockNumberOrHash) (*hexutil.Uint64, error) {
	b := api.d.backend.APIBackend
	at := rpc.BlockNumberOrHashWithNumber(rpc.LatestBlockNumber)
	if block != nil {
		at = *block
	}
	pending := false
	if n, ok := at.Number(); ok && n == rpc.PendingBlockNumber {
		pending = true
		at = rpc.BlockNumberOrHashWithNumber(rpc.LatestBlockNumber)
		// Wait for the pool to reset to the current head and promote what
		// it has queued; go-ethereum does this on a background thread.
		if err := api.d.syncPool(); err != nil {
			return nil, err
		}
	}
	state, _, err := b.StateAndHeaderByNumberOrHash(ctx, at)
	if state == nil || err != nil {
		return nil, err
	}
	nonce := state.GetNonce(address)
	if pending {
		nonce = max(nonce, api.d.backend.TxPool().PoolNonce(address))
	}
	return (*hexutil.Uint64)(&nonce), state.Error()
}
