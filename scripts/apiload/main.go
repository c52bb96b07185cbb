// Command apiload sends GET requests to an essaim node's API at a constant
// rate and reports the latency distribution and the rate achieved, for
// scripts/bench-node.sh. It reads the URL and token from the node's home.
//
//	go run ./scripts/apiload -home DIR -rate 1000 -for 10s [-path /api/v1/status]
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	home := flag.String("home", "", "the node's home (reads api and api.token)")
	rate := flag.Int("rate", 1000, "requests per second")
	dur := flag.Duration("for", 10*time.Second, "how long")
	path := flag.String("path", "/api/v1/status", "the path to ask")
	workers := flag.Int("workers", 32, "concurrent requests at most")
	flag.Parse()
	if err := run(*home, *path, *rate, *workers, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "apiload:", err)
		os.Exit(1)
	}
}

func run(home, path string, rate, workers int, dur time.Duration) error {
	url, err := os.ReadFile(filepath.Join(home, "api"))
	if err != nil {
		return err
	}
	token, err := os.ReadFile(filepath.Join(home, "api.token"))
	if err != nil {
		return err
	}
	target := strings.TrimSpace(string(url)) + path
	auth := "Bearer " + strings.TrimSpace(string(token))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: 10 * time.Second}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  int
		wg        sync.WaitGroup
	)
	slots := make(chan struct{}, workers)
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	late := 0
	for i := 0; ; i++ {
		at := start.Add(time.Duration(i) * interval)
		if at.Sub(start) >= dur {
			break
		}
		time.Sleep(time.Until(at))
		select {
		case slots <- struct{}{}:
		default:
			late++ // every worker busy: the request is skipped, and counted
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			req, _ := http.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("Authorization", auth)
			t0 := time.Now()
			resp, err := client.Do(req)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			took := time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			if err != nil || resp.StatusCode != http.StatusOK {
				failures++
				return
			}
			latencies = append(latencies, took)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(latencies) == 0 {
		return fmt.Errorf("no request succeeded (%d failed)", failures)
	}
	slices.Sort(latencies)
	q := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Microseconds()) / 1000
	}
	fmt.Printf("requests %d ok, %d failed, %d skipped (all workers busy); %.0f/s over %.1fs\n",
		len(latencies), failures, late, float64(len(latencies))/elapsed.Seconds(), elapsed.Seconds())
	fmt.Printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", q(0.5), q(0.9), q(0.99),
		float64(latencies[len(latencies)-1].Microseconds())/1000)
	return nil
}
