package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/rpc"

	"essaim/chain"
	"essaim/chain/anviltest"
	"essaim/chain/devnet"
)

// syncBuffer is a bytes.Buffer safe for a process writing while a test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// proc is an essaim process running in the background.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	done           chan struct{}
	code           int
}

// start runs essaim as the user in the background; it is killed at the
// end of the test if still running.
func (u *user) start(t *testing.T, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(essaimBin, args...)
	cmd.Env = append(os.Environ(), u.env...)
	return startCmd(t, cmd, fmt.Sprintf("essaim %q", args))
}

// startCmd starts cmd, which the end of the test kills if it still runs;
// what names it in the log of a failed test.
func startCmd(t *testing.T, cmd *exec.Cmd, what string) *proc {
	t.Helper()
	p := &proc{cmd: cmd, stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := p.cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			p.code = ee.ExitCode()
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				p.code = -int(ws.Signal())
			}
		}
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("%s, stderr:\n%s", what, p.stderr.String())
		}
	})
	return p
}

// stop sends SIGTERM and returns the exit code.
func (p *proc) stop(t *testing.T) int {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.code
	case <-time.After(15 * time.Second):
		t.Fatal("process did not stop within 15 s of SIGTERM")
		return 0
	}
}

// wait waits for the process to exit and returns its code.
func (p *proc) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.code
	case <-time.After(within):
		t.Fatalf("process still running after %s; stderr:\n%s", within, p.stderr.String())
		return 0
	}
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// nodeAddrs waits for a node of home to write node.addrs and returns them.
func nodeAddrs(t *testing.T, home string, p *proc) []string {
	t.Helper()
	path := filepath.Join(home, "node.addrs")
	var addrs []string
	waitFor(t, "node.addrs", 30*time.Second, func() bool {
		select {
		case <-p.done:
			t.Fatalf("node exited with %d:\n%s", p.code, p.stderr.String())
		default:
		}
		b, err := os.ReadFile(path)
		addrs = strings.Fields(string(b))
		return err == nil && len(addrs) > 0
	})
	return addrs
}

// startAnvil runs the Anvil binary installed by npm ci, with the registry
// deployed at its deterministic address.
func startAnvil(t *testing.T) *testChain {
	t.Helper()
	url := anviltest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	client, err := chain.Dial(ctx, url, big.NewInt(31337))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	accs := devnet.Accounts()
	opts := bind.NewKeyedTransactor(accs[len(accs)-1].Key, client.ChainID())
	if _, err := chain.DeployRegistry(ctx, client, opts); err != nil {
		t.Fatal(err)
	}
	return &testChain{rpc: url, client: client}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// increaseTime moves the chain's clock forward and mines a block (Anvil's
// methods, which the devnet implements too).
func (tc *testChain) increaseTime(t *testing.T, d time.Duration) {
	t.Helper()
	c, err := rpc.Dial(tc.rpc)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Call(nil, "evm_increaseTime", int64(d.Seconds())); err != nil {
		t.Fatal(err)
	}
	if err := c.Call(nil, "evm_mine"); err != nil {
		t.Fatal(err)
	}
}

// proxy forwards TCP to the chain's RPC and can be cut and restored, to
// play an RPC outage without stopping the chain.
type proxy struct {
	l      net.Listener
	target string
	mu     sync.Mutex
	cut    bool
	conns  map[net.Conn]bool
}

func newProxy(t *testing.T, rpcURL string) *proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{l: l, target: strings.TrimPrefix(rpcURL, "http://"), conns: map[net.Conn]bool{}}
	t.Cleanup(func() { l.Close(); p.setCut(true) })
	go p.serve()
	return p
}

func (p *proxy) url() string { return "http://" + p.l.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.cut {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns[c] = true
		p.mu.Unlock()
		go p.pipe(c)
	}
}

func (p *proxy) pipe(c net.Conn) {
	defer func() { p.mu.Lock(); delete(p.conns, c); p.mu.Unlock(); c.Close() }()
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer up.Close()
	go func() { io.Copy(up, c); up.Close() }()
	io.Copy(c, up)
}

// setCut cuts (closing every open connection) or restores the proxy.
func (p *proxy) setCut(cut bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = cut
	if cut {
		for c := range p.conns {
			c.Close()
		}
	}
}
