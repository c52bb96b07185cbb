// Command apiload sends GET requests to an essaim node's API at a constant
// rate and reports the latency distribution and the rate achieved, for
// scripts/bench-node.sh. It reads the URL and token from the node's home.
//
//	go run ./scripts/apiload -home DIR -rate 1000 -for 10s [-path /api/v1/status]
//
// It stands for other machines asking the node, and shares a core with
// the node or a peer in the benchmarks, so it is lean: each of -conns
// kept-alive connections writes a prepared HTTP/1.1 request at its share of
// the rate and reads the answer itself, with no goroutine per request
// (0.17–0.18 ms of CPU a request on this machine, kernel included, against
// 0.20–0.21 ms for net/http's client).
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	home := flag.String("home", "", "the node's home (reads api and api.token)")
	rate := flag.Int("rate", 1000, "requests per second")
	dur := flag.Duration("for", 10*time.Second, "how long")
	path := flag.String("path", "/api/v1/status", "the path to ask")
	conns := flag.Int("conns", 32, "kept-alive connections (each sends rate/conns a second)")
	flag.Parse()
	if err := run(*home, *path, *rate, *conns, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "apiload:", err)
		os.Exit(1)
	}
}

// result is what one connection measured.
type result struct {
	latencies []time.Duration
	failures  int
	skipped   int // send times passed while the previous answer was awaited
	err       error
}

func run(home, path string, rate, conns int, dur time.Duration) error {
	raw, err := os.ReadFile(filepath.Join(home, "api"))
	if err != nil {
		return err
	}
	token, err := os.ReadFile(filepath.Join(home, "api.token"))
	if err != nil {
		return err
	}
	u, err := url.Parse(strings.TrimSpace(string(raw)))
	if err != nil {
		return err
	}
	if u.Scheme != "http" {
		return fmt.Errorf("%s: only plain http is supported", u)
	}
	req := []byte("GET " + path + " HTTP/1.1\r\nHost: " + u.Host +
		"\r\nAuthorization: Bearer " + strings.TrimSpace(string(token)) + "\r\n\r\n")

	interval := time.Second / time.Duration(rate) * time.Duration(conns)
	start := time.Now().Add(10 * time.Millisecond)
	results := make([]result, conns)
	var wg sync.WaitGroup
	for i := range conns {
		// Connection i sends at start + i/rate + k·conns/rate: together,
		// one request every 1/rate.
		first := start.Add(time.Duration(i) * time.Second / time.Duration(rate))
		wg.Go(func() { results[i] = load(u.Host, req, first, interval, start.Add(dur)) })
	}
	wg.Wait()
	elapsed := time.Since(start)

	var all result
	for _, r := range results {
		if r.err != nil && all.err == nil {
			all.err = r.err
		}
		all.latencies = append(all.latencies, r.latencies...)
		all.failures += r.failures
		all.skipped += r.skipped
	}
	if len(all.latencies) == 0 {
		return fmt.Errorf("no request succeeded (%d failed): %v", all.failures, all.err)
	}
	lat := all.latencies
	slices.Sort(lat)
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	fmt.Printf("requests %d ok, %d failed, %d skipped (answer still awaited); %.0f/s over %.1fs\n",
		len(lat), all.failures, all.skipped, float64(len(lat))/elapsed.Seconds(), elapsed.Seconds())
	fmt.Printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", q(0.5), q(0.9), q(0.99),
		float64(lat[len(lat)-1].Microseconds())/1000)
	if all.err != nil {
		fmt.Printf("first error: %v\n", all.err)
	}
	return nil
}

// load sends req on one connection at first, first+interval, … until end.
// A failed connection is dialled again at the next send time.
func load(addr string, req []byte, first time.Time, interval time.Duration, end time.Time) result {
	var (
		r   result
		c   net.Conn
		br  *bufio.Reader
		err error
	)
	defer func() {
		if c != nil {
			c.Close()
		}
	}()
	for at := first; at.Before(end); at = at.Add(interval) {
		if late := time.Since(at); late >= interval {
			n := int(late / interval)
			r.skipped += n
			at = at.Add(time.Duration(n) * interval)
			if !at.Before(end) {
				break
			}
		}
		time.Sleep(time.Until(at))
		if c == nil {
			if c, err = net.Dial("tcp", addr); err != nil {
				r.failures++
				r.err = err
				c = nil
				continue
			}
			br = bufio.NewReaderSize(c, 16<<10)
		}
		t0 := time.Now()
		if err = roundTrip(c, br, req); err != nil {
			r.failures++
			r.err = err
			c.Close()
			c = nil
			continue
		}
		r.latencies = append(r.latencies, time.Since(t0))
	}
	return r
}

// roundTrip writes req and reads one answer, which must be 200 with a
// Content-Length (the API's answers to GET are).
func roundTrip(c net.Conn, br *bufio.Reader, req []byte) error {
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write(req); err != nil {
		return err
	}
	status, err := br.ReadSlice('\n')
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(status, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("answer %q", bytes.TrimSpace(status))
	}
	length := -1
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(name), "Content-Length") {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(value))); err != nil {
				return fmt.Errorf("content-length %q", value)
			}
		}
	}
	if length < 0 {
		return errors.New("answer without Content-Length")
	}
	_, err = br.Discard(length)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}
