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
	// Help is essaim's own (helpFlag, helpCommand, writeHelp): urfave/cli's
	// help flag would answer before any of it runs.
	cli.HelpFlag = nil
	app := &cli.App{
		Name:                 "essaim",
		Usage:                "share works peer to peer under licenses that live on Ethereum",
		Flags:                globalFlags,
		EnableBashCompletion: true,
		HideHelp:             true,
		Before:               before,
		After: func(*cli.Context) error {
			if stopProfile == nil {
				return nil
			}
			return stopProfile()
		},
		Action:       runRoot,
		OnUsageError: onUsageError,
		// Errors go back to main, which prints them and picks the exit code.
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			hashCommand,
			devnetCommand,
			accountCommand,
			deployCommand,
			registerCommand,
			worksCommand,
			workCommand,
			offerCommand,
			offersCommand,
			openCommand,
			closeCommand,
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
			streamCommand,
			uiCommand,
			versionCommand,
			helpCommand,
		},
	}
	prepare(app.Commands)
	return app
}

// prepare gives every command essaim's handling of help and of mistakes:
// no help of urfave/cli's, flag errors worded by onUsageError, and a
// command that only groups others answers with its help or names the
// subcommand that was meant.
func prepare(cmds []*cli.Command) {
	for _, c := range cmds {
		c.HideHelp = true
		c.OnUsageError = onUsageError
		if len(c.Subcommands) > 0 && c.Action == nil {
			c.Action = runGroup
		}
		prepare(c.Subcommands)
	}
}

// before answers --help and --version, whatever the command; otherwise it
// sets the memory limit and starts the CPU profile.
func before(c *cli.Context) (err error) {
	switch {
	case c.Bool(helpFlag.Name):
		if err := runHelp(c); err != nil {
			return err
		}
		return errHandled
	case c.Bool(versionFlag.Name):
		if err := printVersion(c); err != nil {
			return err
		}
		return errHandled
	}
	if err := setMemoryLimit(c); err != nil {
		return err
	}
	stopProfile, err = startProfile(c)
	return err
}

// execute runs the command line and returns the exit code; an error is
// printed as one line.
func execute(app *cli.App, args []string) int {
	args, err := interspersed(app, args)
	if err == nil {
		err = app.Run(args)
	}
	if code := exitCode(err); code != 0 {
		fmt.Fprintln(app.ErrWriter, "essaim:", describe(err))
		return code
	}
	return 0
}

func main() {
	atLeastTwoProcs()
	app := newApp()
	app.Writer, app.ErrWriter = os.Stdout, os.Stderr
	os.Exit(execute(app, os.Args))
}
