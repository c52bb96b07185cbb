package main

import (
	"fmt"
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/urfave/cli/v2"
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
		Usage:    "refuse to pay more than this (default: the offer's price as read now)",
		EnvVars:  []string{"ESSAIM_MAX_PRICE"},
		Category: catLicense,
	}
)

var buyCommand = &cli.Command{
	Name:      "buy",
	Usage:     "buy a license to a work (or extend the one held)",
	ArgsUsage: "WORK",
	Description: "Pays the offer's price exactly from --account; the registry adds the offer's duration\n" +
		"to the license held, if any. WORK is the content root, with or without 0x.",
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
	Usage: "inspect licenses",
	Subcommands: []*cli.Command{{
		Name:        "check",
		Usage:       "tell whether an account may fetch a work now",
		ArgsUsage:   "WORK ADDR",
		Description: "Exits 0 when ADDR may fetch WORK (its creator, an open work, or a valid license), 1 otherwise.",
		Action:      runLicenseCheck,
	}},
}

var withdrawCommand = &cli.Command{
	Name:      "withdraw",
	Usage:     "collect what the sales of works owe to --account",
	ArgsUsage: "[WORK]...",
	Description: "Without WORK, finds every work where the account is the creator or a payee, from the\n" +
		"registry's WorkRegistered events. Exits 1 when nothing is owed.",
	Action: runWithdraw,
}

type licenseResult struct {
	Work       string `json:"work"`
	Account    string `json:"account"`
	Valid      bool   `json:"valid"`
	Reason     string `json:"reason"`
	Expiry     uint64 `json:"expiry,omitempty"` // unix seconds, exclusive
	ValidUntil string `json:"valid_until,omitempty"`
	Tx         string `json:"tx,omitempty"`
	Offer      *int64 `json:"offer,omitempty"`
	Price      string `json:"price,omitempty"` // wei
}

func (r *licenseResult) print(p *printer) {
	p.field("work", r.Work)
	p.field("account", r.Account)
	if r.Price != "" {
		price, _ := new(big.Int).SetString(r.Price, 10)
		p.field("paid", formatWei(price))
	}
	p.field("license", r.Reason)
	if r.Tx != "" {
		p.field("tx", r.Tx)
	}
}

func expiryReason(expiry uint64) string {
	if expiry == perpetual {
		return "perpetual"
	}
	return "valid until " + formatExpiry(expiry)
}

