package registryops

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/registry"
)

// Transferred is the outcome of Transfer: the recipient's license now.
type Transferred struct {
	Root   [32]byte
	From   common.Address
	To     common.Address
	Expiry uint64 // the recipient's, the later of both; chain.PerpetualExpiry for perpetual
	Tx     common.Hash
}

// Transfer gives the signer's license to root to `to`, with its remaining
// time (the recipient keeps the later expiry if it holds one). The registry
// refuses a license that is not valid or not transferable, and a recipient
// holding a valid non-transferable license. The signer's listing of the
// license, if any, ends.
func (s *Session) Transfer(ctx context.Context, root [32]byte, to common.Address) (*Transferred, error) {
	r, err := s.Send(ctx, s.reg.PackTransferLicense(root, to), nil)
	if err != nil {
		return nil, err
	}
	for _, l := range s.logs(r) {
		e, err := s.reg.UnpackLicenseTransferredEvent(l)
		if err == nil && e.Root == root && e.To == to {
			return &Transferred{Root: root, From: e.From, To: to, Expiry: e.Expiry, Tx: r.TxHash}, nil
		}
	}
	return nil, fmt.Errorf("%w: LicenseTransferred in %s", ErrNoEvent, r.TxHash.Hex())
}

// Listing returns seller's listing of its license to root, active or not
// (version 0 if it never listed one).
func (s *Session) Listing(ctx context.Context, root [32]byte, seller common.Address) (registry.IEssaimRegistryListing, error) {
	return Call(ctx, s, s.reg.PackListings(root, seller), s.reg.UnpackListings)
}

// License returns account's license record for root (all zero if none),
// with the royalty a resale of it pays.
func (s *Session) License(ctx context.Context, root [32]byte, account common.Address) (registry.IEssaimRegistryLicense, error) {
	return Call(ctx, s, s.reg.PackLicenses(root, account), s.reg.UnpackLicenses)
}

// Listed is the outcome of List: the listing, and what a sale at its
// price pays.
type Listed struct {
	Root       [32]byte
	Seller     common.Address
	Price      *big.Int // wei, paid exactly by the buyer
	Version    uint64   // what a buyer names
	RoyaltyBps uint16   // the license's royalty
	Royalty    *big.Int // wei of the price for the work's payees
	Proceeds   *big.Int // wei of the price for the seller
	Expiry     uint64   // of the license sold
	Tx         common.Hash
}

// List offers the signer's license to root for sale at price wei (a new
// version of its listing if it has one). The registry refuses a license
// that is not valid or not transferable.
func (s *Session) List(ctx context.Context, root [32]byte, price *big.Int) (*Listed, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	if price == nil || price.Sign() < 0 || price.BitLen() > chain.MaxPriceBits {
		return nil, fmt.Errorf("%w: the price %v wei is not from 0 to the registry's maximum (2^96-1 wei)", ErrBadOffer, price)
	}
	r, err := s.Send(ctx, s.reg.PackList(root, price), nil)
	if err != nil {
		return nil, err
	}
	lic, err := s.License(ctx, root, s.signer.From)
	if err != nil {
		return nil, err
	}
	for _, l := range s.logs(r) {
		e, err := s.reg.UnpackLicenseListedEvent(l)
		if err == nil && e.Root == root && e.Seller == s.signer.From {
			royalty := Royalty(e.Price, lic.RoyaltyBps)
			return &Listed{Root: root, Seller: e.Seller, Price: e.Price, Version: e.Version, RoyaltyBps: lic.RoyaltyBps,
				Royalty: royalty, Proceeds: new(big.Int).Sub(e.Price, royalty), Expiry: lic.Expiry, Tx: r.TxHash}, nil
		}
	}
	return nil, fmt.Errorf("%w: LicenseListed in %s", ErrNoEvent, r.TxHash.Hex())
}

// Royalty is the registry's share of a resale at price for a license with
// royaltyBps: floor(price × royaltyBps / 10000).
func Royalty(price *big.Int, royaltyBps uint16) *big.Int {
	r := new(big.Int).Mul(price, big.NewInt(int64(royaltyBps)))
	return r.Quo(r, big.NewInt(chain.TotalBps))
}

