package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain/registry"
)

// ErrEmptyAnswer means a registry view returned no data: there is no
// contract at the address, or the node answered nothing. The rights
// checker treats it like any other read failure (it fails closed).
var ErrEmptyAnswer = errors.New("registry view returned no data")

// RightsBackend is what a RightsReader needs from a node: *Client,
// *ethclient.Client and the simulated backend's client all fit.
type RightsBackend interface {
	ethereum.ContractCaller
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// WorkInfo is the part of a registered work that decides access without
// a license. A zero Creator means the root is not registered.
type WorkInfo struct {
	Creator common.Address
	Open    bool
}

// RightsReader reads what the rights checker asks about (works, licenses,
// the chain's clock) from the registry at the latest block. It keeps no
// state and is safe for concurrent use.
type RightsReader struct {
	b        RightsBackend
	contract common.Address
	reg      *registry.EssaimRegistry
}

// NewRightsReader returns a reader of the registry at contract.
func NewRightsReader(b RightsBackend, contract common.Address) *RightsReader {
	return &RightsReader{b: b, contract: contract, reg: registry.NewEssaimRegistry()}
}

// view calls the registry with data and decodes the answer with unpack.
// Anything the node returns that does not decode is an error, never a
// default value.
func view[T any](ctx context.Context, r *RightsReader, what string, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	out, err := r.b.CallContract(ctx, ethereum.CallMsg{To: &r.contract, Data: data}, nil)
	if err != nil {
		return zero, fmt.Errorf("registry %s: %w", what, DecodeRevert(err))
	}
	if len(out) == 0 {
		return zero, fmt.Errorf("registry %s at %s: %w", what, r.contract, ErrEmptyAnswer)
	}
	v, err := unpack(out)
	if err != nil {
		return zero, fmt.Errorf("registry %s: decode answer: %w", what, err)
	}
	return v, nil
}

// Work returns the creator and the open flag of root; a zero creator means
// the root is not registered.
func (r *RightsReader) Work(ctx context.Context, root [32]byte) (WorkInfo, error) {
	w, err := view(ctx, r, "works", r.reg.PackWorks(root), r.reg.UnpackWorks)
	if err != nil {
		return WorkInfo{}, err
	}
	return WorkInfo{Creator: w.Creator, Open: w.Open}, nil
}

// HasValidLicense asks the registry whether account may have root now: its
// creator, an open work, or a license whose expiry is after the latest
// block's timestamp.
func (r *RightsReader) HasValidLicense(ctx context.Context, root [32]byte, account common.Address) (bool, error) {
	return view(ctx, r, "hasValidLicense", r.reg.PackHasValidLicense(root, account), r.reg.UnpackHasValidLicense)
}

// LicenseExpiry returns the expiry (unix seconds, exclusive) of the
// license account holds on root: 0 for none, math.MaxUint64 for perpetual.
func (r *RightsReader) LicenseExpiry(ctx context.Context, root [32]byte, account common.Address) (uint64, error) {
	l, err := view(ctx, r, "licenses", r.reg.PackLicenses(root, account), r.reg.UnpackLicenses)
	if err != nil {
		return 0, err
	}
	return l.Expiry, nil
}

// License returns the license record account holds on root (zero for
// none).
func (r *RightsReader) License(ctx context.Context, root [32]byte, account common.Address) (License, error) {
	l, err := view(ctx, r, "licenses", r.reg.PackLicenses(root, account), r.reg.UnpackLicenses)
	if err != nil {
		return License{}, err
	}
	return License{Expiry: l.Expiry, Transferable: l.Transferable}, nil
}

// Now returns the timestamp of the latest block: the clock licenses
// expire by.
func (r *RightsReader) Now(ctx context.Context) (uint64, error) {
	h, err := r.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("latest header: %w", err)
	}
	if h == nil {
		return 0, fmt.Errorf("latest header: %w", ErrEmptyAnswer)
	}
	return h.Time, nil
}
