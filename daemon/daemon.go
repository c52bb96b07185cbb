// Package daemon runs one always-on essaim node: the libp2p peer that
// serves every work on its shelf, the follower that keeps its catalogue and
// its rights checker in step with the registry, the queue of downloads, and
// the local HTTP API through which the CLI, a web page and media players
// drive it. Its services start together and stop together: when one of
// them fails, Run stops the others and returns that failure.
//
// It is the only place where the chain side (chain/, licensing/) and the
// network side (p2p/) are wired to each other; cmd/essaim parses flags,
// builds a Config and calls Run.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/errgroup"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/registryops"
	"essaim/licensing/rights"
	"essaim/p2p/announce"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
	"essaim/p2p/node"
	"essaim/p2p/shelf"
	"essaim/p2p/xfer"
)

// Chain is what the daemon asks an Ethereum node: *chain.Client and the
// simulated backend's client fit.
type Chain interface {
	catalog.Backend
	registryops.Backend
}

// Config describes a daemon. Home, Chain, ChainID, Contract and
// Host.Identity are required.
type Config struct {
	// Home is the node's folder: shelf, catalogue, downloads, API files.
	Home     string
	Chain    Chain
	ChainID  uint64
	Contract common.Address
	// Host configures the libp2p host (listen, bootstrap, mDNS, identity).
	Host phost.Config
	// Upload and Download cap bytes per second across every peer; nil
	// means no cap.
	Upload, Download xfer.Limiter
	// PageCache writes downloads through the page cache instead of
	// straight to the disk (node.Config.PageCache).
	PageCache bool
	// Prover signs access proofs for Account; nil when the node holds no
	// unlocked account, and then fetches only open works.
	Prover  xfer.Prover
	Account common.Address
	// Signer sends registry transactions as Account (buy, grant,
	// withdraw through the API); nil without an unlocked account.
	Signer *bind.TransactOpts
	// Recheck reads the registry's own verdict on Account's license to a
	// work, so a download tells a holder that lags from a real refusal;
	// nil without an account.
	Recheck func(ctx context.Context, root [32]byte) bool
	// MaxActive bounds the downloads running at once (default 3).
	MaxActive int
	// GiveUp is how long a download may go without progress before it
	// fails (default 30 s).
	GiveUp time.Duration
	// StreamWait is how long a stream's reader waits for a chunk that
	// has not come before its request fails (default 30 s).
	StreamWait time.Duration
	// API is the address the HTTP API listens on (host:port, port 0 for
	// any); empty means no API. Off loopback it speaks HTTPS only
	// (apitls.go); APITLS asks for HTTPS on loopback too.
	API    string
	APITLS bool
	// Gossip holds extra gossipsub options (a LAN or a test on one
	// machine whitelists its addresses from the colocation penalty).
	Gossip []announce.GossipOption
	Logger *slog.Logger
}

// Daemon is a running node. New starts its host and opens its stores; Run
// runs its services; Close releases what New took.
type Daemon struct {
	cfg      Config
	log      *slog.Logger
	started  time.Time
	node     *node.Node
	checker  *rights.Checker
	catalog  *catalog.Store
	follower *catalog.Follower
	shelf    *shelf.Shelf
	dl       *downloads
	rates    *rateMeter
	api      net.Listener  // nil without an API
	tls      *apiTLS       // the API's certificate; nil for plain HTTP (loopback)
	answers  []net.IP      // the addresses the API answers on
	stopping chan struct{} // closed when the API shuts down: event streams end
	stale    atomic.Bool   // the catalogue is of a chain that was reset
	holders  holderCache
	caps     *streamCaps  // stream URLs' capabilities
	web      *webSessions // the web interface's sign-ins and sessions
	up, down *adjustable  // the caps the peer paces its bytes with

	peerText, contractText, accountText string // as Status shows them

	closeOnce sync.Once
}

