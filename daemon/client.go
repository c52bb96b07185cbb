package daemon

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/p2p/content"
)

// ErrNoNode means no node answers for the home: none runs, or the files it
// left say so.
var ErrNoNode = errors.New("no node is running for this home")

// Client talks to the API of the node running for a home.
type Client struct {
	url   string
	token string
	hc    *http.Client
}

// APIError is an error answer of the API.
type APIError struct {
	Status int
	Code   string
	Msg    string
}

func (e *APIError) Error() string { return e.Msg }

// Dial finds the node running for home from the files it publishes there
// and checks that it answers. Without them, or when nobody answers at the
// URL they name (a node that was killed), it returns ErrNoNode.
func Dial(ctx context.Context, home string) (*Client, error) {
	u, err1 := os.ReadFile(filepath.Join(home, apiFile))
	token, err2 := os.ReadFile(filepath.Join(home, tokenFile))
	if errors.Is(err1, os.ErrNotExist) || errors.Is(err2, os.ErrNotExist) {
		return nil, ErrNoNode
	}
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	c := &Client{url: strings.TrimSpace(string(u)), token: strings.TrimSpace(string(token)),
		hc: &http.Client{Timeout: 30 * time.Second}}
	switch {
	case strings.HasPrefix(c.url, "https://"):
		// The node's own certificate, and no other.
		pem, err := os.ReadFile(filepath.Join(home, tlsCertFile))
		if err != nil {
			return nil, fmt.Errorf("the node's API speaks HTTPS: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: no certificate in it", filepath.Join(home, tlsCertFile))
		}
		c.hc.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS13}}
	case !strings.HasPrefix(c.url, "http://"):
		return nil, fmt.Errorf("%s: not an http URL: %q", filepath.Join(home, apiFile), c.url)
	}
	if _, err := c.Status(ctx); err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			return nil, err
		}
		return nil, fmt.Errorf("%w (%s does not answer: %v)", ErrNoNode, c.url, err)
	}
	return c, nil
}

// URL is the API's base URL.
func (c *Client) URL() string { return c.url }

// do sends a request with body in (nil for none) and decodes the answer
// into out (nil to ignore it).
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.url+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var e apiError
		json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(&e)
		if e.Error == "" {
			e.Error = resp.Status
		}
		return &APIError{Status: resp.StatusCode, Code: e.Code, Msg: e.Error}
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Status asks GET /api/v1/status.
func (c *Client) Status(ctx context.Context) (Status, error) {
	var s Status
	return s, c.do(ctx, http.MethodGet, "/api/v1/status", nil, &s)
}

// Works asks GET /api/v1/works.
func (c *Client) Works(ctx context.Context) ([]Work, error) {
	var w []Work
	return w, c.do(ctx, http.MethodGet, "/api/v1/works", nil, &w)
}

// Pin asks the node to serve root, downloading it first into out (or its
// default folder) when it does not hold it. The download is nil when the
// node serves the work already.
func (c *Client) Pin(ctx context.Context, root content.Hash, out string) (*Download, error) {
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodPost, "/api/v1/pins", PinRequest{Work: root.String(), Output: out}, &raw); err != nil {
		return nil, err
	}
	var dl Download
	if err := json.Unmarshal(raw, &dl); err != nil || dl.State == Served {
		return nil, err
	}
	return &dl, nil
}

// Unpin asks the node to stop serving root.
func (c *Client) Unpin(ctx context.Context, root content.Hash) error {
	return c.do(ctx, http.MethodDelete, "/api/v1/pins/"+root.String(), nil, nil)
}

// Downloads lists the download list.
func (c *Client) Downloads(ctx context.Context) ([]Download, error) {
	var l []Download
	return l, c.do(ctx, http.MethodGet, "/api/v1/downloads", nil, &l)
}

// Download returns root's download.
func (c *Client) Download(ctx context.Context, root content.Hash) (Download, error) {
	var d Download
	return d, c.do(ctx, http.MethodGet, "/api/v1/downloads/"+root.String(), nil, &d)
}

// Add puts root on the download list, to be written under out.
func (c *Client) Add(ctx context.Context, root content.Hash, out string, priority int) (Download, error) {
	var d Download
	return d, c.do(ctx, http.MethodPost, "/api/v1/downloads", PinRequest{Work: root.String(), Output: out, Priority: priority}, &d)
}

// Pause, Resume and Cancel act on root's download.
func (c *Client) Pause(ctx context.Context, root content.Hash) (Download, error) {
	var d Download
	return d, c.do(ctx, http.MethodPost, "/api/v1/downloads/"+root.String()+"/pause", nil, &d)
}

// Resume queues a paused or failed download again.
func (c *Client) Resume(ctx context.Context, root content.Hash) (Download, error) {
	var d Download
	return d, c.do(ctx, http.MethodPost, "/api/v1/downloads/"+root.String()+"/resume", nil, &d)
}

