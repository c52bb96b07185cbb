package chain_test

import (
	"context"
	"crypto/rand"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/anviltest"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

// The chain benchmarks compare the devnet with a real Anvil (npm
// @foundry-rs/anvil, run by `npm ci`) in the same run:
//
//	go test ./chain -run '^$' -bench . -benchtime 200x
//
// TxRoundTrip is a registry write (grant) from send to receipt as the CLI
// waits for it (chain.WaitMined); LicenseCheck is one hasValidLicense
// eth_call over HTTP.

func BenchmarkTxRoundTrip(b *testing.B) {
	for _, name := range []string{"devnet", "anvil"} {
		b.Run(name, func(b *testing.B) {
			c, reg, root, opts := benchRegistry(b, name)
			inst := reg.Instance(c, chain.RegistryAddress())
			ctx := context.Background()
			b.ResetTimer()
			for range b.N {
				tx, err := bind.Transact(inst, opts, reg.PackGrant(root, randomAddress(b), 3600))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := chain.WaitMined(ctx, c, tx.Hash()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLicenseCheck(b *testing.B) {
	for _, name := range []string{"devnet", "anvil"} {
		b.Run(name, func(b *testing.B) {
			c, reg, root, opts := benchRegistry(b, name)
			inst := reg.Instance(c, chain.RegistryAddress())
			b.ResetTimer()
			for range b.N {
				ok, err := bind.Call(inst, nil, reg.PackHasValidLicense(root, opts.From), reg.UnpackHasValidLicense)
				if err != nil || !ok {
					b.Fatalf("hasValidLicense = %v, %v", ok, err)
				}
			}
		})
	}
}

// benchRegistry starts the named chain, deploys the registry, registers a
// work as development account 0 and returns a client on HTTP.
func benchRegistry(b *testing.B, name string) (*chain.Client, *registry.EssaimRegistry, [32]byte, *bind.TransactOpts) {
	b.Helper()
	var url string
	switch name {
	case "devnet":
		d, err := devnet.New(devnet.WithPort(0))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { d.Close() })
		url = d.HTTPURL()
	case "anvil":
		url = anviltest.Start(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := chain.Dial(ctx, url, big.NewInt(31337))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.Close)
	opts := bind.NewKeyedTransactor(devnet.Accounts()[0].Key, c.ChainID())
	if _, err := chain.DeployRegistry(ctx, c, opts); err != nil {
		b.Fatal(err)
	}
	reg := registry.NewEssaimRegistry()
	inst := reg.Instance(c, chain.RegistryAddress())
	var root, salt [32]byte
	rand.Read(root[:])
	rand.Read(salt[:])
	commitment, err := bind.Call(inst, nil, reg.PackComputeCommitment(root, opts.From, salt), reg.UnpackComputeCommitment)
	if err != nil {
		b.Fatal(err)
	}
	send := func(data []byte) {
		tx, err := bind.Transact(inst, opts, data)
		if err == nil {
			_, err = chain.WaitMined(ctx, c, tx.Hash())
		}
		if err != nil {
			b.Fatal(chain.DecodeRevert(err))
		}
	}
	send(reg.PackCommit(commitment))
	send(reg.PackRegister(root, salt, "bench", []string{"x"}, [32]byte{}, false, nil, nil))
	return c, reg, root, opts
}

func randomAddress(b *testing.B) common.Address {
	var a common.Address
	rand.Read(a[:])
	return a
}
