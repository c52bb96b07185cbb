package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"essaim/p2p/fetch"
)

// progressBar shows a download's progress: a bar redrawn in place on a
// terminal, a plain line every few seconds otherwise (logs, pipes, and
// terminals that cannot redraw, TERM=dumb), with no escape sequence and no
// carriage return.
type progressBar struct {
	w        io.Writer
	tty      bool
	cols     int // the terminal's width, when tty
	now      func() time.Time
	last     time.Time
	shown    bool
	complete bool // the 100% line is out
	// first is the first progress seen and when: the mean rate of a
	// download whose caller cannot tell what this run received.
	first   fetch.Progress
	firstAt time.Time
}

func newProgressBar(w io.Writer) *progressBar {
	cols := terminalWidth(w)
	return &progressBar{w: w, tty: cols > 0, cols: cols, now: time.Now}
}

// terminalWidth is the width of the terminal w writes to, or 0 when w is
// not a terminal that can redraw a line in place.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("TERM") == "dumb" {
		return 0
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil || cols <= 0 {
		return 80
	}
	return cols
}

// update shows p. A caller that cannot tell the bytes received in this run
// (a node's download followed through its API reports none) gets, at
// 100%, the mean of what the bar saw arrive since its first update.
func (b *progressBar) update(p fetch.Progress) {
	now := b.now()
	if b.firstAt.IsZero() {
		b.first, b.firstAt = p, now
	}
	if p.Received == 0 && p.Bytes > b.first.Bytes {
		p.Received, p.Started = p.Bytes-b.first.Bytes, b.firstAt
	}
	every := 2 * time.Second
	if b.tty {
		every = 100 * time.Millisecond
	}
	complete := p.Held == p.Total
	if complete && b.complete || now.Sub(b.last) < every && !complete {
		return
	}
	b.complete = complete
	b.last = now
	line := progressLine(p, now)
	if b.tty {
		fmt.Fprintf(b.w, "\r%s\x1b[K", barLine(line, p, b.cols))
	} else {
		fmt.Fprintln(b.w, line)
	}
	b.shown = true
}

func (b *progressBar) finish() {
	if b.tty && b.shown {
		fmt.Fprintln(b.w)
	}
}

// barLine puts a bar before line, both within cols-1 columns so that the
// terminal never wraps it (a wrapped line cannot be redrawn in place): the
// bar shrinks, then goes, then the line is cut.
func barLine(line string, p fetch.Progress, cols int) string {
	room := cols - 1
	width := min(24, room-len(line)-3)
	if width < 8 {
		if len(line) > room {
			line = line[:max(room, 0)]
		}
		return line
	}
	filled := width * p.Held / max(p.Total, 1)
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "] " + line
}

// progressLine is "42.0% 420 MiB / 1.0 GiB  95 MiB/s  3 peers  ETA 6s".
// The rate is the smoothed current one while the download runs; at 100% it
// is the mean of this run: the bytes received (not those resumed from disk)
// over the time since the download started.
func progressLine(p fetch.Progress, now time.Time) string {
	pct := 100 * float64(p.Held) / float64(max(p.Total, 1))
	rate, eta := p.Rate, "--"
	switch {
	case p.Held == p.Total:
		rate, eta = meanRate(p, now), "0s"
	case p.Rate > 0 && p.Size > p.Bytes:
		eta = time.Duration(float64(p.Size-p.Bytes) / p.Rate * float64(time.Second)).Round(time.Second).String()
	}
	return fmt.Sprintf("%5.1f%% %s / %s  %s/s  %s  ETA %s",
		pct, formatSize(p.Bytes), formatSize(p.Size), formatSize(int64(rate)), plural(p.Peers, "peer", "peers"), eta)
}

// meanRate is the bytes p received over the time since it started, in
// bytes per second; the smoothed rate when the start is unknown.
func meanRate(p fetch.Progress, now time.Time) float64 {
	elapsed := now.Sub(p.Started)
	if p.Started.IsZero() || elapsed <= 0 {
		return p.Rate
	}
	return float64(p.Received) / elapsed.Seconds()
}
