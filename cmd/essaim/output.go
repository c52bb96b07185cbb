package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"slices"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/registryops"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/xfer"
)

// printer writes aligned "name  value" lines.
type printer struct{ w io.Writer }

func (p *printer) field(name, value string) { fmt.Fprintf(p.w, "%-8s %s\n", name, value) }

// output prints v as JSON under --json, or through human otherwise.
func output(c *cli.Context, v any, human func(*printer)) error {
	if c.Bool(jsonFlag.Name) {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	human(&printer{w: c.App.Writer})
	return nil
}

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Exit codes.
const (
	exitFailure = 1 // the command ran and failed, or the answer is no
	exitUsage   = 2 // the command line is wrong
)

// errHandled means that help or the version was printed and nothing is
// left to do: the exit code is 0.
var errHandled = errors.New("handled")

// exitCode maps an error to the process exit code; the one place that does.
// An error of urfave/cli's that carries an exit code keeps it; its flag
// errors are usage errors already (onUsageError).
func exitCode(err error) int {
	var (
		u     *usageError
		coder cli.ExitCoder
	)
	switch {
	case err == nil, errors.Is(err, errHandled):
		return 0
	case errors.As(err, &u):
		return exitUsage
	case errors.As(err, &coder) && coder.ExitCode() != 0:
		return coder.ExitCode()
	}
	return exitFailure
}

// describe turns an error into the one line a user sees; the one place
// that does. Known causes get a hint; the wrapped detail stays.
func describe(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Sprintf("disk full: %v (free some space and run the command again: nothing is lost)", err)
	case errors.Is(err, chunkstore.ErrBusy):
		return fmt.Sprintf("%v", err)
	case errors.Is(err, content.ErrBadPath):
		return fmt.Sprintf("%v (this name cannot be shared safely; rename it)", err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("permission denied: %v", err)
	}
	if msg, ok := describeRefusal(err); ok {
		return msg
	}
	if msg, ok := describeChain(err); ok {
		return msg
	}
	return err.Error()
}

// describeChain words the errors of the chain commands.
func describeChain(err error) (string, bool) {
	var rev *chain.RevertError
	switch {
	case errors.As(err, &rev):
		return describeRevert(rev), true
	case errors.Is(err, chain.ErrUnreachable):
		return fmt.Sprintf("%v (is a node running? start one with `essaim devnet`, or point --rpc at one)", err), true
	case errors.Is(err, chain.ErrWrongChain):
		return fmt.Sprintf("wrong chain: %v (check --rpc and --chain-id)", err), true
	case errors.Is(err, registryops.ErrNoContract):
		return fmt.Sprintf("%v (deploy it with `essaim deploy`, run `essaim devnet` for a local chain, or set --contract)", err), true
	case errors.Is(err, registryops.ErrInsufficientFunds):
		return fmt.Sprintf("%v (send ether to the account first)", err), true
	case errors.Is(err, chain.ErrBadPassword):
		return fmt.Sprintf("%v (check --password-file)", err), true
	case errors.Is(err, chain.ErrNoFactory):
		return fmt.Sprintf("%v: cannot deploy the registry at its deterministic address", err), true
	}
	return "", false
}

// describeRevert words a custom error of the registry: in the registry's
// plain words (chain.RevertError.Explain, which the node's API shows too),
// naming the flag to change where one is the remedy.
func describeRevert(e *chain.RevertError) string {
	switch e.Name {
	case "PriceAboveMax":
		price, _ := e.Args["price"].(*big.Int)
		maxPrice, _ := e.Args["maxPrice"].(*big.Int)
		return fmt.Sprintf("price raised: the offer costs %s, above --max-price %s", chain.FormatWei(price), chain.FormatWei(maxPrice))
	case "OfferNotFound":
		return e.Explain() + " (choose one with --offer)"
	}
	return e.Explain()
}

// describeRefusal words a holder's refusal to serve a work.
func describeRefusal(err error) (string, bool) {
	var r *xfer.RefusedError
	if !errors.As(err, &r) {
		return "", false
	}
	switch r.Code {
	case xfer.CodeNoLicense:
		return fmt.Sprintf("%v: this account holds no valid license for the work (buy one with `essaim buy WORK`, or ask its creator for a grant)", err), true
	case xfer.CodeExpired:
		return fmt.Sprintf("%v: this account's license to the work has ended (renew it with `essaim buy WORK`, then run the same get again: the chunks already verified are kept)", err), true
	case xfer.CodeNeedProof:
		return fmt.Sprintf("%v: the work is not open and needs a license; create an account (`essaim account new`) and buy one", err), true
	case xfer.CodeUnavailable:
		return fmt.Sprintf("%v: the holders cannot read the chain to check your license; try again later", err), true
	case xfer.CodeNotRegistered:
		return fmt.Sprintf("%v: no such work on this registry (check --rpc and --contract)", err), true
	}
	return err.Error(), true
}

// helpWidth is where help text wraps.
const helpWidth = 80

// writeHelp prints the help of the command at path, or of essaim itself
// for an empty path: what it does, how to call it, its subcommands, its
// flags by category, and where to look next.
func writeHelp(w io.Writer, app *cli.App, path []*cli.Command) {
	name := pathName(path)
	usage, desc, flags, subs := app.Usage, app.Description, app.Flags, app.Commands
	line, optionsTitle := name+" [global options] COMMAND [options] [ARGUMENTS]", "GLOBAL OPTIONS"
	if len(path) > 0 {
		c := path[len(path)-1]
		usage, desc, flags, subs = c.Usage, c.Description, c.Flags, c.Subcommands
		line, optionsTitle = commandUsage(name, c), "OPTIONS"
	}
	fmt.Fprintf(w, "%s - %s\n\nUSAGE:\n   %s\n", name, usage, line)
	if desc != "" {
		fmt.Fprintf(w, "\nDESCRIPTION:\n")
		for _, l := range strings.Split(strings.TrimSpace(desc), "\n") {
			fmt.Fprintln(w, strings.TrimRight("   "+l, " "))
		}
	}
	writeCommands(w, subs)
	writeFlags(w, optionsTitle, flags)
	switch {
	case len(path) == 0:
		fmt.Fprintf(w, "\nOptions may come before or after the arguments; -- ends them.\n"+
			"Run `essaim help COMMAND` or `essaim COMMAND --help` for a command's options.\n")
	case len(subs) > 0:
		fmt.Fprintf(w, "\nRun `%s COMMAND --help` for a command's options.\n", name)
	default:
		fmt.Fprintf(w, "\nThe global options (`essaim --help`) apply too; options may come before or after\nthe arguments.\n")
	}
}

// commandUsage is a command's usage line: "essaim hash [options] PATH".
func commandUsage(name string, c *cli.Command) string {
	if c.UsageText != "" {
		return c.UsageText
	}
	if len(c.Subcommands) > 0 {
		return name + " COMMAND [options]"
	}
	if len(c.VisibleFlags()) > 0 {
		name += " [options]"
	}
	if c.ArgsUsage != "" {
		name += " " + c.ArgsUsage
	}
	return name
}

func writeCommands(w io.Writer, cmds []*cli.Command) {
	var visible []*cli.Command
	width := 0
	for _, c := range cmds {
		if !c.Hidden {
			visible = append(visible, c)
			width = max(width, len(c.Name))
		}
	}
	if len(visible) == 0 {
		return
	}
	fmt.Fprintf(w, "\nCOMMANDS:\n")
	for _, c := range visible {
		fmt.Fprintf(w, "   %-*s   %s\n", width, c.Name, c.Usage)
	}
}

// writeFlags lists the visible flags under title, by category, each as a
// line with its names, default and environment variable, then its usage.
func writeFlags(w io.Writer, title string, flags []cli.Flag) {
	byCat := map[string][]cli.Flag{}
	for _, f := range flags {
		if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
			continue
		}
		cat := ""
		if c, ok := f.(cli.CategorizableFlag); ok {
			cat = c.GetCategory()
		}
		byCat[cat] = append(byCat[cat], f)
	}
	if len(byCat) == 0 {
		return
	}
	cats := make([]string, 0, len(byCat))
	for c := range byCat {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	fmt.Fprintf(w, "\n%s:\n", title)
	for i, cat := range cats {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if cat != "" {
			fmt.Fprintf(w, "   %s\n", cat)
		}
		list := byCat[cat]
		slices.SortFunc(list, func(a, b cli.Flag) int { return strings.Compare(a.Names()[0], b.Names()[0]) })
		for _, f := range list {
			writeFlag(w, f)
		}
	}
}

func writeFlag(w io.Writer, f cli.Flag) {
	var names []string
	for _, n := range f.Names() {
		names = append(names, dashed(n))
	}
	head := "   " + strings.Join(names, ", ")
	d, ok := f.(cli.DocGenerationFlag)
	if !ok {
		fmt.Fprintln(w, head)
		return
	}
	if d.TakesValue() {
		head += " value"
		if def := d.GetDefaultText(); def != "" && def != `""` {
			head += "  (default: " + def + ")"
		}
	}
	if env := d.GetEnvVars(); len(env) > 0 {
		head += "  [$" + strings.Join(env, ", $") + "]"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, wrapText(d.GetUsage(), 7, helpWidth))
}

// wrapText fills s into lines of at most width columns, each indented.
func wrapText(s string, indent, width int) string {
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		switch {
		case n == 0:
			b.WriteString(pad + word)
			n = indent + len(word)
		case n+1+len(word) > width:
			b.WriteString("\n" + pad + word)
			n = indent + len(word)
		default:
			b.WriteString(" " + word)
			n += 1 + len(word)
		}
	}
	return b.String()
}
