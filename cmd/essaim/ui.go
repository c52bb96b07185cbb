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
		"another browser. To reach it from a phone or another computer, start the node with\n" +
		"--api 0.0.0.0:8750 (or one address of the box): off loopback the API speaks HTTPS only,\n" +
		"with a certificate of the node's own whose fingerprint this prints.",
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
			for _, u := range s.Elsewhere {
				fmt.Fprintf(p.w, "from another device: %s\n", u)
			}
			if s.Certificate != "" {
				fmt.Fprintf(p.w, "the browser will not know the node's certificate: accept it only if its SHA-256 fingerprint is\n  %s\n", s.Certificate)
			}
		}); err != nil {
			return err
		}
		if c.Bool(uiOpenFlag.Name) {
			return openURL(ctx, s.URL)
		}
		return nil
	})
}
