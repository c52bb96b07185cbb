package main

import (
	"slices"
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
		{"help", []string{"essaim", "hash", "--help"}, []string{"essaim", "hash", "--help"}},
		{"no command", []string{"essaim", "--json"}, []string{"essaim", "--json"}},
		{"unknown command untouched", []string{"essaim", "frob", "-x", "y"}, []string{"essaim", "frob", "-x", "y"}},
		{"value flag at the end has no value", []string{"essaim", "hash", "x", "--chunk-size"},
			[]string{"essaim", "hash", "--chunk-size", "--", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := interspersed(app, tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("interspersed(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
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
