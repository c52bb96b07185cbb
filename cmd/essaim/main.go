// Command essaim shares works peer to peer under licenses that live on
// Ethereum. This file only assembles the commands; each command group lives
// in its own file.
package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

func newApp() *cli.App {
	return &cli.App{
		Name:                 "essaim",
		Usage:                "share works peer to peer under licenses that live on Ethereum",
		Flags:                globalFlags,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
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
			shareCommand,
			nodeCommand,
			getCommand,
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
