package registryops_test

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/registryops"
	"essaim/licensing/rights"
)

func TestBuyPriceGuard(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x20}
	e.register(0, root, registryops.Registration{Title: "t", Offers: []registryops.OfferTerms{offer(1000, 3600, true)}})
	buyer := e.session(1)

	// A maximum below the price: refused at the estimate, nothing sent.
	nonce := e.nonce(acct(1).Address)
	_, err := buyer.Buy(e.ctx, root, 0, big.NewInt(999))
	rev := wantRevert(t, err, "PriceAboveMax")
	if rev.Args["price"].(*big.Int).Int64() != 1000 || rev.Args["maxPrice"].(*big.Int).Int64() != 999 {
		t.Fatalf("PriceAboveMax args %v", rev.Args)
	}
	if n := e.nonce(acct(1).Address); n != nonce {
		t.Fatalf("a refused purchase sent %d transactions", n-nonce)
	}

	// No maximum: the price read now, paid exactly.
	before := e.balance(acct(1).Address)
	p, err := buyer.Buy(e.ctx, root, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	head := e.blockOf(p.Tx) // the purchase's block: later ones may have come
	if p.Root != root || p.Buyer != acct(1).Address || p.OfferID != 0 || p.Price.Int64() != 1000 ||
		p.Expiry != head.Time+3600 || !p.Transferable {
		t.Fatalf("Purchase = %+v; want 1000 wei, expiring at %d", p, head.Time+3600)
	}
	paid := new(big.Int).Sub(before, e.balance(acct(1).Address))
	if want := new(big.Int).Add(big.NewInt(1000), e.gasPaid(p.Tx)); paid.Cmp(want) != 0 {
		t.Fatalf("the buyer paid %s, want %s (price and gas)", paid, want)
	}

	// An offer that does not exist, a work that does not exist.
	wantRevert(t, second(buyer.Buy(e.ctx, root, 7, nil)), "OfferNotFound")
	wantRevert(t, second(buyer.Buy(e.ctx, [32]byte{0x2f}, 0, nil)), "NotRegistered")
}

func second[T any](_ T, err error) error { return err }

func TestGrant(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x30}
	e.register(0, root, registryops.Registration{Title: "t"})

	// Anyone but the creator: the registry's NotCreator, naming them.
	_, err := e.session(1).Grant(e.ctx, root, acct(2).Address, 0)
	rev := wantRevert(t, err, "NotCreator")
	if rev.Args["account"] != acct(1).Address {
		t.Fatalf("NotCreator names %v, want %s", rev.Args["account"], acct(1).Address)
	}

	g, err := e.session(0).Grant(e.ctx, root, acct(2).Address, 0)
	if err != nil || g.To != acct(2).Address || g.Expiry != chain.PerpetualExpiry {
		t.Fatalf("Grant = %+v, %v; want perpetual", g, err)
	}
	// A shorter grant never shortens it: the expiry reported is the one held.
	g, err = e.session(0).Grant(e.ctx, root, acct(2).Address, 60)
	if err != nil || g.Expiry != chain.PerpetualExpiry {
		t.Fatalf("shorter Grant = %+v, %v; want still perpetual", g, err)
	}
}

