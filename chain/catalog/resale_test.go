package catalog_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain/catalog"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

// TestFollowerTracksResale runs the real registry: an offer with a royalty,
// a license bought, listed, re-priced, sold to another account, and a second
// listing ended by a transfer. After each step the catalogue, synced from
// the chain, shows what the registry holds.
func TestFollowerTracksResale(t *testing.T) {
	tc, _ := simRegistry(t)
	acc := devnet.Accounts()
	root := common.Hash{0xa1}
	offer := registry.IEssaimRegistryOfferTerms{Price: big.NewInt(1000), Duration: 3600, Transferable: true, RoyaltyBps: 1000}
	tc.register(acc[0], root, "Resold", nil, nil, offer)
	store := openStore(t, tempStorePath(t))
	t.Cleanup(func() { store.Close() })
	f := catalog.NewFollower(tc.b.(catalog.Backend), tc.addr, store)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sync := func() {
		t.Helper()
		if err := f.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	sync()
	if os, err := store.Offers(root); err != nil || len(os) != 1 || os[0].RoyaltyBps != 1000 {
		t.Fatalf("offers = %+v, %v", os, err)
	}

	seller, buyer, other := acc[1], acc[2], acc[3]
	tc.send(seller, tc.reg.PackBuy(root, 0, big.NewInt(1000)), big.NewInt(1000))
	tc.send(seller, tc.reg.PackList(root, big.NewInt(700)), nil)
	tc.send(seller, tc.reg.PackList(root, big.NewInt(800)), nil)
	sync()
	ls, err := store.Listings(root)
	if err != nil || len(ls) != 1 || ls[0].Seller != seller.Address || ls[0].Price.Int64() != 800 || ls[0].Version != 2 {
		t.Fatalf("listings = %+v, %v", ls, err)
	}
	held, _, _ := store.License(root, seller.Address)

	tc.send(buyer, tc.reg.PackBuyListing(root, seller.Address, 2, big.NewInt(800)), big.NewInt(800))
	sync()
	if ls, _ := store.Listings(root); len(ls) != 0 {
		t.Fatalf("listings after the sale = %+v", ls)
	}
	if _, ok, _ := store.License(root, seller.Address); ok {
		t.Fatal("the seller still holds a license")
	}
	if l, ok, _ := store.License(root, buyer.Address); !ok || l.Expiry != held.Expiry || !l.Transferable {
		t.Fatalf("the buyer's license = %+v, want the seller's %+v", l, held)
	}
	if w, _, _ := store.Work(root); w.Resales != 1 || w.Royalties.Int64() != 80 {
		t.Fatalf("work = %+v; want 1 resale and 80 wei of royalty", w)
	}

	// The buyer lists it; a transfer away ends the listing.
	tc.send(buyer, tc.reg.PackList(root, big.NewInt(5)), nil)
	sync()
	if _, ok, _ := store.Listing(root, buyer.Address); !ok {
		t.Fatal("the buyer's listing is missing")
	}
	tc.send(buyer, tc.reg.PackTransferLicense(root, other.Address), nil)
	sync()
	if _, ok, _ := store.Listing(root, buyer.Address); ok {
		t.Fatal("a listing outlived the transfer of its license")
	}
	if _, ok, _ := store.License(root, other.Address); !ok {
		t.Fatal("the transferred license is missing")
	}
}
