package daemon

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain/catalog"
	"essaim/chain/registryops"
	"essaim/daemon/webui"
	"essaim/p2p/content"
)

// The web interface's routes: its files, its sign-in, and the calls its
// pages need beyond the CLI's (docs/API.md, "Web interface").

// webRoutes adds the interface and its calls to mux.
func (d *Daemon) webRoutes(mux *http.ServeMux) {
	ui := webui.Handler()
	mux.Handle("GET /{$}", ui)
	mux.Handle("GET /assets/", ui)
	mux.HandleFunc("GET /signin", d.handleSignIn)
	mux.HandleFunc("POST /api/v1/ui/signin", d.handleNewSignIn)
	mux.HandleFunc("GET /api/v1/ui/session", d.handleSession)
	mux.HandleFunc("POST /api/v1/ui/signout", d.handleSignOut)
	mux.HandleFunc("GET /api/v1/catalog/{work}", d.handleCatalogWork)
	mux.HandleFunc("GET /api/v1/mine", d.handleMine)
	mux.HandleFunc("POST /api/v1/offers", d.handleAddOffer)
	mux.HandleFunc("DELETE /api/v1/offers/{work}/{id}", d.handleRetireOffer)
	mux.HandleFunc("GET /api/v1/rates", d.handleRates)
	mux.HandleFunc("GET /api/v1/limits", d.handleLimits)
	mux.HandleFunc("PUT /api/v1/limits", d.handleSetLimits)
}

// webPublic says which requests the guard lets through with no token or
// cookie: the interface's files and the sign-in URL, which hold no data.
func webPublic(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	return r.URL.Path == "/signin" || webui.Owns(r.URL.Path)
}

// SignIn is the answer to POST /api/v1/ui/signin.
type SignIn struct {
	URL string `json:"url"`
	// Elsewhere are the same URL on the API's other addresses, for a
	// browser on another device (an API listening off loopback).
	Elsewhere []string  `json:"elsewhere,omitempty"`
	Expires   time.Time `json:"expires"`
	// Certificate is the SHA-256 fingerprint of the API's certificate
	// (HTTPS), for the user to compare with what the browser shows.
	Certificate string `json:"certificate_sha256,omitempty"`
}

// handleNewSignIn mints a one-time sign-in URL; only a holder of the
// token may (a browser session cannot make more of them).
func (d *Daemon) handleNewSignIn(w http.ResponseWriter, r *http.Request) {
	if authOf(r) != authBearer {
		writeError(w, http.StatusForbidden, "bearer_only", errors.New("a sign-in URL is made with the API token (essaim ui)"))
		return
	}
	code, exp, err := d.web.newCode(time.Now())
	if err != nil {
		writeError(w, http.StatusInternalServerError, "signin", err)
		return
	}
	s := SignIn{URL: d.APIURL() + "/signin?code=" + code, Expires: exp.UTC(), Certificate: d.APICertificate()}
	port := d.api.Addr().(*net.TCPAddr).Port
	for _, ip := range d.answers {
		if !ip.IsLoopback() {
			s.Elsewhere = append(s.Elsewhere, d.scheme()+"://"+net.JoinHostPort(ip.String(), strconv.Itoa(port))+"/signin?code="+code)
		}
	}
	writeJSON(w, http.StatusOK, s)
}