// TestLicenseStatusEveryState reads the status of an account in every
// state the registry can put it in, and checks that the rights checker
// that gates transfers (licensing/rights) decides the same on the same
// chain.
func TestLicenseStatusEveryState(t *testing.T) {
	e := newEnv(t)
	closed, open := [32]byte{0x40}, [32]byte{0x41}
	e.register(0, closed, registryops.Registration{Title: "closed",
		Offers: []registryops.OfferTerms{offer(10, 3600, true), offer(20, 0, false)}})
	e.register(0, open, registryops.Registration{Title: "open", Open: true})
	p1, err := e.session(1).Buy(e.ctx, closed, 0, nil) // valid, for an hour, transferable
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.session(2).Buy(e.ctx, closed, 1, nil); err != nil { // perpetual, not transferable
		t.Fatal(err)
	}
	p3, err := e.session(3).Buy(e.ctx, closed, 0, nil) // to be transferred away
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.session(3).Send(e.ctx, e.r.Reg.PackTransferLicense(closed, acct(4).Address), nil); err != nil {
		t.Fatal(err)
	}

	type want struct {
		state        chain.LicenseState
		expiry       uint64
		transferable bool
	}
	check := func(when string, root [32]byte, who common.Address, w want) {
		t.Helper()
		st, err := e.session(9).LicenseStatus(e.ctx, root, who)
		if err != nil {
			t.Fatal(err)
		}
		if st.State != w.state || st.Expiry != w.expiry || st.Transferable != w.transferable {
			t.Errorf("%s: %x for %s: %+v (%s), want %+v (%s)", when, root[:1], who, st, st.State, w, w.state)
		}
		d, err := rights.New(chain.NewRightsReader(e.r.Client, e.r.Addr)).Check(e.ctx, root, who)
		if err != nil {
			t.Fatal(err)
		}
		if d.Allowed != st.Allowed() || d.Reason != rightsReason[st.State] {
			t.Errorf("%s: %x for %s: the rights checker decides %+v, the status is %s", when, root[:1], who, d, st.State)
		}
	}
	check("now", [32]byte{0x4f}, acct(1).Address, want{state: chain.LicenseUnregistered})
	check("now", closed, acct(0).Address, want{state: chain.LicenseCreator})
	check("now", open, acct(5).Address, want{state: chain.LicenseOpen})
	check("now", closed, acct(5).Address, want{state: chain.LicenseNone})
	check("now", closed, acct(1).Address, want{chain.LicenseValid, p1.Expiry, true})
	check("now", closed, acct(2).Address, want{chain.LicenseValid, chain.PerpetualExpiry, false})
	check("now", closed, acct(3).Address, want{state: chain.LicenseNone}) // transferred away
	check("now", closed, acct(4).Address, want{chain.LicenseValid, p3.Expiry, true})

	if err := e.r.Sim.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	check("later", closed, acct(1).Address, want{chain.LicenseExpired, p1.Expiry, true})
	check("later", closed, acct(2).Address, want{chain.LicenseValid, chain.PerpetualExpiry, false})
	check("later", closed, acct(4).Address, want{chain.LicenseExpired, p3.Expiry, true})
	check("later", open, acct(1).Address, want{state: chain.LicenseOpen})
}

// rightsReason is the rights checker's reason for each license state.
var rightsReason = map[chain.LicenseState]rights.Reason{
	chain.LicenseNone:         rights.NoLicense,
	chain.LicenseValid:        rights.Licensed,
	chain.LicenseExpired:      rights.Expired,
	chain.LicenseCreator:      rights.Creator,
	chain.LicenseOpen:         rights.Open,
	chain.LicenseUnregistered: rights.NotRegistered,
}

func TestHeldLicenses(t *testing.T) {
	e := newEnv(t)
	short, long := [32]byte{0x50}, [32]byte{0x51}
	e.register(0, short, registryops.Registration{Title: "short", Offers: []registryops.OfferTerms{offer(1, 60, false)}})
	e.register(0, long, registryops.Registration{Title: "long", Offers: []registryops.OfferTerms{offer(1, 0, true)}})
	s := e.session(1)
	for _, root := range [][32]byte{short, long} {
		if _, err := s.Buy(e.ctx, root, 0, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.r.Sim.AdjustTime(time.Hour); err != nil {
		t.Fatal(err)
	}
	held, err := s.HeldLicenses(e.ctx, e.catalogue(), acct(1).Address)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]registryops.HeldLicense{}
	for _, h := range held {
		got[h.Title] = h
	}
	if len(held) != 2 || got["short"].Valid || got["short"].Root != short ||
		!got["long"].Valid || got["long"].Expiry != chain.PerpetualExpiry || !got["long"].Transferable ||
		got["short"].Left != 0 || got["long"].Left != chain.PerpetualExpiry {
		t.Fatalf("HeldLicenses = %+v; want short expired, long perpetual", held)
	}
	if none, err := s.HeldLicenses(e.ctx, e.catalogue(), acct(7).Address); err != nil || len(none) != 0 {
		t.Fatalf("an account without licenses: %+v, %v", none, err)
	}
}

func TestBalance(t *testing.T) {
	e := newEnv(t)
	s := registryops.New(e.r.AutoMining(), e.r.Addr)
	before, err := s.Balance(e.ctx, acct(6).Address)
	if err != nil || before.Cmp(e.balance(acct(6).Address)) != 0 || before.Sign() == 0 {
		t.Fatalf("Balance = %v, %v", before, err)
	}
	if b, err := s.Balance(e.ctx, common.Address{0x99}); err != nil || b.Sign() != 0 {
		t.Fatalf("Balance of an empty account = %v, %v", b, err)
	}
	if err := s.CheckDeployed(e.ctx); err != nil {
		t.Fatal(err)
	}
	if err := registryops.New(e.r.AutoMining(), common.Address{0x42}).CheckDeployed(e.ctx); !errors.Is(err, registryops.ErrNoContract) {
		t.Fatalf("CheckDeployed at an empty address: %v, want ErrNoContract", err)
	}
}
