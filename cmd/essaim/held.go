package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"essaim/daemon"
	"essaim/p2p/content"
)

var lsCommand = &cli.Command{
	Name:  "ls",
	Usage: "list the works the home's node serves",
	Description: "Asks the node running for this home; when none runs, lists the works on its shelf,\n" +
		"which a node started here would serve.",
	Action: runLs,
}

func runLs(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("ls takes no arguments, got %s", plural(c.NArg(), "argument", "arguments"))
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
		return output(c, works, func(p *printer) {
			for _, w := range works {
				fmt.Fprintf(p.w, "%s  %-8s  %s\n", w.Work, w.Kind, w.Path)
			}
		})
	}
	works, err := cl.Works(ctx)
	if err != nil {
		return err
	}
	return output(c, works, func(p *printer) {
		for _, w := range works {
			have := "complete"
			if w.Held < w.Chunks {
				have = fmt.Sprintf("%.1f%%", 100*float64(w.Held)/float64(max(w.Chunks, 1)))
			}
			fmt.Fprintf(p.w, "%s  %-8s  %9s  %-8s  up %s  %s\n", w.Work, w.Kind, formatSize(w.Size), have,
				formatSize(w.UpBytes), w.Path)
		}
	})
}

var pinCommand = nodeWorkCommand(&cli.Command{
	Name:  "pin",
	Usage: "make the home's node serve a work, downloading it first when it does not hold it",
	Description: "The node fetches the work (under --output, by default <home>/works/WORK) and serves\n" +
		"it from then on, across restarts. A work that needs a license needs the node to hold\n" +
		"an unlocked account with one (essaim node --unlock).",
	Flags: []cli.Flag{outputFlag},
}, func(c *cli.Context, ctx context.Context, cl *daemon.Client, root content.Hash) (any, func(*printer), error) {
	out, err := absOutput(c)
	if err != nil {
		return nil, nil, err
	}
	dl, err := cl.Pin(ctx, root, out)
	if err != nil {
		return nil, nil, err
	}
	if dl == nil {
		return printState(root, "served", "served by the node already")
	}
	return dl, func(p *printer) {
		p.field("work", dl.Work)
		p.field("state", fmt.Sprintf("%s: the node downloads it into %s, then serves it", dl.State, dl.Output))
	}, nil
})

var unpinCommand = nodeWorkCommand(&cli.Command{
	Name:        "unpin",
	Usage:       "make the home's node stop serving a work (its files stay where they are)",
	Description: "Stops serving, takes the work off the shelf, and stops its download if one runs.",
}, func(_ *cli.Context, ctx context.Context, cl *daemon.Client, root content.Hash) (any, func(*printer), error) {
	if err := cl.Unpin(ctx, root); err != nil {
		return nil, nil, err
	}
	return printState(root, "not served", "no longer served")
})

// absOutput is --output as the node, which runs elsewhere, must read it:
// absolute; empty when not given.
func absOutput(c *cli.Context) (string, error) {
	if o := c.String(outputFlag.Name); o != "" {
		return filepath.Abs(o)
	}
	return "", nil
}

// oneWork reads the command's single WORK argument.
func oneWork(c *cli.Context, cmd string) (content.Hash, error) {
	if c.NArg() != 1 {
		return content.Hash{}, usageErrorf("%s takes one WORK, got %s", cmd, plural(c.NArg(), "argument", "arguments"))
	}
	root, err := parseWork(c.Args().First())
	return content.Hash(root), err
}