// New opens the node's stores under cfg.Home, starts its libp2p host and
// serves every work on its shelf. ctx bounds the start (bootstrap dials).
func New(ctx context.Context, cfg Config) (*Daemon, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxActive <= 0 {
		cfg.MaxActive = 3
	}
	if cfg.StreamWait <= 0 {
		cfg.StreamWait = 30 * time.Second
	}
	if cfg.Home == "" || cfg.Chain == nil || cfg.ChainID == 0 {
		return nil, errors.New("daemon: Home, Chain and ChainID are required")
	}
	d := &Daemon{cfg: cfg, log: cfg.Logger, started: time.Now(), stopping: make(chan struct{}),
		holders: holderCache{m: map[content.Hash]holderCount{}}, web: newWebSessions()}
	if err := os.MkdirAll(filepath.Join(cfg.Home, "catalog"), 0o700); err != nil {
		return nil, err
	}
	var err error
	if d.catalog, err = catalog.Open(catalogPath(cfg)); err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", catalogPath(cfg), err)
	}
	d.up, d.down = newAdjustable(cfg.Upload), newAdjustable(cfg.Download)
	pcfg := cfg
	pcfg.Upload, pcfg.Download = d.up, d.down
	if d.node, d.checker, d.shelf, err = startPeer(ctx, pcfg, false); err != nil {
		d.catalog.Close()
		return nil, err
	}
	// Status answers these on every call: formatted once.
	d.peerText, d.contractText, d.accountText = d.node.ID().String(), cfg.Contract.Hex(), cfg.Account.Hex()
	d.follower = catalog.NewFollower(cfg.Chain, cfg.Contract, d.catalog,
		catalog.WithLogger(d.log),
		catalog.WithLogHook(d.checker.Observe),
		catalog.WithHeadHook(d.checker.ObserveHead),
		catalog.WithReorgHook(d.checker.Reset))
	served, err := d.node.Restore(ctx)
	if err != nil {
		d.log.Warn("some works on the shelf cannot be served", "err", err)
	}
	for _, r := range served {
		d.log.Info("serving", "work", r)
	}
	if d.caps, err = newStreamCaps(); err != nil {
		d.Close()
		return nil, err
	}
	d.rates = newRateMeter(func() (int64, int64) {
		t := d.node.Traffic()
		return t.Up, t.Down
	})
	d.dl, err = newDownloads(d, filepath.Join(cfg.Home, "downloads.json"))
	if err != nil {
		d.Close()
		return nil, err
	}
	if cfg.API != "" {
		// Listen now, so that an address in use is an error of the start.
		if d.api, err = net.Listen("tcp", cfg.API); err != nil {
			d.Close()
			return nil, fmt.Errorf("api: %w", err)
		}
		if err := d.apiSecurity(); err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

// apiSecurity finds the addresses the API answers on and, off loopback
// or when asked, its certificate.
func (d *Daemon) apiSecurity() error {
	ip := d.api.Addr().(*net.TCPAddr).IP
	var err error
	if d.answers, err = answerIPs(ip); err != nil {
		return fmt.Errorf("api: %w", err)
	}
	if ip.IsLoopback() && !d.cfg.APITLS {
		return nil
	}
	d.tls, err = loadOrMakeTLS(d.cfg.Home, d.answers, time.Now())
	return err
}

// APIURL is the API's base URL, empty without an API: the address it
// listens on, or 127.0.0.1 for one listening on every address.
func (d *Daemon) APIURL() string {
	if d.api == nil {
		return ""
	}
	a := *d.api.Addr().(*net.TCPAddr)
	if a.IP.IsUnspecified() {
		a.IP = net.IPv4(127, 0, 0, 1)
	}
	return d.scheme() + "://" + a.String()
}

// scheme is the API's URL scheme.
func (d *Daemon) scheme() string {
	if d.tls != nil {
		return "https"
	}
	return "http"
}

// APICertificate is the SHA-256 fingerprint of the API's certificate,
// empty for plain HTTP.
func (d *Daemon) APICertificate() string {
	if d.tls == nil {
		return ""
	}
	return d.tls.Fingerprint()
}

// deployment names the files of one chain and registry in the home.
func deployment(cfg Config) string { return fmt.Sprintf("%d-%s", cfg.ChainID, cfg.Contract.Hex()) }

// catalogPath is the node's own catalogue file (the commands keep another,
// so that they can read theirs while the node runs).
func catalogPath(cfg Config) string {
	return filepath.Join(cfg.Home, "catalog", deployment(cfg)+"-node.db")
}

// startPeer opens the shelf, builds the rights checker and starts the
// libp2p peer of cfg; an ephemeral peer is for one download (see
// node.Config.Ephemeral).
func startPeer(ctx context.Context, cfg Config, ephemeral bool) (*node.Node, *rights.Checker, *shelf.Shelf, error) {
	sh, err := shelf.Open(filepath.Join(cfg.Home, "shelf", deployment(cfg)))
	if err != nil {
		return nil, nil, nil, err
	}
	checker := rights.New(chain.NewRightsReader(cfg.Chain, cfg.Contract), rights.WithLogger(cfg.Logger))
	n, err := node.New(ctx, node.Config{
		Host:      cfg.Host,
		Ephemeral: ephemeral,
		ChainID:   cfg.ChainID,
		Contract:  cfg.Contract,
		Rights:    checker,
		Shelf:     sh,
		Logger:    cfg.Logger,
		Upload:    cfg.Upload,
		Download:  cfg.Download,
		PageCache: cfg.PageCache,
		Gossip:    cfg.Gossip,
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return n, checker, sh, nil
}

// Share serves the work at path, whose manifest is m, from now on and
// after restarts.
func (d *Daemon) Share(ctx context.Context, path string, m *content.Manifest) error {
	if err := d.node.Share(ctx, path, m); err != nil {
		return fmt.Errorf("serve %s: %w", path, err)
	}
	return nil
}

// Node is the libp2p peer.
func (d *Daemon) Node() *node.Node { return d.node }

// Run runs the node's services until ctx ends, when it returns nil, or
// until one of them fails, when it stops the others and returns that
// failure. Every goroutine it starts has ended when it returns.
func (d *Daemon) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		err := d.follower.Run(ctx)
		if errors.Is(err, catalog.ErrReorgTooDeep) {
			// The chain no longer holds the blocks the catalogue was
			// built from (a development chain started afresh): stop, and
			// build it anew at the next start.
			d.stale.Store(true)
			err = fmt.Errorf("%w; the catalogue is rebuilt when the node starts again", err)
		}
		return service("catalogue follower", err)
	})
	g.Go(func() error { return service("provider records", d.node.Run(ctx)) })
	g.Go(func() error { return service("downloads", d.dl.run(ctx)) })
	g.Go(func() error { return service("rates", d.rates.run(ctx)) })
	if d.api != nil {
		g.Go(func() error { return service("api", d.serveAPI(ctx, d.api)) })
	}
	return g.Wait()
}

// service names a service's failure; its return on a clean stop is nil.
func service(name string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return nil
	}
	return fmt.Errorf("%s stopped: %w", name, err)
}

// Close stops serving and releases the stores. Run must have returned.
func (d *Daemon) Close() error {
	var err error
	d.closeOnce.Do(func() {
		if d.api != nil {
			d.api.Close() // closed already when Run served it
		}
		err = errors.Join(d.node.Close(), d.catalog.Close())
		if d.stale.Load() {
			err = errors.Join(err, os.Remove(catalogPath(d.cfg)))
		}
	})
	return err
}
