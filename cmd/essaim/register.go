package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/registry"
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
		Usage:    "create an offer at this price: wei (1000) or with a unit (100wei, 5gwei, 0.01ether); 0 is a free offer",
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
		"--price creates an offer, with --duration (default perpetual), --supply and\n" +
		"--transferable. Without --price there is no offer: nobody can buy a license, but the\n" +
		"creator can give one with `essaim grant`; --open makes the work free for everyone.",
	Flags: []cli.Flag{titleFlag, tagFlag, priceFlag, durationFlag, supplyFlag, transferableFlag,
		openFlag, splitFlag, chunkSizeFlag},
	Action: runRegister,
}

type offerResult struct {
	ID           uint32 `json:"id"`
	Price        string `json:"price"` // wei
	Duration     uint64 `json:"duration"`
	Supply       uint32 `json:"supply"`
	Transferable bool   `json:"transferable"`
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

// registration is what runRegister sends, parsed from the flags.
type registration struct {
	title  string
	tags   []string
	open   bool
	splits []registry.IEssaimRegistrySplit
	offers []registry.IEssaimRegistryOfferTerms
}

func parseRegistration(c *cli.Context) (*registration, error) {
	r := &registration{title: c.String(titleFlag.Name), tags: c.StringSlice(tagFlag.Name), open: c.Bool(openFlag.Name)}
	if strings.TrimSpace(r.title) == "" {
		return nil, usageErrorf("register needs --title")
	}
	if r.tags == nil {
		r.tags = []string{}
	}
	var err error
	if r.splits, err = parseSplits(c.StringSlice(splitFlag.Name)); err != nil {
		return nil, err
	}
	r.offers = []registry.IEssaimRegistryOfferTerms{}
	if !c.IsSet(priceFlag.Name) {
		for _, f := range []string{durationFlag.Name, supplyFlag.Name, transferableFlag.Name} {
			if c.IsSet(f) {
				return nil, usageErrorf("--%s describes an offer: give its --price too (0 for a free offer)", f)
			}
		}
		return r, nil
	}
	price, err := parseAmount(c.String(priceFlag.Name))
	if err != nil {
		return nil, usageErrorf("--price: %v", err)
	}
	if price.BitLen() > 96 {
		return nil, usageErrorf("--price: %s is above the registry's maximum (2^96-1 wei)", c.String(priceFlag.Name))
	}
	var dur uint64
	if c.IsSet(durationFlag.Name) {
		if dur, err = parseDuration(c.String(durationFlag.Name)); err != nil {
			return nil, usageErrorf("--duration: %v", err)
		}
	}
	supply := c.Uint64(supplyFlag.Name)
	if supply > math.MaxUint32 {
		return nil, usageErrorf("--supply: %d is above %d", supply, uint32(math.MaxUint32))
	}
	r.offers = append(r.offers, registry.IEssaimRegistryOfferTerms{
		Price: price, Duration: dur, Supply: uint32(supply), Transferable: c.Bool(transferableFlag.Name),
	})
	return r, nil
}

// parseSplits reads the --split flags and checks them as the registry
// would, before anything is spent on a commitment.
func parseSplits(flags []string) ([]registry.IEssaimRegistrySplit, error) {
	out := []registry.IEssaimRegistrySplit{}
	seen := map[common.Address]bool{}
	total := 0
	for _, f := range flags {
		sp, err := parseSplit(f)
		if err != nil {
			return nil, err
		}
		if seen[sp.Payee] {
			return nil, usageErrorf("--split names %s twice", sp.Payee.Hex())
		}
		seen[sp.Payee] = true
		total += int(sp.Bps)
		out = append(out, sp)
	}
	if len(out) > 0 && total != 10000 {
		return nil, usageErrorf("--split shares add up to %d basis points, not 10000", total)
	}
	return out, nil
}

// parseSplit reads ADDR:BPS.
func parseSplit(s string) (registry.IEssaimRegistrySplit, error) {
	a, b, ok := strings.Cut(s, ":")
	bps, err := strconv.ParseUint(strings.TrimSpace(b), 10, 16)
	if !ok || err != nil || bps == 0 || bps > 10000 {
		return registry.IEssaimRegistrySplit{}, usageErrorf("--split %q: want ADDR:BPS with BPS from 1 to 10000", s)
	}
	addr, err := parseAddress(a, "--split")
	if err != nil {
		return registry.IEssaimRegistrySplit{}, err
	}
	return registry.IEssaimRegistrySplit{Payee: addr, Bps: uint16(bps)}, nil
}

func runRegister(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("register takes one PATH, got %d arguments", c.NArg())
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
	w, err := call(s, s.reg.PackWorks(root), s.reg.UnpackWorks)
	if err != nil {
		return err
	}
	if w.Creator != (common.Address{}) {
		return fmt.Errorf("%w: %s by %s", errAlreadyRegistered, workHex(root), w.Creator.Hex())
	}
	if err := s.unlock(c); err != nil {
		return err
	}
	res, err := register(s, root, r)
	if err != nil {
		return err
	}
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
		for i, o := range r.offers {
			supply := "unlimited"
			if o.Supply > 0 {
				supply = fmt.Sprint(o.Supply)
			}
			p.field("offer", fmt.Sprintf("%d: %s, %s, supply %s, transferable %v",
				i, formatWei(o.Price), formatDuration(o.Duration), supply, o.Transferable))
		}
		if len(res.Offers) == 0 {
			p.field("offer", "none (grant licenses with `essaim grant`)")
		}
		p.field("tx", res.RegisterTx)
	})
}

