package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/crypto"
	ma "github.com/multiformats/go-multiaddr"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/daemon"
	"essaim/p2p/announce"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
	"essaim/p2p/node"
	"essaim/p2p/ratelimit"
)

var (
	serveFlag = &cli.StringSliceFlag{
		Name:     "serve",
		Usage:    "also serve the work at PATH, which must be registered (repeat)",
		EnvVars:  []string{"ESSAIM_SERVE"},
		Category: catNetwork,
	}
	apiFlag = &cli.StringFlag{
		Name: "api",
		Usage: "where the node's HTTP API and web interface listen (host:port; the URL and a token go to <home>/api " +
			"and <home>/api.token); off loopback, such as 0.0.0.0:8750 for a home network, it speaks HTTPS only",
		Value:    "127.0.0.1:8750",
		EnvVars:  []string{"ESSAIM_API"},
		Category: catNetwork,
	}
	apiTLSFlag = &cli.BoolFlag{
		Name:     "api-tls",
		Usage:    "speak HTTPS on a loopback API too (with the node's own certificate, <home>/api-tls.crt)",
		EnvVars:  []string{"ESSAIM_API_TLS"},
		Category: catNetwork,
	}
	unlockFlag = &cli.BoolFlag{
		Name: "unlock",
		Usage: "unlock --account with --password-file (or a prompt) for as long as the node runs, so that it " +
			"proves licenses for the downloads it is given",
		EnvVars:  []string{"ESSAIM_UNLOCK"},
		Category: catAccount,
	}
	maxActiveFlag = &cli.IntFlag{
		Name:     "max-downloads",
		Usage:    "downloads the node runs at once; more wait in its queue",
		Value:    3,
		EnvVars:  []string{"ESSAIM_MAX_DOWNLOADS"},
		Category: catNetwork,
	}
)

var nodeCommand = &cli.Command{
	Name:  "node",
	Usage: "run the always-on node of this home: it serves every work it holds and runs downloads, until stopped",
	Description: "Serves the works on this home's shelf (shared or downloaded before) and every\n" +
		"--serve PATH, to peers that prove a valid license (open works to anyone). Follows the\n" +
		"registry's events, runs the downloads it is given, and answers the local HTTP API that\n" +
		"the other commands (status, ls, pin, downloads, get...) use while it runs. Prints its\n" +
		"multiaddresses and writes them, one per line, to <home>/node.addrs. Stops cleanly on\n" +
		"SIGINT or SIGTERM, and with an error when one of its services fails.",
	Flags:  append([]cli.Flag{serveFlag, chunkSizeFlag, apiFlag, apiTLSFlag, unlockFlag, maxActiveFlag, giveUpFlag}, networkFlags...),
	Action: runNode,
}

func runNode(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("node takes no arguments (use --serve PATH)")
	}
	if err := checkNodeFlags(c); err != nil {
		return err
	}
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	if c.Bool(unlockFlag.Name) {
		if err := s.unlock(c); err != nil {
			return err
		}
	}
	var paths []string
	var works []*content.Manifest
	for _, p := range c.StringSlice(serveFlag.Name) {
		m, err := registeredWork(c, s, p)
		if err != nil {
			return err
		}
		paths, works = append(paths, p), append(works, m)
	}
	return runDaemon(c, s, paths, works)
}

// registeredWork hashes the work at path and checks that the registry
// knows its root.
func registeredWork(c *cli.Context, s *session, path string) (*content.Manifest, error) {
	m, err := buildWorkAt(c, path)
	if err != nil {
		return nil, err
	}
	w, err := chain.NewRightsReader(s.client, s.contract).Work(s.ctx, m.Root())
	if err != nil {
		return nil, err
	}
	if w.Creator == (common.Address{}) {
		return nil, fmt.Errorf("%w: %s (work %s); register it first (essaim register, or essaim share)",
			errNotRegistered, path, m.Root())
	}
	return m, nil
}

// runDaemon runs the node of this home, serving paths (with manifests
// works) besides its shelf, until SIGINT or SIGTERM or a service fails.
func runDaemon(c *cli.Context, s *session, paths []string, works []*content.Manifest) error {
	cfg, err := daemonConfig(c, s, true)
	if err != nil {
		return err
	}
	d, err := daemon.New(s.ctx, cfg)
	if err != nil {
		return err
	}
	defer d.Close()
	for i, p := range paths {
		if err := d.Share(s.ctx, p, works[i]); err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "serving  %s %s\n", works[i].Root(), p)
	}
	n := d.Node()
	out := c.App.Writer
	fmt.Fprintf(out, "peer     %s\n", n.ID())
	addrs := n.Addrs()
	for _, a := range addrs {
		fmt.Fprintf(out, "listen   %s\n", a)
	}
	if u := d.APIURL(); u != "" {
		fmt.Fprintf(out, "api      %s\n", u)
	}
	if err := writeAddrs(filepath.Join(cfg.Home, "node.addrs"), addrs); err != nil {
		return err
	}
	lctx, stopLinks := context.WithCancel(s.ctx)
	var links sync.WaitGroup
	links.Add(1)
	go func() {
		defer links.Done()
		printLinks(lctx, out, n, works)
	}()
	err = d.Run(s.ctx)
	stopLinks()
	links.Wait()
	cfg.Logger.Info("stopped")
	return err
}

