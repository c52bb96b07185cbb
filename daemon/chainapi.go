package daemon

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/registryops"
	"essaim/p2p/content"
)

// errLocked is the API's answer to an operation that needs the node's
// account when it holds none unlocked.
var errLocked = errors.New("the node holds no unlocked account (start it with --unlock), so it cannot sign; " +
	"run the command yourself, with your password")

// chainRoutes adds the catalogue, account and registry operations.
func (d *Daemon) chainRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/catalog", d.handleCatalog)
	mux.HandleFunc("GET /api/v1/account", d.handleAccount)
	mux.HandleFunc("POST /api/v1/buy", d.handleBuy)
	mux.HandleFunc("POST /api/v1/grant", d.handleGrant)
	mux.HandleFunc("POST /api/v1/withdraw", d.handleWithdraw)
}

// ops is the registry session: read-only, or signing as the node's
// unlocked account.
func (d *Daemon) ops() *registryops.Session {
	s := registryops.New(d.cfg.Chain, d.cfg.Contract)
	if d.cfg.Signer != nil {
		s = s.WithSigner(d.cfg.Signer)
	}
	return s
}

// chainError answers a registry operation's failure in the words the CLI
// uses for it.
func chainError(w http.ResponseWriter, err error) {
	var rv *chain.RevertError
	switch {
	case errors.Is(err, registryops.ErrNoSigner):
		writeError(w, http.StatusForbidden, "locked", errLocked)
	case errors.As(err, &rv):
		writeError(w, http.StatusConflict, "reverted:"+rv.Name, errors.New(rv.Explain()))
	case errors.Is(err, registryops.ErrInsufficientFunds):
		writeError(w, http.StatusConflict, "insufficient_funds", err)
	case errors.Is(err, registryops.ErrNothingToWithdraw):
		writeError(w, http.StatusConflict, "nothing_to_withdraw", err)
	case errors.Is(err, chain.ErrUnreachable):
		writeError(w, http.StatusBadGateway, "chain_unreachable", err)
	default:
		writeError(w, http.StatusInternalServerError, "chain", err)
	}
}

// CatalogWork is a registered work as the catalogue search shows it.
type CatalogWork struct {
	Work    string          `json:"work"`
	Title   string          `json:"title"`
	Tags    []string        `json:"tags"`
	Creator string          `json:"creator"`
	Open    bool            `json:"open"`
	Offers  []Offer         `json:"offers"`
	Holders int             `json:"holders"` // peers known to hold it, this node included
	Served  bool            `json:"served"`  // by this node
	Splits  []catalog.Split `json:"splits,omitempty"`
}

// Offer is one offer of a work. Prices are decimal strings of wei: a
// JSON number cannot hold them exactly.
type Offer struct {
	ID           uint32 `json:"id"`
	Price        string `json:"price_wei"`
	Duration     uint64 `json:"duration"` // seconds, 0: perpetual
	Supply       uint32 `json:"supply"`   // 0: unlimited
	Sold         uint32 `json:"sold"`
	Transferable bool   `json:"transferable"`
	Retired      bool   `json:"retired"`
}

func offersOf(os []catalog.Offer) []Offer {
	out := make([]Offer, len(os))
	for i, o := range os {
		out[i] = Offer{ID: o.ID, Price: o.Price.String(), Duration: o.Duration, Supply: o.Supply, Sold: o.Sold,
			Transferable: o.Transferable, Retired: o.Retired}
	}
	return out
}

// holderCache keeps how many holders a work had, for a minute, so a
// search does not look every work up in the DHT each time.
type holderCache struct {
	mu sync.Mutex
	m  map[content.Hash]holderCount
}

type holderCount struct {
	n  int
	at time.Time
}

// fresh is how long a count stands: a minute, but only a few seconds
// for none, since a work's first holders (a creator who just shared it)
// must show soon.
func (c holderCount) fresh() time.Duration {
	if c.n == 0 {
		return holdersFreshNone
	}
	return holdersFresh
}

