package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// completionFlag ends a command line that asks for shell completions; it
// must stay last.
const completionFlag = "--generate-bash-completion"

// interspersed reorders a command line so that urfave/cli, which stops at
// the first positional argument, sees every flag: `essaim hash PATH --json`
// becomes `essaim --json hash PATH`. Global flags move before the command,
// the command's own flags before its arguments; "--" ends flag parsing. A
// flag that takes a value but ends the line is a usage error: moved, it
// would take the next word as its value.
func interspersed(app *cli.App, args []string) ([]string, error) {
	if len(args) == 0 || args[len(args)-1] == completionFlag {
		return args, nil
	}
	var global, path, local, positional []string
	// dangling is the error for a value flag that ends the line.
	dangling := func(i int, flags []cli.Flag) error {
		if i == len(args)-1 && isFlag(args[i]) && takesValue(args[i], flags, app.Flags) {
			return flagNeedsValue(strings.TrimLeft(args[i], "-"), strings.Join(append([]string{"essaim"}, path...), " "))
		}
		return nil
	}
	i := 1
	// Global flags before the command name, then the command path.
	cmds := app.Commands
	var cmd *cli.Command
	for i < len(args) {
		a := args[i]
		if err := dangling(i, nil); err != nil {
			return nil, err
		}
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
		return args, nil
	}
	for ; i < len(args); i++ {
		a := args[i]
		if err := dangling(i, cmd.Flags); err != nil {
			return nil, err
		}
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
	return append(out, positional...), nil
}

// takesValue tells whether a, with no "=value", names a flag among flags or
// globals that expects a value.
func takesValue(a string, flags, globals []cli.Flag) bool {
	if strings.Contains(a, "=") {
		return false
	}
	f := lookupFlag(flags, a)
	if f == nil {
		f = lookupFlag(globals, a)
	}
	v, ok := f.(interface{ TakesValue() bool })
	return ok && v.TakesValue()
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

// resolve walks names down the command tree from cmds: the commands they
// name, in order, and the first name that names none where a command was
// due (empty when there is none). A command without subcommands ends the
// walk: the names after it are its arguments.
func resolve(cmds []*cli.Command, names []string) (path []*cli.Command, unknown string) {
	for _, n := range names {
		if n == "--" {
			continue
		}
		c := findCommand(cmds, n)
		if c == nil {
			return path, n
		}
		path = append(path, c)
		if cmds = c.Subcommands; len(cmds) == 0 {
			break
		}
	}
	return path, ""
}

// commandPath is the commands of c's lineage, the outermost first, without
// the application's root.
func commandPath(c *cli.Context) []*cli.Command {
	var path []*cli.Command
	for _, x := range c.Lineage() {
		if x.Command != nil {
			path = append([]*cli.Command{x.Command}, path...)
		}
	}
	if len(path) > 0 {
		path = path[1:]
	}
	return path
}

// pathName is "essaim account import" for that path.
func pathName(path []*cli.Command) string {
	s := "essaim"
	for _, c := range path {
		s += " " + c.Name
	}
	return s
}

// unknownCommand is the usage error for name where a command of path was
// due, with the nearest command when one is near.
func unknownCommand(app *cli.App, path []*cli.Command, name string) error {
	cmds, see := app.Commands, "essaim help"
	if len(path) > 0 {
		cmds, see = path[len(path)-1].Subcommands, pathName(path)+" --help"
	}
	typed := strings.TrimPrefix(pathName(path)+" "+name, "essaim ")
	if s := suggestCommand(cmds, path, name); s != "" {
		return usageErrorf("unknown command %q; did you mean %q? (see: %s)", typed, s, see)
	}
	return usageErrorf("unknown command %q (see: %s)", typed, see)
}

// suggestCommand is the command of cmds (under path) nearest to name, as
// its full name ("account list"); at the top, the subcommand that name
// names exactly ("import" is "account import") comes first.
func suggestCommand(cmds []*cli.Command, path []*cli.Command, name string) string {
	prefix := strings.TrimPrefix(pathName(path)+" ", "essaim ")
	if len(path) == 0 {
		for _, c := range cmds {
			if sub := findCommand(c.Subcommands, name); sub != nil && !sub.Hidden {
				return c.Name + " " + sub.Name
			}
		}
	}
	var names []string
	for _, c := range cmds {
		if !c.Hidden {
			names = append(names, c.Names()...)
		}
	}
	if n := nearest(name, names); n != "" {
		return prefix + n
	}
	return ""
}

// runRoot runs when no command is named: the help for a bare `essaim`; a
// usage error for flags without a command (`essaim --rpc hash`, where
// --rpc took the command's name as its value) or a name that is no
// command.
func runRoot(c *cli.Context) error {
	switch {
	case c.NArg() > 0:
		return unknownCommand(c.App, nil, c.Args().First())
	case c.NumFlags() > 0:
		return usageErrorf("no command after the flags (see: essaim help)")
	}
	writeHelp(c.App.Writer, c.App, nil)
	return nil
}

// runGroup runs a command that only groups subcommands (urfave/cli runs
// a subcommand it names instead): its help, also as `essaim account help
// [SUBCOMMAND]`, or a usage error for a name that is none of them.
func runGroup(c *cli.Context) error {
	path, names := commandPath(c), c.Args().Slice()
	if len(names) > 0 && names[0] != helpCommand.Name {
		return unknownCommand(c.App, path, names[0])
	}
	if len(names) > 0 {
		sub, unknown := resolve(path[len(path)-1].Subcommands, names[1:])
		if path = append(path, sub...); unknown != "" {
			return unknownCommand(c.App, path, unknown)
		}
	}
	writeHelp(c.App.Writer, c.App, path)
	return nil
}

// onUsageError words a flag that urfave/cli could not parse, for the
// command c runs: one line naming the flag, the nearest one when one is
// near, and where the help is.
func onUsageError(c *cli.Context, err error, _ bool) error {
	path := pathName(commandPath(c))
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		for _, f := range append(append([]cli.Flag{}, c.Command.Flags...), c.App.Flags...) {
			names = append(names, f.Names()...)
		}
		if s := nearest(name, names); s != "" {
			return usageErrorf("unknown flag %s; did you mean %s? (see: %s --help)", dashed(name), dashed(s), path)
		}
		return usageErrorf("unknown flag %s (see: %s --help)", dashed(name), path)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return flagNeedsValue(name, path)
	}
	// invalid value "abc" for flag -chain-id: parse error
	// invalid boolean value "maybe" for -json: parse error
	for _, sep := range []string{" for flag -", " for -"} {
		if before, after, ok := strings.Cut(msg, sep); ok {
			name, reason, _ := strings.Cut(after, ": ")
			return usageErrorf("%s for %s: %s (see: %s --help)", before, dashed(name), reason, path)
		}
	}
	return usageErrorf("%s (see: %s --help)", msg, path)
}

func flagNeedsValue(name, path string) error {
	return usageErrorf("%s needs a value (see: %s --help)", dashed(name), path)
}

// dashed is a flag's name as typed: -o, --output.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// nearest is the candidate nearest to typed, or "" when none is near
// enough to be what was meant: within a third of typed's length in edits
// (an insertion, a deletion, a change or a swap of two neighbours each
// count one), or starting with typed. The first of equals wins.
func nearest(typed string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(typed, c)
		near := d <= len(typed)/3 || len(typed) >= 2 && strings.HasPrefix(c, typed)
		if near && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// Levenshtein's, where swapping two neighbours is one edit.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// runHelp prints the help of the command its arguments name: `essaim help
// account import`.
func runHelp(c *cli.Context) error {
	path, unknown := resolve(c.App.Commands, c.Args().Slice())
	if unknown != "" {
		return unknownCommand(c.App, path, unknown)
	}
	writeHelp(c.App.Writer, c.App, path)
	return nil
}

var helpCommand = &cli.Command{
	Name:      "help",
	Usage:     "show the help of essaim or of a command",
	ArgsUsage: "[COMMAND [SUBCOMMAND]]",
	Action:    runHelp,
}
