package registryops_test

import (
	"errors"
	"math/big"
	"testing"

	"essaim/chain/registryops"
)

// TestResaleToTheWei: a license bought under a 10% royalty offer of a work
// split 70/30 is listed and bought; the buyer holds it with its remaining
// time, and the withdrawals pay the creator and the co-payee their shares
// of the sale and of the royalty, and the seller the rest, to the wei.
func TestResaleToTheWei(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x80}
	creator, coPayee, seller, buyer := acct(0), acct(1), acct(2), acct(3)
	e.register(0, root, registryops.Registration{Title: "resold",
		Splits: []registryops.Split{{Payee: creator.Address, Bps: 7000}, {Payee: coPayee.Address, Bps: 3000}},
		Offers: []registryops.OfferTerms{{Price: big.NewInt(1000), Duration: 3600, Transferable: true, RoyaltyBps: 1000}}})
	bought, err := e.session(2).Buy(e.ctx, root, 0, nil)
	if err != nil {
		t.Fatal(err)
	}

	listed, err := e.session(2).List(e.ctx, root, big.NewInt(999))
	if err != nil {
		t.Fatal(err)
	}
	if listed.Version != 1 || listed.RoyaltyBps != 1000 || listed.Royalty.Int64() != 99 || listed.Proceeds.Int64() != 900 ||
		listed.Expiry != bought.Expiry {
		t.Fatalf("List = %+v", listed)
	}
	sold, err := e.session(3).BuyListing(e.ctx, root, seller.Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sold.Buyer != buyer.Address || sold.Price.Int64() != 999 || sold.Royalty.Int64() != 99 || sold.Expiry != bought.Expiry ||
		sold.Version != 1 {
		t.Fatalf("BuyListing = %+v", sold)
	}
	for who, want := range map[int]bool{2: false, 3: true} {
		st, err := e.session(9).LicenseStatus(e.ctx, root, acct(who).Address)
		if err != nil || st.Allowed() != want {
			t.Fatalf("account %d after the resale: %+v, %v", who, st, err)
		}
	}

	// Revenue 1000 + 99: 70% and 30% of it; 900 to the seller.
	for _, c := range []struct {
		who  int
		want int64
	}{{0, 769}, {1, 329}, {2, 900}} {
		before := e.balance(acct(c.who).Address)
		w, err := e.session(c.who).WithdrawAll(e.ctx, e.catalogue())
		if err != nil {
			t.Fatalf("account %d: %v", c.who, err)
		}
		gain := new(big.Int).Sub(e.balance(acct(c.who).Address), before)
		if w.Amount.Int64() != c.want || gain.Cmp(new(big.Int).Sub(big.NewInt(c.want), e.gasPaid(w.Tx))) != 0 {
			t.Fatalf("account %d withdrew %s (balance %+d), want %d less gas", c.who, w.Amount, gain, c.want)
		}
		if c.who == 2 && (w.Proceeds.Int64() != 900 || len(w.Works) != 0) {
			t.Fatalf("the seller's withdrawal = %+v", w)
		}
	}
	if _, err := e.session(2).WithdrawAll(e.ctx, e.catalogue()); !errors.Is(err, registryops.ErrNothingToWithdraw) {
		t.Fatalf("the seller again: %v", err)
	}
}

// TestResaleRefusals: a listing that changed is never bought; a seller
// without a listing costs nothing; only transferable licenses move.
func TestResaleRefusals(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x81}
	e.register(0, root, registryops.Registration{Title: "t",
		Offers: []registryops.OfferTerms{offer(100, 3600, true), offer(100, 3600, false)}})
	seller, buyer := e.session(2), e.session(3)
	if _, err := seller.Buy(e.ctx, root, 0, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := seller.List(e.ctx, root, big.NewInt(50)); err != nil {
		t.Fatal(err)
	}
	// A buyer who read version 1 sends while the seller re-lists at 80.
	if _, err := seller.List(e.ctx, root, big.NewInt(80)); err != nil {
		t.Fatal(err)
	}
	_, err := buyer.Send(e.ctx, e.r.Reg.PackBuyListing(root, acct(2).Address, 1, big.NewInt(50)), big.NewInt(50))
	if rev := wantRevert(t, err, "ListingChanged"); rev.Args["version"] != uint64(2) {
		t.Fatalf("ListingChanged names version %v, want 2", rev.Args["version"])
	}
	wantRevert(t, second(buyer.BuyListing(e.ctx, root, acct(2).Address, big.NewInt(79))), "PriceAboveMax")

	if _, err := seller.Unlist(e.ctx, root); err != nil {
		t.Fatal(err)
	}
	nonce := e.nonce(acct(3).Address)
	if _, err := buyer.BuyListing(e.ctx, root, acct(2).Address, nil); !errors.Is(err, registryops.ErrNotListed) {
		t.Fatalf("buying an unlisted license: %v", err)
	}
	if _, err := buyer.Unlist(e.ctx, root); !errors.Is(err, registryops.ErrNotListed) {
		t.Fatalf("unlisting nothing: %v", err)
	}
	if n := e.nonce(acct(3).Address); n != nonce {
		t.Fatalf("refusals sent %d transactions", n-nonce)
	}

	// Transfers: a transferable license moves; a non-transferable one not.
	tr, err := seller.Transfer(e.ctx, root, acct(4).Address)
	if err != nil || tr.To != acct(4).Address || tr.From != acct(2).Address || tr.Expiry == 0 {
		t.Fatalf("Transfer = %+v, %v", tr, err)
	}
	if _, err := buyer.Buy(e.ctx, root, 1, nil); err != nil {
		t.Fatal(err)
	}
	wantRevert(t, second(buyer.Transfer(e.ctx, root, acct(5).Address)), "LicenseNotTransferable")
	wantRevert(t, second(buyer.List(e.ctx, root, big.NewInt(1))), "LicenseNotTransferable")
	if _, err := buyer.List(e.ctx, root, new(big.Int).Lsh(big.NewInt(1), 96)); !errors.Is(err, registryops.ErrBadOffer) {
		t.Fatalf("a price above 2^96-1: %v", err)
	}
}
