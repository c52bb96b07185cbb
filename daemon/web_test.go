package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"essaim/chain/devnet"
	"essaim/chain/simtest"
	"essaim/p2p/content"
	"essaim/p2p/ratelimit"
)

// webClient sends requests to a daemon's API as a browser would, with no
// redirect followed.
type webClient struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func newWebClient(t *testing.T, base string) *webClient {
	return &webClient{t: t, base: base, hc: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// send returns the status, the error code (for JSON errors) and the body.
func (c *webClient) send(method, path string, hdr map[string]string, cookie *http.Cookie) (*http.Response, string, string) {
	c.t.Helper()
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader("{}")
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	if h, ok := hdr["Host"]; ok {
		req.Host = h
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var e apiError
	json.Unmarshal(b, &e)
	return resp, e.Code, string(b)
}

// TestWebSignInAndCSRF goes through the web interface's sign-in over real
// HTTP, then sends what a hostile page or a stolen request would: no
// cookie, a foreign Origin, no or a forged CSRF token. Each is refused
// before any handler runs; API clients with the bearer token need none of
// it.
func TestWebSignInAndCSRF(t *testing.T) {
	net := newTestNet(t)
	d := net.start(nil)
	c := d.client(t)
	s, err := c.SignIn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.URL, c.URL()+"/signin?code=") {
		t.Fatalf("sign-in URL %q", s.URL)
	}
	web := newWebClient(t, c.URL())
	path := strings.TrimPrefix(s.URL, c.URL())

	// A link checker's HEAD does not spend the code.
	if resp, _, _ := web.send(http.MethodHead, path, nil, nil); resp.StatusCode != http.StatusOK || len(resp.Cookies()) != 0 {
		t.Fatalf("HEAD of the sign-in URL: %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	resp, _, _ := web.send(http.MethodGet, path, nil, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("sign-in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == d.cookieName() {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" {
		t.Fatalf("session cookie %+v (Set-Cookie %q)", cookie, resp.Header.Values("Set-Cookie"))
	}
	resp, _, body := web.send(http.MethodGet, path, nil, nil)
	if resp.StatusCode != http.StatusForbidden || len(resp.Cookies()) != 0 || !strings.Contains(body, "used already") {
		t.Fatalf("second use of the sign-in URL: %d, cookies %v: %s", resp.StatusCode, resp.Cookies(), body)
	}

	resp, _, body = web.send(http.MethodGet, "/api/v1/ui/session", nil, cookie)
	var ses WebSession
	if json.Unmarshal([]byte(body), &ses); resp.StatusCode != 200 || len(ses.CSRF) != 64 {
		t.Fatalf("session: %d %s", resp.StatusCode, body)
	}
	origin := c.URL()
	forged := strings.Repeat("0", 64)
	bearer := "Bearer " + c.token
	const reached = "unknown_download" // the handler's own answer: the guard let it through
	act := "/api/v1/downloads/" + strings.Repeat("ab", 32) + "/pause"
	for _, tt := range []struct {
		name   string
		method string
		path   string
		hdr    map[string]string
		cookie *http.Cookie
		status int
		code   string
	}{
		{"read with the cookie", "GET", "/api/v1/status", nil, cookie, 200, ""},
		{"read without the cookie", "GET", "/api/v1/status", nil, nil, 401, "unauthorized"},
		{"change without the cookie", "POST", act, map[string]string{"Origin": origin, csrfHeader: ses.CSRF}, nil, 401, "unauthorized"},
		{"change without a CSRF token", "POST", act, map[string]string{"Origin": origin}, cookie, 403, "csrf"},
		{"change with a forged CSRF token", "POST", act, map[string]string{"Origin": origin, csrfHeader: forged}, cookie, 403, "csrf"},
		{"change without an Origin", "POST", act, map[string]string{csrfHeader: ses.CSRF}, cookie, 403, "csrf"},
		{"change from a foreign Origin", "POST", act, map[string]string{"Origin": "http://attacker.example", csrfHeader: ses.CSRF}, cookie, 403, "bad_origin"},
		{"delete without a CSRF token", "DELETE", "/api/v1/downloads/" + strings.Repeat("ab", 32), map[string]string{"Origin": origin}, cookie, 403, "csrf"},
		{"change with cookie, Origin and token", "POST", act, map[string]string{"Origin": origin, csrfHeader: ses.CSRF}, cookie, 404, reached},
		{"API client with the token", "POST", act, map[string]string{"Authorization": bearer}, nil, 404, reached},
		{"API client with a wrong token and the cookie", "POST", act, map[string]string{"Authorization": "Bearer " + forged, "Origin": origin, csrfHeader: ses.CSRF}, cookie, 401, "unauthorized"},
		{"sign-in URL minted by a browser", "POST", "/api/v1/ui/signin", map[string]string{"Origin": origin, csrfHeader: ses.CSRF}, cookie, 403, "bearer_only"},
		{"a cookie from another session", "GET", "/api/v1/status", nil, &http.Cookie{Name: cookie.Name, Value: forged}, 401, "signed_out"},
		{"the page without anything", "GET", "/", nil, nil, 200, ""},
		{"a module without anything", "GET", "/assets/js/app.js", nil, nil, 200, ""},
		{"the page on a rebinding host", "GET", "/", map[string]string{"Host": "attacker.example"}, nil, 403, "bad_host"},
		{"the page posted to", "POST", "/", nil, nil, 401, "unauthorized"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, code, body := web.send(tt.method, tt.path, tt.hdr, tt.cookie)
			if resp.StatusCode != tt.status || code != tt.code {
				t.Fatalf("%d %q (%s), want %d %q", resp.StatusCode, code, body, tt.status, tt.code)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
				t.Fatalf("Content-Security-Policy %q", csp)
			}
		})
	}

	resp, _, _ = web.send(http.MethodPost, "/api/v1/ui/signout", map[string]string{"Origin": origin, csrfHeader: ses.CSRF}, cookie)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("sign-out: %d", resp.StatusCode)
	}
	if resp, code, _ := web.send(http.MethodGet, "/api/v1/status", nil, cookie); resp.StatusCode != 401 || code != "signed_out" {
		t.Fatalf("after sign-out: %d %q", resp.StatusCode, code)
	}
}

// TestLimitsChangeAtRuntime: the caps start as the node was given them;
// PUT /api/v1/limits replaces one or both, and the peer's limiter paces
// at the new rate at once.
func TestLimitsChangeAtRuntime(t *testing.T) {
	net := newTestNet(t)
	d := net.start(nil, func(c *Config) { c.Upload = slowLink{} })
	c := d.client(t)
	var got Limits
	if err := c.do(context.Background(), http.MethodGet, "/api/v1/limits", nil, &got); err != nil {
		t.Fatal(err)
	}
	if *got.Upload != asStarted || *got.Download != 0 {
		t.Fatalf("limits at start: up %d down %d, want -1 and 0", *got.Upload, *got.Download)
	}
	rate := int64(64 << 10)
	if err := c.do(context.Background(), http.MethodPut, "/api/v1/limits", Limits{Download: &rate}, &got); err != nil {
		t.Fatal(err)
	}
	if *got.Upload != asStarted || *got.Download != rate {
		t.Fatalf("limits after PUT: up %d down %d", *got.Upload, *got.Download)
	}
	for _, bad := range []int64{-1, 1, minRate - 1, maxRate + 1} {
		err := c.do(context.Background(), http.MethodPut, "/api/v1/limits", Limits{Upload: &bad}, &got)
		var ae *APIError
		if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
			t.Fatalf("a cap of %d B/s: %v, want 400", bad, err)
		}
	}
	// A cap given at the start with --upload-limit shows as its rate.
	if bps := newAdjustable(ratelimit.New(3 << 20)).rate(); bps != 3<<20 {
		t.Fatalf("a 3 MiB/s cap at start shows as %d", bps)
	}
	// 1 MiB at 64 KiB/s cannot pass within 100 ms; with no cap it passes
	// at once.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := d.down.WaitN(ctx, 1<<20); err == nil {
		t.Fatal("1 MiB passed a 64 KiB/s cap at once")
	}
	zero := int64(0)
	if err := c.do(context.Background(), http.MethodPut, "/api/v1/limits", Limits{Upload: &zero, Download: &zero}, &got); err != nil {
		t.Fatal(err)
	}
	if err := d.up.WaitN(ctx, 1<<30); err != nil || *got.Upload != 0 {
		t.Fatalf("no cap: %v, up %d", err, *got.Upload)
	}
	for _, bad := range []string{`{"upload_bps":-1}`, `{"download_bps":2199023255553}`, `{"upload":5}`} {
		req, _ := http.NewRequest(http.MethodPut, c.URL()+"/api/v1/limits", strings.NewReader(bad))
		req.Header.Set("Authorization", "Bearer "+c.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("PUT %s: %d, want 400", bad, resp.StatusCode)
		}
	}
}

