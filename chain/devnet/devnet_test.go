package devnet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"
)

// receiptWait bounds the wait for one transaction's receipt. A receipt
// comes within milliseconds; the bound only has to fail a transaction
// that is never sealed, and leaves room for a machine busy with other
// tests (the test's context, 30 s, still bounds the whole test).
const receiptWait = 10 * time.Second

func TestChainIDOverHTTPAndWS(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	if !strings.HasPrefix(d.HTTPURL(), "http://127.0.0.1:") || !strings.HasPrefix(d.WSURL(), "ws://127.0.0.1:") {
		t.Fatalf("endpoints %s %s, want loopback", d.HTTPURL(), d.WSURL())
	}
	if strings.TrimPrefix(d.HTTPURL(), "http://") != strings.TrimPrefix(d.WSURL(), "ws://") {
		t.Errorf("HTTP %s and WS %s should share one port", d.HTTPURL(), d.WSURL())
	}
	for _, url := range []string{d.HTTPURL(), d.WSURL()} {
		id, err := dial(t, url).ChainID(ctx)
		if err != nil {
			t.Fatalf("%s: chain id: %v", url, err)
		}
		if id.Uint64() != 31337 {
			t.Errorf("%s: chain id %d, want 31337", url, id)
		}
	}
}

func TestDevAccountsFunded(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	for _, a := range Accounts() {
		bal, err := c.BalanceAt(ctx, a.Address, nil)
		if err != nil {
			t.Fatal(err)
		}
		if bal.Cmp(DefaultBalance()) != 0 {
			t.Errorf("%s holds %s wei, want %s", a.Address, bal, DefaultBalance())
		}
	}
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if head.Number.Uint64() != 1 {
		t.Errorf("head %d at start, want 1 (one block sealed at start)", head.Number)
	}
	if head.GasLimit != DefaultGasLimit {
		t.Errorf("gas limit %d, want %d", head.GasLimit, DefaultGasLimit)
	}
}

// TestReceiptOfUnknownTxIsNotFound guards against go-ethereum's "transaction
// indexing is in progress" answer on a fresh chain.
func TestReceiptOfUnknownTxIsNotFound(t *testing.T) {
	d := startDevnet(t)
	_, err := dial(t, d.HTTPURL()).TransactionReceipt(testContext(t), common.Hash{1})
	if !errors.Is(err, ethereum.NotFound) {
		t.Fatalf("receipt of unknown tx: %v, want not found", err)
	}
}

func TestTransferMined(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	accts := Accounts()
	from, to := accts[0], accts[1].Address
	value := big.NewInt(1_000_000_007)

	tx, err := sendTx(ctx, c, from.Key, &to, value, nil, 21_000)
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, receiptWait)
	defer cancel()
	r, err := waitReceipt(wctx, c, tx.Hash())
	if err != nil {
		t.Fatalf("receipt: %v", err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("status %d", r.Status)
	}
	if r.GasUsed != 21_000 {
		t.Errorf("transfer used %d gas, want 21000", r.GasUsed)
	}
	// Read at the receipt's block, not "latest": go-ethereum makes a
	// block's receipts findable a moment before it moves its head there
	// (seen under -race on a loaded machine: nonce 0 at "latest").
	if nonce, _ := c.NonceAt(ctx, from.Address, r.BlockNumber); nonce != 1 {
		t.Errorf("nonce %d after one tx, want 1", nonce)
	}
	bal, _ := c.BalanceAt(ctx, to, r.BlockNumber)
	if want := new(big.Int).Add(DefaultBalance(), value); bal.Cmp(want) != 0 {
		t.Errorf("recipient holds %s, want %s", bal, want)
	}
}

func TestSequentialTransactionsEachGetAReceipt(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	key := Accounts()[2].Key
	to := Accounts()[3].Address
	start, err := c.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const n = 50
	blocks := make(map[uint64]bool)
	for i := range n {
		tx, err := sendTx(ctx, c, key, &to, big.NewInt(1), nil, 21_000)
		if err != nil {
			t.Fatalf("tx %d: %v", i, err)
		}
		wctx, cancel := context.WithTimeout(ctx, receiptWait)
		r, err := waitReceipt(wctx, c, tx.Hash())
		cancel()
		if err != nil {
			t.Fatalf("tx %d: receipt: %v", i, err)
		}
		if tx.Nonce() != uint64(i) {
			t.Fatalf("tx %d has nonce %d", i, tx.Nonce())
		}
		blocks[r.BlockNumber.Uint64()] = true
	}
	if len(blocks) != n {
		t.Errorf("%d transactions landed in %d blocks, want one block each", n, len(blocks))
	}
	if end, _ := c.BlockNumber(ctx); end != start+n {
		t.Errorf("head moved from %d to %d, want +%d", start, end, n)
	}
}

