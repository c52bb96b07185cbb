package chain_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

// startChain runs a devnet on a free port and dials it over WebSocket.
func startChain(t *testing.T) (*devnet.Devnet, *chain.Client) {
	t.Helper()
	d, err := devnet.New(devnet.WithPort(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := chain.Dial(ctx, d.WSURL(), big.NewInt(31337))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return d, c
}

func TestDialChecksChainID(t *testing.T) {
	d, _ := startChain(t)
	ctx := context.Background()
	if _, err := chain.Dial(ctx, d.HTTPURL(), big.NewInt(1)); !errors.Is(err, chain.ErrWrongChain) {
		t.Fatalf("Dial with chain id 1: %v, want ErrWrongChain", err)
	}
	if _, err := chain.Dial(ctx, "http://127.0.0.1:1", nil); !errors.Is(err, chain.ErrUnreachable) {
		t.Fatalf("Dial to a closed port: %v, want ErrUnreachable", err)
	}
}

func TestDeployRegistryAndDecodeReverts(t *testing.T) {
	_, c := startChain(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	deployer := devnet.Accounts()[9]
	opts := bind.NewKeyedTransactor(deployer.Key, c.ChainID())

	addr, err := chain.DeployRegistry(ctx, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	if addr != chain.RegistryAddress() {
		t.Fatalf("deployed at %s, want the deterministic %s", addr, chain.RegistryAddress())
	}
	nonce, err := c.NonceAt(ctx, deployer.Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A second deployment finds the code and sends nothing.
	if again, err := chain.DeployRegistry(ctx, c, opts); err != nil || again != addr {
		t.Fatalf("second DeployRegistry: %s, %v", again, err)
	}
	if n, _ := c.NonceAt(ctx, deployer.Address, nil); n != nonce {
		t.Fatalf("second DeployRegistry sent a transaction (nonce %d -> %d)", nonce, n)
	}

	// A custom revert comes back typed, with its arguments.
	reg := registry.NewEssaimRegistry()
	inst := reg.Instance(c, addr)
	buyer := bind.NewKeyedTransactor(devnet.Accounts()[1].Key, c.ChainID())
	root := common.Hash{0xaa}
	_, err = bind.Transact(inst, buyer, reg.PackBuy(root, 0, big.NewInt(0)))
	err = chain.DecodeRevert(err)
	var rev *chain.RevertError
	if !errors.As(err, &rev) || rev.Name != "NotRegistered" || rev.Args["root"] != [32]byte(root) {
		t.Fatalf("buy of an unregistered work: %v; want RevertError NotRegistered(root)", err)
	}
	if !errors.Is(err, chain.ErrReverted) {
		t.Errorf("%v does not match ErrReverted", err)
	}
	t.Logf("decoded: %v", err)

	// Views work through the bindings.
	valid, err := bind.Call(inst, nil, reg.PackHasValidLicense(root, buyer.From), reg.UnpackHasValidLicense)
	if err != nil || valid {
		t.Fatalf("hasValidLicense of an unregistered work = %v, %v", valid, err)
	}
}

type fakeDataError struct{ data any }

func (e fakeDataError) Error() string  { return "execution reverted" }
func (e fakeDataError) ErrorData() any { return e.data }

func TestDecodeRevertRefusesGarbage(t *testing.T) {
	for _, data := range []any{nil, 42, "", "0x", "0x12", "0x123456", "zz", "0xdeadbeef", "0xe8a961d5", "0xe8a961d500"} {
		in := fakeDataError{data}
		if got := chain.DecodeRevert(in); got != error(in) {
			t.Errorf("DecodeRevert(data %v) = %v, want the error unchanged", data, got)
		}
	}
	if chain.DecodeRevert(nil) != nil {
		t.Error("DecodeRevert(nil) != nil")
	}
}

// TestRevealEstimatedRightAfterCommit guards the devnet's Anvil-like
// eth_estimateGas: the reveal must be estimable in the block after the
// commit's, with no other transaction sealing a block in between.
func TestRevealEstimatedRightAfterCommit(t *testing.T) {
	_, c := startChain(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	opts := bind.NewKeyedTransactor(devnet.Accounts()[2].Key, c.ChainID())
	addr, err := chain.DeployRegistry(ctx, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.NewEssaimRegistry()
	inst := reg.Instance(c, addr)
	root, salt := [32]byte{1, 2, 3}, [32]byte{4, 5, 6}
	commitment, err := bind.Call(inst, nil, reg.PackComputeCommitment(root, opts.From, salt), reg.UnpackComputeCommitment)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{
		reg.PackCommit(commitment),
		reg.PackRegister(root, salt, "title", []string{"tag"}, [32]byte{}, false, nil, nil),
	} {
		tx, err := bind.Transact(inst, opts, data)
		if err != nil {
			t.Fatal(chain.DecodeRevert(err))
		}
		if _, err := chain.WaitMined(ctx, c, tx.Hash()); err != nil {
			t.Fatal(err)
		}
	}
	w, err := bind.Call(inst, nil, reg.PackWorks(root), reg.UnpackWorks)
	if err != nil || w.Creator != opts.From {
		t.Fatalf("works(root) = %+v, %v; want creator %s", w, err, opts.From)
	}
}