const (
	holdersFresh     = time.Minute
	holdersFreshNone = 3 * time.Second
	holderLookups    = 16              // works looked up per search, at most
	holderBudget     = 2 * time.Second // for all of them
	holderMax        = 50              // counted per work, at most
	searchMaxResult  = 200
)

// Search finds the registered works that match every term (a title
// substring or a tag prefix, any case) and ranks them by the peers known
// to hold them, most first; ties keep registration order.
func (d *Daemon) Search(ctx context.Context, terms []string) ([]CatalogWork, error) {
	ws, err := d.catalog.SearchTerms(terms)
	if err != nil {
		return nil, err
	}
	if len(ws) > searchMaxResult {
		ws = ws[:searchMaxResult]
	}
	counts := d.holderCounts(ctx, ws)
	out := make([]CatalogWork, len(ws))
	for i, w := range ws {
		offers, err := d.catalog.Offers(w.Root)
		if err != nil {
			return nil, err
		}
		out[i] = CatalogWork{Work: content.Hash(w.Root).String(), Title: w.Title, Tags: w.Tags, Creator: w.Creator.Hex(),
			Open: w.Open, Offers: offersOf(offers), Holders: counts[i], Served: d.node.Holds(content.Hash(w.Root)), Splits: w.Splits}
	}
	slices.SortStableFunc(out, func(a, b CatalogWork) int { return b.Holders - a.Holders })
	return out, nil
}

// holderCounts counts the holders of each work: from the cache when
// fresh, else from the node (a bounded number of lookups, at once).
func (d *Daemon) holderCounts(ctx context.Context, ws []catalog.Work) []int {
	counts := make([]int, len(ws))
	var todo []int
	now := time.Now()
	d.holders.mu.Lock()
	for i, w := range ws {
		if c, ok := d.holders.m[content.Hash(w.Root)]; ok && now.Sub(c.at) < c.fresh() {
			counts[i] = c.n
		} else if len(todo) < holderLookups {
			todo = append(todo, i)
		}
	}
	d.holders.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, holderBudget)
	defer cancel()
	var wg sync.WaitGroup
	for _, i := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[i] = d.node.HolderCount(ctx, content.Hash(ws[i].Root), holderMax)
		}()
	}
	wg.Wait()
	d.holders.mu.Lock()
	for _, i := range todo {
		d.holders.m[content.Hash(ws[i].Root)] = holderCount{n: counts[i], at: now}
	}
	d.holders.mu.Unlock()
	return counts
}