// answer42 is initcode whose deployed contract returns 42 for any call.
var (
	answer42Runtime = common.FromHex("0x602a60005260206000f3")
	answer42Init    = append(append([]byte{0x69}, answer42Runtime...), common.FromHex("0x600052600a6016f3")...)
)

func TestCreate2DeployerLandsAtPredictedAddress(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	salt := crypto.Keccak256Hash([]byte("essaim"))
	want := crypto.CreateAddress2(Create2Deployer, salt, crypto.Keccak256(answer42Init))
	calldata := append(salt.Bytes(), answer42Init...)

	// The proxy returns the address it deploys to; ask first with eth_call.
	out, err := c.CallContract(ctx, ethereum.CallMsg{To: &Create2Deployer, Data: calldata}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if common.BytesToAddress(out) != want {
		t.Fatalf("eth_call predicts %x, want %s", out, want)
	}
	tx, err := sendTx(ctx, c, Accounts()[0].Key, &Create2Deployer, nil, calldata, 200_000)
	if err != nil {
		t.Fatal(err)
	}
	r, err := waitReceipt(ctx, c, tx.Hash())
	if err != nil || r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("deploy: %v, receipt %+v", err, r)
	}
	code, err := c.CodeAt(ctx, want, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(code, answer42Runtime) {
		t.Fatalf("code at %s: %x, want %x", want, code, answer42Runtime)
	}
	out, err = c.CallContract(ctx, ethereum.CallMsg{To: &want}, nil)
	if err != nil || new(big.Int).SetBytes(out).Int64() != 42 {
		t.Fatalf("call deployed contract: %x, %v", out, err)
	}
}

func TestNewHeadsOverWebSocket(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	ws := dial(t, d.WSURL())
	heads := make(chan *types.Header, 16)
	sub, err := ws.SubscribeNewHead(ctx, heads)
	if err != nil {
		t.Fatalf("subscribe: %v", err)
	}
	defer sub.Unsubscribe()
	to := Accounts()[1].Address
	tx, err := sendTx(ctx, ws, Accounts()[0].Key, &to, big.NewInt(1), nil, 21_000)
	if err != nil {
		t.Fatal(err)
	}
	r, err := waitReceipt(ctx, ws, tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case h := <-heads:
			if h.Number.Cmp(r.BlockNumber) == 0 {
				if h.Hash() != r.BlockHash {
					t.Fatalf("head %s, receipt block %s", h.Hash(), r.BlockHash)
				}
				return
			}
		case err := <-sub.Err():
			t.Fatalf("subscription: %v", err)
		case <-ctx.Done():
			t.Fatal("no new head for the transaction's block")
		}
	}
}

