// Command streamplay plays a work from an essaim node's stream as a media
// player with a constant bitrate would, for scripts/bench-stream.sh: it
// asks the node for the stream URL, reads from an offset at most -buffer
// of playback ahead of the playhead, and reports (one JSON line) the time
// from asking to the first byte, the time the playhead spent waiting for
// bytes (stalls), and, with -done, when the node's download of the whole
// work finished. With -plain it only pins the work and times the download,
// the reference a stream's download is compared with.
//
//	go run ./scripts/streamplay -home DIR -work ROOT [-path P] [-from 0.8] [-rate 5] [-for 30s] [-done]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"essaim/daemon"
	"essaim/p2p/content"
)

type config struct {
	home, work, path string
	from             float64       // where to start, as a fraction of the file
	rate             float64       // playback rate in bytes per second; 0 reads as fast as it can
	play             time.Duration // how long to play; 0 plays to the end
	buffer           time.Duration // how far ahead of the playhead the player reads
	readMax          int64         // stop after this many bytes (0: no limit)
	done, plain      bool
}

// report is what streamplay prints.
type report struct {
	FirstByteMS   float64 `json:"first_byte_ms,omitempty"`
	Bytes         int64   `json:"bytes,omitempty"`
	PlayedS       float64 `json:"played_s,omitempty"`
	StallS        float64 `json:"stall_s"`
	StallAfter1sS float64 `json:"stall_after_1s_s"`
	StallRatio    float64 `json:"stall_ratio"`
	DownloadS     float64 `json:"download_s,omitempty"`
	// DownBytes is what the node received for the work, duplicates
	// included (essaim_work_bytes_total), once its download is done.
	DownBytes int64 `json:"down_bytes,omitempty"`
}

func main() {
	var c config
	var mib float64
	flag.StringVar(&c.home, "home", "", "the node's home")
	flag.StringVar(&c.work, "work", "", "the work's root")
	flag.StringVar(&c.path, "path", "", "the file to play (default: the work's first)")
	flag.Float64Var(&c.from, "from", 0, "where to start, as a fraction of the file")
	flag.Float64Var(&mib, "rate", 0, "playback rate in MiB/s (0: read as fast as possible)")
	flag.DurationVar(&c.play, "for", 0, "how long to play (0: to the end)")
	flag.DurationVar(&c.buffer, "buffer", 10*time.Second, "how far ahead of the playhead to read")
	flag.Int64Var(&c.readMax, "bytes", 0, "stop after this many bytes (0: no limit)")
	flag.BoolVar(&c.done, "done", false, "also wait for the node's download of the whole work")
	flag.BoolVar(&c.plain, "plain", false, "no stream: pin the work and time its download")
	flag.Parse()
	c.rate = mib * (1 << 20)
	r, err := run(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "streamplay:", err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(r)
}

func run(c config) (report, error) {
	var r report
	root, err := content.ParseHash(c.work)
	if err != nil {
		return r, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cl, err := daemon.Dial(ctx, c.home)
	if err != nil {
		return r, err
	}
	asked := time.Now()
	var (
		wg       sync.WaitGroup
		finished time.Time
		waitErr  error
	)
	if c.done || c.plain {
		wg.Add(1)
		go func() {
			defer wg.Done()
			finished, waitErr = waitDone(ctx, cl, root)
		}()
	}
	if c.plain {
		_, err = cl.Pin(ctx, root, "")
	} else {
		err = play(ctx, cl, root, c, asked, &r)
	}
	if err != nil {
		cancel()
		wg.Wait()
		return r, err
	}
	wg.Wait()
	if waitErr != nil {
		return r, waitErr
	}
	if !finished.IsZero() {
		r.DownloadS = finished.Sub(asked).Seconds()
		if r.DownBytes, err = downBytes(ctx, cl, root); err != nil {
			return r, err
		}
	}
	return r, nil
}

// downBytes reads the bytes the node received for root from its metrics.
func downBytes(ctx context.Context, cl *daemon.Client, root content.Hash) (int64, error) {
	text, err := cl.Metrics(ctx)
	if err != nil {
		return 0, err
	}
	prefix := `essaim_work_bytes_total{direction="down",work="` + root.String() + `"} `
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, prefix); ok {
			f, err := strconv.ParseFloat(v, 64)
			return int64(f), err
		}
	}
	return 0, errors.New("the node's metrics lack the work's bytes")
}

