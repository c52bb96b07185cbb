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
// closes every connection and, until restore, every new one as it comes.
// The port stays bound through the outage: one closed and bound again
// could be taken meanwhile by another test.
type proxy struct {
	target string
	addr   string
	ln     net.Listener
	wg     sync.WaitGroup

	mu    sync.Mutex
	down  bool // cut and not restored, or the test ended
	conns map[net.Conn]struct{}
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{target: target, addr: ln.Addr().String(), ln: ln, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		ln.Close()
		p.cut()
		p.wg.Wait()
	})
	return p
}

// serve accepts connections until the listener closes.
func (p *proxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(c) {
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			p.untrack(c)
			continue
		}
		if !p.track(up) {
			p.untrack(c)
			continue
		}
		p.wg.Add(2)
		go p.pipe(c, up)
		go p.pipe(up, c)
	}
}

// track records c, or closes it when the proxy is down.
func (p *proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.down {
		c.Close()
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *proxy) untrack(c net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.conns, c)
	c.Close()
}

func (p *proxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	io.Copy(dst, src)
	dst.Close()
	src.Close()
}

// cut starts an outage: every connection closes, new ones too.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// restore ends the outage (it cannot fail: the port was kept).
func (p *proxy) restore(*testing.T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = false
}