// TestWebCalls: the calls the pages need beyond the CLI's, on a creator's
// node: one work of the catalogue, the works that pay the account with
// their sales, an offer added and retired (refused on another's work), the
// rate history.
func TestWebCalls(t *testing.T) {
	net := newTestNet(t)
	acc := devnet.Accounts()
	creator, buyer := acc[0], acc[2]
	paid := content.Hash{0xbe}
	net.sr.Register(creator, paid, false, simtest.Offer(1000, 3600))
	other := content.Hash{0xef}
	net.sr.Register(buyer, other, false)
	net.sr.Buy(buyer, paid, 1000)
	d := net.start(nil, func(c *Config) {
		c.Chain, c.Signer, c.Account = net.sr.AutoMining(), bind.NewKeyedTransactor(creator.Key, net.sr.ChainID), creator.Address
	})
	c := d.client(t)
	ctx := context.Background()
	var m Mine
	eventually(t, 15*time.Second, "the sale in the creator's works", func() bool {
		return c.do(ctx, http.MethodGet, "/api/v1/mine", nil, &m) == nil && len(m.Works) == 1 && m.Works[0].Sold == 1
	})
	if w := m.Works[0]; w.Work != paid.String() || !w.Creator || w.Revenue != "1000" || w.Owed != "1000" || m.Account != creator.Address.Hex() {
		t.Fatalf("mine: %+v", m)
	}
	var cw CatalogWork
	if err := c.do(ctx, http.MethodGet, "/api/v1/catalog/"+paid.String(), nil, &cw); err != nil || cw.Creator != creator.Address.Hex() || len(cw.Offers) != 1 {
		t.Fatalf("catalog entry: %+v %v", cw, err)
	}
	var ae *APIError
	if err := c.do(ctx, http.MethodGet, "/api/v1/catalog/"+content.Hash{0x01}.String(), nil, &cw); !errors.As(err, &ae) || ae.Code != "unknown_work" {
		t.Fatalf("catalog entry of an unknown work: %v", err)
	}

	var added OfferAdded
	req := OfferRequest{Work: paid.String(), Price: "2000", Duration: 7200, Transferable: true, RoyaltyBps: 500}
	if err := c.do(ctx, http.MethodPost, "/api/v1/offers", req, &added); err != nil || added.Offer.ID != 1 || added.Offer.Price != "2000" {
		t.Fatalf("add offer: %+v %v", added, err)
	}
	if err := c.do(ctx, http.MethodDelete, "/api/v1/offers/"+paid.String()+"/1", nil, nil); err != nil {
		t.Fatalf("retire offer: %v", err)
	}
	eventually(t, 10*time.Second, "the retired offer in the catalogue", func() bool {
		return c.do(ctx, http.MethodGet, "/api/v1/catalog/"+paid.String(), nil, &cw) == nil && len(cw.Offers) == 2 && cw.Offers[1].Retired
	})
	req.Work = other.String()
	if err := c.do(ctx, http.MethodPost, "/api/v1/offers", req, &added); !errors.As(err, &ae) || ae.Code != "reverted:NotCreator" {
		t.Fatalf("offer on another's work: %v, want NotCreator", err)
	}
	req.Price = "-1"
	if err := c.do(ctx, http.MethodPost, "/api/v1/offers", req, &added); !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		t.Fatalf("negative price: %v, want 400", err)
	}

	var rates Rates
	if err := c.do(ctx, http.MethodGet, "/api/v1/rates", nil, &rates); err != nil || rates.Step != 10 || rates.Samples == nil {
		t.Fatalf("rates: %+v %v", rates, err)
	}
}

// TestRateHistory: one sample per step of the mean rate over it, the last
// hour kept.
func TestRateHistory(t *testing.T) {
	var up, down int64
	m := newRateMeter(func() (int64, int64) { return up, down })
	start := time.Unix(1_800_000_000, 0)
	for i := range historyLen*10 + 25 {
		up += 1000
		down += 10
		m.tick(start.Add(time.Duration(i) * time.Second))
	}
	h := m.history()
	if len(h.Samples) != historyLen {
		t.Fatalf("%d samples, want %d", len(h.Samples), historyLen)
	}
	last := h.Samples[len(h.Samples)-1]
	if last.Up != 1000 || last.Down != 10 || h.Samples[0].T != last.T-int64(historyLen-1)*10 {
		t.Fatalf("samples: first %+v, last %+v", h.Samples[0], last)
	}
}
