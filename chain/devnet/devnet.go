// Package devnet runs an embedded Ethereum development chain that answers
// the same JSON-RPC as Anvil, on 127.0.0.1 unless told to listen on another
// address of the machine (WithHost): chain id 31337, Anvil's ten
// funded development accounts, the CREATE2 deployer at its usual address,
// Osaka gas rules, and one block sealed for every transaction.
//
// It is go-ethereum's own node, eth service and simulated beacon (the parts
// ethclient/simulated is made of), assembled here so that extra JSON-RPC
// methods (evm_mine, evm_increaseTime, anvil_mine) can be registered and the
// sealing loop can be owned by this package.
package devnet

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

var (
	// ErrPortInUse is returned when the JSON-RPC port is already taken.
	ErrPortInUse = errors.New("port already in use")
	// ErrClosed is returned by calls on a devnet that has been closed.
	ErrClosed = errors.New("devnet: closed")
	// errStarting answers a test method that arrives while New is running.
	errStarting = errors.New("devnet: still starting")
)

// startTimeout bounds how long New waits for the chain to become usable.
const startTimeout = 10 * time.Second

// Devnet is a running development chain. New starts it; Run or Close stops
// it. Its methods are safe for concurrent use.
type Devnet struct {
	// Set by New, read-only afterwards.
	cfg       config
	stack     *node.Node
	backend   *eth.Ethereum
	estimator *estimator
	httpURL   string
	wsURL     string

	// sealMu serialises every call into beacon (go-ethereum's simulated
	// beacon keeps its fork-choice state without a lock) and into
	// TxPool.Sync (see syncPool).
	sealMu sync.Mutex
	beacon *catalyst.SimulatedBeacon // nil until the RPC server is up
	closed bool

	// Lifecycle of the sealing goroutine.
	quit      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error
}

// New builds the chain, starts its JSON-RPC server (HTTP and WebSocket on
// the same port), seals the first block and starts sealing a block for
// every incoming transaction. The devnet is ready to serve when New returns.
func New(opts ...Option) (*Devnet, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	stack, err := node.New(nodeConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("devnet: node: %w", err)
	}
	d := &Devnet{cfg: cfg, stack: stack, quit: make(chan struct{}), done: make(chan struct{})}
	if err := d.start(); err != nil {
		stack.Close()
		return nil, err
	}
	go d.sealLoop()
	return d, nil
}

// nodeConfig is the outer node: no disk, no peers, no IPC; JSON-RPC over
// HTTP and WebSocket on one port, browsers allowed as on Anvil.
func nodeConfig(cfg config) *node.Config {
	c := node.DefaultConfig
	c.DataDir = ""
	c.IPCPath = ""
	c.P2P = p2p.Config{NoDiscovery: true, MaxPeers: 0}
	c.HTTPHost, c.HTTPPort = cfg.host, cfg.port
	c.WSHost, c.WSPort = cfg.host, cfg.port
	c.HTTPModules = rpcModules
	c.WSModules = rpcModules
	c.HTTPCors = []string{"*"}
	c.WSOrigins = []string{"*"}
	c.HTTPVirtualHosts = []string{"localhost"} // IP literals are always accepted
	return &c
}

// rpcModules are the namespaces served: what cast and the bindings use,
// plus Anvil's test helpers.
var rpcModules = []string{"eth", "net", "web3", "evm", "anvil"}

// chainConfig is go-ethereum's dev chain pinned to Osaka: later forks in
// v1.17's dev config change gas costs, and the devnet must charge exactly
// what Anvil charges.
func chainConfig(cfg config) *params.ChainConfig {
	c := *params.AllDevChainProtocolChanges
	c.ChainID = new(big.Int).SetUint64(cfg.chainID)
	c.AmsterdamTime = nil
	c.BogotaTime = nil
	return &c
}

