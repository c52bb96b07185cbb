package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"

	phost "essaim/p2p/host"
)

// checkNoLeak records the peer-to-peer goroutines running now and, when
// the test ends (after what it started later is closed), polls until no
// other one runs. It first starts and closes a host, so that the
// goroutines libp2p starts once per process are not counted as a leak.
//
// Only goroutines whose stacks mention libp2p or essaim's p2p packages
// are counted: the in-process chain's HTTP server keeps goroutines for
// the connections of processes the test still runs (idle for up to two
// minutes), and those are not the code under test.
func checkNoLeak(t *testing.T) {
	t.Helper()
	loopbackHost(t).Close()
	base := p2pGoroutines()
	t.Cleanup(func() {
		var leaked []string
		defer func() {
			if len(leaked) > 0 {
				t.Logf("goroutine leak: %d peer-to-peer goroutines started during the test still run:\n\n%s",
					len(leaked), strings.Join(leaked, "\n\n"))
			}
		}()
		waitFor(t, "the peer-to-peer goroutines started during the test to end", 10*time.Second, func() bool {
			leaked = newGoroutines(base, p2pGoroutines())
			return len(leaked) == 0
		})
	})
}

// loopbackHost starts a libp2p host on loopback under a fresh identity;
// the caller closes it.
func loopbackHost(t *testing.T) *phost.Host {
	t.Helper()
	key, _, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h, err := phost.New(ctx, phost.Config{Identity: key, Listen: []string{loopback}})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// p2pGoroutines is the stack of every running goroutine that mentions
// libp2p or essaim/p2p, by goroutine id.
func p2pGoroutines() map[string]string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[string]string{}
	for _, g := range strings.Split(string(buf), "\n\n") {
		var id string
		if _, err := fmt.Sscanf(g, "goroutine %s", &id); err != nil {
			continue
		}
		if strings.Contains(g, "libp2p") || strings.Contains(g, "essaim/p2p/") {
			out[id] = g
		}
	}
	return out
}

// newGoroutines is the stacks of now's goroutines that base did not hold,
// ordered.
func newGoroutines(base, now map[string]string) []string {
	var out []string
	for id, g := range now {
		if _, ok := base[id]; !ok {
			out = append(out, g)
		}
	}
	slices.Sort(out)
	return out
}
