package devnet

import (
	"context"
	"errors"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
)

// benchPoll is the receipt polling interval in benchmarks: fine enough not
// to dominate a round trip of a few milliseconds.
const benchPoll = 250 * time.Microsecond

// reportLatency adds the median, 90th percentile and maximum of samples to the
// benchmark's output.
func reportLatency(b *testing.B, samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(samples[len(samples)/2]), "median-ms")
	b.ReportMetric(ms(samples[len(samples)*9/10]), "p90-ms")
	b.ReportMetric(ms(samples[len(samples)-1]), "max-ms")
}

// BenchmarkTxRoundTrip measures a signed value transfer from send to
// receipt, over HTTP and over WebSocket. Run with -benchtime=200x for
// 200 samples.
func BenchmarkTxRoundTrip(b *testing.B) {
	d := startDevnet(b)
	for _, tr := range []struct{ name, url string }{{"http", d.HTTPURL()}, {"ws", d.WSURL()}} {
		b.Run(tr.name, func(b *testing.B) {
			ctx := context.Background()
			c := dial(b, tr.url)
			chainID := big.NewInt(int64(d.ChainID()))
			signer := types.LatestSignerForChainID(chainID)
			key := Accounts()[6].Key
			to := Accounts()[7].Address
			nonce, err := c.PendingNonceAt(ctx, crypto.PubkeyToAddress(key.PublicKey))
			if err != nil {
				b.Fatal(err)
			}
			var samples []time.Duration
			for b.Loop() {
				tx := types.MustSignNewTx(key, signer, &types.DynamicFeeTx{
					ChainID: chainID, Nonce: nonce, GasTipCap: big.NewInt(1),
					GasFeeCap: big.NewInt(10_000_000_000), Gas: 21_000, To: &to, Value: big.NewInt(1),
				})
				nonce++
				start := time.Now()
				if err := c.SendTransaction(ctx, tx); err != nil {
					b.Fatal(err)
				}
				if err := pollReceipt(ctx, c, tx.Hash()); err != nil {
					b.Fatal(err)
				}
				samples = append(samples, time.Since(start))
			}
			reportLatency(b, samples)
		})
	}
}

// pollReceipt waits for a receipt, polling every benchPoll for 10 s.
func pollReceipt(ctx context.Context, c *ethclient.Client, hash common.Hash) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	t := time.NewTicker(benchPoll)
	defer t.Stop()
	for {
		_, err := c.TransactionReceipt(ctx, hash)
		if err == nil {
			return nil
		}
		if !errors.Is(err, ethereum.NotFound) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// BenchmarkCall measures eth_call into a deployed contract over HTTP.
func BenchmarkCall(b *testing.B) {
	d := startDevnet(b)
	ctx := context.Background()
	c := dial(b, d.HTTPURL())
	salt := common.Hash{}
	tx, err := sendTx(ctx, c, Accounts()[8].Key, &Create2Deployer, nil, append(salt.Bytes(), answer42Init...), 200_000)
	if err != nil {
		b.Fatal(err)
	}
	if err := pollReceipt(ctx, c, tx.Hash()); err != nil {
		b.Fatal(err)
	}
	at := crypto.CreateAddress2(Create2Deployer, salt, crypto.Keccak256(answer42Init))
	msg := ethereum.CallMsg{To: &at}
	var samples []time.Duration
	for b.Loop() {
		start := time.Now()
		out, err := c.CallContract(ctx, msg, nil)
		if err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(start))
		if len(out) != 32 || out[31] != 42 {
			b.Fatalf("call returned %x", out)
		}
	}
	reportLatency(b, samples)
}

// BenchmarkPendingNonce measures eth_getTransactionCount("pending"), which
// waits for the pool to catch up with the head (see ethAPI).
func BenchmarkPendingNonce(b *testing.B) {
	d := startDevnet(b)
	ctx := context.Background()
	c := dial(b, d.HTTPURL())
	addr := Accounts()[0].Address
	var samples []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := c.PendingNonceAt(ctx, addr); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(start))
	}
	reportLatency(b, samples)
}
