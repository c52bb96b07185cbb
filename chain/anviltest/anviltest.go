// Package anviltest runs the Anvil binary that `npm ci` installs under the
// repository's node_modules, for tests and benchmarks that need a real
// node. It is imported by tests only.
package anviltest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/rpc"
)

// rel is where npm's @foundry-rs/anvil puts the native binary.
const rel = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"

// Path finds the Anvil binary by walking up from the working directory (a
// package's folder while `go test` runs) to the repository root.
func Path() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("anvil not installed (run npm ci at the repository root)")
		}
		dir = parent
	}
}

// Start runs Anvil on a free 127.0.0.1 port until the test ends and
// returns its HTTP URL once it answers eth_chainId.
func Start(tb testing.TB) string {
	tb.Helper()
	bin, err := Path()
	if err != nil {
		tb.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "--host", "127.0.0.1", "--port", fmt.Sprint(port), "--silent")
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	c, err := rpc.Dial(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for deadline := time.Now().Add(20 * time.Second); ; <-t.C {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		var id string
		err := c.CallContext(ctx, &id, "eth_chainId")
		cancel()
		if err == nil {
			return url
		}
		if time.Now().After(deadline) {
			tb.Fatalf("anvil did not answer within 20 s: %v", err)
		}
	}
}
