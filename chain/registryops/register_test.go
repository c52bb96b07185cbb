package registryops_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"essaim/chain"
	"essaim/chain/registryops"
)

func TestRegisterCommitReveal(t *testing.T) {
	e := newEnv(t)
	root := [32]byte{0x10}
	r := registryops.Registration{
		Title: "A film", Tags: []string{"film"},
		Splits: []registryops.Split{{Payee: acct(0).Address, Bps: 6000}, {Payee: acct(1).Address, Bps: 4000}},
		Offers: []registryops.OfferTerms{offer(1000, 3600, true), offer(5, 0, false)},
	}
	res := e.register(0, root, r)
	if res.Root != root || res.Creator != acct(0).Address || res.Title != "A film" || len(res.Offers) != 2 || len(res.Splits) != 2 {
		t.Fatalf("Registered = %+v", res)
	}
	commit, err := e.r.Client.TransactionReceipt(e.ctx, res.CommitTx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Block <= commit.BlockNumber.Uint64() {
		t.Fatalf("registered in block %d, its commitment in %d: the reveal must come later", res.Block, commit.BlockNumber)
	}
	s := e.session(2)
	w, err := s.Work(e.ctx, root)
	if err != nil || w.Creator != acct(0).Address || w.OfferCount != 2 || w.Open {
		t.Fatalf("Work = %+v, %v", w, err)
	}
	o, err := s.Offer(e.ctx, root, 1)
	if err != nil || o.Price.Int64() != 5 || o.Duration != 0 || o.Transferable {
		t.Fatalf("offer 1 = %+v, %v", o, err)
	}

	// Registered already, by anyone: refused before anything is sent.
	before := e.nonce(acct(2).Address)
	if _, err := s.Register(e.ctx, root, registryops.Registration{Title: "mine"}); !errors.Is(err, registryops.ErrAlreadyRegistered) ||
		!strings.Contains(err.Error(), acct(0).Address.Hex()) {
		t.Fatalf("registering again: %v, want ErrAlreadyRegistered naming the creator", err)
	}
	if n := e.nonce(acct(2).Address); n != before {
		t.Fatalf("refused registration sent %d transactions", n-before)
	}
}

func TestRegisterRefusedBeforeCommitting(t *testing.T) {
	e := newEnv(t)
	s := e.session(3)
	before := e.nonce(acct(3).Address)
	bad := registryops.Registration{Title: "x", Splits: []registryops.Split{{Payee: acct(3).Address, Bps: 5000}}}
	_, err := s.Register(e.ctx, [32]byte{0x11}, bad)
	if !errors.Is(err, registryops.ErrBadRegistration) || !strings.Contains(err.Error(), "not 10000") {
		t.Fatalf("splits of 5000 bps: %v", err)
	}
	if n := e.nonce(acct(3).Address); n != before {
		t.Fatalf("a refused registration sent %d transactions", n-before)
	}
	// Without a signer nothing can be sent.
	ro := registryops.New(e.r.AutoMining(), e.r.Addr)
	if _, err := ro.Register(e.ctx, [32]byte{0x12}, registryops.Registration{Title: "x"}); !errors.Is(err, registryops.ErrNoSigner) {
		t.Fatalf("read-only session: %v, want ErrNoSigner", err)
	}
}

func TestRegistrationCheck(t *testing.T) {
	a, b := common.Address{1}, common.Address{2}
	long := strings.Repeat("x", chain.MaxTitleBytes+1)
	tests := []struct {
		name string
		r    registryops.Registration
		want string // "" for accepted
	}{
		{"minimal", registryops.Registration{}, ""},
		{"full", registryops.Registration{Title: strings.Repeat("x", chain.MaxTitleBytes), Tags: make([]string, chain.MaxTags),
			Splits: []registryops.Split{{Payee: a, Bps: 1}, {Payee: b, Bps: 9999}},
			Offers: []registryops.OfferTerms{{Price: new(big.Int).Lsh(big.NewInt(1), 96-1)}}}, ""},
		{"title", registryops.Registration{Title: long}, "257 bytes long"},
		{"tags", registryops.Registration{Tags: make([]string, chain.MaxTags+1)}, "17 tags"},
		{"tag", registryops.Registration{Tags: []string{"ok", long[:chain.MaxTagBytes+1]}}, "tag 1 is 65 bytes"},
		{"zero payee", registryops.Registration{Splits: []registryops.Split{{Bps: 10000}}}, "zero address"},
		{"zero share", registryops.Registration{Splits: []registryops.Split{{Payee: a, Bps: 10000}, {Payee: b}}}, "split 1 gives its payee 0"},
		{"twice", registryops.Registration{Splits: []registryops.Split{{Payee: a, Bps: 5000}, {Payee: a, Bps: 5000}}}, "name " + a.Hex() + " twice"},
		{"total", registryops.Registration{Splits: []registryops.Split{{Payee: a, Bps: 9999}}}, "9999 basis points, not 10000"},
		{"too many splits", registryops.Registration{Splits: make([]registryops.Split, chain.MaxSplits+1)}, "17 splits"},
		{"offers", registryops.Registration{Offers: make([]registryops.OfferTerms, chain.MaxOffersPerCall+1)}, "17 offers"},
		{"price", registryops.Registration{Offers: []registryops.OfferTerms{{Price: new(big.Int).Lsh(big.NewInt(1), 96)}}}, "maximum"},
		{"no price", registryops.Registration{Offers: []registryops.OfferTerms{{}}}, "offer 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Check()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && (!errors.Is(err, registryops.ErrBadRegistration) || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want ErrBadRegistration with %q", err, tt.want)
			}
		})
	}
}

func TestSendWithoutFunds(t *testing.T) {
	e := newEnv(t)
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	poor := registryops.New(e.r.AutoMining(), e.r.Addr).WithSigner(bind.NewKeyedTransactor(key, e.r.ChainID))
	_, err = poor.Register(e.ctx, [32]byte{0x13}, registryops.Registration{Title: "x"})
	var fe *registryops.FundsError
	if !errors.As(err, &fe) || !errors.Is(err, registryops.ErrInsufficientFunds) || fe.Balance == nil || fe.Balance.Sign() != 0 ||
		!strings.Contains(err.Error(), "0 ETH (0 wei), not enough for gas") {
		t.Fatalf("unfunded account: %v, want a FundsError with a zero balance", err)
	}
}
