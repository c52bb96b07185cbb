package main

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/registryops"
	"essaim/daemon"
	"essaim/p2p/content"
)

var (
	offerFlag = &cli.Uint64Flag{
		Name:     "offer",
		Usage:    "the id of the offer to buy",
		EnvVars:  []string{"ESSAIM_OFFER"},
		Category: catLicense,
	}
	maxPriceFlag = &cli.StringFlag{
		Name:     "max-price",
		Usage:    "refuse to pay more than this, in " + amountHelp + " (default: the offer's price as read now)",
		EnvVars:  []string{"ESSAIM_MAX_PRICE"},
		Category: catLicense,
	}
)

var buyCommand = &cli.Command{
	Name:      "buy",
	Usage:     "buy a license to a work (or extend the one held)",
	ArgsUsage: "WORK",
	Description: "Pays the offer's price exactly from --account; the registry adds the offer's duration\n" +
		"to the license held, if any (buying again is how a license is renewed: the new period starts\n" +
		"at its expiry), and the command says from when to when. WORK is the content root, with or\n" +
		"without 0x.",
	Flags:  []cli.Flag{offerFlag, maxPriceFlag},
	Action: runBuy,
}

var grantCommand = &cli.Command{
	Name:        "grant",
	Usage:       "give a free license to an account (creator only)",
	ArgsUsage:   "WORK ADDR",
	Description: "Grants a non-transferable license for --duration (default perpetual); it never shortens one held.",
	Flags:       []cli.Flag{durationFlag},
	Action:      runGrant,
}

var licenseCommand = &cli.Command{
	Name:  "license",
	Usage: "check, transfer and resell licenses",
	Subcommands: []*cli.Command{{
		Name:        "check",
		Usage:       "tell whether an account may fetch a work now",
		ArgsUsage:   "WORK ADDR",
		Description: "Exits 0 when ADDR may fetch WORK (its creator, an open work, or a valid license), 1 otherwise.",
		Action:      runLicenseCheck,
	}, transferCommand, sellCommand, unlistCommand, buyResaleCommand},
}

var withdrawCommand = &cli.Command{
	Name:      "withdraw",
	Usage:     "collect what sales, royalties and resales owe to --account",
	ArgsUsage: "[WORK]...",
	Description: "Without WORK, finds every work where the account is the creator or a payee in the\n" +
		"local catalogue (brought up to date first, as `essaim works` does), and collects from all of\n" +
		"them in one transaction, with what resales of the account's licenses earned it. Exits 1\n" +
		"when nothing is owed.",
	Action: runWithdraw,
}

type licenseResult struct {
	Work         string `json:"work"`
	Account      string `json:"account"`
	Valid        bool   `json:"valid"`
	State        string `json:"state"` // none, valid, expired, creator or open
	Reason       string `json:"reason"`
	Expiry       uint64 `json:"expiry,omitempty"` // unix seconds, exclusive
	ValidUntil   string `json:"valid_until,omitempty"`
	Transferable bool   `json:"transferable,omitempty"`
	Tx           string `json:"tx,omitempty"`
	Offer        *int64 `json:"offer,omitempty"`
	Price        string `json:"price,omitempty"` // wei
	Start        uint64 `json:"start,omitempty"` // a purchase's period runs from Start to Expiry
	From         string `json:"from,omitempty"`
	Extended     bool   `json:"extended,omitempty"` // the purchase extended a license still valid
}

// setPeriod records the period a purchase paid for.
func (r *licenseResult) setPeriod(start uint64, extended bool) {
	if start == 0 { // a node that does not say
		return
	}
	r.Start, r.From, r.Extended = start, formatExpiry(start), extended
}

func (r *licenseResult) print(p *printer) {
	p.field("work", r.Work)
	p.field("account", r.Account)
	if r.Price != "" {
		price, _ := new(big.Int).SetString(r.Price, 10)
		p.field("paid", chain.FormatWei(price))
	}
	p.field("license", r.Reason)
	switch {
	case r.From == "" || r.Expiry == chain.PerpetualExpiry:
	case r.Extended:
		p.field("renewed", fmt.Sprintf("from %s (when the license held would have ended) to %s", r.From, r.ValidUntil))
	default:
		p.field("period", fmt.Sprintf("from %s to %s", r.From, r.ValidUntil))
	}
	if r.Tx != "" {
		p.field("tx", r.Tx)
	}
}