func runBuy(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("buy takes one WORK, got %d arguments", c.NArg())
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
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	offer, err := call(s, s.reg.PackOffers(root, uint32(id)), s.reg.UnpackOffers)
	if err != nil {
		return err
	}
	if maxPrice == nil {
		maxPrice = offer.Price
	}
	if err := s.unlock(c); err != nil {
		return err
	}
	r, err := s.send(s.reg.PackBuy(root, uint32(id), maxPrice), offer.Price)
	if err != nil {
		return err
	}
	res := licenseResult{Work: workHex(root), Account: s.from.Hex(), Valid: true, Tx: r.TxHash.Hex(), Price: offer.Price.String()}
	oid := int64(id)
	res.Offer = &oid
	for _, l := range r.Logs {
		if e, err := s.reg.UnpackLicensePurchasedEvent(l); err == nil && e.Buyer == s.from {
			res.Expiry = e.Expiry
		}
	}
	res.Reason, res.ValidUntil = expiryReason(res.Expiry), formatExpiry(res.Expiry)
	return output(c, res, res.print)
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
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	if err := s.unlock(c); err != nil {
		return err
	}
	r, err := s.send(s.reg.PackGrant(root, to, dur), nil)
	if err != nil {
		return err
	}
	lic, err := call(s, s.reg.PackLicenses(root, to), s.reg.UnpackLicenses)
	if err != nil {
		return err
	}
	res := licenseResult{Work: workHex(root), Account: to.Hex(), Valid: true, Tx: r.TxHash.Hex(),
		Expiry: lic.Expiry, Reason: expiryReason(lic.Expiry), ValidUntil: formatExpiry(lic.Expiry)}
	return output(c, res, res.print)
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
	res, err := checkLicense(s, root, who)
	if err != nil {
		return err
	}
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

// checkLicense reads whether who may fetch the work, and why.
func checkLicense(s *session, root [32]byte, who common.Address) (*licenseResult, error) {
	w, err := call(s, s.reg.PackWorks(root), s.reg.UnpackWorks)
	if err != nil {
		return nil, err
	}
	if w.Creator == (common.Address{}) {
		return nil, fmt.Errorf("%w %s: it is not registered in this registry", errUnknownWork, workHex(root))
	}
	valid, err := call(s, s.reg.PackHasValidLicense(root, who), s.reg.UnpackHasValidLicense)
	if err != nil {
		return nil, err
	}
	lic, err := call(s, s.reg.PackLicenses(root, who), s.reg.UnpackLicenses)
	if err != nil {
		return nil, err
	}
	res := &licenseResult{Work: workHex(root), Account: who.Hex(), Valid: valid, Expiry: lic.Expiry}
	if lic.Expiry != 0 {
		res.ValidUntil = formatExpiry(lic.Expiry)
	}
	switch {
	case valid && who == w.Creator:
		res.Reason = "creator"
	case valid && w.Open:
		res.Reason = "open work"
	case valid:
		res.Reason = expiryReason(lic.Expiry)
	case lic.Expiry == 0:
		res.Reason = "no license"
	default:
		res.Reason = "expired at " + formatExpiry(lic.Expiry)
	}
	return res, nil
}

type withdrawResult struct {
	Account string   `json:"account"`
	Works   []string `json:"works"`
	Amount  string   `json:"amount"` // wei
	Tx      string   `json:"tx"`
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
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	if err := s.unlock(c); err != nil {
		return err
	}
	if len(roots) == 0 {
		if roots, err = worksPaying(s, s.from); err != nil {
			return err
		}
	}
	var owing [][32]byte
	total := new(big.Int)
	for _, root := range roots {
		owed, err := call(s, s.reg.PackOwed(root, s.from), s.reg.UnpackOwed)
		if err != nil {
			return err
		}
		if owed.Sign() > 0 {
			owing = append(owing, root)
			total.Add(total, owed)
		}
	}
	if total.Sign() == 0 {
		return fmt.Errorf("%w: no sale owes %s anything (from %d works)", errNothingToWithdraw, s.from.Hex(), len(roots))
	}
	r, err := s.send(s.reg.PackWithdraw(owing, s.from), nil)
	if err != nil {
		return err
	}
	amount := withdrawn(s, r)
	res := withdrawResult{Account: s.from.Hex(), Works: []string{}, Amount: amount.String(), Tx: r.TxHash.Hex()}
	for _, root := range owing {
		res.Works = append(res.Works, workHex(root))
	}
	return output(c, res, func(p *printer) {
		p.field("account", res.Account)
		p.field("withdrew", formatWei(amount))
		p.field("works", fmt.Sprint(len(res.Works)))
		p.field("tx", res.Tx)
	})
}

// withdrawn sums the Withdrawn events of a receipt.
func withdrawn(s *session, r *types.Receipt) *big.Int {
	sum := new(big.Int)
	for _, l := range r.Logs {
		if e, err := s.reg.UnpackWithdrawnEvent(l); err == nil {
			sum.Add(sum, e.Amount)
		}
	}
	return sum
}

// worksPaying lists the works whose sales pay account: those it created
// without splits, and those whose splits name it.
func worksPaying(s *session, account common.Address) ([][32]byte, error) {
	id := s.reg.GetABI().Events["WorkRegistered"].ID
	logs, err := s.client.FilterLogs(s.ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int), Addresses: []common.Address{s.contract}, Topics: [][]common.Hash{{id}},
	})
	if err != nil {
		return nil, fmt.Errorf("read the registry's WorkRegistered events: %w", err)
	}
	var out [][32]byte
	for _, l := range logs {
		if len(l.Topics) < 3 {
			continue
		}
		root := [32]byte(l.Topics[1])
		creator := common.BytesToAddress(l.Topics[2].Bytes())
		splits, err := call(s, s.reg.PackSplitsOf(root), s.reg.UnpackSplitsOf)
		if err != nil {
			return nil, err
		}
		pays := creator == account && len(splits) == 0
		for _, sp := range splits {
			pays = pays || sp.Payee == account
		}
		if pays {
			out = append(out, root)
		}
	}
	return out, nil
}

// workAndAddress reads the WORK ADDR arguments of grant and license check.
func workAndAddress(c *cli.Context, command string) ([32]byte, common.Address, error) {
	if c.NArg() != 2 {
		return [32]byte{}, common.Address{}, usageErrorf("%s takes WORK and ADDR, got %d arguments", command, c.NArg())
	}
	root, err := parseWork(c.Args().Get(0))
	if err != nil {
		return root, common.Address{}, err
	}
	addr, err := parseAddress(c.Args().Get(1), "ADDR")
	return root, addr, err
}
