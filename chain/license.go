package chain

import (
	"context"
	"fmt"
	"math"

	"github.com/ethereum/go-ethereum/common"
)

// PerpetualExpiry is the expiry of a license that never ends.
const PerpetualExpiry = math.MaxUint64

// LicenseState says what an account may do with a work, and why.
type LicenseState int

// The states of a LicenseStatus. Only LicenseValid, LicenseCreator and
// LicenseOpen allow a fetch.
const (
	LicenseNone         LicenseState = iota // registered; the account holds no license record
	LicenseValid                            // a license valid at the latest block
	LicenseExpired                          // a license record whose expiry has passed
	LicenseCreator                          // the account registered the work
	LicenseOpen                             // the work is open to everyone
	LicenseUnregistered                     // no such work in the registry
)

var licenseStateNames = [...]string{"none", "valid", "expired", "creator", "open", "unregistered"}

// String returns the state's one-word name, as the JSON outputs use it.
func (s LicenseState) String() string {
	if s < 0 || int(s) >= len(licenseStateNames) {
		return fmt.Sprintf("LicenseState(%d)", int(s))
	}
	return licenseStateNames[s]
}

// License is an account's license record in the registry. Expiry is in
// unix seconds, exclusive: 0 for no record, PerpetualExpiry for a license
// that never ends.
type License struct {
	Expiry       uint64
	Transferable bool
}

// LicenseStatus is the answer to "may this account fetch this work now?".
// Expiry and Transferable describe the account's license record when it
// was read (they are zero for an unregistered work, its creator and an
// open work, where the record does not matter).
type LicenseStatus struct {
	State        LicenseState
	Expiry       uint64
	Transferable bool
}

// Allowed reports whether the status lets the account fetch the work.
func (s LicenseStatus) Allowed() bool {
	return s.State == LicenseValid || s.State == LicenseCreator || s.State == LicenseOpen
}

// LicenseFacts are the registry's answers a LicenseStatus is decided from,
// read in this order: Work; then, for a registered work whose account is
// neither its creator nor the work open, Valid (hasValidLicense) and
// License; then, only when Valid, Now (the latest block's timestamp).
type LicenseFacts struct {
	Work    WorkInfo
	Valid   bool
	License License
	Now     uint64
}

// LiveAt reports whether a license with this expiry is valid at chain
// time now: the registry's own rule, now < expiry.
func LiveAt(expiry, now uint64) bool { return now < expiry }

// DecideLicense decides account's status from the registry's answers. It
// is the one rule: the CLI's `license check`, the node's API and the
// rights checker (licensing/rights, which makes the same decision from
// the same reads) agree with it. The reads are not atomic: a license that
// the registry called valid but whose expiry is not after Now expired
// between the reads, and is expired.
func DecideLicense(account common.Address, f LicenseFacts) LicenseStatus {
	switch {
	case f.Work.Creator == (common.Address{}):
		return LicenseStatus{State: LicenseUnregistered}
	case f.Work.Creator == account:
		return LicenseStatus{State: LicenseCreator}
	case f.Work.Open:
		return LicenseStatus{State: LicenseOpen}
	}
	st := LicenseStatus{Expiry: f.License.Expiry, Transferable: f.License.Transferable}
	switch {
	case !f.Valid && f.License.Expiry != 0:
		// A record that is not valid is one that ran out: a license
		// transferred away, or never held, has no record.
		st.State = LicenseExpired
	case !f.Valid:
		st.State = LicenseNone
	case !LiveAt(f.License.Expiry, f.Now):
		st.State = LicenseExpired
	default:
		st.State = LicenseValid
	}
	return st
}

// LicenseSource is what ReadLicenseStatus reads from the registry;
// *RightsReader implements it.
type LicenseSource interface {
	Work(ctx context.Context, root [32]byte) (WorkInfo, error)
	HasValidLicense(ctx context.Context, root [32]byte, account common.Address) (bool, error)
	License(ctx context.Context, root [32]byte, account common.Address) (License, error)
	Now(ctx context.Context) (uint64, error)
}

// ReadLicenseStatus reads what DecideLicense needs, in the order
// LicenseFacts gives and no more, and decides. A failed read is an error,
// never a status.
func ReadLicenseStatus(ctx context.Context, src LicenseSource, root [32]byte, account common.Address) (LicenseStatus, error) {
	var f LicenseFacts
	var err error
	if f.Work, err = src.Work(ctx, root); err != nil {
		return LicenseStatus{}, err
	}
	if f.Work.Creator == (common.Address{}) || f.Work.Creator == account || f.Work.Open {
		return DecideLicense(account, f), nil
	}
	if f.Valid, err = src.HasValidLicense(ctx, root, account); err != nil {
		return LicenseStatus{}, err
	}
	if f.License, err = src.License(ctx, root, account); err != nil {
		return LicenseStatus{}, err
	}
	if f.Valid {
		if f.Now, err = src.Now(ctx); err != nil {
			return LicenseStatus{}, err
		}
	}
	return DecideLicense(account, f), nil
}
