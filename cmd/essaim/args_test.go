package main

import (
	"slices"
	"strings"
	"testing"
)

func TestInterspersed(t *testing.T) {
	app := newApp()
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"flags first", []string{"essaim", "--json", "hash", "--chunk-size", "1MiB", "x"},
			[]string{"essaim", "--json", "hash", "--chunk-size", "1MiB", "--", "x"}},
		{"flags after the argument", []string{"essaim", "hash", "x", "--chunk-size", "1MiB", "--json"},
			[]string{"essaim", "--json", "hash", "--chunk-size", "1MiB", "--", "x"}},
		{"flag with =", []string{"essaim", "hash", "x", "--chunk-size=1MiB"},
			[]string{"essaim", "hash", "--chunk-size=1MiB", "--", "x"}},
		{"double dash keeps a dash-named path", []string{"essaim", "hash", "--", "-weird", "--json"},
			[]string{"essaim", "hash", "--", "-weird", "--json"}},
		{"unknown flag left for cli to report", []string{"essaim", "hash", "x", "--nope"},
			[]string{"essaim", "hash", "--nope", "--", "x"}},
		{"help is global", []string{"essaim", "hash", "x", "--help"}, []string{"essaim", "--help", "hash", "--", "x"}},
		{"help after a group", []string{"essaim", "account", "--help"}, []string{"essaim", "--help", "account"}},
		{"unknown subcommand", []string{"essaim", "account", "lst", "--json"}, []string{"essaim", "--json", "account", "--", "lst"}},
		{"completion stays last", []string{"essaim", "hash", "x", "--generate-bash-completion"},
			[]string{"essaim", "hash", "x", "--generate-bash-completion"}},
		{"no command", []string{"essaim", "--json"}, []string{"essaim", "--json"}},
		{"unknown command untouched", []string{"essaim", "frob", "-x", "y"}, []string{"essaim", "frob", "-x", "y"}},
		{"value flag at the end of an unknown command", []string{"essaim", "frob", "--rpc"}, []string{"essaim", "frob", "--rpc"}},
		{"value flag at the end is another's value", []string{"essaim", "get", "W", "-o", "--rpc"},
			[]string{"essaim", "get", "-o", "--rpc", "--", "W"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := interspersed(app, tt.in); err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("interspersed(%q)\n got %q, %v\nwant %q", tt.in, got, err, tt.want)
			}
		})
	}
}

// A flag that takes a value but ends the line would take the next word
// once moved ("-o" would take "--", and get would write into a folder of
// that name): it is a usage error naming the flag.
func TestInterspersedValueMissing(t *testing.T) {
	app := newApp()
	for _, in := range [][]string{
		{"essaim", "hash", "x", "--chunk-size"},
		{"essaim", "get", "W", "-o"},
		{"essaim", "hash", "x", "--rpc"},
		{"essaim", "account", "import", "--private-key-file"},
		{"essaim", "account", "--rpc"},
		{"essaim", "--rpc"},
	} {
		got, err := interspersed(app, in)
		if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), "needs a value") ||
			!strings.Contains(err.Error(), in[len(in)-1]) {
			t.Errorf("interspersed(%q) = %q, %v; want a usage error naming %s", in, got, err, in[len(in)-1])
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"json", "home", "account", "rpc", "chain-id", "contract", "help", "h", "output", "o"}
	tests := []struct{ typed, want string }{
		{"jsn", "json"}, {"josn", "json"}, {"acount", "account"}, {"acc", "account"}, {"rcp", "rpc"},
		{"chainid", "chain-id"}, {"outptu", "output"}, {"contarct", "contract"},
		{"x", ""}, {"zzzzzzzz", ""}, {"verbose", ""}, {"p", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := nearest(tt.typed, names); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"262144", 262144, true},
		{"256KiB", 256 << 10, true},
		{"4MiB", 4 << 20, true},
		{"1 GiB", 1 << 30, true},
		{"2M", 2 << 20, true},
		{"5MB", 5e6, true},
		{"0", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"1.5MiB", 0, false},
		{"MiB", 0, false},
		{"9999999999TiB", 0, false},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0 B"}, {1023, "1023 B"}, {1024, "1 KiB"}, {1536, "1.5 KiB"}, {1 << 30, "1 GiB"}, {10 << 30, "10 GiB"},
	}
	for _, tt := range tests {
		if got := formatSize(tt.in); got != tt.want {
			t.Errorf("formatSize(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
