package daemon

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"essaim/chain/devnet"
	"essaim/chain/simtest"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/xfer"
)

// TestAPIGuard sends requests over real HTTP that a hostile page or a
// local program without the token would send: each is refused before any
// handler runs; the right one passes.
func TestAPIGuard(t *testing.T) {
	net := newTestNet(t)
	d := net.start(nil)
	c := d.client(t)
	url := c.URL() + "/api/v1/status"
	host := strings.TrimPrefix(c.URL(), "http://")
	port := host[strings.LastIndex(host, ":"):]
	for _, tt := range []struct {
		name   string
		host   string
		origin string
		auth   string
		want   int
	}{
		{"no token", "", "", "", http.StatusUnauthorized},
		{"wrong token", "", "", "Bearer " + strings.Repeat("0", 64), http.StatusUnauthorized},
		{"token without scheme", "", "", c.token, http.StatusUnauthorized},
		{"DNS rebinding host name", "attacker.example" + port, "", "Bearer " + c.token, http.StatusForbidden},
		{"another port", "127.0.0.1:1", "", "Bearer " + c.token, http.StatusForbidden},
		{"cross-origin page", "", "http://attacker.example", "Bearer " + c.token, http.StatusForbidden},
		{"https origin of the same host", "", "https://" + host, "Bearer " + c.token, http.StatusForbidden},
		{"localhost alias", "localhost" + port, "", "Bearer " + c.token, http.StatusOK},
		{"same origin", "", "http://" + host, "Bearer " + c.token, http.StatusOK},
		{"plain", "", "", "Bearer " + c.token, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			if tt.host != "" {
				req.Host = tt.host
			}
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, body, tt.want)
			}
			if tt.want != http.StatusOK && strings.Contains(string(body), "peer") {
				t.Fatalf("refused answer leaks the status: %s", body)
			}
		})
	}
	if fi, err := os.Stat(filepath.Join(d.cfg.Home, tokenFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file: %v, mode %v; want 0600", err, fi.Mode())
	}
}

// TestAPIFilesGoWithTheNode: the API files appear while the node runs and
// are gone once it stops, so that the CLI never dials a dead node.
func TestAPIFilesGoWithTheNode(t *testing.T) {
	net := newTestNet(t)
	d := net.start(nil)
	d.client(t)
	if err := d.stop(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{apiFile, tokenFile} {
		if _, err := os.Stat(filepath.Join(d.cfg.Home, f)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s after the node stopped: %v", f, err)
		}
	}
	if _, err := Dial(context.Background(), d.cfg.Home); !errors.Is(err, ErrNoNode) {
		t.Fatalf("Dial after the node stopped: %v, want ErrNoNode", err)
	}
}

// TestPinAtRuntime: a node asked over the API to pin a work it does not
// hold downloads it from another node and serves it, with no restart; a
// third node then fetches it from the second alone.
func TestPinAtRuntime(t *testing.T) {
	net := newTestNet(t)
	dir, m, data := net.openWork(1 << 20)
	seed := net.start(nil)
	if err := seed.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	box := net.start(seed.Node().Addrs())
	c := box.client(t)
	ctx := context.Background()
	dl, err := c.Pin(ctx, m.Root(), "")
	if err != nil || dl == nil || dl.Work != m.Root().String() {
		t.Fatalf("pin: %+v, %v; want a download", dl, err)
	}
	waitState(t, c, m.Root(), Done)
	works, err := c.Works(ctx)
	if err != nil || len(works) != 1 || works[0].Work != m.Root().String() || works[0].Held != m.NumChunks() {
		t.Fatalf("works after the pin: %+v, %v", works, err)
	}
	sameFile(t, filepath.Join(box.cfg.Home, "works", m.Root().String()), data)
	if again, err := c.Pin(ctx, m.Root(), ""); err != nil || again != nil {
		t.Fatalf("pin of a work served: %+v, %v; want nothing to do", again, err)
	}

	// The seed leaves; a newcomer knows only the box.
	if err := seed.stop(); err != nil {
		t.Fatal(err)
	}
	late := net.start(box.Node().Addrs())
	out := filepath.Join(t.TempDir(), "late")
	if _, err := late.dl.Add(m.Root(), out, 0); err != nil {
		t.Fatal(err)
	}
	waitState(t, late.client(t), m.Root(), Done)
	sameFile(t, out, data)

	if err := c.Unpin(ctx, m.Root()); err != nil {
		t.Fatal(err)
	}
	if works, _ := c.Works(ctx); len(works) != 0 {
		t.Fatalf("works after unpin: %+v", works)
	}
	var ae *APIError
	if err := c.Unpin(ctx, m.Root()); !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		t.Fatalf("second unpin: %v, want 404", err)
	}
}

