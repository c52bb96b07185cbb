package main

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/registryops"
)

var (
	titleFlag = &cli.StringFlag{
		Name:     "title",
		Usage:    "the work's title (required; public, in the registration event)",
		EnvVars:  []string{"ESSAIM_TITLE"},
		Category: catLicense,
	}
	tagFlag = &cli.StringSliceFlag{
		Name:     "tag",
		Usage:    "a tag (repeat for several)",
		EnvVars:  []string{"ESSAIM_TAGS"},
		Category: catLicense,
	}
	priceFlag = &cli.StringFlag{
		Name:     "price",
		Usage:    "create an offer at this price, in " + amountHelp + "; 0 is a free offer",
		EnvVars:  []string{"ESSAIM_PRICE"},
		Category: catLicense,
	}
	supplyFlag = &cli.Uint64Flag{
		Name:     "supply",
		Usage:    "how many licenses the offer sells (0: unlimited)",
		EnvVars:  []string{"ESSAIM_SUPPLY"},
		Category: catLicense,
	}
	transferableFlag = &cli.BoolFlag{
		Name:     "transferable",
		Usage:    "licenses bought from the offer can be transferred",
		EnvVars:  []string{"ESSAIM_TRANSFERABLE"},
		Category: catLicense,
	}
	royaltyFlag = &cli.StringFlag{
		Name:     "royalty",
		Usage:    "the share of every resale of a license from the offer paid to the work's payees: " + royaltyHelp + "; fixed with the offer (needs --transferable)",
		EnvVars:  []string{"ESSAIM_ROYALTY"},
		Category: catLicense,
	}
	openFlag = &cli.BoolFlag{
		Name:     "open",
		Usage:    "anyone may fetch the work, without a license",
		EnvVars:  []string{"ESSAIM_OPEN"},
		Category: catLicense,
	}
	splitFlag = &cli.StringSliceFlag{
		Name:     "split",
		Usage:    "a payee's share of every sale as ADDR:BPS (basis points; all must add up to 10000; default: 100% to you)",
		EnvVars:  []string{"ESSAIM_SPLITS"},
		Category: catLicense,
	}
)

var registerCommand = &cli.Command{
	Name:      "register",
	Usage:     "register a work on the chain, with an offer to license it",
	ArgsUsage: "PATH",
	Description: "Computes the content root of PATH (as `essaim hash` does) and makes --account its\n" +
		"creator, in two transactions: a commitment, then the registration in a later block (so\n" +
		"nobody who sees the registration first can take the root).\n\n" +
		"--price creates an offer, with --duration (default perpetual), --supply,\n" +
		"--transferable and --royalty. Without --price there is no offer: nobody can buy a license,\n" +
		"but the creator can give one with `essaim grant`; --open makes the work free for everyone.\n" +
		"More offers can be added later with `essaim offer add`.",
	Flags: []cli.Flag{titleFlag, tagFlag, priceFlag, durationFlag, supplyFlag, transferableFlag, royaltyFlag,
		openFlag, splitFlag, chunkSizeFlag},
	Action: runRegister,
}

type offerResult struct {
	ID           uint32 `json:"id"`
	Price        string `json:"price"` // wei
	Duration     uint64 `json:"duration"`
	Supply       uint32 `json:"supply"`
	Transferable bool   `json:"transferable"`
	RoyaltyBps   uint16 `json:"royalty_bps"`
}

func newOfferResult(id uint32, t registryops.OfferTerms) offerResult {
	return offerResult{ID: id, Price: t.Price.String(), Duration: t.Duration, Supply: t.Supply,
		Transferable: t.Transferable, RoyaltyBps: t.RoyaltyBps}
}

// describeTerms renders an offer's terms for people.
func describeTerms(o offerResult) string {
	price, _ := new(big.Int).SetString(o.Price, 10)
	supply := "unlimited"
	if o.Supply > 0 {
		supply = fmt.Sprint(o.Supply)
	}
	terms := fmt.Sprintf("%s, %s, supply %s", chain.FormatWei(price), formatDuration(o.Duration), supply)
	if o.Transferable {
		terms += ", transferable, royalty " + formatRoyalty(o.RoyaltyBps) + " on resales"
	}
	return terms
}

type splitResult struct {
	Payee string `json:"payee"`
	Bps   uint16 `json:"bps"`
}

type registerResult struct {
	Work       string        `json:"work"`
	Root       string        `json:"root"`
	Title      string        `json:"title"`
	Creator    string        `json:"creator"`
	Open       bool          `json:"open"`
	Splits     []splitResult `json:"splits"`
	Offers     []offerResult `json:"offers"`
	CommitTx   string        `json:"commit_tx"`
	RegisterTx string        `json:"register_tx"`
	Block      uint64        `json:"block"`
}

// parseRegistration reads the registration flags and checks them as the
// registry would, before anything is hashed or spent.
func parseRegistration(c *cli.Context) (registryops.Registration, error) {
	r := registryops.Registration{Title: c.String(titleFlag.Name), Tags: c.StringSlice(tagFlag.Name), Open: c.Bool(openFlag.Name)}
	if strings.TrimSpace(r.Title) == "" {
		return r, usageErrorf("register needs --title")
	}
	var err error
	if r.Splits, err = parseSplits(c.StringSlice(splitFlag.Name)); err != nil {
		return r, err
	}
	if r.Offers, err = parseOffer(c); err != nil {
		return r, err
	}
	if err := r.Check(); err != nil {
		return r, usageErrorf("%v", err)
	}
	return r, nil
}

