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
// terminal, a plain line every few seconds otherwise (logs, pipes).
type progressBar struct {
	w        io.Writer
	tty      bool
	last     time.Time
	shown    bool
	complete bool // the 100% line is out
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	return &progressBar{w: w, tty: ok && term.IsTerminal(int(f.Fd()))}
}

func (b *progressBar) update(p fetch.Progress) {
	now := time.Now()
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
	line := progressLine(p)
	if b.tty {
		const width = 24
		filled := width * p.Held / max(p.Total, 1)
		fmt.Fprintf(b.w, "\r[%s%s] %s\x1b[K", strings.Repeat("#", filled), strings.Repeat(".", width-filled), line)
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

// progressLine is "42.0% 420 MiB / 1.0 GiB  95 MiB/s  3 peers  ETA 6s".
func progressLine(p fetch.Progress) string {
	pct := 100 * float64(p.Held) / float64(max(p.Total, 1))
	eta := "--"
	if p.Rate > 0 && p.Size > p.Bytes {
		eta = time.Duration(float64(p.Size-p.Bytes) / p.Rate * float64(time.Second)).Round(time.Second).String()
	} else if p.Held == p.Total {
		eta = "0s"
	}
	return fmt.Sprintf("%5.1f%% %s / %s  %s/s  %d peers  ETA %s",
		pct, formatSize(p.Bytes), formatSize(p.Size), formatSize(int64(p.Rate)), p.Peers, eta)
}
