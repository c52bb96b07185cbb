package main

import (
	"context"
	"errors"
	"fmt"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"essaim/daemon"
	"essaim/p2p/shelf"
)

// errNoNode explains what to do when a command needs the home's node.
var errNoNode = errors.New("no node is running for this home (start one with `essaim node`, or give --home)")

// nodeContext is the context of a command that talks to the node: it ends
// on SIGINT or SIGTERM.
func nodeContext(c *cli.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(c.Context, syscall.SIGINT, syscall.SIGTERM)
}

// dialNode connects to the API of the node running for --home; without
// one it returns nil and no error.
func dialNode(ctx context.Context, c *cli.Context) (*daemon.Client, error) {
	home, err := homeDir(c)
	if err != nil {
		return nil, err
	}
	cl, err := daemon.Dial(ctx, home)
	if errors.Is(err, daemon.ErrNoNode) {
		return nil, nil
	}
	return cl, err
}

// needNode is dialNode for commands that only a running node can do.
func needNode(ctx context.Context, c *cli.Context) (*daemon.Client, error) {
	cl, err := dialNode(ctx, c)
	if err == nil && cl == nil {
		err = errNoNode
	}
	return cl, err
}

var statusCommand = &cli.Command{
	Name:  "status",
	Usage: "show the home's node: peer id, addresses, peers, traffic, works and downloads",
	Description: "Asks the node running for this home. When none runs, says so and lists the works\n" +
		"its shelf holds, which a node started here would serve.",
	Action: runStatus,
}

type statusResult struct {
	Running bool           `json:"running"`
	Node    *daemon.Status `json:"node,omitempty"`
	Shelf   []shelfWork    `json:"shelf,omitempty"`
	API     string         `json:"api,omitempty"`
}

func runStatus(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("status takes no arguments, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	ctx, stop := nodeContext(c)
	defer stop()
	cl, err := dialNode(ctx, c)
	if err != nil {
		return err
	}
	if cl == nil {
		works, err := shelfWorks(c)
		if err != nil {
			return err
		}
		return output(c, statusResult{Shelf: works}, func(p *printer) {
			p.field("node", "not running (start it with `essaim node`)")
			p.field("shelf", plural(len(works), "work", "works")+" to serve when it runs")
		})
	}
	s, err := cl.Status(ctx)
	if err != nil {
		return err
	}
	return output(c, statusResult{Running: true, Node: &s, API: cl.URL()}, func(p *printer) {
		p.field("node", "running for "+time.Duration(s.Uptime*float64(time.Second)).Round(time.Second).String())
		p.field("peer", s.Peer)
		for _, a := range s.Addrs {
			p.field("listen", a)
		}
		p.field("api", cl.URL())
		p.field("reach", s.Reachability)
		p.field("peers", fmt.Sprint(s.Peers))
		if s.Account != "" {
			p.field("account", s.Account+" (unlocked: proves licenses)")
		} else {
			p.field("account", "none unlocked: the node fetches open works only (start it with --unlock)")
		}
		p.field("works", plural(s.Works, "work served", "works served"))
		p.field("fetching", plural(s.Downloads, "download active", "downloads active"))
		p.field("up", fmt.Sprintf("%s (%s/s)", formatSize(s.UpBytes), formatSize(int64(s.UpRate))))
		p.field("down", fmt.Sprintf("%s (%s/s)", formatSize(s.DownBytes), formatSize(int64(s.DownRate))))
	})
}

// shelfWork is a work on the home's shelf, read without a node.
type shelfWork struct {
	Work string `json:"work"`
	Kind string `json:"kind"`
	Path string `json:"path"`
}

// shelfWorks lists the works on the home's shelves for the registry at
// --contract, whatever the chain.
func shelfWorks(c *cli.Context) ([]shelfWork, error) {
	home, err := homeDir(c)
	if err != nil {
		return nil, err
	}
	contract, err := parseAddress(c.String(contractFlag.Name), "--contract")
	if err != nil {
		return nil, err
	}
	dirs, _ := filepath.Glob(filepath.Join(home, "shelf", "*-"+contract.Hex()))
	out := []shelfWork{}
	for _, d := range dirs {
		sh, err := shelf.Open(d)
		if err != nil {
			return nil, err
		}
		roots, err := sh.Roots()
		if err != nil {
			return nil, err
		}
		for _, r := range roots {
			e, _, err := sh.Get(r)
			if err != nil {
				continue
			}
			out = append(out, shelfWork{Work: r.String(), Kind: string(e.Kind), Path: e.Path})
		}
	}
	return out, nil
}