// Unlist ends the signer's listing of its license to root; a license not
// listed is ErrNotListed, before anything is sent. It returns the
// transaction.
func (s *Session) Unlist(ctx context.Context, root [32]byte) (common.Hash, error) {
	if s.signer == nil {
		return common.Hash{}, ErrNoSigner
	}
	l, err := s.Listing(ctx, root, s.signer.From)
	if err != nil {
		return common.Hash{}, err
	}
	if !l.Active {
		return common.Hash{}, fmt.Errorf("%w: %s has no license to %s for sale", ErrNotListed, s.signer.From.Hex(), workID(root))
	}
	r, err := s.Send(ctx, s.reg.PackUnlist(root), nil)
	if err != nil {
		return common.Hash{}, err
	}
	return r.TxHash, nil
}

// Resale is the outcome of BuyListing: the license the buyer holds now and
// where the price went.
type Resale struct {
	Root    [32]byte
	Seller  common.Address
	Buyer   common.Address
	Version uint64   // of the listing bought
	Price   *big.Int // wei paid
	Royalty *big.Int // wei added to the work's revenue, for its payees
	Expiry  uint64   // the buyer's license now
	Tx      common.Hash
}

// BuyListing buys seller's listed license to root for the signer, paying
// the listing's price as read now and naming its version, so that a
// listing changed before the purchase is mined is never bought
// (ListingChanged). The registry refuses a price above maxPrice
// (PriceAboveMax); a nil maxPrice is the price read now. A seller with no
// active listing is ErrNotListed, before anything is sent.
func (s *Session) BuyListing(ctx context.Context, root [32]byte, seller common.Address, maxPrice *big.Int) (*Resale, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	l, err := s.Listing(ctx, root, seller)
	if err != nil {
		return nil, err
	}
	if !l.Active {
		return nil, fmt.Errorf("%w: %s has no license to %s for sale", ErrNotListed, seller.Hex(), workID(root))
	}
	if maxPrice == nil {
		maxPrice = l.Price
	}
	r, err := s.Send(ctx, s.reg.PackBuyListing(root, seller, l.Version, maxPrice), l.Price)
	if err != nil {
		return nil, err
	}
	for _, lg := range s.logs(r) {
		e, err := s.reg.UnpackLicenseResoldEvent(lg)
		if err == nil && e.Root == root && e.Seller == seller && e.Buyer == s.signer.From {
			return &Resale{Root: root, Seller: seller, Buyer: e.Buyer, Version: l.Version, Price: e.Price,
				Royalty: e.Royalty, Expiry: e.Expiry, Tx: r.TxHash}, nil
		}
	}
	return nil, fmt.Errorf("%w: LicenseResold in %s", ErrNoEvent, r.TxHash.Hex())
}

// Proceeds returns the resale proceeds credited to account and not yet
// withdrawn, in wei.
func (s *Session) Proceeds(ctx context.Context, account common.Address) (*big.Int, error) {
	return Call(ctx, s, s.reg.PackProceeds(account), s.reg.UnpackProceeds)
}

// ListingBook is where ListedLicenses finds a work's listings and the
// licenses they sell; *catalog.Store implements it.
type ListingBook interface {
	Listings(root common.Hash) ([]catalog.Listing, error)
	License(root common.Hash, account common.Address) (catalog.License, bool, error)
}

// ListedLicense is a license on sale: its listing in the catalogue, the
// license's expiry there, and its royalty as the registry holds it.
type ListedLicense struct {
	catalog.Listing
	Expiry     uint64 // of the license sold; chain.PerpetualExpiry for perpetual
	RoyaltyBps uint16
	Royalty    *big.Int // wei of the price for the work's payees
}

// ListedLicenses lists the licenses of root on sale in book whose license
// is still valid at the latest block (the registry refuses to sell the
// others), with their royalty.
func (s *Session) ListedLicenses(ctx context.Context, book ListingBook, root [32]byte) ([]ListedLicense, error) {
	listings, err := book.Listings(root)
	if err != nil {
		return nil, err
	}
	head, err := s.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("latest header: %w", err)
	}
	var out []ListedLicense
	for _, l := range listings {
		held, ok, err := book.License(root, l.Seller)
		if err != nil {
			return nil, err
		}
		if !ok || !chain.LiveAt(held.Expiry, head.Time) {
			continue
		}
		lic, err := s.License(ctx, root, l.Seller)
		if err != nil {
			return nil, err
		}
		out = append(out, ListedLicense{Listing: l, Expiry: held.Expiry, RoyaltyBps: lic.RoyaltyBps,
			Royalty: Royalty(l.Price, lic.RoyaltyBps)})
	}
	return out, nil
}