// waitState follows the events until root's download reaches want.
func waitState(t *testing.T, c *Client, root content.Hash, want State) Download {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var last Download
	err := c.Events(ctx, func(d Download) bool {
		if d.Work != root.String() {
			return true
		}
		last = d
		return d.State != want && d.State != Failed
	})
	if err != nil || last.State != want {
		t.Fatalf("download of %s: %+v, %v; want %s", root, last, err, want)
	}
	return last
}

// pacedDownload starts a node downloading a 2 MiB work from a paced seed
// into a fresh folder: the node, its client, the work, its bytes and the
// folder.
func pacedDownload(t *testing.T) (*running, *Client, *content.Manifest, []byte, string) {
	t.Helper()
	net := newTestNet(t)
	seed, m, data := net.pacedSeed(2 << 20)
	box := net.start(seed.Node().Addrs())
	c := box.client(t)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := c.Add(context.Background(), m.Root(), out, 0); err != nil {
		t.Fatal(err)
	}
	return box, c, m, data, out
}

// TestDownloadControls: a download paced so that it runs for a while is
// paused (its chunks stay), resumed (it finishes with every byte),
// prioritised, and another is cancelled (its staging folder goes, its
// entry too).
func TestDownloadControls(t *testing.T) {
	_, c, m, data, out := pacedDownload(t)
	ctx := context.Background()
	var ae *APIError
	if _, err := c.Add(ctx, m.Root(), out, 0); !errors.As(err, &ae) || ae.Code != "download_exists" {
		t.Fatalf("second add: %v, want download_exists", err)
	}
	eventually(t, 20*time.Second, "some chunks", func() bool {
		d, err := c.Download(ctx, m.Root())
		return err == nil && d.Progress != nil && d.Progress.Held > 0
	})
	p, err := c.Pause(ctx, m.Root())
	if err != nil || p.State != Paused {
		t.Fatalf("pause: %+v, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(out, chunkstore.StageName(m.Root()))); err != nil {
		t.Fatalf("paused download's chunks: %v", err)
	}
	if p, err := c.Prioritise(ctx, m.Root(), 5); err != nil || p.Priority != 5 {
		t.Fatalf("priority: %+v, %v", p, err)
	}
	if r, err := c.Resume(ctx, m.Root()); err != nil || (r.State != Queued && r.State != Active) {
		t.Fatalf("resume: %+v, %v", r, err)
	}
	waitState(t, c, m.Root(), Done)
	sameFile(t, out, data)

	// Cancel a second download (of the same work, elsewhere, once the
	// first is off the list).
	if err := c.Cancel(ctx, m.Root()); err != nil {
		t.Fatal(err)
	}
	sameFile(t, out, data) // a done download's files stay
	if list, err := c.Downloads(ctx); err != nil || len(list) != 0 {
		t.Fatalf("downloads after cancel: %+v, %v", list, err)
	}
	if err := c.Cancel(ctx, m.Root()); !errors.As(err, &ae) || ae.Code != "unknown_download" {
		t.Fatalf("second cancel: %v, want unknown_download", err)
	}
}

// slowLink paces every frame a little: at its rate in bytes per second,
// or about 1.5 MiB/s if none is set, so that a 2 MiB download lasts about
// a second and a half.
type slowLink struct{ rate int }

func (l slowLink) WaitN(ctx context.Context, n int) error {
	rate := l.rate
	if rate == 0 {
		rate = 1500 << 10
	}
	select {
	case <-time.After(time.Duration(n) * time.Second / time.Duration(rate)):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TestRunStopsWhenAServiceFails: when the catalogue follower dies (its
// store fails under it), Run returns that failure at once instead of
// serving on without a catalogue.
func TestRunStopsWhenAServiceFails(t *testing.T) {
	net := newTestNet(t)
	d := net.start(nil)
	d.client(t)
	d.catalog.Close() // the follower's next write fails
	net.sr.Sim.Commit()
	select {
	case err := <-d.done:
		d.done <- err // for stop
		if err == nil || !strings.Contains(err.Error(), "catalogue follower stopped") {
			t.Fatalf("Run returned %v, want the follower's failure", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run still running 10 s after its follower failed")
	}
	d.stop()
}

// TestChainCalls: the catalogue search with several terms ranks works by
// the peers that hold them; a node without an unlocked account refuses to
// sign and says so; one with it buys, grants and withdraws, and the
// account call shows the license and the balance.
func TestChainCalls(t *testing.T) {
	net := newTestNet(t)
	acc := devnet.Accounts()
	creator, buyer := acc[0], acc[2]
	dir, m, _ := net.openWork(64 << 10)                              // "title", open, held by the seed below
	paid := content.Hash{0xbe}                                       // registered, held by nobody
	net.sr.Register(creator, paid, false, simtest.Offer(1000, 3600)) // also titled "title"
	seed := net.start(nil)
	if err := seed.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	locked := net.start(seed.Node().Addrs(), func(c *Config) { c.Chain = net.sr.AutoMining() })
	lc := locked.client(t)
	ctx := context.Background()

	var found []CatalogWork
	eventually(t, 15*time.Second, "both works in the node's catalogue, the held one with its holder", func() bool {
		var err error
		found, err = lc.Catalog(ctx, "TITLE", "tit")
		return err == nil && len(found) == 2 && found[0].Holders > 0
	})
	if found[0].Work != m.Root().String() || found[0].Holders < 1 || found[1].Holders != 0 {
		t.Fatalf("search ranked %s (%d holders) before %s (%d); want the held work first",
			found[0].Work, found[0].Holders, found[1].Work, found[1].Holders)
	}
	if len(found[1].Offers) != 1 || found[1].Offers[0].Price != "1000" {
		t.Fatalf("offers of the paid work: %+v", found[1].Offers)
	}
	if got, _ := lc.Catalog(ctx, "title", "nothing-matches"); len(got) != 0 {
		t.Fatalf("two terms, one matching nothing: %+v", got)
	}
	var ae *APIError
	if _, err := lc.Buy(ctx, paid, 0, nil); !errors.As(err, &ae) || ae.Code != "locked" {
		t.Fatalf("buy on a locked node: %v, want locked", err)
	}

	signer := bind.NewKeyedTransactor(buyer.Key, net.sr.ChainID)
	open := net.start(seed.Node().Addrs(), func(c *Config) {
		c.Chain, c.Signer, c.Account = net.sr.AutoMining(), signer, buyer.Address
	})
	oc := open.client(t)
	if _, err := oc.Buy(ctx, paid, 0, big.NewInt(999)); !errors.As(err, &ae) || !strings.Contains(ae.Code, "PriceAboveMax") {
		t.Fatalf("buy with a max below the price: %v, want the registry's PriceAboveMax", err)
	}
	b, err := oc.Buy(ctx, paid, 0, nil)
	if err != nil || b.Price != "1000" || b.Buyer != buyer.Address.Hex() {
		t.Fatalf("buy: %+v, %v", b, err)
	}
	eventually(t, 10*time.Second, "the license in the account", func() bool {
		a, err := oc.Account(ctx, common.Address{})
		return err == nil && a.Unlocked && len(a.Licenses) == 1 && a.Licenses[0].Valid && a.Licenses[0].Work == paid.String()
	})
	if _, err := oc.Withdraw(ctx); !errors.As(err, &ae) || ae.Code != "nothing_to_withdraw" {
		t.Fatalf("withdraw by a buyer: %v, want nothing_to_withdraw", err)
	}
}

// TestMetrics: after a download served by one node to another and a
// refused request, the holder's metrics count the bytes sent for the
// work and the refusal by its reason, the downloader's the bytes
// received and its finished download.
func TestMetrics(t *testing.T) {
	net := newTestNet(t)
	dir, m, _ := net.openWork(256 << 10)
	seed := net.start(nil)
	if err := seed.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	box := net.start(seed.Node().Addrs())
	bc := box.client(t)
	ctx := context.Background()
	if _, err := bc.Add(ctx, m.Root(), filepath.Join(t.TempDir(), "out"), 0); err != nil {
		t.Fatal(err)
	}
	waitState(t, bc, m.Root(), Done)
	// A request the seed must refuse: a work it does not hold.
	_, err := xfer.Open(ctx, box.Node().Host().Host(), seed.Node().ID(), content.Hash{0xdd}, nil)
	if r := (*xfer.RefusedError)(nil); !errors.As(err, &r) || r.Code != xfer.CodeNotHeld {
		t.Fatalf("open for a work not held: %v", err)
	}
	wantLine := func(c *Client, line string) {
		t.Helper()
		eventually(t, 5*time.Second, line, func() bool {
			text, err := c.Metrics(ctx)
			return err == nil && strings.Contains(text, line)
		})
	}
	sc := seed.client(t)
	work := m.Root().String()
	wantLine(bc, `essaim_downloads{state="done"} 1`)
	wantLine(bc, `essaim_work_bytes_total{direction="down",work="`+work+`"} `+fmt.Sprint(256<<10))
	text, _ := sc.Metrics(ctx)
	if !strings.Contains(text, `essaim_work_bytes_total{direction="up",work="`+work+`"}`) {
		t.Fatalf("seed metrics lack the bytes sent:\n%s", text)
	}
	wantLine(sc, `essaim_refusals_total{reason="work not held"} 1`)
	wantLine(sc, `essaim_rights_checks_total{result="miss"}`)
}
