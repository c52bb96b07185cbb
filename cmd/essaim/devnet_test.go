package main

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
)

func TestDevnetCommand(t *testing.T) {
	cmd := exec.Command(essaimBin, "devnet", "--port", "0", "--json")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var res devnetResult
	if err := json.NewDecoder(stdout).Decode(&res); err != nil {
		t.Fatalf("devnet --json: %v (stderr %q)", err, stderr.String())
	}
	if res.ChainID != 31337 || len(res.Accounts) != 10 || !strings.HasPrefix(res.RPC, "http://127.0.0.1:") {
		t.Fatalf("unexpected devnet description %+v", res)
	}
	if common.HexToAddress(res.Contract) != chain.RegistryAddress() {
		t.Fatalf("contract %s, want the deterministic %s", res.Contract, chain.RegistryAddress())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := chain.Dial(ctx, res.RPC, big.NewInt(31337))
	if err != nil {
		t.Fatal(err)
	}
	code, err := c.CodeAt(ctx, chain.RegistryAddress(), nil)
	c.Close()
	if err != nil || len(code) == 0 {
		t.Fatalf("no registry code at %s: %v", chain.RegistryAddress(), err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) || err != nil {
			t.Fatalf("devnet after SIGTERM: %v (stderr %q)", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("devnet did not stop within 10 s of SIGTERM")
	}
}

func TestDevnetPortInUse(t *testing.T) {
	first := exec.Command(essaimBin, "devnet", "--port", "0", "--json")
	stdout, err := first.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { first.Process.Kill(); first.Wait() }()
	var res devnetResult
	if err := json.NewDecoder(stdout).Decode(&res); err != nil {
		t.Fatal(err)
	}
	port := res.RPC[strings.LastIndexByte(res.RPC, ':')+1:]
	_, stderr, code := run(t, nil, "devnet", "--port", port)
	if code != exitFailure || !strings.Contains(stderr, "port already in use") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("second devnet on port %s: exit %d, stderr %q", port, code, stderr)
	}
}

// TestDevnetListen: --listen puts the chain on the address given, and
// refuses every interface at once or a name.
func TestDevnetListen(t *testing.T) {
	for _, bad := range []string{"0.0.0.0", "::", "example.com"} {
		_, stderr, code := run(t, nil, "devnet", "--listen", bad, "--port", "0")
		if code != exitUsage || !strings.Contains(stderr, "--listen") {
			t.Errorf("devnet --listen %s: exit %d, stderr %q", bad, code, stderr)
		}
	}
	cmd := exec.Command(essaimBin, "devnet", "--listen", "127.0.0.2", "--port", "0", "--json")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	var res devnetResult
	if err := json.NewDecoder(stdout).Decode(&res); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.RPC, "http://127.0.0.2:") {
		t.Fatalf("rpc %s, want it on 127.0.0.2", res.RPC)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := chain.Dial(ctx, res.RPC, big.NewInt(31337))
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}
