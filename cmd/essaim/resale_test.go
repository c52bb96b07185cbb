package main

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

// TestResaleWithRoyalty runs a resale with real processes on the devnet
// and on a real Anvil: a license bought under a 10% royalty offer is
// listed, re-priced, and bought by another account; the royalty is
// withdrawn by the creator and the rest by the seller, to the wei.
func TestResaleWithRoyalty(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		chain func(*testing.T) *testChain
	}{
		{"devnet", func(t *testing.T) *testChain { return startChain(t, true) }},
		{"anvil", startAnvil},
	} {
		t.Run(c.name, func(t *testing.T) { resaleWithRoyalty(t, c.chain(t)) })
	}
}

func resaleWithRoyalty(t *testing.T, tc *testChain) {
	creator, seller, buyer := newUser(t, tc, 4), newUser(t, tc, 5), newUser(t, tc, 6)
	price := big.NewInt(1e16) // 0.01ether
	var reg registerResult
	creator.runJSON(t, &reg, "register", newWork(t, "resold"), "--title", "Resold", "--price", "0.01ether",
		"--duration", "30d", "--transferable", "--royalty", "10%")
	if len(reg.Offers) != 1 || reg.Offers[0].RoyaltyBps != 1000 || !reg.Offers[0].Transferable {
		t.Fatalf("register = %+v", reg)
	}
	work := reg.Work
	var bought licenseResult
	seller.runJSON(t, &bought, "buy", work)

	// Listed, then re-priced: a buyer's price guard sees the new price.
	var sale saleResult
	seller.runJSON(t, &sale, "license", "sell", work, "--price", "0.005ether")
	seller.runJSON(t, &sale, "license", "sell", work, "--price", "12345678901234567wei")
	resale := mustBig(t, "12345678901234567")
	royalty := mustBig(t, "1234567890123456") // floor(10% of it)
	proceeds := new(big.Int).Sub(resale, royalty)
	if sale.Version != 2 || sale.Price != resale.String() || sale.Royalty != royalty.String() ||
		sale.Proceeds != proceeds.String() || sale.Expiry != bought.Expiry || sale.RoyaltyBps != 1000 {
		t.Fatalf("license sell = %+v", sale)
	}
	var o offersResult
	buyer.runJSON(t, &o, "offers", work)
	if len(o.Listings) != 1 || o.Listings[0].Seller != seller.addr.Hex() || o.Listings[0].Price != resale.String() ||
		o.Listings[0].Version != 2 || o.Listings[0].Expiry != bought.Expiry || o.Listings[0].Royalty != royalty.String() {
		t.Fatalf("offers' listings = %+v", o.Listings)
	}
	stdout, stderr, code := buyer.run(t, "license", "buy-resale", work, seller.addr.Hex(), "--max-price", "0.005ether")
	wantOneLine(t, stdout, stderr, code, exitFailure, "price raised")

	before := tc.balance(t, buyer.addr)
	var got resaleResult
	buyer.runJSON(t, &got, "license", "buy-resale", work, seller.addr.Hex(), "--max-price", "0.013ether")
	if got.Price != resale.String() || got.Royalty != royalty.String() || got.Expiry != bought.Expiry || got.Version != 2 {
		t.Fatalf("buy-resale = %+v", got)
	}
	wantBig(t, "buyer's balance after the resale", tc.balance(t, buyer.addr),
		new(big.Int).Sub(before, new(big.Int).Add(resale, gasCost(tc.receipt(t, got.Tx)))))
	if stdout, _, code := buyer.run(t, "license", "check", work, buyer.addr.Hex()); code != 0 || !strings.Contains(stdout, "valid until") {
		t.Fatalf("the buyer after the resale: exit %d, %q", code, stdout)
	}
	stdout, stderr, code = seller.run(t, "license", "check", work, seller.addr.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "no license")
	// Sold: no listing left, and a second buyer gets the registry's words.
	buyer.runJSON(t, &o, "offers", work)
	if len(o.Listings) != 0 {
		t.Fatalf("listings after the sale = %+v", o.Listings)
	}
	stdout, stderr, code = creator.run(t, "license", "buy-resale", work, seller.addr.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "no license listed")

	// The creator withdraws the sale and the royalty; the seller the rest.
	withdrawn := func(u *user, want *big.Int, wantProceeds string) {
		t.Helper()
		before := tc.balance(t, u.addr)
		var wd withdrawResult
		u.runJSON(t, &wd, "withdraw")
		wantBig(t, "withdrawn", mustBig(t, wd.Amount), want)
		if wd.Proceeds != wantProceeds {
			t.Errorf("proceeds %q, want %q", wd.Proceeds, wantProceeds)
		}
		wantBig(t, "balance after withdrawing", tc.balance(t, u.addr),
			new(big.Int).Sub(new(big.Int).Add(before, want), gasCost(tc.receipt(t, wd.Tx))))
	}
	withdrawn(creator, new(big.Int).Add(price, royalty), "0")
	withdrawn(seller, proceeds, proceeds.String())
	for _, u := range []*user{creator, seller} {
		stdout, stderr, code := u.run(t, "withdraw")
		wantOneLine(t, stdout, stderr, code, exitFailure, "nothing to withdraw")
	}

	// The buyer gives it on: a transfer, and the listing commands refuse
	// what is not theirs to sell.
	var moved transferResult
	buyer.runJSON(t, &moved, "license", "transfer", work, seller.addr.Hex())
	if moved.To != seller.addr.Hex() || moved.Expiry != bought.Expiry {
		t.Fatalf("license transfer = %+v", moved)
	}
	stdout, stderr, code = buyer.run(t, "license", "sell", work, "--price", "1")
	wantOneLine(t, stdout, stderr, code, exitFailure, "holds no valid license")
	stdout, stderr, code = buyer.run(t, "license", "unlist", work)
	wantOneLine(t, stdout, stderr, code, exitFailure, "no license listed")
}

