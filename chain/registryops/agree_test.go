package registryops_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/licensing/rights"
)

// factsChain answers every registry read from one set of facts and
// records the reads. It serves both chain.ReadLicenseStatus (License) and
// the rights checker (LicenseExpiry).
type factsChain struct {
	f     chain.LicenseFacts
	reads []string
}

func (c *factsChain) Work(context.Context, [32]byte) (chain.WorkInfo, error) {
	c.reads = append(c.reads, "work")
	return c.f.Work, nil
}

func (c *factsChain) HasValidLicense(context.Context, [32]byte, common.Address) (bool, error) {
	c.reads = append(c.reads, "valid")
	return c.f.Valid, nil
}

func (c *factsChain) License(context.Context, [32]byte, common.Address) (chain.License, error) {
	c.reads = append(c.reads, "license")
	return c.f.License, nil
}

func (c *factsChain) LicenseExpiry(context.Context, [32]byte, common.Address) (uint64, error) {
	c.reads = append(c.reads, "license")
	return c.f.License.Expiry, nil
}

func (c *factsChain) Now(context.Context) (uint64, error) {
	c.reads = append(c.reads, "now")
	return c.f.Now, nil
}

// TestLicenseStatusAgreesWithRights runs the license status and the rights
// checker on every combination of registry answers, consistent or not
// (the reads are not atomic): both read the same things in the same order
// and decide the same.
func TestLicenseStatusAgreesWithRights(t *testing.T) {
	ctx := context.Background()
	account, creator := common.Address{0xac}, common.Address{0xc0}
	const now = 1_000_000
	works := map[string]chain.WorkInfo{
		"unregistered": {}, "own work": {Creator: account}, "own open work": {Creator: account, Open: true},
		"open": {Creator: creator, Open: true}, "closed": {Creator: creator},
	}
	expiries := []uint64{0, 1, now - 1, now, now + 1, chain.PerpetualExpiry - 1, chain.PerpetualExpiry}
	n := 0
	for wname, w := range works {
		for _, valid := range []bool{false, true} {
			for _, expiry := range expiries {
				for _, transferable := range []bool{false, true} {
					f := chain.LicenseFacts{Work: w, Valid: valid, License: chain.License{Expiry: expiry, Transferable: transferable}, Now: now}
					name := fmt.Sprintf("%s/valid=%v/expiry=%d/transferable=%v", wname, valid, expiry, transferable)
					mine, theirs := &factsChain{f: f}, &factsChain{f: f}
					st, err := chain.ReadLicenseStatus(ctx, mine, [32]byte{1}, account)
					if err != nil {
						t.Fatal(err)
					}
					d, err := rights.New(theirs).Check(ctx, [32]byte{1}, account)
					if err != nil {
						t.Fatal(err)
					}
					if d.Allowed != st.Allowed() || d.Reason != rightsReason[st.State] {
						t.Errorf("%s: status %s, rights checker %+v", name, st.State, d)
					}
					if !slices.Equal(mine.reads, theirs.reads) {
						t.Errorf("%s: status read %v, rights checker %v", name, mine.reads, theirs.reads)
					}
					if direct := chain.DecideLicense(account, f); direct.State != st.State {
						t.Errorf("%s: DecideLicense %s, ReadLicenseStatus %s", name, direct.State, st.State)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d registry states agree", n)
}
