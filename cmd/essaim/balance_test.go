package main

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/devnet"
)

func TestBalance(t *testing.T) {
	t.Parallel()
	tc := startChain(t, false) // a balance needs no registry
	rich, poor := newUser(t, tc, 3), newUser(t, tc, -1)

	// Default: the keystore's account, in ether with its unit.
	stdout, stderr, code := rich.run(t, "balance")
	if code != 0 || stdout != "account  "+rich.addr.Hex()+"\nbalance  10000 ETH\n" {
		t.Fatalf("balance: exit %d, %q %q", code, stdout, stderr)
	}
	// --json: wei as a decimal string.
	var res balanceResult
	rich.runJSON(t, &res, "balance")
	if res.Account != rich.addr.Hex() || res.Balance != tc.balance(t, rich.addr).String() {
		t.Fatalf("balance --json = %+v, want %s wei", res, tc.balance(t, rich.addr))
	}
	// Another account, given as an argument or with --account.
	other := devnet.Accounts()[4].Address
	poor.runJSON(t, &res, "balance", other.Hex())
	if res.Account != other.Hex() || mustBig(t, res.Balance).Cmp(tc.balance(t, other)) != 0 {
		t.Fatalf("balance ADDR = %+v", res)
	}
	rich.runJSON(t, &res, "balance", "--account", rich.addr.Hex())
	if res.Account != rich.addr.Hex() {
		t.Fatalf("balance --account = %+v", res)
	}
	stdout, stderr, code = poor.run(t, "balance", "--account", rich.addr.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "no such account")
	// A fresh account holds nothing; fractions print exactly.
	if stdout, _, code := poor.run(t, "balance"); code != 0 || !strings.HasSuffix(stdout, "balance  0 ETH\n") {
		t.Fatalf("balance of a fresh account: exit %d, %q", code, stdout)
	}
	sendWei(t, tc, 5, poor.addr, big.NewInt(1.5e18))
	if stdout, _, _ := poor.run(t, "balance"); !strings.HasSuffix(stdout, "balance  1.5 ETH\n") {
		t.Fatalf("balance after receiving 1.5 ether: %q", stdout)
	}

	stdout, stderr, code = rich.run(t, "balance", "0x1234")
	wantOneLine(t, stdout, stderr, code, exitUsage, "not an address")
	stdout, stderr, code = rich.run(t, "balance", rich.addr.Hex(), other.Hex())
	wantOneLine(t, stdout, stderr, code, exitUsage, "at most one ADDR")
	stdout, stderr, code = rich.run(t, "balance", "--rpc", "http://127.0.0.1:1")
	wantOneLine(t, stdout, stderr, code, exitFailure, "RPC endpoint unreachable")
}

// sendWei sends value from development account i to a and waits for it.
func sendWei(t *testing.T, tc *testChain, i int, a common.Address, value *big.Int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opts := bind.NewKeyedTransactor(devnet.Accounts()[i].Key, tc.client.ChainID())
	opts.Context, opts.Value, opts.GasLimit = ctx, value, 21000 // a plain transfer; bind refuses to estimate one to an account without code
	tx, err := bind.NewBoundContract(a, abi.ABI{}, tc.client, tc.client, tc.client).RawTransact(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chain.WaitMined(ctx, tc.client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
}
