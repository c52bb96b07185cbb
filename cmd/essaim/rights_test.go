package main

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"essaim/chain"
	"essaim/chain/devnet"
	"essaim/chain/registry"
	"essaim/p2p/content"
)

// newWork writes a small work with the given content and returns its path.
func newWork(t *testing.T, data string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "work.txt"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func wantBig(t *testing.T, what string, got, want *big.Int) {
	t.Helper()
	if got.Cmp(want) != 0 {
		t.Errorf("%s: got %s, want %s (off by %s)", what, got, want, new(big.Int).Sub(got, want))
	}
}

func TestRegisterBuyCheckGrantWithdraw(t *testing.T) {
	t.Parallel()
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 0), newUser(t, tc, 1)
	other := devnet.Accounts()[2].Address
	price := big.NewInt(1e16) // 0.01ether

	// Register: the work is the same string `essaim hash` prints.
	dir := newWork(t, "a film")
	m, err := content.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	var reg registerResult
	creator.runJSON(t, &reg, "register", dir, "--title", "A film", "--tag", "film", "--price", "0.01ether", "--duration", "30d")
	if reg.Work != m.Root().String() || reg.Creator != creator.addr.Hex() || len(reg.Offers) != 1 ||
		reg.Offers[0].Price != price.String() || reg.Offers[0].Duration != 30*86400 || reg.CommitTx == "" || reg.RegisterTx == "" {
		t.Fatalf("register: %+v", reg)
	}
	work := reg.Work

	// Buy, with the work given with 0x.
	before := tc.balance(t, buyer.addr)
	var bought licenseResult
	buyer.runJSON(t, &bought, "buy", "0x"+work)
	wantBig(t, "buyer's balance after buying", tc.balance(t, buyer.addr),
		new(big.Int).Sub(before, new(big.Int).Add(price, gasCost(tc.receipt(t, bought.Tx)))))
	if now := uint64(time.Now().Unix()); bought.Expiry < now+30*86400-60 || bought.Expiry > now+30*86400+60 {
		t.Errorf("expiry %d, want about now + 30 days", bought.Expiry)
	}

	// Checks: the buyer and the creator may fetch it, another account not.
	stdout, stderr, code := run(t, buyer.env, "license", "check", work, buyer.addr.Hex())
	if code != 0 || !strings.Contains(stdout, "valid until") {
		t.Errorf("check buyer: exit %d, %q %q", code, stdout, stderr)
	}
	stdout, _, code = run(t, buyer.env, "license", "check", work, creator.addr.Hex())
	if code != 0 || !strings.Contains(stdout, "creator") {
		t.Errorf("check creator: exit %d, %q", code, stdout)
	}
	stdout, stderr, code = run(t, buyer.env, "license", "check", work, other.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "no license")

	// Grant: the other account may now fetch it, for an hour.
	var granted licenseResult
	creator.runJSON(t, &granted, "grant", work, other.Hex(), "--duration", "1h")
	if stdout, _, code = run(t, buyer.env, "license", "check", work, other.Hex()); code != 0 || !strings.Contains(stdout, "valid until") {
		t.Errorf("check after grant: exit %d, %q", code, stdout)
	}

	// A second work with a 60/40 split, bought for 1000 wei.
	var reg2 registerResult
	creator.runJSON(t, &reg2, "register", newWork(t, "a song"), "--title", "A song", "--price", "1000",
		"--split", creator.addr.Hex()+":6000", "--split", buyer.addr.Hex()+":4000")
	buyer.runJSON(t, &bought, "buy", reg2.Work)

	// Withdraw without works: the creator gets all of the first and 60% of the second.
	before = tc.balance(t, creator.addr)
	var wd withdrawResult
	creator.runJSON(t, &wd, "withdraw")
	want := new(big.Int).Add(price, big.NewInt(600))
	wantBig(t, "creator's withdrawal", mustBig(t, wd.Amount), want)
	gas := gasCost(tc.receipt(t, wd.Tx))
	after := tc.balance(t, creator.addr)
	wantBig(t, "creator's balance after withdrawing", after, new(big.Int).Sub(new(big.Int).Add(before, want), gas))
	if delta := new(big.Int).Sub(after, before); delta.Cmp(want) > 0 || new(big.Int).Sub(want, delta).Cmp(gas) > 0 {
		t.Errorf("creator's balance moved by %s, want %s within the %s wei of gas", delta, want, gas)
	}
	stdout, stderr, code = creator.run(t, "withdraw")
	wantOneLine(t, stdout, stderr, code, exitFailure, "nothing to withdraw")

	// The payee finds its share by itself too.
	buyer.runJSON(t, &wd, "withdraw")
	wantBig(t, "payee's withdrawal", mustBig(t, wd.Amount), big.NewInt(400))
	if len(wd.Works) != 1 || wd.Works[0] != reg2.Work {
		t.Errorf("payee withdrew from %q, want [%s]", wd.Works, reg2.Work)
	}

	// After 31 days the bought license has expired.
	if err := tc.d.AdjustTime(31 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = run(t, buyer.env, "license", "check", work, buyer.addr.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "expired at")
}

func TestRegisterWithoutOffer(t *testing.T) {
	t.Parallel()
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 4), newUser(t, tc, 5)
	var reg registerResult
	creator.runJSON(t, &reg, "register", newWork(t, "private"), "--title", "Private")
	if len(reg.Offers) != 0 || reg.Open {
		t.Fatalf("register without --price: %+v", reg)
	}
	stdout, stderr, code := buyer.run(t, "buy", reg.Work)
	wantOneLine(t, stdout, stderr, code, exitFailure, "has no offer 0")

	var open registerResult
	creator.runJSON(t, &open, "register", newWork(t, "public"), "--title", "Public", "--open")
	if stdout, _, code := buyer.run(t, "license", "check", open.Work, buyer.addr.Hex()); code != 0 || !strings.Contains(stdout, "open work") {
		t.Errorf("check an open work: exit %d, %q", code, stdout)
	}
}

