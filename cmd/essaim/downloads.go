package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"essaim/daemon"
	"essaim/p2p/content"
)

var downloadsCommand = &cli.Command{
	Name:   "downloads",
	Usage:  "list the downloads of the home's node: state, progress, rate, peers",
	Action: runDownloads,
}

func runDownloads(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("downloads takes no arguments, got %d", c.NArg())
	}
	ctx, stop := nodeContext(c)
	defer stop()
	cl, err := needNode(ctx, c)
	if err != nil {
		return err
	}
	list, err := cl.Downloads(ctx)
	if err != nil {
		return err
	}
	return output(c, list, func(p *printer) {
		if len(list) == 0 {
			fmt.Fprintln(p.w, "no downloads")
		}
		for _, d := range list {
			fmt.Fprintln(p.w, downloadLine(d))
		}
	})
}

// downloadLine is "WORK  active  42.0%  12 MiB/s  3 peers  OUTPUT".
func downloadLine(d daemon.Download) string {
	line := fmt.Sprintf("%s  %-7s", d.Work, d.State)
	if p := d.Progress; p != nil {
		line += fmt.Sprintf("  %5.1f%%  %s/s  %s", 100*float64(p.Held)/float64(max(p.Chunks, 1)),
			formatSize(int64(p.Rate)), plural(p.Peers, "peer", "peers"))
	}
	line += "  " + d.Output
	if d.Error != "" {
		line += "  (" + d.Error + ")"
	}
	return line
}

// downloadAction is a command acting on one download of the node.
func downloadAction(name, usage string, act func(context.Context, *daemon.Client, content.Hash) (daemon.Download, error)) *cli.Command {
	return &cli.Command{
		Name:      name,
		Usage:     usage,
		ArgsUsage: "WORK",
		Action: func(c *cli.Context) error {
			root, err := oneWork(c, name)
			if err != nil {
				return err
			}
			ctx, stop := nodeContext(c)
			defer stop()
			cl, err := needNode(ctx, c)
			if err != nil {
				return err
			}
			d, err := act(ctx, cl, root)
			if err != nil {
				return err
			}
			return output(c, d, func(p *printer) { fmt.Fprintln(p.w, downloadLine(d)) })
		},
	}
}

var (
	pauseCommand = downloadAction("pause", "pause a download of the home's node (its chunks stay on disk)",
		func(ctx context.Context, cl *daemon.Client, r content.Hash) (daemon.Download, error) {
			return cl.Pause(ctx, r)
		})
	resumeCommand = downloadAction("resume", "resume a paused or failed download of the home's node",
		func(ctx context.Context, cl *daemon.Client, r content.Hash) (daemon.Download, error) {
			return cl.Resume(ctx, r)
		})
	cancelCommand = &cli.Command{
		Name:        "cancel",
		Usage:       "take a download off the home's node's list",
		ArgsUsage:   "WORK",
		Description: "Stops it; an unfinished download's chunks are deleted, finished files are never touched.",
		Action:      runCancel,
	}
)

func runCancel(c *cli.Context) error {
	root, err := oneWork(c, "cancel")
	if err != nil {
		return err
	}
	ctx, stop := nodeContext(c)
	defer stop()
	cl, err := needNode(ctx, c)
	if err != nil {
		return err
	}
	if err := cl.Cancel(ctx, root); err != nil {
		return err
	}
	return output(c, map[string]string{"work": root.String(), "state": "cancelled"}, func(p *printer) {
		p.field("work", root.String())
		p.field("state", "cancelled")
	})
}
