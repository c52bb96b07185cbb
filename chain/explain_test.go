package chain_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/simtest"
)

// TestExplainEveryRegistryError: every custom error of the registry's ABI
// has its own words, which name every argument it carries.
func TestExplainEveryRegistryError(t *testing.T) {
	all := simtest.RevertErrors(t)
	if len(all) < 31 {
		t.Fatalf("only %d errors in the ABI", len(all))
	}
	for name, rev := range all {
		msg := rev.Explain()
		switch {
		case msg == rev.Error() || strings.Contains(msg, chain.ErrReverted.Error()):
			t.Errorf("%s falls through to the generic text: %q", name, msg)
		case strings.Contains(msg, "?") || strings.Contains(msg, "%!"):
			t.Errorf("%s: an argument is missing from %q (does the name match the ABI?)", name, msg)
		}
	}
	// Arguments the words show, as they show them.
	for name, want := range map[string]string{
		"PriceAboveMax":     "0.000000000000000007 ETH (7 wei)",
		"NotRegistered":     "unknown work bb00000000",
		"NotCreator":        common.Address{0xaa}.Hex(),
		"OfferNotFound":     "no offer 3",
		"CommitmentExpired": "1970-01-01T00:00:07Z",
	} {
		if msg := all[name].Explain(); !strings.Contains(msg, want) {
			t.Errorf("%s: %q lacks %q", name, msg, want)
		}
	}
	unknown := &chain.RevertError{Name: "Unheard", Args: map[string]any{}}
	if unknown.Explain() != unknown.Error() {
		t.Errorf("an error outside the ABI: %q", unknown.Explain())
	}
}

// TestRegistryLimits: the limits checked before sending are the contract's.
func TestRegistryLimits(t *testing.T) {
	r := simtest.New(t)
	for _, c := range []struct {
		name string
		pack []byte
		want int64
	}{
		{"MAX_TITLE_BYTES", r.Reg.PackMAXTITLEBYTES(), chain.MaxTitleBytes},
		{"MAX_TAGS", r.Reg.PackMAXTAGS(), chain.MaxTags},
		{"MAX_TAG_BYTES", r.Reg.PackMAXTAGBYTES(), chain.MaxTagBytes},
		{"MAX_SPLITS", r.Reg.PackMAXSPLITS(), chain.MaxSplits},
		{"MAX_OFFERS_PER_CALL", r.Reg.PackMAXOFFERSPERCALL(), chain.MaxOffersPerCall},
		{"TOTAL_BPS", r.Reg.PackTOTALBPS(), chain.TotalBps},
		{"MAX_COMMIT_AGE", r.Reg.PackMAXCOMMITAGE(), int64(chain.MaxCommitAge.Seconds())},
	} {
		got, err := bind.Call(r.Inst, nil, c.pack, func(b []byte) (*big.Int, error) { return new(big.Int).SetBytes(b), nil })
		if err != nil || got.Int64() != c.want {
			t.Errorf("%s = %v, %v; chain has %d", c.name, got, err, c.want)
		}
	}
}

func TestFormatEther(t *testing.T) {
	for in, want := range map[int64]string{0: "0 ETH", 1: "0.000000000000000001 ETH", 1e16: "0.01 ETH",
		15e17: "1.5 ETH", -2e18: "-2 ETH"} {
		if got := chain.FormatEther(big.NewInt(in)); got != want {
			t.Errorf("FormatEther(%d) = %q, want %q", in, got, want)
		}
	}
	big4 := new(big.Int).Mul(big.NewInt(1e18), big.NewInt(10000))
	if got := chain.FormatWei(big4); got != "10000 ETH (10000000000000000000000 wei)" {
		t.Errorf("FormatWei = %q", got)
	}
	if got := chain.FormatWei(nil); got != "0 ETH (0 wei)" {
		t.Errorf("FormatWei(nil) = %q", got)
	}
}