func mustBig(t *testing.T, s string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

func TestChainErrors(t *testing.T) {
	t.Parallel()
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 6), newUser(t, tc, 7)
	poor := newUser(t, tc, -1)

	var reg registerResult
	creator.runJSON(t, &reg, "register", newWork(t, "scarce"), "--title", "Scarce", "--price", "5gwei", "--supply", "1")
	var bought licenseResult
	buyer.runJSON(t, &bought, "buy", reg.Work)
	var retired registerResult
	creator.runJSON(t, &retired, "register", newWork(t, "retired"), "--title", "Retired", "--price", "1wei")
	retireOffer(t, tc, 6, retired.Work)
	var cheap registerResult
	creator.runJSON(t, &cheap, "register", newWork(t, "cheap"), "--title", "Cheap", "--price", "1wei")

	wrongPW := filepath.Join(t.TempDir(), "wrong")
	if err := os.WriteFile(wrongPW, []byte("not it\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	unknown := strings64("42")
	tests := []struct {
		name    string
		u       *user
		args    []string
		code    int
		message string
	}{
		{"no funds to register", poor, []string{"register", newWork(t, "poor"), "--title", "x"}, exitFailure, "insufficient funds"},
		{"no funds to buy", poor, []string{"buy", cheap.Work}, exitFailure, "insufficient funds"},
		{"wrong password", buyer, []string{"buy", reg.Work, "--password-file", wrongPW}, exitFailure, "wrong password"},
		// get derives the key while its node starts: the wrong password
		// still ends it at once, not after the search for holders.
		{"wrong password to get", buyer, []string{"get", reg.Work, "-o", filepath.Join(t.TempDir(), "out"),
			"--listen", "/ip4/127.0.0.1/tcp/0", "--password-file", wrongPW}, exitFailure, "wrong password"},
		{"unknown work to buy", buyer, []string{"buy", unknown}, exitFailure, "unknown work " + unknown},
		{"unknown work to check", buyer, []string{"license", "check", unknown, buyer.addr.Hex()}, exitFailure, "unknown work"},
		{"retired offer", buyer, []string{"buy", retired.Work}, exitFailure, "offer 0 of work " + retired.Work + " is retired"},
		{"price above max", buyer, []string{"buy", reg.Work, "--max-price", "4gwei"}, exitFailure,
			"price raised: the offer costs 0.000000005 ETH (5000000000 wei), above --max-price 0.000000004 ETH (4000000000 wei)"},
		{"sold out", creator, []string{"buy", reg.Work}, exitFailure, "sold out"},
		{"not the creator", buyer, []string{"grant", reg.Work, buyer.addr.Hex()}, exitFailure, "not the creator"},
		{"already registered", creator, []string{"register", newWork(t, "scarce"), "--title", "again"}, exitFailure, "already registered"},
		{"wrong chain id", buyer, []string{"license", "check", reg.Work, buyer.addr.Hex(), "--chain-id", "1"}, exitFailure, "wrong chain"},
		{"rpc unreachable", buyer, []string{"buy", reg.Work, "--rpc", "http://127.0.0.1:1"}, exitFailure, "RPC endpoint unreachable"},
		{"no contract", buyer, []string{"buy", reg.Work, "--contract", buyer.addr.Hex()}, exitFailure, "essaim deploy"},
		{"bad work", buyer, []string{"buy", "xyz"}, exitUsage, "is not a work"},
		{"bad price", creator, []string{"register", newWork(t, "p"), "--title", "x", "--price", "0.1"}, exitUsage, "--price"},
		{"bad split", creator, []string{"register", newWork(t, "p"), "--title", "x", "--split", buyer.addr.Hex() + ":5000"}, exitUsage, "not 10000"},
		{"duration without price", creator, []string{"register", newWork(t, "p"), "--title", "x", "--duration", "1d"}, exitUsage, "--price"},
		{"no title", creator, []string{"register", newWork(t, "p")}, exitUsage, "--title"},
		{"withdraw from a work that owes nothing", buyer, []string{"withdraw", reg.Work, unknown}, exitFailure, "nothing to withdraw"},
		{"withdraw without funds for gas", poor, []string{"withdraw"}, exitFailure, "nothing to withdraw"},
		{"unknown account", buyer, []string{"buy", reg.Work, "--account", creator.addr.Hex()}, exitFailure, "no such account"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := tt.u.run(t, tt.args...)
			wantOneLine(t, stdout, stderr, code, tt.code, tt.message)
			if strings.Contains(stderr, "correct horse") || strings.Contains(stderr, "not it") {
				t.Errorf("stderr shows a password: %q", stderr)
			}
		})
	}
	// Nothing above may have changed the sold-out license count or balances
	// of the poor account.
	if b := tc.balance(t, poor.addr); b.Sign() != 0 {
		t.Errorf("the unfunded account has %s wei", b)
	}
}

// retireOffer retires offer 0 of work as development account i.
func retireOffer(t *testing.T, tc *testChain, i int, work string) {
	t.Helper()
	root, err := parseWork(work)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	reg := registry.NewEssaimRegistry()
	opts := bind.NewKeyedTransactor(devnet.Accounts()[i].Key, tc.client.ChainID())
	opts.Context = ctx
	tx, err := bind.Transact(reg.Instance(tc.client, chain.RegistryAddress()), opts, reg.PackRetireOffer(root, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chain.WaitMined(ctx, tc.client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
}
