// Package anviltest runs the Anvil binary that `npm ci` installs under the
// repository's node_modules, for tests and benchmarks that need a real
// node. It is imported by tests only.
package anviltest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// Start runs Anvil until the test ends and returns its HTTP URL once it
// answers eth_chainId. Anvil binds a port of the system's choosing
// (--port 0) and says which: a port picked here and bound by Anvil later
// could be taken meanwhile by another test running in parallel, whose
// node would then answer in Anvil's place.
func Start(tb testing.TB) string {
	tb.Helper()
	bin, err := Path()
	if err != nil {
		tb.Fatal(err)
	}
	out := &listenWatch{addr: make(chan string, 1)}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "--host", "127.0.0.1", "--port", "0")
	cmd.Stdout, cmd.Stderr = out, &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	tb.Cleanup(func() { cmd.Process.Kill(); <-exited })
	deadline := time.NewTimer(20 * time.Second)
	defer deadline.Stop()
	var url string
	select {
	case addr := <-out.addr:
		url = "http://" + addr
	case err := <-exited:
		exited <- err // for the cleanup
		tb.Fatalf("anvil exited before listening (%v): %s", err, stderr.Bytes())
	case <-deadline.C:
		tb.Fatal("anvil did not listen within 20 s")
	}
	c, err := rpc.Dial(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		var id string
		err := c.CallContext(ctx, &id, "eth_chainId")
		cancel()
		if err == nil {
			return url
		}
		select {
		case <-t.C:
		case err := <-exited:
			exited <- err
			tb.Fatalf("anvil exited (%v): %s", err, stderr.Bytes())
		case <-deadline.C:
			tb.Fatalf("anvil did not answer within 20 s: %v", err)
		}
	}
}

// listenWatch takes Anvil's standard output and sends, once, the address
// of its "Listening on host:port" line; the rest (a line per RPC call) is
// dropped.
type listenWatch struct {
	addr chan string
	line []byte
	done bool
}

func (w *listenWatch) Write(p []byte) (int, error) {
	if w.done {
		return len(p), nil
	}
	w.line = append(w.line, p...)
	for {
		i := bytes.IndexByte(w.line, '\n')
		if i < 0 {
			break
		}
		if addr, ok := strings.CutPrefix(strings.TrimSpace(string(w.line[:i])), "Listening on "); ok {
			w.addr <- addr
			w.done, w.line = true, nil
			break
		}
		w.line = w.line[i+1:]
	}
	if len(w.line) > 4096 {
		w.line = w.line[len(w.line)-4096:] // no line of interest is that long
	}
	return len(p), nil
}
