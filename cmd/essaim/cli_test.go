package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"essaim/p2p/content"
	"essaim/p2p/fetch"
)

// The tests of this file try the command line as a newcomer does: help,
// mistyped commands and flags, usage errors, and what get prints when its
// output is not a terminal.

// offline is an environment whose RPC endpoint refuses connections, so a
// command that reached the chain before checking its command line would
// fail with exit 1 instead of 2.
var offline = []string{"ESSAIM_RPC=http://127.0.0.1:1", "ESSAIM_HOME=/nonexistent/essaim-home"}

// A work that looks valid, for commands that check their arguments.
const someWork = "0867aa937639be954fcaf7c8484eec3af44f92b90e1abcdd03ee653ba9c6e445"

func TestHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"help", []string{"help"}, []string{"USAGE", "COMMANDS", "hash", "account", "version", "--json", "--rpc"}},
		{"--help", []string{"--help"}, []string{"COMMANDS", "hash", "account"}},
		{"-h", []string{"-h"}, []string{"COMMANDS", "hash"}},
		{"no command", nil, []string{"COMMANDS", "hash"}},
		{"help CMD", []string{"help", "hash"}, []string{"essaim hash", "PATH", "--chunk-size"}},
		{"CMD --help", []string{"hash", "--help"}, []string{"essaim hash", "--chunk-size"}},
		{"CMD ARG --help", []string{"hash", "some/path", "--help"}, []string{"essaim hash", "--chunk-size"}},
		{"help group", []string{"help", "account"}, []string{"essaim account", "new", "import", "list"}},
		{"group --help", []string{"account", "--help"}, []string{"essaim account", "new", "import", "list"}},
		{"group alone", []string{"account"}, []string{"essaim account", "new", "import", "list"}},
		{"help group CMD", []string{"help", "account", "import"}, []string{"essaim account import", "--private-key-file", "--keystore-file"}},
		{"group CMD --help", []string{"account", "import", "--help"}, []string{"essaim account import", "--private-key-file"}},
		{"group CMD -h", []string{"license", "check", "-h"}, []string{"essaim license check", "WORK ADDR"}},
		{"help help", []string{"help", "help"}, []string{"essaim help"}},
		{"group help", []string{"account", "help"}, []string{"essaim account", "new", "import", "list"}},
		{"group help CMD", []string{"account", "help", "import"}, []string{"essaim account import", "--private-key-file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, offline, tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("help lacks %q:\n%s", w, stdout)
				}
			}
			if strings.ContainsAny(stdout, "\x1b\r") {
				t.Errorf("help off a terminal holds escape sequences or carriage returns: %q", stdout)
			}
		})
	}
}

