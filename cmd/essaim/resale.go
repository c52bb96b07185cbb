package main

import (
	"fmt"
	"math/big"

	"github.com/urfave/cli/v2"

	"essaim/chain"
)

var salePriceFlag = &cli.StringFlag{
	Name:     "price",
	Usage:    "sell the license at this price, in " + amountHelp + "; the buyer pays exactly this",
	EnvVars:  []string{"ESSAIM_SALE_PRICE"},
	Category: catLicense,
}

var (
	transferCommand = &cli.Command{
		Name:      "transfer",
		Usage:     "give your transferable license to another account",
		ArgsUsage: "WORK TO",
		Description: "The license moves with its remaining time (TO keeps the later expiry if it holds one);\n" +
			"your listing of it, if any, ends. Only licenses bought from a transferable offer move.",
		Action: runTransfer,
	}
	sellCommand = &cli.Command{
		Name:      "sell",
		Usage:     "offer your transferable license for resale at a price",
		ArgsUsage: "WORK",
		Description: "Lists the license at --price (a new price replaces the old one). Anyone may buy it with\n" +
			"`essaim license buy-resale WORK YOUR-ADDRESS`: the license's royalty share of the price goes\n" +
			"to the work's payees, the rest to you; collect it with `essaim withdraw`.",
		Flags:  []cli.Flag{salePriceFlag},
		Action: runSell,
	}
	unlistCommand = &cli.Command{
		Name:      "unlist",
		Usage:     "stop offering your license for resale",
		ArgsUsage: "WORK",
		Action:    runUnlist,
	}
	buyResaleCommand = &cli.Command{
		Name:      "buy-resale",
		Usage:     "buy a license another account offers for resale",
		ArgsUsage: "WORK SELLER",
		Description: "Pays the listing's price exactly and names the listing as read now, so that a listing the\n" +
			"seller changes before the purchase is mined is never bought. The license moves to you with\n" +
			"its remaining time. `essaim offers WORK` lists the licenses on sale.",
		Flags:  []cli.Flag{maxPriceFlag},
		Action: runBuyResale,
	}
)

type transferResult struct {
	Work       string `json:"work"`
	From       string `json:"from"`
	To         string `json:"to"`
	Expiry     uint64 `json:"expiry"` // the recipient's, unix seconds, exclusive
	ValidUntil string `json:"valid_until"`
	Tx         string `json:"tx"`
}

func runTransfer(c *cli.Context) error {
	root, to, err := workAndOther(c, "license transfer", "TO")
	if err != nil {
		return err
	}
	var res transferResult
	err = signed(c, func(s *session) error {
		tr, err := s.ops.Transfer(s.ctx, root, to)
		if err != nil {
			return err
		}
		res = transferResult{Work: workHex(root), From: tr.From.Hex(), To: tr.To.Hex(), Expiry: tr.Expiry,
			ValidUntil: formatExpiry(tr.Expiry), Tx: tr.Tx.Hex()}
		return nil
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("moved", fmt.Sprintf("from %s to %s", res.From, res.To))
		p.field("license", expiryReason(res.Expiry)+" for "+res.To)
		p.field("tx", res.Tx)
	})
}

type saleResult struct {
	Work       string `json:"work"`
	Seller     string `json:"seller"`
	Price      string `json:"price"` // wei
	Version    uint64 `json:"version"`
	RoyaltyBps uint16 `json:"royalty_bps"`
	Royalty    string `json:"royalty"`  // wei of the price for the work's payees
	Proceeds   string `json:"proceeds"` // wei of the price for the seller
	Expiry     uint64 `json:"expiry"`
	Tx         string `json:"tx"`
}

func runSell(c *cli.Context) error {
	root, err := theWork(c, "license sell")
	if err != nil {
		return err
	}
	if !c.IsSet(salePriceFlag.Name) {
		return usageErrorf("license sell needs --price")
	}
	price, err := parseAmount(c.String(salePriceFlag.Name))
	if err != nil {
		return usageErrorf("--price: %v", err)
	}
	var res saleResult
	err = signed(c, func(s *session) error {
		l, err := s.ops.List(s.ctx, root, price)
		if err != nil {
			return err
		}
		res = saleResult{Work: workHex(root), Seller: l.Seller.Hex(), Price: l.Price.String(), Version: l.Version,
			RoyaltyBps: l.RoyaltyBps, Royalty: l.Royalty.String(), Proceeds: l.Proceeds.String(), Expiry: l.Expiry, Tx: l.Tx.Hex()}
		return nil
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("on sale", fmt.Sprintf("%s (version %d), license %s", weiText(res.Price), res.Version, expiryReason(res.Expiry)))
		p.field("if sold", fmt.Sprintf("%s to you, %s (royalty %s) to the work's payees; collect with `essaim withdraw`",
			weiText(res.Proceeds), weiText(res.Royalty), formatRoyalty(res.RoyaltyBps)))
		p.field("tx", res.Tx)
	})
}

func runUnlist(c *cli.Context) error {
	root, err := theWork(c, "license unlist")
	if err != nil {
		return err
	}
	res := struct {
		Work string `json:"work"`
		Tx   string `json:"tx"`
	}{Work: workHex(root)}
	err = signed(c, func(s *session) error {
		tx, err := s.ops.Unlist(s.ctx, root)
		res.Tx = tx.Hex()
		return err
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("license", "no longer for sale")
		p.field("tx", res.Tx)
	})
}

type resaleResult struct {
	Work       string `json:"work"`
	Seller     string `json:"seller"`
	Buyer      string `json:"buyer"`
	Version    uint64 `json:"version"`
	Price      string `json:"price"`   // wei paid
	Royalty    string `json:"royalty"` // wei of it for the work's payees
	Expiry     uint64 `json:"expiry"`
	ValidUntil string `json:"valid_until"`
	Tx         string `json:"tx"`
}

func runBuyResale(c *cli.Context) error {
	root, seller, err := workAndOther(c, "license buy-resale", "SELLER")
	if err != nil {
		return err
	}
	var maxPrice *big.Int
	if c.IsSet(maxPriceFlag.Name) {
		if maxPrice, err = parseAmount(c.String(maxPriceFlag.Name)); err != nil {
			return usageErrorf("--max-price: %v", err)
		}
	}
	var res resaleResult
	err = signed(c, func(s *session) error {
		r, err := s.ops.BuyListing(s.ctx, root, seller, maxPrice)
		if err != nil {
			return err
		}
		res = resaleResult{Work: workHex(root), Seller: r.Seller.Hex(), Buyer: r.Buyer.Hex(), Version: r.Version,
			Price: r.Price.String(), Royalty: r.Royalty.String(), Expiry: r.Expiry, ValidUntil: formatExpiry(r.Expiry), Tx: r.Tx.Hex()}
		return nil
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("bought", fmt.Sprintf("from %s for %s, of which %s royalty to the work's payees", res.Seller,
			weiText(res.Price), weiText(res.Royalty)))
		p.field("license", expiryReason(res.Expiry))
		p.field("tx", res.Tx)
	})
}

// weiText renders a decimal string of wei for people.
func weiText(wei string) string {
	n, _ := new(big.Int).SetString(wei, 10)
	return chain.FormatWei(n)
}