func TestAdjustTimeMovesBlockTimestamp(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	before, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AdjustTime(time.Hour); err != nil {
		t.Fatal(err)
	}
	after, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if after.Number.Uint64() != before.Number.Uint64()+1 {
		t.Errorf("AdjustTime sealed %d blocks, want 1", after.Number.Uint64()-before.Number.Uint64())
	}
	if after.Time != before.Time+3600 {
		t.Errorf("timestamp %d → %d, want +3600", before.Time, after.Time)
	}
	// Time never goes backwards afterwards.
	to := Accounts()[1].Address
	tx, err := sendTx(ctx, c, Accounts()[0].Key, &to, big.NewInt(1), nil, 21_000)
	if err != nil {
		t.Fatal(err)
	}
	r, err := waitReceipt(ctx, c, tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	h, _ := c.HeaderByHash(ctx, r.BlockHash)
	if h.Time <= after.Time {
		t.Errorf("next block at %d, not after %d", h.Time, after.Time)
	}
	if err := d.AdjustTime(-time.Second); err == nil {
		t.Error("AdjustTime accepted a negative duration")
	}
}

// TestAnvilTestMethods checks evm_increaseTime, evm_mine and anvil_mine.
func TestAnvilTestMethods(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	rc, err := rpc.DialContext(ctx, d.HTTPURL())
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	c := dial(t, d.HTTPURL())
	head := func() *types.Header {
		t.Helper()
		h, err := c.HeaderByNumber(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h0 := head()
	var offset int64
	if err := rc.CallContext(ctx, &offset, "evm_increaseTime", 100); err != nil {
		t.Fatalf("evm_increaseTime: %v", err)
	}
	if err := rc.CallContext(ctx, &offset, "evm_increaseTime", "0x64"); err != nil {
		t.Fatalf("evm_increaseTime hex: %v", err)
	}
	if offset != 200 {
		t.Errorf("evm_increaseTime returned %d, want total 200", offset)
	}
	var res string
	if err := rc.CallContext(ctx, &res, "evm_mine"); err != nil || res != "0x0" {
		t.Fatalf("evm_mine: %q, %v", res, err)
	}
	h1 := head()
	if h1.Number.Uint64() != h0.Number.Uint64()+3 || h1.Time < h0.Time+200 {
		t.Errorf("after increaseTime×2 + mine: block %d time %d, from %d time %d", h1.Number, h1.Time, h0.Number, h0.Time)
	}
	if err := rc.CallContext(ctx, nil, "anvil_mine", "0x3"); err != nil {
		t.Fatalf("anvil_mine: %v", err)
	}
	if h2 := head(); h2.Number.Uint64() != h1.Number.Uint64()+3 {
		t.Errorf("anvil_mine 3: head %d, want %d", h2.Number, h1.Number.Uint64()+3)
	}
	ts := head().Time + 1000
	if err := rc.CallContext(ctx, &res, "evm_mine", ts); err != nil {
		t.Fatalf("evm_mine(ts): %v", err)
	}
	h3 := head()
	if h3.Time != ts {
		t.Errorf("evm_mine(%d) sealed a block at %d", ts, h3.Time)
	}
	if err := rc.CallContext(ctx, &res, "evm_mine", map[string]any{"blocks": "0x2"}); err != nil {
		t.Fatalf("evm_mine({blocks: 2}): %v", err)
	}
	if h := head(); h.Number.Uint64() != h3.Number.Uint64()+2 {
		t.Errorf("evm_mine({blocks: 2}): head %d, want %d", h.Number, h3.Number.Uint64()+2)
	}
}

func TestHostMustBeOneAddress(t *testing.T) {
	tests := []struct {
		host string
		want string // the host listened on; "" for refused
	}{
		{"127.0.0.1", "127.0.0.1"},
		{"localhost", "127.0.0.1"},
		{"::1", "::1"},
		{"127.0.0.2", "127.0.0.2"},
		{"192.168.1.10", "192.168.1.10"},
		{"11.0.1.2", "11.0.1.2"},
		{"0.0.0.0", ""},
		{"", ""},
		{"::", ""},
		{"224.0.0.1", ""},
		{"255.255.255.255", ""},
		{"example.com", ""},
		{"127.0.0.1:8545", ""},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			c, err := newConfig([]Option{WithHost(tt.host)})
			if tt.want != "" && (err != nil || c.host != tt.want) {
				t.Fatalf("WithHost(%q): host %q, %v; want %q", tt.host, c.host, err, tt.want)
			}
			if tt.want == "" && !errors.Is(err, ErrBadHost) {
				t.Fatalf("WithHost(%q): %v, want ErrBadHost", tt.host, err)
			}
		})
	}
	if _, err := New(WithHost("0.0.0.0"), WithPort(0)); !errors.Is(err, ErrBadHost) {
		t.Fatalf("New on 0.0.0.0: %v, want ErrBadHost", err)
	}
}

// TestListensOnTheAddressGiven: a devnet told to listen on another local
// address answers there (and its URL says so).
func TestListensOnTheAddressGiven(t *testing.T) {
	d, err := New(WithHost("127.0.0.2"), WithPort(0))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if !strings.HasPrefix(d.HTTPURL(), "http://127.0.0.2:") {
		t.Fatalf("HTTPURL %s, want it on 127.0.0.2", d.HTTPURL())
	}
	c, err := rpc.Dial(d.HTTPURL())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var id string
	if err := c.Call(&id, "eth_chainId"); err != nil || id != "0x7a69" {
		t.Fatalf("eth_chainId at %s: %q, %v", d.HTTPURL(), id, err)
	}
}

func TestPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	d, err := New(WithPort(port))
	if err == nil {
		d.Close()
		t.Fatal("New succeeded on a taken port")
	}
	if !errors.Is(err, ErrPortInUse) {
		t.Fatalf("New on a taken port: %v, want ErrPortInUse", err)
	}
}

func TestRunReturnsWhenContextCancelled(t *testing.T) {
	d, err := New(WithPort(0))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := d.Mine(1); !errors.Is(err, ErrClosed) {
		t.Errorf("Mine after Close: %v, want ErrClosed", err)
	}
}