// waitDone follows the node's events until root's download is done.
func waitDone(ctx context.Context, cl *daemon.Client, root content.Hash) (time.Time, error) {
	var at time.Time
	var failed string
	err := cl.Events(ctx, func(d daemon.Download) bool {
		if d.Work != root.String() {
			return true
		}
		switch d.State {
		case daemon.Done:
			at = time.Now()
			return false
		case daemon.Failed:
			failed = d.Error
			return false
		}
		return true
	})
	switch {
	case failed != "":
		return at, fmt.Errorf("the download failed: %s", failed)
	case at.IsZero() && err == nil:
		err = errors.New("the event stream ended before the download did")
	}
	return at, err
}

// play asks for the stream and reads it as a player at c.rate would.
func play(ctx context.Context, cl *daemon.Client, root content.Hash, c config, asked time.Time, r *report) error {
	s, err := cl.Stream(ctx, root, c.path, "")
	if err != nil {
		return err
	}
	f := s.Files[0]
	from := int64(c.from * float64(f.Size))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Range", "bytes="+strconv.FormatInt(from, 10)+"-")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent && resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		return fmt.Errorf("%s: %s", resp.Status, b)
	}
	p := newPlayer(c.rate, c.buffer)
	want := f.Size - from
	if c.rate > 0 && c.play > 0 {
		want = min(want, int64(c.rate*c.play.Seconds()))
	}
	if c.readMax > 0 {
		want = min(want, c.readMax)
	}
	buf := make([]byte, 256<<10)
	for p.got < want {
		time.Sleep(p.ahead(time.Now()))
		n, err := resp.Body.Read(buf[:min(int64(len(buf)), want-p.got)])
		if n > 0 {
			now := time.Now()
			if p.got == 0 {
				r.FirstByteMS = float64(now.Sub(asked).Microseconds()) / 1000
			}
			p.arrived(now, int64(n))
		}
		if err == io.EOF && p.got < want {
			return fmt.Errorf("the stream ended after %d of %d bytes", p.got, want)
		}
		if err != nil && err != io.EOF {
			return err
		}
	}
	r.Bytes = p.got
	r.StallS, r.StallAfter1sS = p.stalled.Seconds(), p.stalledLate.Seconds()
	if c.rate > 0 {
		r.PlayedS = float64(p.got) / c.rate
		r.StallRatio = r.StallS / (r.PlayedS + r.StallS)
	}
	return nil
}

// player is a playhead moving at rate bytes per second from the first
// byte on, stopping while the bytes it needs have not arrived.
type player struct {
	rate        float64
	buffer      time.Duration
	t0          time.Time
	got         int64
	stalled     time.Duration // the playhead's waits in all
	stalledLate time.Duration // those after its first second
}

func newPlayer(rate float64, buffer time.Duration) *player {
	return &player{rate: rate, buffer: buffer}
}

// needAt is when the playhead reaches byte n (given the stalls so far).
func (p *player) needAt(n int64) time.Time {
	return p.t0.Add(p.stalled + time.Duration(float64(n)/p.rate*float64(time.Second)))
}

// arrived counts n bytes that came at now, and the stall before them.
func (p *player) arrived(now time.Time, n int64) {
	if p.got == 0 {
		p.t0 = now
	} else if p.rate > 0 {
		if need := p.needAt(p.got); now.After(need) {
			wait := now.Sub(need)
			p.stalled += wait
			late := p.t0.Add(time.Second)
			if need.Before(late) {
				wait -= min(late.Sub(need), wait)
			}
			p.stalledLate += wait
		}
	}
	p.got += n
}

// ahead is how long to wait before reading more: until the bytes held
// are within the buffer of the playhead.
func (p *player) ahead(now time.Time) time.Duration {
	if p.rate == 0 || p.got == 0 {
		return 0
	}
	limit := p.needAt(p.got).Add(-p.buffer) // when the buffer is down to its size
	return max(limit.Sub(now), 0)
}