// handleSignIn trades a sign-in code for a session cookie, once, and
// sends the browser to the interface.
func (d *Daemon) handleSignIn(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		// A link checker's HEAD must not spend the code.
		w.Header().Set("Cache-Control", "no-store")
		return
	}
	id, ses, err := d.web.redeem(r.URL.Query().Get("code"), time.Now())
	if err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, signInRefusedPage, errSignInRefused.Error())
		return
	}
	http.SetCookie(w, &http.Cookie{Name: d.cookieName(), Value: id, Path: "/", HttpOnly: true, Secure: d.tls != nil,
		SameSite: http.SameSiteStrictMode, Expires: ses.expires, MaxAge: int(sessionLife.Seconds())})
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// signInRefusedPage is what a used or expired sign-in URL shows.
const signInRefusedPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>essaim: sign-in refused</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/app.css"></head>
<body><main id="main"><h1>Sign-in refused</h1><p role="alert">%s</p></main></body></html>
`

func (d *Daemon) cookieName() string {
	if d.api != nil {
		if tcp, ok := d.api.Addr().(*net.TCPAddr); ok {
			return sessionCookie(tcp.Port)
		}
	}
	return sessionCookie(0)
}

// WebSession is the answer to GET /api/v1/ui/session: the page's CSRF
// token (it cannot read its cookie) and what it shows in its header.
type WebSession struct {
	CSRF    string `json:"csrf"`
	Account string `json:"account,omitempty"`
	Peer    string `json:"peer"`
}

func (d *Daemon) handleSession(w http.ResponseWriter, r *http.Request) {
	if authOf(r) != authCookie {
		writeError(w, http.StatusBadRequest, "no_session", errNoSession)
		return
	}
	c, _ := r.Cookie(d.cookieName())
	ses, ok := d.web.lookup(c.Value, time.Now())
	if !ok {
		writeError(w, http.StatusUnauthorized, "signed_out", errNoSession)
		return
	}
	ws := WebSession{CSRF: ses.csrf, Peer: d.node.ID().String()}
	if d.cfg.Prover != nil {
		ws.Account = d.cfg.Account.Hex()
	}
	writeJSON(w, http.StatusOK, ws)
}

func (d *Daemon) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(d.cookieName()); err == nil {
		d.web.end(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: d.cookieName(), Value: "", Path: "/", HttpOnly: true, Secure: d.tls != nil,
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
	w.WriteHeader(http.StatusNoContent)
}

var errUnknownWork = errors.New("no registered work with this root in the node's catalogue (it may not have seen the registration yet)")

// CatalogEntry is one registered work as GET /api/v1/catalog/{work}
// answers it.
func (d *Daemon) CatalogEntry(ctx context.Context, root content.Hash) (CatalogWork, error) {
	w, ok, err := d.catalog.Work(common.Hash(root))
	if err != nil {
		return CatalogWork{}, err
	}
	if !ok {
		return CatalogWork{}, errUnknownWork
	}
	offers, err := d.catalog.Offers(w.Root)
	if err != nil {
		return CatalogWork{}, err
	}
	holders := d.holderCounts(ctx, []catalog.Work{w})[0]
	return CatalogWork{Work: root.String(), Title: w.Title, Tags: w.Tags, Creator: w.Creator.Hex(), Open: w.Open,
		Offers: offersOf(offers), Holders: holders, Served: d.node.Holds(root), Splits: w.Splits}, nil
}

func (d *Daemon) handleCatalogWork(w http.ResponseWriter, r *http.Request) {
	root, ok := workParam(w, r)
	if !ok {
		return
	}
	cw, err := d.CatalogEntry(r.Context(), root)
	switch {
	case errors.Is(err, errUnknownWork):
		writeError(w, http.StatusNotFound, "unknown_work", err)
	case err != nil:
		writeError(w, http.StatusInternalServerError, "catalog", err)
	default:
		writeJSON(w, http.StatusOK, cw)
	}
}

// MyWork is a work whose sales pay the node's account, with what it made.
type MyWork struct {
	Work    string  `json:"work"`
	Title   string  `json:"title"`
	Creator bool    `json:"creator"` // the account registered it (else it is a split's payee)
	Sold    uint32  `json:"sold"`    // licenses sold, every offer
	Revenue string  `json:"revenue_wei"`
	Owed    string  `json:"owed_wei"` // to the account, not withdrawn yet
	Offers  []Offer `json:"offers"`
}

// Mine is the answer to GET /api/v1/mine.
type Mine struct {
	Account  string   `json:"account"`
	Balance  string   `json:"balance_wei"`
	Proceeds string   `json:"proceeds_wei"` // from resales, not withdrawn yet
	Works    []MyWork `json:"works"`
}

// MineOf lists the works that pay the node's account, with their sales.
func (d *Daemon) MineOf(ctx context.Context) (Mine, error) {
	if d.cfg.Signer == nil {
		return Mine{}, registryops.ErrNoSigner
	}
	addr, ops := d.cfg.Signer.From, d.ops()
	roots, err := d.catalog.PayeeRoots(addr)
	if err != nil {
		return Mine{}, err
	}
	bal, err := ops.Balance(ctx, addr)
	if err != nil {
		return Mine{}, err
	}
	proceeds, err := ops.Proceeds(ctx, addr)
	if err != nil {
		return Mine{}, err
	}
	m := Mine{Account: addr.Hex(), Balance: bal.String(), Proceeds: proceeds.String(), Works: []MyWork{}}
	reg := ops.Registry()
	for _, root := range roots {
		w, _, err := d.catalog.Work(root)
		if err != nil {
			return Mine{}, err
		}
		offers, err := d.catalog.Offers(root)
		if err != nil {
			return Mine{}, err
		}
		rev, err := registryops.Call(ctx, ops, reg.PackRevenue(root), reg.UnpackRevenue)
		if err != nil {
			return Mine{}, err
		}
		owed, err := registryops.Call(ctx, ops, reg.PackOwed(root, addr), reg.UnpackOwed)
		if err != nil {
			return Mine{}, err
		}
		mw := MyWork{Work: content.Hash(root).String(), Title: w.Title, Creator: w.Creator == addr,
			Revenue: rev.String(), Owed: owed.String(), Offers: offersOf(offers)}
		for _, o := range offers {
			mw.Sold += o.Sold
		}
		m.Works = append(m.Works, mw)
	}
	return m, nil
}

func (d *Daemon) handleMine(w http.ResponseWriter, r *http.Request) {
	m, err := d.MineOf(r.Context())
	if err != nil {
		chainError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// OfferRequest is the body of POST /api/v1/offers: new terms for a work
// of the node's account.
type OfferRequest struct {
	Work         string `json:"work"`
	Price        string `json:"price_wei"`
	Duration     uint64 `json:"duration"` // seconds, 0: perpetual
	Supply       uint32 `json:"supply"`   // 0: unlimited
	Transferable bool   `json:"transferable"`
	RoyaltyBps   uint16 `json:"royalty_bps"`
}

// OfferAdded is the answer to POST /api/v1/offers.
type OfferAdded struct {
	Work  string `json:"work"`
	Offer Offer  `json:"offer"`
	Tx    string `json:"tx"`
}

func (d *Daemon) handleAddOffer(w http.ResponseWriter, r *http.Request) {
	var req OfferRequest
	root, ok := workBody(w, r, &req, &req.Work)
	if !ok {
		return
	}
	price, ok := new(big.Int).SetString(req.Price, 10)
	if !ok {
		writeError(w, http.StatusBadRequest, "bad_price", fmt.Errorf("price_wei %q: want wei, a decimal integer", req.Price))
		return
	}
	a, err := d.ops().AddOffer(r.Context(), root, registryops.OfferTerms{Price: price, Duration: req.Duration,
		Supply: req.Supply, Transferable: req.Transferable, RoyaltyBps: req.RoyaltyBps})
	if errors.Is(err, registryops.ErrBadOffer) {
		writeError(w, http.StatusBadRequest, "bad_offer", err)
		return
	}
	if err != nil {
		chainError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, OfferAdded{Work: root.String(), Tx: a.Tx.Hex(), Offer: Offer{ID: a.ID, Price: a.Terms.Price.String(),
		Duration: a.Terms.Duration, Supply: a.Terms.Supply, Transferable: a.Terms.Transferable}})
}

func (d *Daemon) handleRetireOffer(w http.ResponseWriter, r *http.Request) {
	root, ok := workParam(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 32)
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_offer", fmt.Errorf("offer %q: want a number", r.PathValue("id")))
		return
	}
	tx, err := d.ops().RetireOffer(r.Context(), root, uint32(id))
	if err != nil {
		chainError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"work": root.String(), "offer": id, "tx": tx.Hex()})
}

func (d *Daemon) handleRates(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, d.rates.history())
}