// TestConcurrentSendersAllMined floods the pool from ten accounts at once
// over one WebSocket: the sealer must keep up and never stall the pool.
func TestConcurrentSendersAllMined(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.WSURL())
	const perAccount = 20
	errs := make(chan error, len(Accounts()))
	for i, a := range Accounts() {
		go func() {
			to := Accounts()[(i+1)%10].Address
			signer := types.LatestSignerForChainID(big.NewInt(DefaultChainID))
			var last common.Hash
			// Nonces are counted here: right after eth_sendRawTransaction,
			// go-ethereum's pending nonce may not include the transaction yet.
			for nonce := range uint64(perAccount) {
				tx := types.MustSignNewTx(a.Key, signer, &types.DynamicFeeTx{
					ChainID: big.NewInt(DefaultChainID), Nonce: nonce, GasTipCap: big.NewInt(1),
					GasFeeCap: big.NewInt(10_000_000_000), Gas: 21_000, To: &to, Value: big.NewInt(1),
				})
				if err := c.SendTransaction(ctx, tx); err != nil {
					errs <- err
					return
				}
				last = tx.Hash()
			}
			_, err := waitReceipt(ctx, c, last)
			errs <- err
		}()
	}
	for range Accounts() {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range Accounts() {
		if n, _ := c.NonceAt(ctx, a.Address, nil); n != perAccount {
			t.Errorf("%s: nonce %d, want %d", a.Address, n, perAccount)
		}
	}
}

func TestOptions(t *testing.T) {
	d := startDevnet(t, WithChainID(1337), WithGasLimit(60_000_000))
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	if id, err := c.ChainID(ctx); err != nil || id.Uint64() != 1337 {
		t.Errorf("chain id %v, %v; want 1337", id, err)
	}
	if h, err := c.HeaderByNumber(ctx, nil); err != nil || h.GasLimit != 60_000_000 {
		t.Errorf("gas limit: %v, %v", h, err)
	}
	for _, o := range []Option{WithPort(-1), WithPort(65536), WithChainID(0), WithGasLimit(20_999)} {
		if _, err := newConfig([]Option{o}); err == nil {
			t.Error("bad option accepted")
		}
	}
}

// TestUnderpricedTxDoesNotStallSealing guards the sealing loop: a pending
// transaction no block will include (fee cap below the base fee) must not
// make it spin or block the transactions behind it.
func TestUnderpricedTxDoesNotStallSealing(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	chainID := big.NewInt(DefaultChainID)
	to := Accounts()[0].Address
	cheap := types.MustSignNewTx(Accounts()[3].Key, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
		ChainID: chainID, GasTipCap: big.NewInt(1), GasFeeCap: big.NewInt(2), Gas: 21_000, To: &to,
	})
	if err := c.SendTransaction(ctx, cheap); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, receiptWait)
	defer cancel()
	tx, err := sendTx(wctx, c, Accounts()[4].Key, &to, big.NewInt(1), nil, 21_000)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := waitReceipt(wctx, c, tx.Hash()); err != nil {
		t.Fatalf("transaction behind an underpriced one: %v", err)
	}
	if _, err := c.TransactionReceipt(ctx, cheap.Hash()); !errors.Is(err, ethereum.NotFound) {
		t.Errorf("underpriced tx: %v, want still pending", err)
	}
	// go-ethereum's beacon only adjusts time on an empty pool.
	if err := d.AdjustTime(time.Second); err == nil {
		t.Error("AdjustTime succeeded with an unminable transaction pending")
	}
}

// TestPendingNonceIncludesJustSentTx guards the devnet's
// eth_getTransactionCount: go-ethereum's own answers "pending" from a pool
// that trails the chain, so with several senders at once it lagged (1–4%
// of sends) and clients reusing it got "already known". Anvil never lags.
func TestPendingNonceIncludesJustSentTx(t *testing.T) {
	d := startDevnet(t)
	ctx := testContext(t)
	c := dial(t, d.HTTPURL())
	errs := make(chan error, len(Accounts()))
	for i, a := range Accounts() {
		go func() {
			to := Accounts()[(i+1)%10].Address
			for range 30 {
				tx, err := sendTx(ctx, c, a.Key, &to, big.NewInt(1), nil, 21_000)
				if err != nil {
					errs <- err
					return
				}
				n, err := c.PendingNonceAt(ctx, a.Address)
				if err != nil {
					errs <- err
					return
				}
				if n != tx.Nonce()+1 {
					errs <- fmt.Errorf("%s: pending nonce %d right after sending nonce %d", a.Address, n, tx.Nonce())
					return
				}
			}
			errs <- nil
		}()
	}
	for range Accounts() {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
