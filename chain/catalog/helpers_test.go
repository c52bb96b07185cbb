package catalog_test

import (
	"context"
	"io"
	"math/big"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

type rpcBackend interface {
	bind.ContractBackend
	chain.ReceiptReader
}

// testChain sends registry transactions and waits for them.
type testChain struct {
	t       *testing.T
	b       rpcBackend
	reg     *registry.EssaimRegistry
	inst    *bind.BoundContract
	addr    common.Address
	chainID *big.Int
	commit  func() // seals a block on the simulated chain; nil on the devnet
}

func newTestChain(t *testing.T, b rpcBackend, addr common.Address, chainID *big.Int, commit func()) *testChain {
	reg := registry.NewEssaimRegistry()
	return &testChain{t: t, b: b, reg: reg, inst: reg.Instance(b, addr), addr: addr, chainID: chainID, commit: commit}
}

// send sends data from acct with value and waits for its receipt.
func (c *testChain) send(acct devnet.Account, data []byte, value *big.Int) *types.Receipt {
	c.t.Helper()
	opts := bind.NewKeyedTransactor(acct.Key, c.chainID)
	opts.Value = value
	tx, err := bind.Transact(c.inst, opts, data)
	if err != nil {
		c.t.Fatal(chain.DecodeRevert(err))
	}
	if c.commit != nil {
		c.commit()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := chain.WaitMined(ctx, c.b, tx.Hash())
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

// register commits to root and registers it (two blocks).
func (c *testChain) register(acct devnet.Account, root common.Hash, title string, tags []string,
	splits []registry.IEssaimRegistrySplit, offers ...registry.IEssaimRegistryOfferTerms) *types.Receipt {
	c.t.Helper()
	salt := common.Hash{0x5a}
	cm, err := bind.Call(c.inst, nil, c.reg.PackComputeCommitment(root, acct.Address, salt), c.reg.UnpackComputeCommitment)
	if err != nil {
		c.t.Fatal(err)
	}
	c.send(acct, c.reg.PackCommit(cm), nil)
	if c.commit != nil {
		c.commit() // the simulated chain estimates gas at the head, not in the next block
	}
	return c.send(acct, c.reg.PackRegister(root, salt, title, tags, [32]byte{0x4d}, false, splits, offers), nil)
}

func terms(price int64, transferable bool) registry.IEssaimRegistryOfferTerms {
	return registry.IEssaimRegistryOfferTerms{Price: big.NewInt(price), Duration: 3600, Supply: 0, Transferable: transferable}
}

// startDevnet runs a devnet with the registry deployed and returns it
// with a WebSocket client.
func startDevnet(t *testing.T) (*devnet.Devnet, *chain.Client, *testChain) {
	t.Helper()
	d, err := devnet.New(devnet.WithPort(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	c := dial(t, d.WSURL())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	addr, err := chain.DeployRegistry(ctx, c, bind.NewKeyedTransactor(devnet.Accounts()[9].Key, c.ChainID()))
	if err != nil {
		t.Fatal(err)
	}
	return d, c, newTestChain(t, c, addr, c.ChainID(), nil)
}

func dial(t *testing.T, url string) *chain.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := chain.Dial(ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func openStore(t *testing.T, path string) *catalog.Store {
	t.Helper()
	s, err := catalog.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func tempStorePath(t *testing.T) string { return filepath.Join(t.TempDir(), "catalog.db") }

// runFollower runs f until the test ends (or stop is called) and checks
// that Run returns nil.
func runFollower(t *testing.T, f *catalog.Follower) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond every 5 ms until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// proxy forwards TCP connections from a loopback port to target; cut
// closes the port and every connection, restore opens the same port again.
type proxy struct {
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	p := &proxy{target: target, conns: map[net.Conn]struct{}{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(func() { p.cut(); p.wg.Wait() })
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			if !p.track(c, up) {
				return
			}
			p.wg.Add(2)
			go p.pipe(c, up)
			go p.pipe(up, c)
		}
	}()
}

func (p *proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln == nil {
		for _, c := range cs {
			c.Close()
		}
		return false
	}
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	return true
}

func (p *proxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	io.Copy(dst, src)
	dst.Close()
	src.Close()
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

func (p *proxy) restore(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	p.serve(ln)
}
