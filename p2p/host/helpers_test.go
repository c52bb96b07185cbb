package host

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
)

// Loopback listen addresses for tests.
var (
	listenTCP  = []string{"/ip4/127.0.0.1/tcp/0"}
	listenQUIC = []string{"/ip4/127.0.0.1/udp/0/quic-v1"}
	listenBoth = append(append([]string{}, listenTCP...), listenQUIC...)
)

// TestMain starts and stops a pair of hosts once before the tests, so
// goroutines that libraries start once per process (metrics sweepers, quic
// packet pools) exist before any test measures its goroutine baseline.
func TestMain(m *testing.M) {
	if err := warmUp(); err != nil {
		fmt.Fprintln(os.Stderr, "warm-up:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func warmUp() error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	k1, _, _ := crypto.GenerateEd25519Key(nil)
	k2, _, _ := crypto.GenerateEd25519Key(nil)
	a, err := New(ctx, Config{Identity: k1, Listen: listenBoth})
	if err != nil {
		return err
	}
	defer a.Close()
	for _, listen := range [][]string{listenTCP, listenQUIC} {
		b, err := New(ctx, Config{Identity: k2, Listen: listen, Bootstrap: a.Addrs()})
		if err != nil {
			return err
		}
		b.Close()
	}
	return nil
}

// newTestHost starts a host on loopback and closes it when the test ends.
func newTestHost(t testing.TB, cfg Config) *Host {
	t.Helper()
	if cfg.Identity == nil {
		k, _, err := crypto.GenerateEd25519Key(nil)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Identity = k
	}
	if cfg.Listen == nil {
		cfg.Listen = listenBoth
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	h, err := New(ctx, cfg)
	if err != nil {
		t.Fatalf("new host: %v", err)
	}
	t.Cleanup(func() {
		if err := h.Close(); err != nil {
			t.Errorf("close host: %v", err)
		}
	})
	return h
}

// eventually polls cond every few milliseconds until it holds or the
// deadline passes.
func eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// checkNoLeak records the goroutine count now and, when the test ends
// (after the hosts it registered later have closed), polls until the count
// is back to it. Call it before starting any host.
func checkNoLeak(t *testing.T) {
	t.Helper()
	base := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(10 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= base {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutine leak: %d running, %d before the test\n%s", n, base, trimStacks(string(buf)))
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// trimStacks keeps the dump readable in a failure message.
func trimStacks(s string) string {
	if len(s) > 20000 {
		return s[:20000] + "\n..."
	}
	return strings.TrimSpace(s)
}
