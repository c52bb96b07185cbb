package main

import (
	"context"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain"
	"essaim/chain/devnet"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"1000", "1000", true},
		{"0", "0", true},
		{"100wei", "100", true},
		{"5gwei", "5000000000", true},
		{"0.01ether", "10000000000000000", true},
		{"1.5 ether", "1500000000000000000", true},
		{"0.000000000000000001ether", "1", true},
		{"1.5gwei", "1500000000", true},
		{".5ether", "500000000000000000", true},
		{"0.0000000000000000001ether", "", false}, // 19 decimals
		{"1.5", "", false},                        // wei has no decimals
		{"1.5wei", "", false},
		{"", "", false},
		{"ether", "", false},
		{"-1", "", false},
		{"1e18", "", false},
		{"1.ether", "", false},
		{"0x10", "", false},
		{strings.Repeat("9", 80), "", false},
	}
	for _, tt := range tests {
		got, err := parseAmount(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got.String() != tt.want) {
			t.Errorf("parseAmount(%q) = %v, %v; want %s, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"0", "0 ETH"}, {"1", "0.000000000000000001 ETH"}, {"10000000000000000", "0.01 ETH"},
		{"1500000000000000000", "1.5 ETH"}, {"10000000000000000000000", "10000 ETH"},
	}
	for _, tt := range tests {
		n, _ := new(big.Int).SetString(tt.in, 10)
		if got := chain.FormatEther(n); got != tt.want {
			t.Errorf("chain.FormatEther(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"30d", 30 * 86400, true},
		{"12h", 12 * 3600, true},
		{"90m", 5400, true},
		{"3600s", 3600, true},
		{"3600", 3600, true},
		{"2w", 14 * 86400, true},
		{"0", 0, true},
		{"", 0, false},
		{"d", 0, false},
		{"-1d", 0, false},
		{"+1d", 0, false},
		{"1.5h", 0, false},
		{"1y", 0, false},
		{"99999999999999999999d", 0, false},
		{"999999999999999999d", 0, false}, // overflows uint64 seconds
	}
	for _, tt := range tests {
		got, err := parseDuration(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("parseDuration(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseWork(t *testing.T) {
	hex := strings.Repeat("ab", 32)
	for _, in := range []string{hex, "0x" + hex, strings.ToUpper(hex)} {
		root, err := parseWork(in)
		if err != nil || workHex(root) != hex {
			t.Errorf("parseWork(%q) = %x, %v", in, root, err)
		}
	}
	for _, in := range []string{"", "0x", hex[:62], hex + "00", "zz" + hex[2:]} {
		if _, err := parseWork(in); err == nil {
			t.Errorf("parseWork(%q): no error", in)
		}
	}
}

// testChain is an in-process devnet, with the registry deployed or not.
type testChain struct {
	d      *devnet.Devnet
	rpc    string
	client *chain.Client
}

func startChain(t *testing.T, deploy bool) *testChain {
	t.Helper()
	d, err := devnet.New(devnet.WithPort(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	client, err := chain.Dial(ctx, d.HTTPURL(), big.NewInt(int64(d.ChainID())))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	tc := &testChain{d: d, rpc: d.HTTPURL(), client: client}
	if deploy {
		accs := devnet.Accounts()
		opts := bind.NewKeyedTransactor(accs[len(accs)-1].Key, client.ChainID())
		if _, err := chain.DeployRegistry(ctx, client, opts); err != nil {
			t.Fatal(err)
		}
	}
	return tc
}

// user is an essaim home with one account and its password file.
type user struct {
	home, pwFile string
	addr         common.Address
	env          []string
}

// newUser imports development account i (or, with i < 0, creates a fresh,
// unfunded account) into a new home.
func newUser(t *testing.T, tc *testChain, i int) *user {
	t.Helper()
	dir := t.TempDir()
	u := &user{home: filepath.Join(dir, "home"), pwFile: filepath.Join(dir, "password")}
	if err := os.WriteFile(u.pwFile, []byte("correct horse battery staple\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Several nodes run at once in these tests: each API takes a free port.
	u.env = []string{"ESSAIM_HOME=" + u.home, "ESSAIM_PASSWORD_FILE=" + u.pwFile, "ESSAIM_LIGHTKDF=1", "ESSAIM_API=127.0.0.1:0"}
	if tc != nil {
		u.env = append(u.env, "ESSAIM_RPC="+tc.rpc)
	}
	args := []string{"account", "new", "--json"}
	if i >= 0 {
		keyFile := filepath.Join(dir, "key")
		if err := os.WriteFile(keyFile, []byte(devnet.Accounts()[i].KeyHex()+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		args = []string{"account", "import", "--private-key-file", keyFile, "--json"}
	}
	var res accountResult
	u.runJSON(t, &res, args...)
	u.addr = common.HexToAddress(res.Address)
	return u
}

// run runs essaim as the user.
func (u *user) run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	return run(t, u.env, args...)
}

// runJSON runs essaim --json as the user, expects success and decodes stdout.
func (u *user) runJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	stdout, stderr, code := u.run(t, append([]string{"--json"}, args...)...)
	if code != 0 {
		t.Fatalf("essaim %q: exit %d: %s", args, code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), v); err != nil {
		t.Fatalf("essaim %q: %v in %q", args, err, stdout)
	}
}

func (tc *testChain) balance(t *testing.T, a common.Address) *big.Int {
	t.Helper()
	b, err := tc.client.BalanceAt(context.Background(), a, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// receipt returns a mined transaction's receipt.
func (tc *testChain) receipt(t *testing.T, hash string) *types.Receipt {
	t.Helper()
	r, err := tc.client.TransactionReceipt(context.Background(), common.HexToHash(hash))
	if err != nil {
		t.Fatalf("receipt of %s: %v", hash, err)
	}
	return r
}

// wantOneLine checks that a command failed with one line on stderr holding
// message, nothing on stdout, and the exit code.
func wantOneLine(t *testing.T, stdout, stderr string, code, wantCode int, message string) {
	t.Helper()
	if code != wantCode || !strings.Contains(stderr, message) {
		t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, wantCode, message)
	}
	if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "essaim: ") {
		t.Errorf("want one line on stderr and nothing on stdout; got stdout %q stderr %q", stdout, stderr)
	}
}

// gasCost is what a mined transaction cost its sender in fees.
func gasCost(r *types.Receipt) *big.Int {
	if r.EffectiveGasPrice == nil {
		return new(big.Int)
	}
	return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
}
