package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/licensing/rights"
	"essaim/p2p/announce"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
	"essaim/p2p/node"
	"essaim/p2p/ratelimit"
	"essaim/p2p/shelf"
)

var serveFlag = &cli.StringSliceFlag{
	Name:     "serve",
	Usage:    "also serve the work at PATH, which must be registered (repeat)",
	EnvVars:  []string{"ESSAIM_SERVE"},
	Category: catNetwork,
}

var nodeCommand = &cli.Command{
	Name:  "node",
	Usage: "run a peer that serves every work it holds, until stopped",
	Description: "Serves the works on this home's shelf (shared or downloaded before) and every\n" +
		"--serve PATH, to peers that prove a valid license (open works to anyone). Follows the\n" +
		"registry's events, prints its multiaddresses and writes them, one per line, to\n" +
		"<home>/node.addrs. Stops cleanly on SIGINT or SIGTERM.",
	Flags:  append([]cli.Flag{serveFlag, chunkSizeFlag}, networkFlags...),
	Action: runNode,
}

func runNode(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("node takes no arguments (use --serve PATH)")
	}
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	rt, err := startNode(c, s, true)
	if err != nil {
		return err
	}
	defer rt.close()
	for _, p := range c.StringSlice(serveFlag.Name) {
		if err := rt.shareRegistered(c, p); err != nil {
			return err
		}
	}
	return rt.serveUntilStopped(c)
}

// runtime is a running node and what feeds it from the chain.
type runtime struct {
	s       *session
	log     *slog.Logger
	checker *rights.Checker
	reader  *chain.RightsReader
	node    *node.Node
	home    string
	out     io.Writer
}

// startNode starts a node for this session. A persistent node uses the
// home's libp2p identity (<home>/p2p/identity.key); a `get` uses a fresh
// one, so that it can run beside a node of the same home.
func startNode(c *cli.Context, s *session, persistent bool) (*runtime, error) {
	home, err := homeDir(c)
	if err != nil {
		return nil, err
	}
	up, err := parseRate(c, uploadLimitFlag.Name)
	if err != nil {
		return nil, err
	}
	down, err := parseRate(c, downloadLimitFlag.Name)
	if err != nil {
		return nil, err
	}
	var key crypto.PrivKey
	if persistent {
		key, err = phost.LoadIdentity(filepath.Join(home, "p2p", "identity.key"))
	} else {
		key, _, err = crypto.GenerateEd25519Key(rand.Reader)
	}
	if err != nil {
		return nil, err
	}
	sh, err := shelf.Open(filepath.Join(home, "shelf", fmt.Sprintf("%s-%s", s.client.ChainID(), s.contract.Hex())))
	if err != nil {
		return nil, err
	}
	level := slog.LevelInfo
	if c.Bool(verboseFlag.Name) {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: level}))
	rt := &runtime{s: s, log: log, home: home, out: c.App.Writer, reader: chain.NewRightsReader(s.client, s.contract)}
	rt.checker = rights.New(rt.reader, rights.WithLogger(log))
	rt.node, err = node.New(s.ctx, node.Config{
		Host: phost.Config{
			Identity:  key,
			Listen:    c.StringSlice(listenFlag.Name),
			Bootstrap: c.StringSlice(bootstrapFlag.Name),
			MDNS:      c.Bool(mdnsFlag.Name),
		},
		Ephemeral: !persistent,
		ChainID:   s.client.ChainID().Uint64(),
		Contract:  s.contract,
		Rights:    rt.checker,
		Shelf:     sh,
		Logger:    log,
		Upload:    up,
		Download:  down,
		// Peers on this machine share 127.0.0.1; they are not a Sybil
		// attack on the colocation score.
		Gossip: []announce.GossipOption{announce.WithColocationWhitelist("127.0.0.0/8", "::1/128")},
	})
	if err != nil {
		return nil, err
	}
	return rt, nil
}

func (rt *runtime) close() { rt.node.Close() }

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

// shareRegistered serves the work at path after checking that the
// registry knows its root.
func (rt *runtime) shareRegistered(c *cli.Context, path string) error {
	m, err := buildWorkAt(c, path)
	if err != nil {
		return err
	}
	w, err := rt.reader.Work(rt.s.ctx, m.Root())
	if err != nil {
		return err
	}
	if w.Creator == (common.Address{}) {
		return fmt.Errorf("%w: %s (work %s); register it first (essaim register, or essaim share)",
			errNotRegistered, path, m.Root())
	}
	return rt.share(path, m)
}

func (rt *runtime) share(path string, m *content.Manifest) error {
	if err := rt.node.Share(rt.s.ctx, path, m); err != nil {
		return fmt.Errorf("serve %s: %w", path, err)
	}
	fmt.Fprintf(rt.out, "serving  %s %s\n", m.Root(), path)
	return nil
}

// serveUntilStopped restores the shelf, prints and records the node's
// addresses, then follows the chain and serves until SIGINT or SIGTERM.
func (rt *runtime) serveUntilStopped(c *cli.Context) error {
	served, err := rt.node.Restore(rt.s.ctx)
	if err != nil {
		rt.log.Warn("some works on the shelf cannot be served", "err", err)
	}
	for _, r := range served {
		rt.log.Info("serving", "work", r)
	}
	addrs := rt.node.Addrs()
	out := rt.out
	fmt.Fprintf(out, "peer     %s\n", rt.node.ID())
	for _, a := range addrs {
		fmt.Fprintf(out, "listen   %s\n", a)
	}
	if err := writeAddrs(filepath.Join(rt.home, "node.addrs"), addrs); err != nil {
		return err
	}
	st, err := openCatalogFile(c, rt.s, "-node")
	if err != nil {
		return err
	}
	defer st.Close()
	f := catalog.NewFollower(rt.s.client, rt.s.contract, st,
		catalog.WithLogger(rt.log),
		catalog.WithLogHook(rt.checker.Observe),
		catalog.WithHeadHook(rt.checker.ObserveHead),
		catalog.WithReorgHook(rt.checker.Reset))
	errc := make(chan error, 2)
	go func() { errc <- f.Run(rt.s.ctx) }()
	go func() { errc <- rt.node.Run(rt.s.ctx) }()
	<-rt.s.ctx.Done()
	rt.log.Info("stopping")
	for range 2 {
		if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
			rt.log.Warn("stopped", "err", err)
		}
	}
	return nil
}

// writeAddrs replaces path with one address per line.
func writeAddrs(path string, addrs []string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(addrs, "\n")+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
