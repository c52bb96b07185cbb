package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed reorders a command line so that urfave/cli, which stops at
// the first positional argument, sees every flag: `essaim hash PATH --json`
// becomes `essaim --json hash PATH`. Global flags move before the command,
// the command's own flags before its arguments; "--" ends flag parsing.
func interspersed(app *cli.App, args []string) []string {
	if len(args) == 0 {
		return args
	}
	var global, path, local, positional []string
	i := 1
	// Global flags before the command name, then the command path.
	cmds := app.Commands
	var cmd *cli.Command
	for i < len(args) {
		a := args[i]
		if isFlag(a) {
			n := flagSpan(args[i:], app.Flags)
			global = append(global, args[i:i+n]...)
			i += n
			continue
		}
		sub := findCommand(cmds, a)
		if sub == nil {
			break
		}
		cmd = sub
		path = append(path, a)
		cmds = sub.Subcommands
		i++
		if len(cmds) == 0 {
			break
		}
	}
	if cmd == nil {
		return args
	}
	for ; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case isFlag(a) && lookupFlag(cmd.Flags, a) != nil:
			n := flagSpan(args[i:], cmd.Flags)
			local = append(local, args[i:i+n]...)
			i += n - 1
		case isFlag(a) && lookupFlag(app.Flags, a) != nil:
			n := flagSpan(args[i:], app.Flags)
			global = append(global, args[i:i+n]...)
			i += n - 1
		case isFlag(a):
			local = append(local, a) // unknown: let cli report it
		default:
			positional = append(positional, a)
		}
	}
	out := append([]string{args[0]}, global...)
	out = append(out, path...)
	out = append(out, local...)
	if len(positional) > 0 {
		out = append(out, "--")
	}
	return append(out, positional...)
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' && a != "--" }

// flagSpan returns how many arguments the flag at args[0] takes: two when it
// expects a value given separately, one otherwise.
func flagSpan(args []string, flags []cli.Flag) int {
	f := lookupFlag(flags, args[0])
	if f == nil || strings.Contains(args[0], "=") || len(args) < 2 {
		return 1
	}
	if v, ok := f.(interface{ TakesValue() bool }); ok && v.TakesValue() {
		return 2
	}
	return 1
}

func lookupFlag(flags []cli.Flag, a string) cli.Flag {
	name := strings.TrimLeft(a, "-")
	if k := strings.IndexByte(name, '='); k >= 0 {
		name = name[:k]
	}
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