// TestRenewal: `licenses` marks a license that ends within 7 days, and
// buying it again extends it from its expiry, which buy says.
func TestRenewal(t *testing.T) {
	t.Parallel()
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 7), newUser(t, tc, 8)
	var short, long registerResult
	creator.runJSON(t, &short, "register", newWork(t, "short"), "--title", "Short", "--price", "10", "--duration", "3d")
	creator.runJSON(t, &long, "register", newWork(t, "long"), "--title", "Long", "--price", "10", "--duration", "30d")
	var first, other licenseResult
	buyer.runJSON(t, &first, "buy", short.Work)
	buyer.runJSON(t, &other, "buy", long.Work)
	if first.Extended || first.Start == 0 || first.Expiry != first.Start+3*86400 {
		t.Fatalf("first purchase = %+v; want a 3-day period from its block", first)
	}

	var held []heldLicense
	buyer.runJSON(t, &held, "licenses")
	soon := map[string]heldLicense{}
	for _, h := range held {
		soon[h.Title] = h
	}
	if !soon["Short"].EndsSoon || soon["Long"].EndsSoon || soon["Short"].Left == 0 || soon["Short"].Left > 3*86400 {
		t.Fatalf("licenses = %+v; want Short ending soon, Long not", held)
	}
	stdout, _, _ := buyer.run(t, "licenses")
	if !strings.Contains(stdout, "renew with `essaim buy "+short.Work+"`") || strings.Contains(stdout, "essaim buy "+long.Work) {
		t.Fatalf("licenses:\n%s", stdout)
	}

	var renewed licenseResult
	buyer.runJSON(t, &renewed, "buy", short.Work)
	if !renewed.Extended || renewed.Start != first.Expiry || renewed.Expiry != first.Expiry+3*86400 {
		t.Fatalf("renewal = %+v; want from %d to %d", renewed, first.Expiry, first.Expiry+3*86400)
	}
	stdout, _, code := buyer.run(t, "buy", short.Work)
	if code != 0 || !strings.Contains(stdout, "renewed  from "+formatExpiry(renewed.Expiry)+" (when the license held would have ended) to "+
		formatExpiry(renewed.Expiry+3*86400)) {
		t.Fatalf("buy again: exit %d:\n%s", code, stdout)
	}

	// Expired: a new purchase starts a new period, not an extension.
	if err := tc.d.AdjustTime(20 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	var fresh licenseResult
	buyer.runJSON(t, &fresh, "buy", short.Work)
	if fresh.Extended || fresh.Start <= renewed.Expiry+3*86400 {
		t.Fatalf("purchase after the expiry = %+v", fresh)
	}
}