// A mistyped command: one line that names it and the nearest command, and
// exit 2; never the whole help.
func TestUnknownCommand(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"typo", []string{"acount"}, []string{`unknown command "acount"`, `did you mean "account"?`, "essaim help"}},
		{"typo with flags after", []string{"hsh", "x", "--json"}, []string{`unknown command "hsh"`, `"hash"`}},
		{"subcommand typo", []string{"account", "lst"}, []string{`unknown command "account lst"`, `"account list"`, "essaim account --help"}},
		{"a subcommand's name alone", []string{"import"}, []string{`unknown command "import"`, `"account import"`}},
		{"nothing near", []string{"zzzzzzzz"}, []string{`unknown command "zzzzzzzz"`, "essaim help"}},
		{"flags and no command", []string{"--rpc", "hash"}, []string{"no command", "essaim help"}},
		{"help of a typo", []string{"help", "acount"}, []string{`unknown command "acount"`, `"account"`}},
		{"help of a subcommand typo", []string{"help", "account", "imprt"}, []string{`unknown command "account imprt"`, `"account import"`}},
		{"group help of a typo", []string{"account", "help", "imprt"}, []string{`unknown command "account imprt"`, `"account import"`}},
		{"--help of a typo", []string{"--help", "acount"}, []string{`unknown command "acount"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, offline, tt.args...)
			wantOneLine(t, stdout, stderr, code, exitUsage, tt.want[0])
			for _, w := range tt.want[1:] {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if tt.name == "nothing near" && strings.Contains(stderr, "did you mean") {
				t.Errorf("a suggestion for a name near nothing: %q", stderr)
			}
		})
	}
}

// A mistyped or malformed flag, global or a command's, before or after the
// arguments: one line naming it, the nearest flag, a pointer to --help,
// and exit 2.
func TestBadFlag(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		args []string
		want []string
	}{
		{"global typo after the command", nil, []string{"hash", ".", "--jsn"}, []string{"--jsn", "did you mean --json?", "essaim hash --help"}},
		{"global typo before the command", nil, []string{"--jsn", "hash", "."}, []string{"--jsn", "did you mean --json?", "essaim --help"}},
		{"command flag typo after the argument", nil, []string{"get", someWork, "--outptu", "d"}, []string{"--outptu", "did you mean --output?", "essaim get --help"}},
		{"subcommand flag typo", nil, []string{"account", "import", "--private-key-fil", "k"}, []string{"--private-key-fil", "did you mean --private-key-file?", "essaim account import --help"}},
		{"flag of another command", nil, []string{"hash", ".", "--output", "d"}, []string{"--output", "essaim hash --help"}},
		{"bad value", nil, []string{"--chain-id", "abc", "hash", "."}, []string{`"abc"`, "--chain-id", "essaim --help"}},
		{"bad boolean", nil, []string{"hash", ".", "--json=maybe"}, []string{`"maybe"`, "for --json", "essaim --help"}},
		{"bad value after the command", nil, []string{"get", someWork, "-o", "d", "--give-up", "soon"}, []string{`"soon"`, "--give-up", "essaim get --help"}},
		{"bad value from the environment", []string{"ESSAIM_CHAIN_ID=abc"}, []string{"hash", "."}, []string{`"abc"`, "ESSAIM_CHAIN_ID"}},
		{"value missing at the end", nil, []string{"get", someWork, "-o"}, []string{"-o", "needs a value", "essaim get --help"}},
		{"global value missing at the end", nil, []string{"hash", ".", "--rpc"}, []string{"--rpc", "needs a value"}},
		{"value missing alone", nil, []string{"--rpc"}, []string{"--rpc", "needs a value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, append(offline, tt.env...), tt.args...)
			wantOneLine(t, stdout, stderr, code, exitUsage, tt.want[0])
			for _, w := range tt.want[1:] {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
		})
	}
}

// Every command's command-line checks: exit 2 and one line, before any
// chain is contacted (the RPC endpoint here refuses connections), with
// plural forms right.
func TestUsageErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"account", "new", "x"}, "takes no arguments, got 1 argument"},
		{[]string{"account", "import", "x", "y"}, "got 2 arguments"},
		{[]string{"account", "list", "x"}, "got 1 argument"},
		{[]string{"deploy", "x"}, "got 1 argument"},
		{[]string{"devnet", "x"}, "got 1 argument"},
		{[]string{"devnet", "--port", "70000"}, "not a TCP port"},
		{[]string{"hash"}, "got 0 arguments"},
		{[]string{"register", "a", "b"}, "got 2 arguments"},
		{[]string{"register", dir, "--title", "t", "--price", "1eth"}, "wei, gwei or ether"},
		{[]string{"register", dir, "--title", "t", "--price", "5GWEI"}, "wei, gwei or ether"},
		{[]string{"register", dir, "--title", "t", "--price", "2finney"}, "wei, gwei or ether"},
		{[]string{"works", "a", "b"}, "got 2 arguments"},
		{[]string{"work"}, "got 0 arguments"},
		{[]string{"buy", someWork, "x"}, "got 2 arguments"},
		{[]string{"buy", someWork, "--max-price", "1ETH"}, "wei, gwei or ether"},
		{[]string{"grant", someWork}, "got 1 argument"},
		{[]string{"license", "check", someWork}, "got 1 argument"},
		{[]string{"licenses", "x"}, "got 1 argument"},
		{[]string{"withdraw", "zz"}, "is not a work"},
		{[]string{"balance", "a", "b"}, "got 2 arguments"},
		{[]string{"share"}, "got 0 arguments"},
		{[]string{"get"}, "got 0 arguments"},
		{[]string{"get", someWork}, "--output"},
		{[]string{"node", "x"}, "takes no arguments"},
		{[]string{"node", "--max-downloads", "0"}, "want at least 1"},
		{[]string{"node", "--upload-limit", "fast"}, "want a size per second"},
		{[]string{"node", "--bootstrap", "/ip4/1.2.3.4/tcp/1"}, "--bootstrap"},
		{[]string{"share", dir, "--listen", "nonsense"}, "--listen"},
		{[]string{"get", someWork, "-o", "out", "--download-limit", "-1"}, "want a size per second"},
		{[]string{"version", "x"}, "got 1 argument"},
		{[]string{"status", "x"}, "got 1 argument"},
		{[]string{"ls", "x"}, "got 1 argument"},
		{[]string{"pin"}, "got 0 arguments"},
		{[]string{"unpin", "a", "b"}, "got 2 arguments"},
		{[]string{"downloads", "x"}, "got 1 argument"},
		{[]string{"pause"}, "got 0 arguments"},
		{[]string{"resume", "a", "b"}, "got 2 arguments"},
		{[]string{"cancel", someWork, "x"}, "got 2 arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr, code := run(t, offline, tt.args...)
			wantOneLine(t, stdout, stderr, code, exitUsage, tt.want)
			if strings.Contains(stderr, " 1 arguments") {
				t.Errorf("plural after 1: %q", stderr)
			}
		})
	}
}

// Sizes in hash's output take the singular for one.
func TestHashPlural(t *testing.T) {
	path := filepath.Join(t.TempDir(), "one")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, offline, "hash", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "(1 byte)") {
		t.Errorf("hash of one byte: %q, want \"(1 byte)\"", stdout)
	}
}

// TestGetOffTerminal downloads a one-file work with stdout and stderr on
// pipes: progress comes as plain lines (no escape sequence, no carriage
// return), singular forms for one file and one peer, and a 100% line whose
// rate is the mean of the run, not zero.
func TestGetOffTerminal(t *testing.T) {
	tc := startChain(t, true)
	creator := newUser(t, tc, 0)
	work := filepath.Join(t.TempDir(), "single.bin")
	data := make([]byte, 6<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	if err := os.WriteFile(work, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var h hashResult
	creator.runJSON(t, &h, "hash", work)
	node := creator.start(t, "share", work, "--title", "One", "--open", "--listen", loopback)
	boot := nodeAddrs(t, creator.home, node)[0]

	dl := newUser(t, tc, -1)
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := dl.run(t, "get", h.Root, "-o", out, "--bootstrap", boot, "--listen", loopback)
	if code != 0 {
		t.Fatalf("get: exit %d: %s", code, stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\x1b\r") {
		t.Errorf("escape sequences or carriage returns off a terminal:\nstdout %q\nstderr %q", stdout, stderr)
	}
	if !strings.Contains(stdout, "(1 file, ") || !strings.Contains(stdout, "from 1 peer\n") {
		t.Errorf("stdout %q: want \"(1 file, \" and \"from 1 peer\"", stdout)
	}
	if strings.Contains(stderr, " 1 peers ") {
		t.Errorf("\"1 peers\" in the progress lines:\n%s", stderr)
	}
	last := regexp.MustCompile(`100\.0% .*  (\S+ \S*B)/s  `).FindStringSubmatch(stderr)
	if last == nil {
		t.Fatalf("no 100%% line on stderr:\n%s", stderr)
	}
	if last[1] == "0 B" {
		t.Errorf("100%% line shows a rate of 0 B/s for a run that received %s:\n%s", formatSize(h.Size), stderr)
	}
}

// get's summary takes the singular for one file and one peer.
func TestPrintGetPlural(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.bin")
	if err := os.WriteFile(path, []byte("a work"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := content.Build(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	set := flag.NewFlagSet("get", flag.ContinueOnError)
	set.Bool(jsonFlag.Name, false, "")
	c := cli.NewContext(&cli.App{Writer: &buf}, set, nil)
	res := &fetch.Result{Manifest: m, From: map[string]int{"p": 1}, Received: 6, Elapsed: time.Second}
	if err := printGet(c, [32]byte{1}, "out", res); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.Contains(got, "(1 file, 6 B)") || !strings.Contains(got, "from 1 peer\n") {
		t.Errorf("printGet:\n%s\nwant \"(1 file, 6 B)\" and \"from 1 peer\"", got)
	}
}

// No flag is marked required: urfave/cli would answer a missing one with
// its own help and exit code. Commands check their flags themselves, with
// usageErrorf.
func TestNoRequiredFlags(t *testing.T) {
	var walk func(path string, cmds []*cli.Command)
	check := func(path string, flags []cli.Flag) {
		for _, f := range flags {
			if r, ok := f.(cli.RequiredFlag); ok && r.IsRequired() {
				t.Errorf("%s: --%s is marked required", path, f.Names()[0])
			}
		}
	}
	walk = func(path string, cmds []*cli.Command) {
		for _, c := range cmds {
			check(path+" "+c.Name, c.Flags)
			walk(path+" "+c.Name, c.Subcommands)
		}
	}
	app := newApp()
	check("essaim", app.Flags)
	walk("essaim", app.Commands)
}
