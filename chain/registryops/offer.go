package registryops

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
)

// checkTerms applies the registry's rules on an offer's terms: a price
// from 0 to 2^96-1 wei, a royalty of at most 10000 basis points.
func checkTerms(t OfferTerms) error {
	if t.Price == nil || t.Price.Sign() < 0 || t.Price.BitLen() > chain.MaxPriceBits {
		return fmt.Errorf("the price %v wei is not from 0 to the registry's maximum (2^96-1 wei)", t.Price)
	}
	if int(t.RoyaltyBps) > chain.TotalBps {
		args := map[string]any{"royaltyBps": big.NewInt(int64(t.RoyaltyBps))}
		return errors.New((&chain.RevertError{Name: "RoyaltyTooHigh", Args: args}).Explain())
	}
	return nil
}

// AddedOffer is the outcome of AddOffer: the offer as the registry's
// OfferAdded event reports it.
type AddedOffer struct {
	Root  [32]byte
	ID    uint32
	Terms OfferTerms
	Tx    common.Hash
}

// AddOffer adds an offer to root, as its creator; the registry refuses
// anyone else (NotCreator). Licenses already held never change. Terms the
// registry would refuse are ErrBadOffer, before anything is sent.
func (s *Session) AddOffer(ctx context.Context, root [32]byte, t OfferTerms) (*AddedOffer, error) {
	if err := checkTerms(t); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadOffer, err)
	}
	r, err := s.Send(ctx, s.reg.PackAddOffer(root, t), nil)
	if err != nil {
		return nil, err
	}
	for _, l := range s.logs(r) {
		e, err := s.reg.UnpackOfferAddedEvent(l)
		if err == nil && e.Root == root {
			return &AddedOffer{Root: root, ID: e.OfferId, Tx: r.TxHash, Terms: OfferTerms{Price: e.Price,
				Duration: e.Duration, Supply: e.Supply, Transferable: e.Transferable, RoyaltyBps: e.RoyaltyBps}}, nil
		}
	}
	return nil, fmt.Errorf("%w: OfferAdded in %s", ErrNoEvent, r.TxHash.Hex())
}

// RetireOffer retires offer id of root, as its creator: it can no longer
// be bought; licenses bought from it are unchanged. It returns the
// transaction.
func (s *Session) RetireOffer(ctx context.Context, root [32]byte, id uint32) (common.Hash, error) {
	r, err := s.Send(ctx, s.reg.PackRetireOffer(root, id), nil)
	if err != nil {
		return common.Hash{}, err
	}
	return r.TxHash, nil
}

// SetOpen makes root open (anyone may fetch it, no license needed) or
// closed, as its creator. Closing a work ends the access of everyone
// without a valid license, streams already open included. It returns the
// transaction.
func (s *Session) SetOpen(ctx context.Context, root [32]byte, open bool) (common.Hash, error) {
	r, err := s.Send(ctx, s.reg.PackSetOpen(root, open), nil)
	if err != nil {
		return common.Hash{}, err
	}
	return r.TxHash, nil
}
