package chain_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
)

func TestDecideLicense(t *testing.T) {
	me, them := common.Address{1}, common.Address{2}
	closed := chain.WorkInfo{Creator: them}
	lic := func(expiry uint64) chain.License { return chain.License{Expiry: expiry, Transferable: true} }
	tests := []struct {
		name string
		f    chain.LicenseFacts
		want chain.LicenseState
	}{
		{"unregistered", chain.LicenseFacts{Valid: true, License: lic(chain.PerpetualExpiry)}, chain.LicenseUnregistered},
		{"creator", chain.LicenseFacts{Work: chain.WorkInfo{Creator: me}}, chain.LicenseCreator},
		{"open", chain.LicenseFacts{Work: chain.WorkInfo{Creator: them, Open: true}}, chain.LicenseOpen},
		{"none", chain.LicenseFacts{Work: closed}, chain.LicenseNone},
		{"expired", chain.LicenseFacts{Work: closed, License: lic(99)}, chain.LicenseExpired},
		{"valid", chain.LicenseFacts{Work: closed, Valid: true, License: lic(101), Now: 100}, chain.LicenseValid},
		{"perpetual", chain.LicenseFacts{Work: closed, Valid: true, License: lic(chain.PerpetualExpiry), Now: 100}, chain.LicenseValid},
		{"expired between the reads", chain.LicenseFacts{Work: closed, Valid: true, License: lic(100), Now: 100}, chain.LicenseExpired},
	}
	for _, tt := range tests {
		st := chain.DecideLicense(me, tt.f)
		if st.State != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, st.State, tt.want)
		}
		allowed := tt.want == chain.LicenseValid || tt.want == chain.LicenseCreator || tt.want == chain.LicenseOpen
		if st.Allowed() != allowed {
			t.Errorf("%s: Allowed %v", tt.name, st.Allowed())
		}
		if record := tt.want == chain.LicenseValid || tt.want == chain.LicenseExpired; record &&
			(st.Expiry != tt.f.License.Expiry || !st.Transferable) {
			t.Errorf("%s: the record is not reported: %+v", tt.name, st)
		}
	}
	if s := chain.LicenseState(42).String(); s != "LicenseState(42)" {
		t.Errorf("String of an unknown state: %q", s)
	}
}
