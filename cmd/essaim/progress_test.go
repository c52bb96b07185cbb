package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

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
		got := progressLine(c.p, time.Now())
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

// At 100% the line shows the mean rate of this run: the bytes received
// since the download started over the time it took, not the last smoothed
// instantaneous rate, nor the whole work's size (half of it resumed here)
// over the time.
func TestProgressLineCompleteMeanRate(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := fetch.Progress{Held: 100, Total: 100, Bytes: 200 << 20, Size: 200 << 20, Received: 100 << 20,
		Peers: 2, Rate: 500 << 20, Started: start}
	got := progressLine(p, start.Add(10*time.Second))
	if !strings.Contains(got, " 10 MiB/s ") {
		t.Errorf("progressLine = %q, want the mean rate 10 MiB/s (100 MiB in 10 s)", got)
	}
	// Unfinished: the smoothed rate, which the ETA follows.
	p.Held, p.Bytes = 50, 100<<20
	if got := progressLine(p, start.Add(10*time.Second)); !strings.Contains(got, " 500 MiB/s ") {
		t.Errorf("progressLine = %q, want the current rate 500 MiB/s", got)
	}
}

func TestProgressLinePlural(t *testing.T) {
	got := progressLine(fetch.Progress{Held: 1, Total: 2, Bytes: 1, Size: 2, Peers: 1}, time.Now())
	if !strings.Contains(got, " 1 peer ") {
		t.Errorf("progressLine = %q, want \"1 peer\"", got)
	}
}

// On a terminal the bar and its line never take the last column, so the
// terminal never wraps a line that is then redrawn in place.
func TestBarLineFits(t *testing.T) {
	p := fetch.Progress{Held: 50, Total: 100, Bytes: 420 << 20, Size: 1000 << 20, Peers: 3, Rate: 95 << 20}
	line := progressLine(p, time.Now())
	for _, cols := range []int{200, 80, len(line) + 12, len(line) + 5, 40, 1, 0} {
		got := barLine(line, p, cols)
		if len(got) > max(cols-1, 0) {
			t.Errorf("%d columns: %d-byte line %q", cols, len(got), got)
		}
		if cols >= 80 && !strings.HasPrefix(got, "[############............] ") {
			t.Errorf("%d columns: %q, want the full bar half filled", cols, got)
		}
	}
}

// Through a pipe, as in a log or a CI job: plain lines only.
func TestProgressBarPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b := newProgressBar(w)
	b.update(fetch.Progress{Held: 1, Total: 2, Size: 2})
	b.update(fetch.Progress{Held: 2, Total: 2, Size: 2, Bytes: 2})
	b.finish()
	w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if b.tty || strings.ContainsAny(string(out), "\x1b\r") || strings.Count(string(out), "\n") != 2 {
		t.Fatalf("through a pipe (tty %v): %q, want two plain lines", b.tty, out)
	}
}

// A node's download followed through its API reports no bytes received in
// this run: the 100% line shows the mean of what the bar saw arrive, not 0.
func TestProgressBarMeanOfWhatItSaw(t *testing.T) {
	var buf bytes.Buffer
	b := newProgressBar(&buf)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b.now = func() time.Time { return at }
	b.update(fetch.Progress{Held: 10, Total: 30, Bytes: 10 << 20, Size: 30 << 20, Rate: 1 << 20, Started: at})
	at = at.Add(2 * time.Second)
	b.update(fetch.Progress{Held: 30, Total: 30, Bytes: 30 << 20, Size: 30 << 20, Started: at.Add(-time.Second)})
	b.finish()
	if lines := strings.Split(strings.TrimSpace(buf.String()), "\n"); len(lines) != 2 || !strings.Contains(lines[1], " 10 MiB/s ") {
		t.Fatalf("lines %q: want the 100%% line at 10 MiB/s (20 MiB seen in 2 s)", lines)
	}
}
