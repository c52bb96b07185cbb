package devnet

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// castPath is where npm's @foundry-rs/cast puts the native binary; the npm
// launcher in node_modules/.bin always exits 0, so it is not used.
const castPath = "node_modules/@foundry-rs/cast-linux-amd64/bin/cast"

// findTool returns the absolute path of rel under the module root, or
// skips the test when it is missing, except in CI (CI=true), where a
// missing tool is a failure.
func findTool(t *testing.T, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("module root (go.mod) not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing in CI: run npm ci first (%v)", rel, err)
		}
		t.Skipf("%s not installed (npm ci installs it); skipping", rel)
	}
	return p
}

// castRun runs cast with args against url and returns its trimmed stdout.
func castRun(t *testing.T, cast, url string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, cast, append(args, "--rpc-url", url)...)
	cmd.Env = append(os.Environ(), "FOUNDRY_DISABLE_NIGHTLY_WARNING=1")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("cast %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("cast %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// TestCastAgainstDevnet drives the devnet with Foundry's cast, the way a
// developer would: chain-id, balance, block-number, call, send, receipt.
func TestCastAgainstDevnet(t *testing.T) {
	cast := findTool(t, castPath)
	d := startDevnet(t)
	url := d.HTTPURL()
	accts := Accounts()

	if got := castRun(t, cast, url, "chain-id"); got != "31337" {
		t.Errorf("cast chain-id: %q", got)
	}
	if got := castRun(t, cast, url, "balance", accts[1].Address.Hex()); got != DefaultBalance().String() {
		t.Errorf("cast balance: %q, want %s", got, DefaultBalance())
	}
	if got := castRun(t, cast, url, "block-number"); got != "1" {
		t.Errorf("cast block-number: %q, want 1", got)
	}
	// eth_call into the CREATE2 deployer returns the address it would use.
	salt := common.Hash{}
	calldata := append(salt.Bytes(), answer42Init...)
	predicted := castRun(t, cast, url, "call", Create2Deployer.Hex(), common.Bytes2Hex(calldata))
	want := crypto.CreateAddress2(Create2Deployer, salt, crypto.Keccak256(answer42Init))
	if !strings.EqualFold(predicted, want.Hex()) {
		t.Errorf("cast call deployer: %q, want address %s", predicted, want)
	}

	to := accts[9].Address.Hex()
	start := time.Now()
	sent := castRun(t, cast, url, "send", "--json", "--private-key", accts[0].KeyHex(), "--value", "1", to)
	t.Logf("cast send (sign, send, wait for receipt) took %v", time.Since(start))
	var sr struct {
		Hash   string `json:"transactionHash"`
		Status string `json:"status"`
	}
	if err := json.Unmarshal([]byte(sent), &sr); err != nil || sr.Hash == "" {
		t.Fatalf("cast send output %q: %v", sent, err)
	}
	if sr.Status != "0x1" {
		t.Errorf("cast send status %q", sr.Status)
	}
	var rr struct {
		Status  string `json:"status"`
		GasUsed string `json:"gasUsed"`
	}
	if err := json.Unmarshal([]byte(castRun(t, cast, url, "receipt", "--json", sr.Hash)), &rr); err != nil {
		t.Fatal(err)
	}
	if rr.Status != "0x1" || rr.GasUsed != "0x5208" {
		t.Errorf("cast receipt: status %s gas %s, want 0x1 0x5208", rr.Status, rr.GasUsed)
	}
	wantBal := new(big.Int).Add(DefaultBalance(), big.NewInt(1))
	if got := castRun(t, cast, url, "balance", to); got != wantBal.String() {
		t.Errorf("balance after cast send: %s, want %s", got, wantBal)
	}
}
