package registryops_test

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"essaim/chain"
	"essaim/chain/registryops"
)

// TestOfferChangesKeepLicensesHeld: the creator adds an offer with a
// royalty, retires the first one and opens then closes the work; the
// license bought before keeps its expiry, transferability and royalty
// throughout, and the catalogue shows the offers with their sold counts.
func TestOfferChangesKeepLicensesHeld(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x70}
	e.register(0, root, registryops.Registration{Title: "t", Offers: []registryops.OfferTerms{offer(100, 3600, true)}})
	creator, buyer := e.session(0), e.session(1)
	if _, err := buyer.Buy(e.ctx, root, 0, nil); err != nil {
		t.Fatal(err)
	}
	before, err := buyer.License(e.ctx, root, acct(1).Address)
	if err != nil {
		t.Fatal(err)
	}

	terms := registryops.OfferTerms{Price: big.NewInt(500), Duration: 0, Supply: 3, Transferable: true, RoyaltyBps: 1000}
	added, err := creator.AddOffer(e.ctx, root, terms)
	if err != nil {
		t.Fatal(err)
	}
	if added.ID != 1 || added.Terms.Price.Int64() != 500 || added.Terms.Supply != 3 || added.Terms.RoyaltyBps != 1000 {
		t.Fatalf("AddOffer = %+v", added)
	}
	if _, err := creator.RetireOffer(e.ctx, root, 0); err != nil {
		t.Fatal(err)
	}
	for _, open := range []bool{true, false} {
		if _, err := creator.SetOpen(e.ctx, root, open); err != nil {
			t.Fatal(err)
		}
	}
	after, err := buyer.License(e.ctx, root, acct(1).Address)
	if err != nil || after != before {
		t.Fatalf("the license held: %+v before, %+v after (%v)", before, after, err)
	}
	wantRevert(t, second(e.session(2).Buy(e.ctx, root, 0, nil)), "OfferIsRetired")
	if _, err := e.session(2).Buy(e.ctx, root, 1, nil); err != nil {
		t.Fatal(err)
	}

	offers, err := e.catalogue().Offers(root)
	if err != nil || len(offers) != 2 || !offers[0].Retired || offers[0].Sold != 1 ||
		offers[1].Retired || offers[1].Sold != 1 || offers[1].RoyaltyBps != 1000 {
		t.Fatalf("catalogue offers = %+v, %v", offers, err)
	}
}

func TestOfferRefusals(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x71}
	e.register(0, root, registryops.Registration{Title: "t"})

	// Only the creator: the registry's words, at the estimate.
	wantRevert(t, second(e.session(1).AddOffer(e.ctx, root, offer(1, 0, false))), "NotCreator")
	wantRevert(t, second(e.session(1).RetireOffer(e.ctx, root, 0)), "NotCreator")
	wantRevert(t, second(e.session(1).SetOpen(e.ctx, root, true)), "NotCreator")
	wantRevert(t, second(e.session(0).RetireOffer(e.ctx, root, 4)), "OfferNotFound")

	// Terms the registry would refuse cost nothing.
	nonce := e.nonce(acct(0).Address)
	for _, bad := range []registryops.OfferTerms{
		{Price: big.NewInt(1), RoyaltyBps: 10_001},
		{Price: new(big.Int).Lsh(big.NewInt(1), 96)},
		{Price: big.NewInt(-1)},
	} {
		if _, err := e.session(0).AddOffer(e.ctx, root, bad); !errors.Is(err, registryops.ErrBadOffer) {
			t.Errorf("AddOffer(%+v) = %v, want ErrBadOffer", bad, err)
		}
	}
	if _, err := e.session(0).Register(e.ctx, [32]byte{0x72}, registryops.Registration{Title: "t",
		Offers: []registryops.OfferTerms{{Price: big.NewInt(1), RoyaltyBps: 10_001}}}); !errors.Is(err, registryops.ErrBadRegistration) {
		t.Errorf("Register with a royalty above 100%%: %v, want ErrBadRegistration", err)
	}
	if n := e.nonce(acct(0).Address); n != nonce {
		t.Fatalf("refused offers sent %d transactions", n-nonce)
	}
}

// TestBuyAgainSaysFromWhen: a purchase on top of a valid license extends
// it from its expiry; after it ran out, a purchase starts in its block.
func TestBuyAgainSaysFromWhen(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x73}
	e.register(0, root, registryops.Registration{Title: "t", Offers: []registryops.OfferTerms{offer(10, 3600, false)}})
	s := e.session(1)
	first, err := s.Buy(e.ctx, root, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Extended || first.Start != e.blockOf(first.Tx).Time || first.Expiry != first.Start+3600 {
		t.Fatalf("first purchase = %+v; want a new period from its block", first)
	}
	again, err := s.Buy(e.ctx, root, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Extended || again.Start != first.Expiry || again.Expiry != first.Expiry+3600 {
		t.Fatalf("second purchase = %+v; want an extension from %d", again, first.Expiry)
	}
	if err := e.r.Sim.AdjustTime(3 * time.Hour); err != nil {
		t.Fatal(err)
	}
	late, err := s.Buy(e.ctx, root, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if late.Extended || late.Start != e.blockOf(late.Tx).Time {
		t.Fatalf("purchase after the expiry = %+v; want a new period", late)
	}
}

func TestPeriodStart(t *testing.T) {
	for _, c := range []struct {
		previous, now, start uint64
		extended             bool
	}{
		{0, 100, 100, false},
		{99, 100, 100, false},
		{100, 100, 100, false}, // the expiry second is not valid
		{101, 100, 101, true},
		{chain.PerpetualExpiry, 100, chain.PerpetualExpiry, true},
	} {
		start, ext := registryops.PeriodStart(c.previous, c.now)
		if start != c.start || ext != c.extended {
			t.Errorf("PeriodStart(%d, %d) = %d, %v; want %d, %v", c.previous, c.now, start, ext, c.start, c.extended)
		}
	}
}

func TestEndsWithin(t *testing.T) {
	week := registryops.RenewalWindow
	for _, c := range []struct {
		h    registryops.HeldLicense
		want bool
	}{
		{registryops.HeldLicense{Valid: true, Left: 3600}, true},
		{registryops.HeldLicense{Valid: true, Left: uint64(week / time.Second)}, true},
		{registryops.HeldLicense{Valid: true, Left: uint64(week/time.Second) + 1}, false},
		{registryops.HeldLicense{Valid: true, Left: chain.PerpetualExpiry}, false},
		{registryops.HeldLicense{Valid: false}, false},
	} {
		if got := c.h.EndsWithin(week); got != c.want {
			t.Errorf("%+v: EndsWithin = %v, want %v", c.h, got, c.want)
		}
	}
}