func ethConfig(cfg config) *ethconfig.Config {
	c := ethconfig.Defaults
	c.Genesis = &core.Genesis{
		Config:    chainConfig(cfg),
		GasLimit:  cfg.gasLimit,
		Alloc:     genesisAlloc(cfg),
		Timestamp: uint64(time.Now().Unix()),
	}
	c.NetworkId = cfg.chainID
	c.SyncMode = ethconfig.FullSync
	c.TxPool.NoLocals = true
	c.LogNoHistory = true // search logs directly; nothing to index in the background
	c.Miner.GasCeil = cfg.gasLimit
	// A 1-wei tip is cast's default; go-ethereum's default minimum (1 mwei)
	// would leave such transactions pending forever.
	c.Miner.GasPrice = big.NewInt(1)
	c.TxPool.PriceLimit = 1
	return &c
}

// start assembles the eth service, opens the RPC server, and seals the
// first block.
func (d *Devnet) start() error {
	backend, err := eth.New(d.stack, ethConfig(d.cfg))
	if err != nil {
		return fmt.Errorf("devnet: eth service: %w", err)
	}
	d.backend = backend
	if d.estimator, err = newEstimator(backend.APIs()); err != nil {
		return err
	}
	fsys := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	d.stack.RegisterAPIs([]rpc.API{
		{Namespace: "eth", Service: filters.NewFilterAPI(fsys)},
		{Namespace: "eth", Service: &ethAPI{d: d}}, // after go-ethereum's: overrides eth_getTransactionCount and eth_estimateGas
		{Namespace: "evm", Service: &evmAPI{d: d}},
		{Namespace: "anvil", Service: &anvilAPI{d: d}},
	})
	if err := d.stack.Start(); err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("devnet: %s: %w", net.JoinHostPort(d.cfg.host, strconv.Itoa(d.cfg.port)), ErrPortInUse)
		}
		return fmt.Errorf("devnet: start: %w", err)
	}
	beacon, err := catalyst.NewSimulatedBeacon(0, [20]byte{}, backend)
	if err != nil {
		return fmt.Errorf("devnet: beacon: %w", err)
	}
	d.httpURL = d.stack.HTTPEndpoint()
	d.wsURL = d.stack.WSEndpoint()
	// One block at start, then wait for the transaction indexer to report
	// done: until it does, go-ethereum answers every receipt query for an
	// unknown transaction with "transaction indexing is in progress".
	// The RPC server is already up: a client's evm_mine may come first.
	d.sealMu.Lock()
	d.beacon = beacon
	d.beacon.Commit()
	d.sealMu.Unlock()
	return d.waitIndexed(startTimeout)
}

func (d *Devnet) waitIndexed(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for !d.backend.BlockChain().TxIndexDone() {
		if time.Now().After(deadline) {
			return errors.New("devnet: transaction indexer did not finish")
		}
		<-t.C
	}
	return nil
}

// HTTPURL is the JSON-RPC endpoint, e.g. http://127.0.0.1:8545; with port 0
// it carries the port actually chosen.
func (d *Devnet) HTTPURL() string { return d.httpURL }

// WSURL is the WebSocket JSON-RPC endpoint (same port as HTTPURL).
func (d *Devnet) WSURL() string { return d.wsURL }

// ChainID is the chain id the devnet signs and checks transactions with.
func (d *Devnet) ChainID() uint64 { return d.cfg.chainID }

// Run blocks until ctx is cancelled, then closes the devnet. It returns
// nil on a cancelled context: stopping is the normal way out.
func (d *Devnet) Run(ctx context.Context) error {
	select {
	case <-ctx.Done():
	case <-d.quit:
	}
	return d.Close()
}

// Close stops sealing, then shuts the RPC server and the chain down. It is
// safe to call more than once.
func (d *Devnet) Close() error {
	d.closeOnce.Do(func() {
		close(d.quit)
		<-d.done
		d.sealMu.Lock()
		d.closed = true
		if d.beacon != nil {
			d.closeErr = d.beacon.Stop()
		}
		d.sealMu.Unlock()
		d.closeErr = errors.Join(d.closeErr, d.stack.Close())
	})
	return d.closeErr
}
