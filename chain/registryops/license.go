package registryops

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/registry"
)

// Purchase is the outcome of Buy: the license as the registry's
// LicensePurchased event reports it, and the period the purchase paid for,
// from Start to Expiry.
type Purchase struct {
	Root         [32]byte
	Buyer        common.Address
	OfferID      uint32
	Price        *big.Int // wei paid
	Expiry       uint64   // unix seconds, exclusive; chain.PerpetualExpiry for perpetual
	Transferable bool
	Start        uint64 // unix seconds: the purchase's block, or the previous expiry when Extended
	Extended     bool   // the purchase extended a license still valid in its block
	Tx           common.Hash
}

// Offer returns offer id of root as the registry stores it (zero for an
// offer or a work that does not exist).
func (s *Session) Offer(ctx context.Context, root [32]byte, id uint32) (registry.IEssaimRegistryOffer, error) {
	return Call(ctx, s, s.reg.PackOffers(root, id), s.reg.UnpackOffers)
}

// Buy buys a license from offer id of root for the signer (or extends the
// one it holds: the new period starts at its expiry), paying the offer's
// price as read now. The registry refuses a price above maxPrice
// (PriceAboveMax); a nil maxPrice is that price read now, so that a buyer
// never pays more than it was shown.
func (s *Session) Buy(ctx context.Context, root [32]byte, id uint32, maxPrice *big.Int) (*Purchase, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	offer, err := s.Offer(ctx, root, id)
	if err != nil {
		return nil, err
	}
	held, err := s.License(ctx, root, s.signer.From)
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
			p := &Purchase{Root: root, Buyer: e.Buyer, OfferID: e.OfferId, Price: e.PricePaid,
				Expiry: e.Expiry, Transferable: e.Transferable, Tx: r.TxHash}
			h, err := s.b.HeaderByNumber(ctx, r.BlockNumber)
			if err != nil {
				return nil, fmt.Errorf("the purchase's block: %w", err)
			}
			p.Start, p.Extended = PeriodStart(held.Expiry, h.Time)
			return p, nil
		}
	}
	return nil, fmt.Errorf("%w: LicensePurchased in %s", ErrNoEvent, r.TxHash.Hex())
}

// PeriodStart is where the period of a purchase made at chain time now
// begins, as the registry decides: at the expiry of the license held
// before when it was still valid (the purchase extends it), else now.
func PeriodStart(previousExpiry, now uint64) (start uint64, extended bool) {
	if chain.LiveAt(previousExpiry, now) {
		return previousExpiry, true
	}
	return now, false
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

// HeldLicense is a license record of the catalogue with its work's title,
// whether it is valid at the latest block and for how long still.
type HeldLicense struct {
	catalog.License
	Title string
	Valid bool
	Left  uint64 // seconds of validity left at the latest block: 0 when expired, chain.PerpetualExpiry when perpetual
}

// RenewalWindow is how close to its expiry a license is shown as ending
// soon, to be renewed (`essaim licenses`).
const RenewalWindow = 7 * 24 * time.Hour

// EndsWithin reports whether the license is valid now and ends within d.
func (h HeldLicense) EndsWithin(d time.Duration) bool {
	return h.Valid && h.Left != chain.PerpetualExpiry && h.Left <= uint64(d/time.Second)
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
		h := HeldLicense{License: l, Title: w.Title, Valid: chain.LiveAt(l.Expiry, head.Time)}
		switch {
		case l.Expiry == chain.PerpetualExpiry:
			h.Left = chain.PerpetualExpiry
		case h.Valid:
			h.Left = l.Expiry - head.Time
		}
		out = append(out, h)
	}
	return out, nil
}
