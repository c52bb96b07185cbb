package devnet

import (
	"context"
	"math/big"
	"runtime"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/params/forks"
)

// TestForkScheduleIsOsaka guards the gas schedule: go-ethereum's dev config
// enables forks after Osaka whose gas costs differ from Anvil's.
func TestForkScheduleIsOsaka(t *testing.T) {
	cfg, err := newConfig(nil)
	if err != nil {
		t.Fatal(err)
	}
	cc := chainConfig(cfg)
	far := uint64(time.Now().Add(100 * 365 * 24 * time.Hour).Unix())
	if got := cc.LatestFork(far); got != forks.Osaka {
		t.Fatalf("latest fork %v, want Osaka", got)
	}
	if cc.ChainID.Cmp(big.NewInt(31337)) != 0 {
		t.Fatalf("chain id %v", cc.ChainID)
	}
}

// TestCloseLeaksNoGoroutines runs a devnet with HTTP and WebSocket clients,
// stops it through Run's context, and checks the goroutine count comes back.
func TestCloseLeaksNoGoroutines(t *testing.T) {
	// A first run starts go-ethereum's process-wide goroutines (caches,
	// metrics), which are not the devnet's to stop.
	exercise(t)
	base := runtime.NumGoroutine()
	exercise(t)
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines after Close, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		<-tick.C
	}
}

// exercise starts a devnet, sends a transaction over each transport,
// subscribes over WebSocket, then stops it by cancelling Run.
func exercise(t *testing.T) {
	t.Helper()
	d, err := New(WithPort(0))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()

	to := Accounts()[1].Address
	for _, url := range []string{d.HTTPURL(), d.WSURL()} {
		c := dialNoCleanup(t, url)
		tx, err := sendTx(ctx, c, Accounts()[0].Key, &to, big.NewInt(1), nil, 21_000)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := waitReceipt(ctx, c, tx.Hash()); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	if err := d.AdjustTime(time.Minute); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
}
