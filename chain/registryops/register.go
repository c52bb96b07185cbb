package registryops

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain"
	"essaim/chain/registry"
)

// Split is a payee's share of every sale, in basis points.
type Split = registry.IEssaimRegistrySplit

// OfferTerms are the terms of an offer: price in wei (at most 2^96-1),
// duration in seconds (0: perpetual), supply (0: unlimited), whether
// licenses bought from it can be transferred, and the royalty their
// resales pay the work's payees, in basis points (at most 10000), fixed
// with the offer.
type OfferTerms = registry.IEssaimRegistryOfferTerms

// Registration is what registering a work says about it, besides its root.
type Registration struct {
	Title  string
	Tags   []string
	Open   bool         // anyone may fetch the work without a license
	Splits []Split      // empty: every sale pays the creator
	Offers []OfferTerms // empty: nothing to buy; the creator grants licenses
}

// Check applies the registry's rules on a registration (chain.Max*), so
// that a registration the registry would refuse costs no commitment. Its
// errors wrap ErrBadRegistration, in the words of the registry's own
// errors.
func (r *Registration) Check() error {
	if len(r.Title) > chain.MaxTitleBytes {
		return refuse("TitleTooLong", "length", len(r.Title))
	}
	if len(r.Tags) > chain.MaxTags {
		return refuse("TooManyTags", "count", len(r.Tags))
	}
	for i, t := range r.Tags {
		if len(t) > chain.MaxTagBytes {
			return refuse("TagTooLong", "index", i, "length", len(t))
		}
	}
	if err := checkSplits(r.Splits); err != nil {
		return err
	}
	if len(r.Offers) > chain.MaxOffersPerCall {
		return refuse("TooManyOffers", "count", len(r.Offers))
	}
	for i, o := range r.Offers {
		if err := checkTerms(o); err != nil {
			return fmt.Errorf("%w: offer %d: %v", ErrBadRegistration, i, err)
		}
	}
	return nil
}

func checkSplits(splits []Split) error {
	if len(splits) == 0 {
		return nil
	}
	if len(splits) > chain.MaxSplits {
		return refuse("TooManySplits", "count", len(splits))
	}
	seen := map[common.Address]bool{}
	total := 0
	for i, sp := range splits {
		switch {
		case sp.Payee == (common.Address{}):
			return refuse("ZeroPayee", "index", i)
		case sp.Bps == 0:
			return refuse("ZeroShare", "index", i)
		case seen[sp.Payee]:
			return refuse("DuplicatePayee", "payee", sp.Payee)
		}
		seen[sp.Payee] = true
		total += int(sp.Bps)
	}
	if total != chain.TotalBps {
		return refuse("SharesNotTotal", "totalBps", total)
	}
	return nil
}

// refuse is ErrBadRegistration in the words of the registry's error name,
// with its arguments given as name, value pairs (ints become *big.Int, as
// the registry's uint256 arguments decode).
func refuse(name string, kv ...any) error {
	args := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		v := kv[i+1]
		if n, ok := v.(int); ok {
			v = big.NewInt(int64(n))
		}
		args[kv[i].(string)] = v
	}
	return fmt.Errorf("%w: %s", ErrBadRegistration, (&chain.RevertError{Name: name, Args: args}).Explain())
}

// Registered is the outcome of Register: the registration as sent, its
// creator (the signer), and both transactions.
type Registered struct {
	Root [32]byte
	Registration
	Creator    common.Address
	CommitTx   common.Hash
	RegisterTx common.Hash
	Block      uint64 // the registration's block
}

// Work returns the registry's record of root; a zero Creator means the
// root is not registered.
func (s *Session) Work(ctx context.Context, root [32]byte) (registry.IEssaimRegistryWork, error) {
	return Call(ctx, s, s.reg.PackWorks(root), s.reg.UnpackWorks)
}

// Register makes the signer the creator of root, in two transactions: a
// commitment to (root, signer, a random salt), then the registration
// itself in a later block, so that nobody who sees the registration first
// can take the root. A root registered already is ErrAlreadyRegistered, a
// registration the registry would refuse ErrBadRegistration, both before
// anything is sent.
func (s *Session) Register(ctx context.Context, root [32]byte, r Registration) (*Registered, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	if err := r.Check(); err != nil {
		return nil, err
	}
	w, err := s.Work(ctx, root)
	if err != nil {
		return nil, err
	}
	if w.Creator != (common.Address{}) {
		return nil, fmt.Errorf("%w: %s by %s", ErrAlreadyRegistered, workID(root), w.Creator.Hex())
	}
	var salt [32]byte
	if _, err := rand.Read(salt[:]); err != nil {
		return nil, err
	}
	commitment, err := Call(ctx, s, s.reg.PackComputeCommitment(root, s.signer.From, salt), s.reg.UnpackComputeCommitment)
	if err != nil {
		return nil, err
	}
	commitRcpt, err := s.Send(ctx, s.reg.PackCommit(commitment), nil)
	if err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	regRcpt, err := s.reveal(ctx, commitRcpt.BlockNumber.Uint64(),
		s.reg.PackRegister(root, salt, r.Title, r.Tags, [32]byte{}, r.Open, r.Splits, r.Offers))
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	return &Registered{Root: root, Registration: r, Creator: s.signer.From,
		CommitTx: commitRcpt.TxHash, RegisterTx: regRcpt.TxHash, Block: regRcpt.BlockNumber.Uint64()}, nil
}

// reveal sends the registration committed to in block commitBlock.
func (s *Session) reveal(ctx context.Context, commitBlock uint64, data []byte) (*types.Receipt, error) {
	r, err := s.Send(ctx, data, nil)
	var rev *chain.RevertError
	if errors.As(err, &rev) && rev.Name == "RevealTooEarly" {
		// A node that estimates in its head block (go-ethereum does; Anvil
		// and the devnet estimate in the next one) sees the reveal in the
		// commit's block until a new block arrives: wait for it.
		if err = s.waitBlockAfter(ctx, commitBlock); err == nil {
			r, err = s.Send(ctx, data, nil)
		}
	}
	return r, err
}

// workID renders a root as `essaim hash` prints it: 64 hex digits.
func workID(root [32]byte) string { return hex.EncodeToString(root[:]) }

// Polling of waitBlockAfter: fast at first, as a development chain seals
// blocks within milliseconds, backing off towards a public chain's pace.
const (
	firstHeadPoll = 2 * time.Millisecond
	maxHeadPoll   = 500 * time.Millisecond
)

// waitBlockAfter waits until the chain's head is past block n.
func (s *Session) waitBlockAfter(ctx context.Context, n uint64) error {
	wait := firstHeadPoll
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for block %d: %w", n+1, ctx.Err())
		case <-timer.C:
		}
		head, err := s.b.BlockNumber(ctx)
		if err != nil {
			return fmt.Errorf("waiting for block %d: %w", n+1, err)
		}
		if head > n {
			return nil
		}
		timer.Reset(wait)
		wait = min(2*wait, maxHeadPoll)
	}
}