func (d *Daemon) handleCatalog(w http.ResponseWriter, r *http.Request) {
	res, err := d.Search(r.Context(), strings.Fields(r.URL.Query().Get("q")))
	if err != nil {
		writeError(w, http.StatusInternalServerError, "catalog", err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// Account is an account's balance and licenses.
type Account struct {
	Address  string    `json:"address"`
	Unlocked bool      `json:"unlocked"` // the node signs as this account
	Balance  string    `json:"balance_wei"`
	Licenses []License `json:"licenses"`
}

// License is one license record of an account.
type License struct {
	Work         string `json:"work"`
	Title        string `json:"title"`
	Expiry       uint64 `json:"expiry"` // unix seconds, exclusive; 18446744073709551615: perpetual
	Transferable bool   `json:"transferable"`
	Valid        bool   `json:"valid"`
}

// AccountOf reads addr's balance and licenses; the zero address means the
// node's own account.
func (d *Daemon) AccountOf(ctx context.Context, addr common.Address) (Account, error) {
	if addr == (common.Address{}) {
		if d.cfg.Signer == nil {
			return Account{}, errLocked
		}
		addr = d.cfg.Signer.From
	}
	ops := d.ops()
	bal, err := ops.Balance(ctx, addr)
	if err != nil {
		return Account{}, err
	}
	held, err := ops.HeldLicenses(ctx, d.catalog, addr)
	if err != nil {
		return Account{}, err
	}
	a := Account{Address: addr.Hex(), Balance: bal.String(), Licenses: []License{},
		Unlocked: d.cfg.Signer != nil && d.cfg.Signer.From == addr}
	for _, h := range held {
		a.Licenses = append(a.Licenses, License{Work: content.Hash(h.Root).String(), Title: h.Title,
			Expiry: h.Expiry, Transferable: h.Transferable, Valid: h.Valid})
	}
	return a, nil
}

func (d *Daemon) handleAccount(w http.ResponseWriter, r *http.Request) {
	var addr common.Address
	if q := r.URL.Query().Get("address"); q != "" {
		if !common.IsHexAddress(q) {
			writeError(w, http.StatusBadRequest, "bad_address", fmt.Errorf("address %q: want 0x and 40 hex digits", q))
			return
		}
		addr = common.HexToAddress(q)
	}
	a, err := d.AccountOf(r.Context(), addr)
	if err != nil {
		chainError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// BuyRequest is the body of POST /api/v1/buy. MaxPrice (wei, decimal)
// guards the price; empty means the offer's price as read now.
type BuyRequest struct {
	Work     string `json:"work"`
	Offer    uint32 `json:"offer"`
	MaxPrice string `json:"max_price,omitempty"`
}

// Bought is the answer to a purchase.
type Bought struct {
	Work         string `json:"work"`
	Buyer        string `json:"buyer"`
	Offer        uint32 `json:"offer"`
	Price        string `json:"price_wei"`
	Expiry       uint64 `json:"expiry"`
	Transferable bool   `json:"transferable"`
	Start        uint64 `json:"start"`    // the period bought runs from Start to Expiry
	Extended     bool   `json:"extended"` // Start is the expiry of the license it extends
	Tx           string `json:"tx"`
}

func (d *Daemon) handleBuy(w http.ResponseWriter, r *http.Request) {
	var req BuyRequest
	root, ok := workBody(w, r, &req, &req.Work)
	if !ok {
		return
	}
	var max *big.Int
	if req.MaxPrice != "" {
		var ok bool
		if max, ok = new(big.Int).SetString(req.MaxPrice, 10); !ok || max.Sign() < 0 {
			writeError(w, http.StatusBadRequest, "bad_price", fmt.Errorf("max_price %q: want wei, a decimal integer", req.MaxPrice))
			return
		}
	}
	p, err := d.ops().Buy(r.Context(), root, req.Offer, max)
	if err != nil {
		chainError(w, err)
		return
	}
	d.checker.Forget(root, p.Buyer)
	writeJSON(w, http.StatusOK, Bought{Work: root.String(), Buyer: p.Buyer.Hex(), Offer: p.OfferID, Price: p.Price.String(),
		Expiry: p.Expiry, Transferable: p.Transferable, Start: p.Start, Extended: p.Extended, Tx: p.Tx.Hex()})
}

// GrantRequest is the body of POST /api/v1/grant: a free license to To
// for Duration seconds (0: perpetual).
type GrantRequest struct {
	Work     string `json:"work"`
	To       string `json:"to"`
	Duration uint64 `json:"duration"`
}

func (d *Daemon) handleGrant(w http.ResponseWriter, r *http.Request) {
	var req GrantRequest
	if err := readJSON(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", err)
		return
	}
	root, err := content.ParseHash(req.Work)
	if err != nil || !common.IsHexAddress(req.To) {
		writeError(w, http.StatusBadRequest, "bad_request", errors.New("want a work (64 hex digits) and an address (to)"))
		return
	}
	g, err := d.ops().Grant(r.Context(), root, common.HexToAddress(req.To), req.Duration)
	if err != nil {
		chainError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, Granted{Work: root.String(), To: g.To.Hex(), Expiry: strconv.FormatUint(g.Expiry, 10), Tx: g.Tx.Hex()})
}

func (d *Daemon) handleWithdraw(w http.ResponseWriter, r *http.Request) {
	wd, err := d.ops().WithdrawAll(r.Context(), d.catalog)
	if err != nil {
		chainError(w, err)
		return
	}
	works := make([]string, len(wd.Works))
	for i, r := range wd.Works {
		works[i] = content.Hash(r).String()
	}
	writeJSON(w, http.StatusOK, Withdrawn{Account: wd.Account.Hex(), Works: works, Amount: wd.Amount.String(), Tx: wd.Tx.Hex()})
}
