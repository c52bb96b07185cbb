package rights_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/devnet"
	"essaim/chain/registry"
	"essaim/chain/simtest"
	"essaim/licensing/rights"
)

// TestObserveResaleInvalidatesBothParties: a license listed and bought
// through the registry moves from seller to buyer; once the resale's logs
// are observed, the seller's cached yes and the buyer's cached no are both
// read again from the chain, so the seller is refused and the buyer served.
func TestObserveResaleInvalidatesBothParties(t *testing.T) {
	s := simtest.New(t)
	acc := devnet.Accounts()
	author, seller, buyer := acc[0], acc[2], acc[3]
	root := [32]byte{0x5e}
	s.Register(author, root, false, registry.IEssaimRegistryOfferTerms{
		Price: big.NewInt(1000), Duration: 3600, Transferable: true, RoyaltyBps: 1000})
	s.Buy(seller, root, 1000)
	s.Send(seller, s.Reg.PackList(root, big.NewInt(600)), nil)

	head, err := s.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	clk := &fakeClock{t: time.Unix(int64(head.Time), 0)}
	c := rights.New(chain.NewRightsReader(s.Client, s.Addr), rights.WithClock(clk.Now), rights.WithLogger(quiet))
	if d := check(t, c, root, seller.Address); d != licensedD {
		t.Fatalf("seller before the resale: %+v", d)
	}
	if d := check(t, c, root, buyer.Address); d != noLicD {
		t.Fatalf("buyer before the resale: %+v", d)
	}

	r := s.Send(buyer, s.Reg.PackBuyListing(root, seller.Address, 1, big.NewInt(600)), big.NewInt(600))
	for _, l := range r.Logs {
		c.Observe(*l)
	}
	if d := check(t, c, root, seller.Address); d.Allowed {
		t.Fatalf("seller after the resale: %+v, want refused", d)
	}
	if d := check(t, c, root, buyer.Address); d != licensedD {
		t.Fatalf("buyer after the resale: %+v, want licensed", d)
	}
}

// TestObserveResaleTopics: the resale event drops the answers of exactly
// its two parties, also when its data is malformed; a log missing the
// buyer's topic drops nothing.
func TestObserveResaleTopics(t *testing.T) {
	root := common.Hash(workW)
	for _, tt := range []struct {
		name    string
		topics  []common.Hash
		refresh map[common.Address]bool
	}{
		{"resale", []common.Hash{root, addrTopic(alice), addrTopic(bob)}, map[common.Address]bool{alice: true, bob: true}},
		{"resale without its buyer topic", []common.Hash{root, addrTopic(alice)}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, c, _ := setup(t)
			everyone := []common.Address{alice, bob, creator}
			for _, a := range everyone {
				check(t, c, workW, a)
			}
			f.takeCalls()
			l := eventLog("LicenseResold", tt.topics...)
			l.Data = []byte{0xff} // the data is never needed
			c.Observe(l)
			for _, a := range everyone {
				check(t, c, workW, a)
				if read := len(f.takeCalls()) > 0; read != tt.refresh[a] {
					t.Errorf("account %s read again = %v, want %v", a, read, tt.refresh[a])
				}
			}
		})
	}
}