// register commits to the root, then reveals it in a later block.
func register(s *session, root [32]byte, r *registration) (*registerResult, error) {
	var salt [32]byte
	if _, err := rand.Read(salt[:]); err != nil {
		return nil, err
	}
	commitment, err := call(s, s.reg.PackComputeCommitment(root, s.from, salt), s.reg.UnpackComputeCommitment)
	if err != nil {
		return nil, err
	}
	commitRcpt, err := s.send(s.reg.PackCommit(commitment), nil)
	if err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	reveal := s.reg.PackRegister(root, salt, r.title, r.tags, [32]byte{}, r.open, r.splits, r.offers)
	regRcpt, err := s.send(reveal, nil)
	var rev *chain.RevertError
	if errors.As(err, &rev) && rev.Name == "RevealTooEarly" {
		// A node that estimates in its head block (go-ethereum does; Anvil
		// and the devnet estimate in the next one) sees the reveal in the
		// commit's block until a new block arrives: wait for it.
		if err = waitBlockAfter(s, commitRcpt.BlockNumber.Uint64()); err == nil {
			regRcpt, err = s.send(reveal, nil)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	res := &registerResult{
		Work: workHex(root), Root: common.Hash(root).Hex(), Title: r.title, Creator: s.from.Hex(), Open: r.open,
		Splits: []splitResult{}, Offers: []offerResult{},
		CommitTx: commitRcpt.TxHash.Hex(), RegisterTx: regRcpt.TxHash.Hex(), Block: regRcpt.BlockNumber.Uint64(),
	}
	for _, sp := range r.splits {
		res.Splits = append(res.Splits, splitResult{Payee: sp.Payee.Hex(), Bps: sp.Bps})
	}
	for i, o := range r.offers {
		res.Offers = append(res.Offers, offerResult{ID: uint32(i), Price: o.Price.String(), Duration: o.Duration,
			Supply: o.Supply, Transferable: o.Transferable})
	}
	return res, nil
}

// waitBlockAfter waits until the chain's head is past block n.
func waitBlockAfter(s *session, n uint64) error {
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		head, err := s.client.BlockNumber(s.ctx)
		if err != nil {
			return err
		}
		if head > n {
			return nil
		}
		select {
		case <-s.ctx.Done():
			return fmt.Errorf("waiting for the block after the commit: %w", s.ctx.Err())
		case <-tick.C:
		}
	}
}
