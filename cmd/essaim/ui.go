package main

import (
	"context"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"essaim/daemon"
)

var uiOpenFlag = &cli.BoolFlag{
	Name:  "open",
	Usage: "open the URL in the desktop's browser (xdg-open, open, start)",
}

var uiCommand = &cli.Command{
	Name:  "ui",
	Usage: "print a one-time URL that signs a browser in to the web interface of the home's node",
	Description: "The node serves its web interface at its API's address (essaim status shows it). A\n" +
		"browser signs in with the URL this prints: it works once, within 5 minutes, and leaves\n" +
		"the browser a session cookie for 24 hours or until the node restarts. Run it again for\n" +
		"another browser.",
	Flags:  []cli.Flag{uiOpenFlag},
	Action: runUI,
}

func runUI(c *cli.Context) error {
	return withNode(c, "ui", func(ctx context.Context, cl *daemon.Client) error {
		s, err := cl.SignIn(ctx)
		if err != nil {
			return err
		}
		if err := output(c, s, func(p *printer) {
			fmt.Fprintln(p.w, s.URL)
			fmt.Fprintf(p.w, "opens the node's web interface once, until %s\n", s.Expires.Local().Format(time.TimeOnly))
		}); err != nil {
			return err
		}
		if c.Bool(uiOpenFlag.Name) {
			return openURL(ctx, s.URL)
		}
		return nil
	})
}
