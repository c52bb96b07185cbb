package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"essaim/daemon"
)

var playFlag = &cli.BoolFlag{
	Name:  "open",
	Usage: "hand the URL to the system's media player (xdg-open, open, start)",
}

var streamCommand = &cli.Command{
	Name:      "stream",
	Usage:     "print a URL a media player opens to watch or hear a work while the home's node downloads it",
	ArgsUsage: "WORK [PATH]",
	Description: "The node starts downloading the work if it does not hold it (under --output, by default\n" +
		"<home>/works/WORK) and serves PATH (every file, without it) over HTTP on 127.0.0.1, with\n" +
		"seeking: the chunks the player reads come first, each verified before it is served. The\n" +
		"URL opens this work only, on this node, for 12 hours or until the node restarts or\n" +
		"`essaim stream --revoke`. The node's account must hold a license (essaim node --unlock),\n" +
		"unless the work is open.",
	Flags: []cli.Flag{outputFlag, playFlag, &cli.BoolFlag{
		Name:  "revoke",
		Usage: "invalidate every stream URL the node has given (takes no WORK)",
	}},
	Action: runStream,
}

func runStream(c *cli.Context) error {
	if c.Bool("revoke") {
		return revokeStreams(c)
	}
	if c.NArg() < 1 || c.NArg() > 2 {
		return usageErrorf("stream takes WORK and an optional PATH, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	root, err := parseWork(c.Args().First())
	if err != nil {
		return err
	}
	out, err := absOutput(c)
	if err != nil {
		return err
	}
	ctx, stop := nodeContext(c)
	defer stop()
	cl, err := needNode(ctx, c)
	if err != nil {
		return err
	}
	s, err := cl.Stream(ctx, root, c.Args().Get(1), out)
	if err != nil {
		return err
	}
	if err := output(c, s, func(p *printer) { printStream(p, s) }); err != nil {
		return err
	}
	if c.Bool(playFlag.Name) {
		return openURL(ctx, playable(s.Files).URL)
	}
	return nil
}

func revokeStreams(c *cli.Context) error {
	return withNode(c, "stream --revoke", func(ctx context.Context, cl *daemon.Client) error {
		if err := cl.RevokeStreams(ctx); err != nil {
			return err
		}
		return output(c, map[string]bool{"revoked": true}, func(p *printer) {
			fmt.Fprintln(p.w, "every stream URL the node gave is void")
		})
	})
}

func printStream(p *printer, s daemon.Stream) {
	p.field("work", s.Work)
	if d := s.Download; d != nil {
		p.field("download", fmt.Sprintf("%s into %s", d.State, d.Output))
	}
	p.field("expires", s.Expires.Local().Format(time.DateTime))
	for _, f := range s.Files {
		if len(s.Files) > 1 {
			fmt.Fprintf(p.w, "%s  (%s)\n", f.Path, formatSize(f.Size))
		}
		fmt.Fprintln(p.w, f.URL)
	}
}

// playable is the file --open hands to the player: the first audio or
// video file, else the first file.
func playable(files []daemon.StreamFile) daemon.StreamFile {
	for _, f := range files {
		if strings.HasPrefix(f.Type, "audio/") || strings.HasPrefix(f.Type, "video/") {
			return f
		}
	}
	return files[0]
}

var errNoOpener = errors.New("found no program to open the URL with: copy it into your player")

// openURL hands url to the desktop's opener, which starts the player
// that handles it.
func openURL(ctx context.Context, url string) error {
	var name string
	var args []string
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler"}
	default:
		name = "xdg-open"
	}
	if _, err := exec.LookPath(name); err != nil {
		return fmt.Errorf("%w (%s: %v)", errNoOpener, name, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, name, append(args, url)...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v: %s", name, err, strings.TrimSpace(string(out)))
	}
	return nil
}
