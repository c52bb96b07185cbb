package registryops_test

import (
	"errors"
	"math/big"
	"testing"

	"essaim/chain/registryops"
)

// TestWithdrawThroughPayeeRoots: two works pay one payee (as a split
// payee of one, the creator of the other); it collects both in one
// transaction, from the catalogue's list of the works that pay it.
func TestWithdrawThroughPayeeRoots(t *testing.T) {
	e := newEnv(t)
	payee, other := acct(1), acct(0)
	shared, own, unrelated := [32]byte{0x60}, [32]byte{0x61}, [32]byte{0x62}
	e.register(0, shared, registryops.Registration{Title: "shared",
		Splits: []registryops.Split{{Payee: other.Address, Bps: 7000}, {Payee: payee.Address, Bps: 3000}},
		Offers: []registryops.OfferTerms{offer(1000, 0, false)}})
	e.register(1, own, registryops.Registration{Title: "own", Offers: []registryops.OfferTerms{offer(500, 0, false)}})
	e.register(0, unrelated, registryops.Registration{Title: "unrelated", Offers: []registryops.OfferTerms{offer(7, 0, false)}})
	buyer := e.session(5)
	for _, root := range [][32]byte{shared, own, unrelated} {
		if _, err := buyer.Buy(e.ctx, root, 0, nil); err != nil {
			t.Fatal(err)
		}
	}

	s := e.session(1)
	before := e.balance(payee.Address)
	w, err := s.WithdrawAll(e.ctx, e.catalogue())
	if err != nil {
		t.Fatal(err)
	}
	if w.Account != payee.Address || w.Amount.Int64() != 300+500 || len(w.Works) != 2 {
		t.Fatalf("Withdrawal = %+v; want 800 wei from 2 works", w)
	}
	rc, err := e.r.Client.TransactionReceipt(e.ctx, w.Tx)
	if err != nil {
		t.Fatal(err)
	}
	claimed := 0
	for _, l := range rc.Logs {
		if _, err := e.r.Reg.UnpackRevenueClaimedEvent(l); err == nil {
			claimed++
		}
	}
	if claimed != 2 {
		t.Fatalf("one transaction claimed from %d works, want 2", claimed)
	}
	gain := new(big.Int).Sub(e.balance(payee.Address), before)
	if want := new(big.Int).Sub(big.NewInt(800), e.gasPaid(w.Tx)); gain.Cmp(want) != 0 {
		t.Fatalf("the payee's balance moved by %s, want %s (800 wei less gas)", gain, want)
	}

	// Nothing is owed any more: refused before anything is sent.
	nonce := e.nonce(payee.Address)
	if _, err := s.WithdrawAll(e.ctx, e.catalogue()); !errors.Is(err, registryops.ErrNothingToWithdraw) {
		t.Fatalf("withdrawing again: %v, want ErrNothingToWithdraw", err)
	}
	if n := e.nonce(payee.Address); n != nonce {
		t.Fatalf("an empty withdrawal sent %d transactions", n-nonce)
	}
	// The other payee's share is still there for it.
	w, err = e.session(0).WithdrawAll(e.ctx, e.catalogue())
	if err != nil || w.Amount.Int64() != 700+7 {
		t.Fatalf("the other payee: %+v, %v; want 707 wei", w, err)
	}
}
