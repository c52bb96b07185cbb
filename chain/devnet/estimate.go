package devnet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"
)

// estimator answers eth_estimateGas the way Anvil does: without a block
// (or with "pending") the call runs in the next block, number head+1, not
// in the head itself as go-ethereum does. A contract that checks
// block.number > the block of an earlier transaction (essaim's
// commit-reveal) can then be estimated right after that transaction is
// mined, on a chain that seals a block only per transaction.
//
// go-ethereum keeps its implementation in an internal package; it is
// reached here through the service object its eth backend exposes, with
// the argument types decoded from JSON by reflection.
type estimator struct {
	method reflect.Value // BlockChainAPI.EstimateGas
}

func newEstimator(apis []rpc.API) (*estimator, error) {
	for _, api := range apis {
		if api.Namespace != "eth" {
			continue
		}
		m := reflect.ValueOf(api.Service).MethodByName("EstimateGas")
		if m.IsValid() && m.Type().NumIn() == 5 {
			return &estimator{method: m}, nil
		}
	}
	return nil, errors.New("devnet: go-ethereum's eth_estimateGas not found")
}

// estimate runs go-ethereum's EstimateGas with args (JSON), at block (nil:
// pending), with optional state and block overrides (JSON).
func (e *estimator) estimate(ctx context.Context, d *Devnet, args json.RawMessage, block *rpc.BlockNumberOrHash, state, overrides *json.RawMessage) (hexutil.Uint64, error) {
	t := e.method.Type()
	in := []reflect.Value{reflect.ValueOf(ctx), reflect.New(t.In(1)).Elem(), reflect.Zero(t.In(2)), reflect.Zero(t.In(3)), reflect.Zero(t.In(4))}
	if err := json.Unmarshal(args, in[1].Addr().Interface()); err != nil {
		return 0, fmt.Errorf("invalid argument 0: %w", err)
	}
	at := rpc.BlockNumberOrHashWithNumber(rpc.LatestBlockNumber)
	next := block == nil
	if block != nil {
		at = *block
		if n, ok := block.Number(); ok && n == rpc.PendingBlockNumber {
			at, next = rpc.BlockNumberOrHashWithNumber(rpc.LatestBlockNumber), true
		}
	}
	in[2] = reflect.ValueOf(&at)
	if state != nil {
		v := reflect.New(t.In(3).Elem())
		if err := json.Unmarshal(*state, v.Interface()); err != nil {
			return 0, fmt.Errorf("invalid argument 2: %w", err)
		}
		in[3] = v
	}
	bo := reflect.New(t.In(4).Elem())
	if overrides != nil {
		if err := json.Unmarshal(*overrides, bo.Interface()); err != nil {
			return 0, fmt.Errorf("invalid argument 3: %w", err)
		}
	} else if next {
		head := d.backend.BlockChain().CurrentBlock()
		nextBlock := fmt.Sprintf(`{"number":"%s","time":"%s"}`,
			hexutil.EncodeBig(new(big.Int).Add(head.Number, big.NewInt(1))), hexutil.EncodeUint64(head.Time+1))
		if err := json.Unmarshal([]byte(nextBlock), bo.Interface()); err != nil {
			return 0, err
		}
	}
	in[4] = bo
	out := e.method.Call(in)
	if err, _ := out[1].Interface().(error); err != nil {
		return 0, err
	}
	return hexutil.Uint64(out[0].Uint()), nil
}

// EstimateGas is eth_estimateGas; see estimator.
func (api *ethAPI) EstimateGas(ctx context.Context, args json.RawMessage, block *rpc.BlockNumberOrHash, state, overrides *json.RawMessage) (hexutil.Uint64, error) {
	return api.d.estimator.estimate(ctx, api.d, args, block, state, overrides)
}