// parseOffer reads --price and the flags that describe its offer: none
// without --price.
func parseOffer(c *cli.Context) ([]registryops.OfferTerms, error) {
	if !c.IsSet(priceFlag.Name) {
		for _, f := range []string{durationFlag.Name, supplyFlag.Name, transferableFlag.Name, royaltyFlag.Name} {
			if c.IsSet(f) {
				return nil, usageErrorf("--%s describes an offer: give its --price too (0 for a free offer)", f)
			}
		}
		return nil, nil
	}
	t, err := parseTerms(c)
	if err != nil {
		return nil, err
	}
	return []registryops.OfferTerms{t}, nil
}

// parseTerms reads an offer's terms: --price (required), --duration
// (default perpetual), --supply, --transferable and --royalty, which only
// a transferable offer can have.
func parseTerms(c *cli.Context) (registryops.OfferTerms, error) {
	var t registryops.OfferTerms
	if !c.IsSet(priceFlag.Name) {
		return t, usageErrorf("an offer needs its --price (0 for a free offer)")
	}
	var err error
	if t.Price, err = parseAmount(c.String(priceFlag.Name)); err != nil {
		return t, usageErrorf("--price: %v", err)
	}
	if c.IsSet(durationFlag.Name) {
		if t.Duration, err = parseDuration(c.String(durationFlag.Name)); err != nil {
			return t, usageErrorf("--duration: %v", err)
		}
	}
	supply := c.Uint64(supplyFlag.Name)
	if supply > math.MaxUint32 {
		return t, usageErrorf("--supply: %d is above %d", supply, uint32(math.MaxUint32))
	}
	t.Supply, t.Transferable = uint32(supply), c.Bool(transferableFlag.Name)
	if c.IsSet(royaltyFlag.Name) {
		if t.RoyaltyBps, err = parseRoyalty(c.String(royaltyFlag.Name)); err != nil {
			return t, usageErrorf("--royalty: %v", err)
		}
		if !t.Transferable && t.RoyaltyBps != 0 {
			return t, usageErrorf("--royalty is paid on resales: only a --transferable offer's licenses can be resold")
		}
	}
	return t, nil
}

// parseSplits reads the --split flags; Registration.Check applies the
// registry's rules to them.
func parseSplits(flags []string) ([]registryops.Split, error) {
	var out []registryops.Split
	for _, f := range flags {
		sp, err := parseSplit(f)
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, nil
}

// parseSplit reads ADDR:BPS.
func parseSplit(s string) (registryops.Split, error) {
	a, b, ok := strings.Cut(s, ":")
	bps, err := strconv.ParseUint(strings.TrimSpace(b), 10, 16)
	if !ok || err != nil || bps == 0 || bps > 10000 {
		return registryops.Split{}, usageErrorf("--split %q: want ADDR:BPS with BPS from 1 to 10000", s)
	}
	addr, err := parseAddress(a, "--split")
	if err != nil {
		return registryops.Split{}, err
	}
	return registryops.Split{Payee: addr, Bps: uint16(bps)}, nil
}

func runRegister(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("register takes one PATH, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	r, err := parseRegistration(c)
	if err != nil {
		return err
	}
	m, err := buildWork(c)
	if err != nil {
		return err
	}
	root := [32]byte(m.Root())

	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	// Known already: say so before asking for a password.
	w, err := s.ops.Work(s.ctx, root)
	if err != nil {
		return err
	}
	if w.Creator != (common.Address{}) {
		return fmt.Errorf("%w: %s by %s", registryops.ErrAlreadyRegistered, workHex(root), w.Creator.Hex())
	}
	if err := s.unlock(c); err != nil {
		return err
	}
	reg, err := s.ops.Register(s.ctx, root, r)
	if err != nil {
		return err
	}
	res := newRegisterResult(reg)
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("title", res.Title)
		p.field("creator", res.Creator)
		if res.Open {
			p.field("open", "yes: anyone may fetch it without a license")
		}
		for _, sp := range res.Splits {
			p.field("split", fmt.Sprintf("%s %d.%02d%%", sp.Payee, sp.Bps/100, sp.Bps%100))
		}
		for _, o := range res.Offers {
			p.field("offer", fmt.Sprintf("%d: %s", o.ID, describeTerms(o)))
		}
		if len(res.Offers) == 0 {
			p.field("offer", "none (grant licenses with `essaim grant`)")
		}
		p.field("tx", res.RegisterTx)
	})
}

func newRegisterResult(r *registryops.Registered) *registerResult {
	res := &registerResult{
		Work: workHex(r.Root), Root: common.Hash(r.Root).Hex(), Title: r.Title, Creator: r.Creator.Hex(), Open: r.Open,
		Splits: []splitResult{}, Offers: []offerResult{},
		CommitTx: r.CommitTx.Hex(), RegisterTx: r.RegisterTx.Hex(), Block: r.Block,
	}
	for _, sp := range r.Splits {
		res.Splits = append(res.Splits, splitResult{Payee: sp.Payee.Hex(), Bps: sp.Bps})
	}
	for i, o := range r.Offers {
		res.Offers = append(res.Offers, newOfferResult(uint32(i), o))
	}
	return res
}
