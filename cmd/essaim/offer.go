package main

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/registryops"
)

var offerCommand = &cli.Command{
	Name:  "offer",
	Usage: "add or retire a work's offers (creator only)",
	Subcommands: []*cli.Command{{
		Name:      "add",
		Usage:     "add an offer to a work",
		ArgsUsage: "WORK",
		Description: "Adds an offer at --price for --duration (default perpetual), with --supply (default\n" +
			"unlimited), --transferable and --royalty (the share of every resale of its licenses that\n" +
			"goes to the work's payees, fixed with the offer). Licenses already held never change.",
		Flags:  []cli.Flag{priceFlag, durationFlag, supplyFlag, transferableFlag, royaltyFlag},
		Action: runOfferAdd,
	}, {
		Name:        "retire",
		Usage:       "stop selling an offer (licenses bought from it are unchanged)",
		ArgsUsage:   "WORK OFFER",
		Description: "OFFER is the offer's id, as `essaim offers WORK` lists it.",
		Action:      runOfferRetire,
	}},
}

var offersCommand = &cli.Command{
	Name:      "offers",
	Usage:     "list a work's offers with their sales, and the licenses on resale",
	ArgsUsage: "WORK",
	Description: "Brings the local catalogue up to date from the registry's events, then lists the work's\n" +
		"offers (retired ones too) with how many licenses each sold, and the licenses their holders\n" +
		"offer for resale (`essaim license buy-resale WORK SELLER`).",
	Action: runOffers,
}

var openCommand = &cli.Command{
	Name:        "open",
	Usage:       "let anyone fetch a work, without a license (creator only)",
	ArgsUsage:   "WORK",
	Description: "Licenses already held are unchanged; `essaim close WORK` requires them again.",
	Action:      func(c *cli.Context) error { return runSetOpen(c, true) },
}

var closeCommand = &cli.Command{
	Name:      "close",
	Usage:     "require a license to fetch a work again (creator only)",
	ArgsUsage: "WORK",
	Description: "Everyone without a valid license loses access, streams already open included: the\n" +
		"holders stop sending to them.",
	Action: func(c *cli.Context) error { return runSetOpen(c, false) },
}

type offerAdded struct {
	Work string `json:"work"`
	offerResult
	Tx string `json:"tx"`
}

func runOfferAdd(c *cli.Context) error {
	root, err := theWork(c, "offer add")
	if err != nil {
		return err
	}
	terms, err := parseTerms(c)
	if err != nil {
		return err
	}
	var res offerAdded
	err = signed(c, func(s *session) error {
		a, err := s.ops.AddOffer(s.ctx, root, terms)
		if err != nil {
			return err
		}
		res = offerAdded{Work: workHex(root), offerResult: newOfferResult(a.ID, a.Terms), Tx: a.Tx.Hex()}
		return nil
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("offer", fmt.Sprintf("%d: %s", res.ID, describeTerms(res.offerResult)))
		p.field("tx", res.Tx)
	})
}

type offerRetired struct {
	Work  string `json:"work"`
	Offer uint32 `json:"offer"`
	Tx    string `json:"tx"`
}

