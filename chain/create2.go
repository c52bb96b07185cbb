package chain

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// Create2Factory is the deterministic deployment proxy that Anvil ships and
// that exists on most public chains: sending it salt (32 bytes) followed by
// init code deploys that code with CREATE2. A contract deployed through it
// has the same address on every chain, which is how every essaim command
// finds the contracts without being told where they are.
var Create2Factory = common.HexToAddress("0x4e59b44847b379578588920ca78fbf26c0b4956c")

// ErrNoFactory means the chain has no deterministic deployment proxy.
var ErrNoFactory = errors.New("no deterministic deployment proxy on this chain")

// Create2Address returns where the factory deploys initCode with salt.
func Create2Address(initCode []byte, salt common.Hash) common.Address {
	return crypto.CreateAddress2(Create2Factory, salt, crypto.Keccak256(initCode))
}

// DeployCreate2 deploys initCode through the factory and waits for it. It
// does nothing when code is already at the address (deployment is
// idempotent) and reports the address either way.
func DeployCreate2(ctx context.Context, b DeployBackend, opts *bind.TransactOpts, initCode []byte, salt common.Hash) (common.Address, error) {
	addr := Create2Address(initCode, salt)
	if code, err := b.CodeAt(ctx, addr, nil); err != nil {
		return addr, err
	} else if len(code) > 0 {
		return addr, nil
	}
	if code, err := b.CodeAt(ctx, Create2Factory, nil); err != nil {
		return addr, err
	} else if len(code) == 0 {
		return addr, fmt.Errorf("%w (%s)", ErrNoFactory, Create2Factory)
	}
	data := append(salt.Bytes(), initCode...) // the proxy's calldata: salt, then init code
	gas, err := b.EstimateGas(ctx, ethereum.CallMsg{From: opts.From, To: &Create2Factory, Data: data})
	if err != nil {
		return addr, fmt.Errorf("estimate deployment gas: %w", err)
	}
	tx, err := bind.NewBoundContract(Create2Factory, abi.ABI{}, b, b, b).RawTransact(withGas(opts, gas), data)
	if err != nil {
		return addr, fmt.Errorf("send deployment: %w", err)
	}
	r, err := WaitMined(ctx, b, tx.Hash())
	if err != nil {
		return addr, err
	}
	// Read at the receipt's block: a node may serve the receipt a moment
	// before that block is its head (seen with the devnet under load).
	if code, err := b.CodeAt(ctx, addr, r.BlockNumber); err != nil || len(code) == 0 {
		return addr, fmt.Errorf("no code at %s after deployment (%v)", addr, err)
	}
	return addr, nil
}

// DeployBackend is what DeployCreate2 needs from a chain connection.
type DeployBackend interface {
	bind.ContractBackend
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
}

func withGas(opts *bind.TransactOpts, gas uint64) *bind.TransactOpts {
	o := *opts
	o.GasLimit = gas + gas/5
	return &o
}
