// Command essaim shares works peer to peer under licenses that live on
// Ethereum. This file only assembles the commands; each command group lives
// in its own file.
package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

// stopProfile ends the run's CPU profile (see --cpu-profile).
var stopProfile func() error

func newApp() *cli.App {
	return &cli.App{
		Name:                 "essaim",
		Usage:                "share works peer to peer under licenses that live on Ethereum",
		Flags:                globalFlags,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
		Before: func(c *cli.Context) (err error) {
			if err := setMemoryLimit(c); err != nil {
				return err
			}
			stopProfile, err = startProfile(c)
			return err
		},
		After: func(*cli.Context) error {
			if stopProfile == nil {
				return nil
			}
			return stopProfile()
		},
		Commands: []*cli.Command{
			hashCommand,
			devnetCommand,
			accountCommand,
			deployCommand,
			registerCommand,
			worksCommand,
			workCommand,
			buyCommand,
			grantCommand,
			licenseCommand,
			licensesCommand,
			withdrawCommand,
			balanceCommand,
			shareCommand,
			nodeCommand,
			getCommand,
			statusCommand,
			lsCommand,
			pinCommand,
			unpinCommand,
			downloadsCommand,
			pauseCommand,
			resumeCommand,
			cancelCommand,
		},
	}
}

func main() {
	app := newApp()
	app.Writer, app.ErrWriter = os.Stdout, os.Stderr
	if err := app.Run(interspersed(app, os.Args)); err != nil {
		fmt.Fprintln(os.Stderr, "essaim:", describe(err))
		os.Exit(exitCode(err))
	}
}