func runOfferRetire(c *cli.Context) error {
	if c.NArg() != 2 {
		return usageErrorf("offer retire takes WORK and OFFER, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	root, err := parseWork(c.Args().Get(0))
	if err != nil {
		return err
	}
	id, err := strconv.ParseUint(c.Args().Get(1), 10, 32)
	if err != nil {
		return usageErrorf("OFFER: %q is not an offer id (0, 1, ... as `essaim offers WORK` lists them)", c.Args().Get(1))
	}
	res := offerRetired{Work: workHex(root), Offer: uint32(id)}
	err = signed(c, func(s *session) error {
		tx, err := s.ops.RetireOffer(s.ctx, root, uint32(id))
		res.Tx = tx.Hex()
		return err
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("offer", fmt.Sprintf("%d retired: it can no longer be bought; licenses bought from it are unchanged", res.Offer))
		p.field("tx", res.Tx)
	})
}

type openResult struct {
	Work string `json:"work"`
	Open bool   `json:"open"`
	Tx   string `json:"tx"`
}

func runSetOpen(c *cli.Context, open bool) error {
	cmd := map[bool]string{true: "open", false: "close"}[open]
	root, err := theWork(c, cmd)
	if err != nil {
		return err
	}
	res := openResult{Work: workHex(root), Open: open}
	err = signed(c, func(s *session) error {
		tx, err := s.ops.SetOpen(s.ctx, root, open)
		res.Tx = tx.Hex()
		return err
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		if open {
			p.field("access", "open: anyone may fetch it without a license")
		} else {
			p.field("access", "closed: a valid license is needed to fetch it")
		}
		p.field("tx", res.Tx)
	})
}

type offersResult struct {
	Work     string         `json:"work"`
	Title    string         `json:"title"`
	Open     bool           `json:"open"`
	Offers   []offerEntry   `json:"offers"`
	Listings []listingEntry `json:"listings"`
}

type listingEntry struct {
	Seller     string `json:"seller"`
	Price      string `json:"price"` // wei
	Version    uint64 `json:"version"`
	Expiry     uint64 `json:"expiry"` // of the license on sale
	ValidUntil string `json:"valid_until"`
	RoyaltyBps uint16 `json:"royalty_bps"`
	Royalty    string `json:"royalty"` // wei of the price for the work's payees
}

func runOffers(c *cli.Context) error {
	root, err := theWork(c, "offers")
	if err != nil {
		return err
	}
	res := offersResult{Work: workHex(root), Offers: []offerEntry{}, Listings: []listingEntry{}}
	err = withCatalog(c, func(s *session, st *catalog.Store) error {
		w, ok, err := st.Work(root)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: %s", errUnknownWork, workHex(root))
		}
		res.Title, res.Open = w.Title, w.Open
		offers, err := st.Offers(root)
		if err != nil {
			return err
		}
		for _, o := range offers {
			res.Offers = append(res.Offers, newOfferEntry(o))
		}
		listed, err := s.ops.ListedLicenses(s.ctx, st, root)
		for _, l := range listed {
			res.Listings = append(res.Listings, listingEntry{Seller: l.Seller.Hex(), Price: l.Price.String(), Version: l.Version,
				Expiry: l.Expiry, ValidUntil: formatExpiry(l.Expiry), RoyaltyBps: l.RoyaltyBps, Royalty: l.Royalty.String()})
		}
		return err
	})
	if err != nil {
		return err
	}
	return output(c, res, res.print)
}

func (r *offersResult) print(p *printer) {
	p.field("work", r.Work+"  "+r.Title)
	if r.Open {
		p.field("access", "open to all: no license needed")
	}
	if len(r.Offers) == 0 {
		p.field("offer", "none (add one with `essaim offer add`)")
	}
	for _, o := range r.Offers {
		state := fmt.Sprintf("%d sold", o.Sold)
		if o.Supply != 0 {
			state += fmt.Sprintf(" of %d", o.Supply)
		}
		if o.Retired {
			state += ", retired"
		}
		p.field("offer", fmt.Sprintf("%d: %s; %s", o.ID, describeTerms(o.offerResult), state))
	}
	for _, l := range r.Listings {
		price, _ := new(big.Int).SetString(l.Price, 10)
		p.field("resale", fmt.Sprintf("%s: %s, license %s, royalty %s (version %d)", l.Seller,
			chain.FormatWei(price), expiryReason(l.Expiry), formatRoyalty(l.RoyaltyBps), l.Version))
	}
}

func newOfferEntry(o catalog.Offer) offerEntry {
	return offerEntry{
		offerResult: newOfferResult(o.ID, registryops.OfferTerms{Price: o.Price, Duration: o.Duration, Supply: o.Supply,
			Transferable: o.Transferable, RoyaltyBps: o.RoyaltyBps}),
		Sold: o.Sold, Retired: o.Retired,
	}
}

// signed connects to the registry, unlocks --account and runs fn.
func signed(c *cli.Context, fn func(*session) error) error {
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	if err := s.unlock(c); err != nil {
		return err
	}
	return fn(s)
}

// workAndOther reads the WORK ADDR arguments of a command, naming ADDR
// what.
func workAndOther(c *cli.Context, command, what string) ([32]byte, common.Address, error) {
	if c.NArg() != 2 {
		return [32]byte{}, common.Address{}, usageErrorf("%s takes WORK and %s, got %s", command, what, plural(c.NArg(), "argument", "arguments"))
	}
	root, err := parseWork(c.Args().Get(0))
	if err != nil {
		return root, common.Address{}, err
	}
	addr, err := parseAddress(c.Args().Get(1), what)
	return root, addr, err
}

// theWork reads the command's single WORK argument.
func theWork(c *cli.Context, cmd string) ([32]byte, error) {
	root, err := oneWork(c, cmd)
	return [32]byte(root), err
}