// Cancel takes root's download off the list.
func (c *Client) Cancel(ctx context.Context, root content.Hash) error {
	return c.do(ctx, http.MethodDelete, "/api/v1/downloads/"+root.String(), nil, nil)
}

// Prioritise sets root's download priority.
func (c *Client) Prioritise(ctx context.Context, root content.Hash, p int) (Download, error) {
	var d Download
	return d, c.do(ctx, http.MethodPost, "/api/v1/downloads/"+root.String()+"/priority", map[string]int{"priority": p}, &d)
}

// Events follows the download events until ctx ends or fn returns false.
func (c *Client) Events(ctx context.Context, fn func(Download) bool) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url+"/api/v1/events", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := (&http.Client{Transport: c.hc.Transport}).Do(req) // no timeout: a stream
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &APIError{Status: resp.StatusCode, Msg: resp.Status}
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), maxBody)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var d Download
		if err := json.Unmarshal([]byte(data), &d); err != nil {
			return fmt.Errorf("event: %w", err)
		}
		if !fn(d) {
			return nil
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return ErrEventsEnded
}

// ErrEventsEnded is what Events returns when the node ends the event
// stream before fn is done with it: the node is stopping.
var ErrEventsEnded = errors.New("the node closed its event stream (it is stopping?)")

// Catalog searches the node's catalogue for works matching every term.
func (c *Client) Catalog(ctx context.Context, terms ...string) ([]CatalogWork, error) {
	var out []CatalogWork
	return out, c.do(ctx, http.MethodGet, "/api/v1/catalog?q="+url.QueryEscape(strings.Join(terms, " ")), nil, &out)
}

// Account reads addr's balance and licenses; the zero address is the
// node's own account.
func (c *Client) Account(ctx context.Context, addr common.Address) (Account, error) {
	path := "/api/v1/account"
	if addr != (common.Address{}) {
		path += "?address=" + addr.Hex()
	}
	var a Account
	return a, c.do(ctx, http.MethodGet, path, nil, &a)
}

// Buy buys offer of root as the node's account; a nil max is the offer's
// price as read now.
func (c *Client) Buy(ctx context.Context, root content.Hash, offer uint32, max *big.Int) (Bought, error) {
	req := BuyRequest{Work: root.String(), Offer: offer}
	if max != nil {
		req.MaxPrice = max.String()
	}
	var b Bought
	return b, c.do(ctx, http.MethodPost, "/api/v1/buy", req, &b)
}

// Withdraw collects what the node's account is owed.
func (c *Client) Withdraw(ctx context.Context) (Withdrawn, error) {
	var out Withdrawn
	return out, c.do(ctx, http.MethodPost, "/api/v1/withdraw", struct{}{}, &out)
}

// Metrics returns the node's metrics in Prometheus' text format.
func (c *Client) Metrics(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url+"/metrics", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", &APIError{Status: resp.StatusCode, Msg: resp.Status}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	return string(b), err
}

// Granted is the answer to a grant.
type Granted struct {
	Work   string `json:"work"`
	To     string `json:"to"`
	Expiry string `json:"expiry"`
	Tx     string `json:"tx"`
}

// Grant gives to a free license to root for duration seconds (0:
// perpetual), as the node's account.
func (c *Client) Grant(ctx context.Context, root content.Hash, to common.Address, duration uint64) (Granted, error) {
	var g Granted
	return g, c.do(ctx, http.MethodPost, "/api/v1/grant", GrantRequest{Work: root.String(), To: to.Hex(), Duration: duration}, &g)
}

// Withdrawn is the answer to a withdrawal.
type Withdrawn struct {
	Account string   `json:"account"`
	Works   []string `json:"works"`
	Amount  string   `json:"amount_wei"`
	Tx      string   `json:"tx"`
}

// Stream asks POST /api/v1/streams for the URLs of root's files (of path
// alone when set), which a media player opens; the node starts
// downloading the work into out (or its default folder) if it does not
// hold it.
func (c *Client) Stream(ctx context.Context, root content.Hash, path, out string) (Stream, error) {
	var s Stream
	return s, c.do(ctx, http.MethodPost, "/api/v1/streams", StreamRequest{Work: root.String(), Path: path, Output: out}, &s)
}

// RevokeStreams asks the node to invalidate every stream URL it made.
func (c *Client) RevokeStreams(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/api/v1/streams/revoke", nil, nil)
}

// SignIn asks the node for a one-time URL that signs a browser in to the
// web interface.
func (c *Client) SignIn(ctx context.Context) (SignIn, error) {
	var s SignIn
	return s, c.do(ctx, http.MethodPost, "/api/v1/ui/signin", struct{}{}, &s)
}
