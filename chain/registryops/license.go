package registryops

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/registry"
)

// Purchase is the outcome of Buy: the license as the registry's
// LicensePurchased event reports it.
type Purchase struct {
	Root         [32]byte
	Buyer        common.Address
	OfferID      uint32
	Price        *big.Int // wei paid
	Expiry       uint64   // unix seconds, exclusive; chain.PerpetualExpiry for perpetual
	Transferable bool
	Tx           common.Hash
}

// Offer returns offer id of root as the registry stores it (zero for an
// offer or a work that does not exist).
func (s *Session) Offer(ctx context.Context, root [32]byte, id uint32) (registry.IEssaimRegistryOffer, error) {
	return Call(ctx, s, s.reg.PackOffers(root, id), s.reg.UnpackOffers)
}

// Buy buys a license from offer id of root for the signer (or extends the
// one it holds), paying the offer's price as read now. The registry
// refuses a price above maxPrice (PriceAboveMax); a nil maxPrice is that
// price read now, so that a buyer never pays more than it was shown.
func (s *Session) Buy(ctx context.Context, root [32]byte, id uint32, maxPrice *big.Int) (*Purchase, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	offer, err := s.Offer(ctx, root, id)
	if err != nil {
		return nil, err
	}
	if maxPrice == nil {
		maxPrice = offer.Price
	}
	r, err := s.Send(ctx, s.reg.PackBuy(root, id, maxPrice), offer.Price)
	if err != nil {
		return nil, err
	}
	for _, l := range s.logs(r) {
		e, err := s.reg.UnpackLicensePurchasedEvent(l)
		if err == nil && e.Root == root && e.Buyer == s.signer.From {
			return &Purchase{Root: root, Buyer: e.Buyer, OfferID: e.OfferId, Price: e.PricePaid,
				Expiry: e.Expiry, Transferable: e.Transferable, Tx: r.TxHash}, nil
		}
	}
	return nil, fmt.Errorf("%w: LicensePurchased in %s", ErrNoEvent, r.TxHash.Hex())
}

// Granted is the outcome of Grant: the license the account holds now.
type Granted struct {
	Root   [32]byte
	To     common.Address
	Expiry uint64 // unix seconds, exclusive; chain.PerpetualExpiry for perpetual
	Tx     common.Hash
}

// Grant gives to a non-transferable license to root for duration seconds
// (0: perpetual), as root's creator; the registry never shortens a
// license held (Expiry is then the longer one) and refuses anyone but the
// creator (NotCreator).
func (s *Session) Grant(ctx context.Context, root [32]byte, to common.Address, duration uint64) (*Granted, error) {
	r, err := s.Send(ctx, s.reg.PackGrant(root, to, duration), nil)
	if err != nil {
		return nil, err
	}
	for _, l := range s.logs(r) {
		e, err := s.reg.UnpackLicenseGrantedEvent(l)
		if err == nil && e.Root == root && e.To == to {
			return &Granted{Root: root, To: to, Expiry: e.Expiry, Tx: r.TxHash}, nil
		}
	}
	return nil, fmt.Errorf("%w: LicenseGranted in %s", ErrNoEvent, r.TxHash.Hex())
}

// logs returns the receipt's logs emitted by the registry itself: a
// contract the transaction called (a payee receiving ether) could emit
// look-alike events.
func (s *Session) logs(r *types.Receipt) []*types.Log {
	var out []*types.Log
	for _, l := range r.Logs {
		if l.Address == s.contract {
			out = append(out, l)
		}
	}
	return out
}

// LicenseStatus tells whether account may fetch root now, and why
// (chain.ReadLicenseStatus over the registry at the latest block).
func (s *Session) LicenseStatus(ctx context.Context, root [32]byte, account common.Address) (chain.LicenseStatus, error) {
	return chain.ReadLicenseStatus(ctx, s.rights, root, account)
}

// LicenseBook is where HeldLicenses finds an account's license records;
// *catalog.Store implements it.
type LicenseBook interface {
	LicensesOf(account common.Address) ([]catalog.License, error)
	Work(root common.Hash) (catalog.Work, bool, error)
}

// HeldLicense is a license record of the catalogue with its work's title
// and whether it is valid at the latest block.
type HeldLicense struct {
	catalog.License
	Title string
	Valid bool
}

// HeldLicenses lists account's license records in book, expired ones
// included, each judged at the chain's latest block.
func (s *Session) HeldLicenses(ctx context.Context, book LicenseBook, account common.Address) ([]HeldLicense, error) {
	held, err := book.LicensesOf(account)
	if err != nil {
		return nil, err
	}
	head, err := s.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("latest header: %w", err)
	}
	out := make([]HeldLicense, 0, len(held))
	for _, l := range held {
		w, _, err := book.Work(l.Root)
		if err != nil {
			return nil, err
		}
		out = append(out, HeldLicense{License: l, Title: w.Title, Valid: chain.LiveAt(l.Expiry, head.Time)})
	}
	return out, nil
}
