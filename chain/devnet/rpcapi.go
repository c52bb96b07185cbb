package devnet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Anvil's test helpers, served over JSON-RPC. go-ethereum's rpc package
// names a method namespace_lowerCamel: evmAPI.IncreaseTime is
// evm_increaseTime.

// evmAPI serves the evm_ namespace.
type evmAPI struct {
	d      *Devnet
	offset atomic.Int64 // seconds added by evm_increaseTime so far
}

// IncreaseTime moves block time forward by seconds and returns the total
// offset in seconds, as Anvil does. Unlike Anvil it seals an empty block at
// the new time at once (see Devnet.AdjustTime).
func (api *evmAPI) IncreaseTime(seconds quantity) (int64, error) {
	if uint64(seconds) > math.MaxInt64/uint64(time.Second) {
		return 0, fmt.Errorf("evm_increaseTime: %d seconds is too far", uint64(seconds))
	}
	if err := api.d.AdjustTime(time.Duration(seconds) * time.Second); err != nil {
		return 0, err
	}
	return api.offset.Add(int64(seconds)), nil
}

// Mine seals one block, including pending transactions, and returns "0x0"
// as Anvil does. Anvil's optional timestamp argument moves time forward to
// it first; a timestamp not after the head is ignored.
func (api *evmAPI) Mine(arg *mineArg) (string, error) {
	blocks := 1
	if arg != nil {
		if arg.blocks > 0 {
			blocks = arg.blocks
		}
		if arg.timestamp > 0 {
			head := api.d.backend.BlockChain().CurrentBlock().Time
			if arg.timestamp > head {
				if err := api.d.AdjustTime(time.Duration(arg.timestamp-head) * time.Second); err != nil {
					return "", err
				}
				blocks--
			}
		}
	}
	return "0x0", api.d.Mine(blocks)
}

// anvilAPI serves the anvil_ namespace.
type anvilAPI struct{ d *Devnet }

// maxMine bounds anvil_mine so one request cannot stall the chain.
const maxMine = 10_000

// Mine seals blocks (default one), as anvil_mine does. The optional
// interval argument is accepted and ignored: blocks are one second apart.
func (api *anvilAPI) Mine(blocks *quantity, interval *quantity) error {
	n := uint64(1)
	if blocks != nil {
		n = uint64(*blocks)
	}
	if n > maxMine {
		return fmt.Errorf("anvil_mine: at most %d blocks per call", maxMine)
	}
	return api.d.Mine(int(n))
}

// quantity is a JSON-RPC number given either as a JSON number or as a hex
// or decimal string, as Anvil accepts.
type quantity uint64

func (q *quantity) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	var (
		v   uint64
		err error
	)
	if rest, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		v, err = strconv.ParseUint(rest, 16, 64)
	} else {
		v, err = strconv.ParseUint(s, 10, 64)
	}
	if err != nil {
		return fmt.Errorf("invalid quantity %s", b)
	}
	*q = quantity(v)
	return nil
}

// mineArg is evm_mine's optional argument: a timestamp, or an object
// {timestamp, blocks}.
type mineArg struct {
	timestamp uint64
	blocks    int
}

func (m *mineArg) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var o struct {
			Timestamp *quantity `json:"timestamp"`
			Blocks    *quantity `json:"blocks"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		if o.Timestamp != nil {
			m.timestamp = uint64(*o.Timestamp)
		}
		if o.Blocks != nil {
			if *o.Blocks > maxMine {
				return fmt.Errorf("evm_mine: at most %d blocks per call", maxMine)
			}
			m.blocks = int(*o.Blocks)
		}
		return nil
	}
	var q quantity
	if err := q.UnmarshalJSON(b); err != nil {
		return err
	}
	m.timestamp = uint64(q)
	return nil
}