// linkWait bounds how long a node waits to learn its reachability (and,
// behind a NAT, a relay address) before it prints links with the addresses
// it has.
const linkWait = 30 * time.Second

// printLinks prints one link per work once the node's addresses are worth
// sharing (node.WaitLinkReady), or after linkWait.
func printLinks(ctx context.Context, out io.Writer, n *node.Node, works []*content.Manifest) {
	if len(works) == 0 {
		return
	}
	wctx, cancel := context.WithTimeout(ctx, linkWait)
	n.WaitLinkReady(wctx)
	cancel()
	if ctx.Err() != nil {
		return
	}
	for _, m := range works {
		fmt.Fprintf(out, "link     %s\n", n.Link(m.Root()))
	}
}

// daemonConfig assembles a node's configuration from the flags. A
// persistent node uses the home's libp2p identity (<home>/p2p/identity.key)
// and answers the API; a one-off download's peer uses a fresh identity, so
// that it can run beside the node of the same home.
//
// extraPeers join the bootstrap list (a link's holders).
func daemonConfig(c *cli.Context, s *session, persistent bool, extraPeers ...string) (daemon.Config, error) {
	home, err := homeDir(c)
	if err != nil {
		return daemon.Config{}, err
	}
	boot, err := bootstrapPeers(c, home, extraPeers...)
	if err != nil {
		return daemon.Config{}, err
	}
	relay, relayLimits, err := relayConfig(c)
	if err != nil {
		return daemon.Config{}, err
	}
	up, err := parseRate(c, uploadLimitFlag.Name)
	if err != nil {
		return daemon.Config{}, err
	}
	down, err := parseRate(c, downloadLimitFlag.Name)
	if err != nil {
		return daemon.Config{}, err
	}
	var key crypto.PrivKey
	if persistent {
		key, err = phost.LoadIdentity(filepath.Join(home, "p2p", "identity.key"))
	} else {
		key, _, err = crypto.GenerateEd25519Key(rand.Reader)
	}
	if err != nil {
		return daemon.Config{}, err
	}
	level := slog.LevelInfo
	if c.Bool(verboseFlag.Name) {
		level = slog.LevelDebug
	}
	cfg := daemon.Config{
		Home:     home,
		Chain:    s.client,
		ChainID:  s.client.ChainID().Uint64(),
		Contract: s.contract,
		Host: phost.Config{
			Identity:    key,
			Listen:      c.StringSlice(listenFlag.Name),
			Bootstrap:   boot,
			MDNS:        c.Bool(mdnsFlag.Name),
			NATPortMap:  c.Bool(natPortMapFlag.Name),
			Relay:       relay,
			RelayLimits: relayLimits,
		},
		MaxActive: c.Int(maxActiveFlag.Name),
		PageCache: c.Bool(pageCacheFlag.Name),
		Logger:    slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: level})),
		// Peers on this machine share 127.0.0.1; they are not a Sybil
		// attack on the colocation score.
		Gossip: []announce.GossipOption{announce.WithColocationWhitelist("127.0.0.0/8", "::1/128")},
	}
	if up != nil {
		cfg.Upload = up
	}
	if down != nil {
		cfg.Download = down
	}
	if persistent {
		cfg.API = c.String(apiFlag.Name)
		cfg.APITLS = c.Bool(apiTLSFlag.Name)
	}
	cfg.GiveUp = c.Duration(giveUpFlag.Name)
	if s.ks != nil {
		cfg.Account, cfg.Prover, cfg.Signer = s.from, proverOf(s), s.opts
		rr := chain.NewRightsReader(s.client, s.contract)
		account := s.from
		cfg.Recheck = func(ctx context.Context, root [32]byte) bool {
			ok, err := rr.HasValidLicense(ctx, root, account)
			return err == nil && ok
		}
	}
	return cfg, nil
}

// checkNodeFlags refuses, before anything is contacted, the flags of a
// command that runs a node that cannot work: limits, addresses, counts.
func checkNodeFlags(c *cli.Context) error {
	for _, f := range []string{uploadLimitFlag.Name, downloadLimitFlag.Name} {
		if _, err := parseRate(c, f); err != nil {
			return err
		}
	}
	if _, err := phost.ParseAddrs(c.StringSlice(bootstrapFlag.Name)); err != nil {
		return usageErrorf("--bootstrap: %v", err)
	}
	for _, l := range c.StringSlice(listenFlag.Name) {
		if _, err := ma.NewMultiaddr(l); err != nil {
			return usageErrorf("--listen %q: %v", l, err)
		}
	}
	if c.IsSet(maxActiveFlag.Name) && c.Int(maxActiveFlag.Name) < 1 {
		return usageErrorf("--%s %d: want at least 1", maxActiveFlag.Name, c.Int(maxActiveFlag.Name))
	}
	return nil
}

// parseRate reads a --*-limit flag: a size per second, 0 for none.
func parseRate(c *cli.Context, name string) (*ratelimit.Limiter, error) {
	v := strings.TrimSuffix(strings.TrimSpace(c.String(name)), "/s")
	n, err := parseSize(v)
	if err != nil || n < 0 {
		return nil, usageErrorf("--%s %q: want a size per second such as 20MiB, or 0", name, c.String(name))
	}
	if n == 0 {
		return nil, nil
	}
	return ratelimit.New(n), nil
}

// writeAddrs replaces path with one address per line.
func writeAddrs(path string, addrs []string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(addrs, "\n")+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
