package main

import (
	"bytes"
	"strings"
	"testing"

	"essaim/p2p/fetch"
)

func TestProgressLine(t *testing.T) {
	cases := []struct {
		p    fetch.Progress
		want []string
	}{
		{fetch.Progress{Held: 42, Total: 100, Bytes: 420 << 20, Size: 1000 << 20, Peers: 3, Rate: 100 << 20},
			[]string{"42.0%", "420 MiB / 1000 MiB", "100 MiB/s", "3 peers", "ETA 6s"}},
		{fetch.Progress{Held: 1, Total: 100, Bytes: 1 << 20, Size: 100 << 20}, []string{"1.0%", "ETA --", "0 peers"}},
		{fetch.Progress{Held: 100, Total: 100, Bytes: 100 << 20, Size: 100 << 20, Peers: 1}, []string{"100.0%", "ETA 0s"}},
	}
	for _, c := range cases {
		got := progressLine(c.p)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("progressLine(%+v) = %q, missing %q", c.p, got, w)
			}
		}
	}
}

// Off a terminal: a line every couple of seconds, and the final one once.
func TestProgressBarPlain(t *testing.T) {
	var buf bytes.Buffer
	b := newProgressBar(&buf)
	if b.tty {
		t.Fatal("a bytes.Buffer taken for a terminal")
	}
	p := fetch.Progress{Held: 1, Total: 4, Size: 4}
	b.update(p)
	b.update(p) // within the interval: dropped
	p.Held = 4
	b.update(p)
	b.update(p) // complete again: dropped
	b.finish()
	if n := strings.Count(buf.String(), "\n"); n != 2 {
		t.Fatalf("%d lines, want 2:\n%s", n, buf.String())
	}
}
