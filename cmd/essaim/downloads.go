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
	return withNode(c, "downloads", func(ctx context.Context, cl *daemon.Client) error {
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
	})
}

// withNode runs act, for command cmd that takes no arguments, with the
// home's node.
func withNode(c *cli.Context, cmd string, act func(context.Context, *daemon.Client) error) error {
	if c.NArg() != 0 {
		return usageErrorf("%s takes no arguments, got %s", cmd, plural(c.NArg(), "argument", "arguments"))
	}
	ctx, stop := nodeContext(c)
	defer stop()
	cl, err := needNode(ctx, c)
	if err != nil {
		return err
	}
	return act(ctx, cl)
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

// nodeWorkCommand completes cmd as a command that asks the home's node
// to act on one WORK and prints what act returns.
func nodeWorkCommand(cmd *cli.Command, act func(*cli.Context, context.Context, *daemon.Client, content.Hash) (any, func(*printer), error)) *cli.Command {
	cmd.ArgsUsage = "WORK"
	cmd.Action = func(c *cli.Context) error {
		root, err := oneWork(c, cmd.Name)
		if err != nil {
			return err
		}
		ctx, stop := nodeContext(c)
		defer stop()
		cl, err := needNode(ctx, c)
		if err != nil {
			return err
		}
		v, human, err := act(c, ctx, cl, root)
		if err != nil {
			return err
		}
		return output(c, v, human)
	}
	return cmd
}

// printDownload is act's answer for a command that changes a download.
func printDownload(d daemon.Download, err error) (any, func(*printer), error) {
	return d, func(p *printer) { fmt.Fprintln(p.w, downloadLine(d)) }, err
}

// printState is act's answer for a command that says what became of a
// work: state for programs (--json), words for people.
func printState(root content.Hash, state, words string) (any, func(*printer), error) {
	return map[string]string{"work": root.String(), "state": state}, func(p *printer) {
		p.field("work", root.String())
		p.field("state", words)
	}, nil
}

var (
	pauseCommand = nodeWorkCommand(&cli.Command{Name: "pause", Usage: "pause a download of the home's node (its chunks stay on disk)"},
		func(_ *cli.Context, ctx context.Context, cl *daemon.Client, r content.Hash) (any, func(*printer), error) {
			return printDownload(cl.Pause(ctx, r))
		})
	resumeCommand = nodeWorkCommand(&cli.Command{Name: "resume", Usage: "resume a paused or failed download of the home's node"},
		func(_ *cli.Context, ctx context.Context, cl *daemon.Client, r content.Hash) (any, func(*printer), error) {
			return printDownload(cl.Resume(ctx, r))
		})
	cancelCommand = nodeWorkCommand(&cli.Command{
		Name:        "cancel",
		Usage:       "take a download off the home's node's list",
		Description: "Stops it; an unfinished download's chunks are deleted, finished files are never touched.",
	}, func(_ *cli.Context, ctx context.Context, cl *daemon.Client, r content.Hash) (any, func(*printer), error) {
		if err := cl.Cancel(ctx, r); err != nil {
			return nil, nil, err
		}
		return printState(r, "cancelled", "cancelled")
	})
)