// newLicenseResult describes account's license status on root.
func newLicenseResult(root [32]byte, account common.Address, st chain.LicenseStatus) *licenseResult {
	r := &licenseResult{Work: workHex(root), Account: account.Hex(), Valid: st.Allowed(), State: st.State.String(),
		Expiry: st.Expiry, Transferable: st.Transferable}
	if st.Expiry != 0 {
		r.ValidUntil = formatExpiry(st.Expiry)
	}
	switch st.State {
	case chain.LicenseCreator:
		r.Reason = "creator"
	case chain.LicenseOpen:
		r.Reason = "open work"
	case chain.LicenseValid:
		r.Reason = expiryReason(st.Expiry)
	case chain.LicenseExpired:
		r.Reason = "expired at " + formatExpiry(st.Expiry)
	default:
		r.Reason = "no license"
	}
	return r
}

func expiryReason(expiry uint64) string {
	if expiry == chain.PerpetualExpiry {
		return "perpetual"
	}
	return "valid until " + formatExpiry(expiry)
}

func runBuy(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("buy takes one WORK, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	root, err := parseWork(c.Args().First())
	if err != nil {
		return err
	}
	id := c.Uint64(offerFlag.Name)
	if id > math.MaxUint32 {
		return usageErrorf("--offer: %d is not an offer id", id)
	}
	var maxPrice *big.Int
	if c.IsSet(maxPriceFlag.Name) {
		if maxPrice, err = parseAmount(c.String(maxPriceFlag.Name)); err != nil {
			return usageErrorf("--max-price: %v", err)
		}
	}
	if cl, ctx, stop := signingNode(c); cl != nil {
		defer stop()
		b, err := cl.Buy(ctx, content.Hash(root), uint32(id), maxPrice)
		if err != nil {
			return err
		}
		res := newLicenseResult(root, common.HexToAddress(b.Buyer), chain.LicenseStatus{State: chain.LicenseValid,
			Expiry: b.Expiry, Transferable: b.Transferable})
		oid := int64(b.Offer)
		res.Offer, res.Price, res.Tx = &oid, b.Price, b.Tx
		res.setPeriod(b.Start, b.Extended)
		return output(c, res, res.print)
	}
	return signed(c, func(s *session) error {
		p, err := s.ops.Buy(s.ctx, root, uint32(id), maxPrice)
		if err != nil {
			return err
		}
		res := newLicenseResult(root, p.Buyer, chain.LicenseStatus{State: chain.LicenseValid, Expiry: p.Expiry, Transferable: p.Transferable})
		oid := int64(p.OfferID)
		res.Offer, res.Price, res.Tx = &oid, p.Price.String(), p.Tx.Hex()
		res.setPeriod(p.Start, p.Extended)
		return output(c, res, res.print)
	})
}

func runGrant(c *cli.Context) error {
	root, to, err := workAndAddress(c, "grant")
	if err != nil {
		return err
	}
	var dur uint64
	if c.IsSet(durationFlag.Name) {
		if dur, err = parseDuration(c.String(durationFlag.Name)); err != nil {
			return usageErrorf("--duration: %v", err)
		}
	}
	if cl, ctx, stop := signingNode(c); cl != nil {
		defer stop()
		g, err := cl.Grant(ctx, content.Hash(root), to, dur)
		if err != nil {
			return err
		}
		expiry, err := strconv.ParseUint(g.Expiry, 10, 64)
		if err != nil {
			return fmt.Errorf("the node's answer: expiry %q", g.Expiry)
		}
		res := newLicenseResult(root, to, chain.LicenseStatus{State: chain.LicenseValid, Expiry: expiry})
		res.Tx = g.Tx
		return output(c, res, res.print)
	}
	return signed(c, func(s *session) error {
		g, err := s.ops.Grant(s.ctx, root, to, dur)
		if err != nil {
			return err
		}
		res := newLicenseResult(root, to, chain.LicenseStatus{State: chain.LicenseValid, Expiry: g.Expiry})
		res.Tx = g.Tx.Hex()
		return output(c, res, res.print)
	})
}

func runLicenseCheck(c *cli.Context) error {
	root, who, err := workAndAddress(c, "license check")
	if err != nil {
		return err
	}
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	st, err := s.ops.LicenseStatus(s.ctx, root, who)
	if err != nil {
		return err
	}
	if st.State == chain.LicenseUnregistered {
		return fmt.Errorf("%w %s: it is not registered in this registry", errUnknownWork, workHex(root))
	}
	res := newLicenseResult(root, who, st)
	if res.Valid || c.Bool(jsonFlag.Name) {
		if err := output(c, res, res.print); err != nil {
			return err
		}
	}
	if !res.Valid {
		return fmt.Errorf("%w: %s for work %s: %s", errNoLicense, res.Account, res.Work, res.Reason)
	}
	return nil
}

type withdrawResult struct {
	Account  string   `json:"account"`
	Works    []string `json:"works"`
	Proceeds string   `json:"proceeds,omitempty"` // wei of Amount from resales
	Amount   string   `json:"amount"`             // wei
	Tx       string   `json:"tx"`
}

func runWithdraw(c *cli.Context) error {
	var roots [][32]byte
	for _, a := range c.Args().Slice() {
		root, err := parseWork(a)
		if err != nil {
			return err
		}
		roots = append(roots, root)
	}
	var res withdrawResult
	if cl, ctx, stop := signingNode(c); cl != nil && len(roots) == 0 {
		defer stop()
		w, err := cl.Withdraw(ctx)
		if err != nil {
			return err
		}
		res = withdrawResult{Account: w.Account, Works: w.Works, Amount: w.Amount, Tx: w.Tx}
	} else {
		if cl != nil {
			stop()
		}
		s, err := connect(c)
		if err != nil {
			return err
		}
		defer s.close()
		if err := s.unlock(c); err != nil {
			return err
		}
		w, err := withdraw(c, s, roots)
		if err != nil {
			return err
		}
		res = withdrawResult{Account: w.Account.Hex(), Works: []string{}, Proceeds: w.Proceeds.String(),
			Amount: w.Amount.String(), Tx: w.Tx.Hex()}
		for _, root := range w.Works {
			res.Works = append(res.Works, workHex(root))
		}
	}
	amount, _ := new(big.Int).SetString(res.Amount, 10)
	return output(c, res, func(p *printer) {
		p.field("account", res.Account)
		p.field("withdrew", chain.FormatWei(amount))
		p.field("works", fmt.Sprint(len(res.Works)))
		if res.Proceeds != "" && res.Proceeds != "0" {
			p.field("resales", weiText(res.Proceeds)+" of it")
		}
		p.field("tx", res.Tx)
	})
}

// signingNode returns the home's node when it runs with the account
// unlocked (essaim node --unlock) and --account, if given, names that
// account: the command then lets the node sign, with no password asked.
// Otherwise it returns nil and the command signs itself.
func signingNode(c *cli.Context) (*daemon.Client, context.Context, context.CancelFunc) {
	ctx, stop := nodeContext(c)
	cl, err := dialNode(ctx, c)
	if err != nil || cl == nil {
		stop()
		return nil, nil, nil
	}
	st, err := cl.Status(ctx)
	a := c.String(accountFlag.Name)
	if err != nil || st.Account == "" || a != "" && !strings.EqualFold(a, st.Account) {
		stop()
		return nil, nil, nil
	}
	return cl, ctx, stop
}

// withdraw collects from roots, or without roots from every work the
// catalogue (brought up to date first) lists as paying the account.
func withdraw(c *cli.Context, s *session, roots [][32]byte) (*registryops.Withdrawal, error) {
	if len(roots) > 0 {
		return s.ops.Withdraw(s.ctx, roots)
	}
	st, err := openCatalog(c, s)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return s.ops.WithdrawAll(s.ctx, st)
}

// workAndAddress reads the WORK ADDR arguments of grant and license check.
func workAndAddress(c *cli.Context, command string) ([32]byte, common.Address, error) {
	return workAndOther(c, command, "ADDR")
}
