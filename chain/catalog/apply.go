package catalog

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain/registry"
)

// errMalformed marks a registry log that does not decode; it is skipped.
var errMalformed = errors.New("malformed registry log")

// Buckets of the derived state. Every write to them goes through a kv, so
// that the store can record how to undo it.
var (
	bucketWorks    = []byte("works")    // root -> Work
	bucketOffers   = []byte("offers")   // root ‖ id (4 bytes BE) -> Offer
	bucketLicenses = []byte("licenses") // account ‖ root -> License
	bucketPayees   = []byte("payees")   // account ‖ root -> empty: creator or payee of root
	bucketListings = []byte("listings") // root ‖ seller -> Listing, active ones only
)

// kv is the state the decision functions read and write.
type kv interface {
	get(bucket, key []byte) []byte
	put(bucket, key, val []byte) error
	del(bucket, key []byte) error
}

var (
	bindings = registry.NewEssaimRegistry()
	eventIDs = func() map[string]common.Hash {
		a, err := registry.EssaimRegistryMetaData.ParseABI()
		if err != nil {
			panic(fmt.Sprintf("registry ABI: %v", err)) // generated code: cannot fail at run time
		}
		ids := map[string]common.Hash{}
		for name, ev := range a.Events {
			ids[name] = ev.ID
		}
		return ids
	}()
)

// decodeLog turns a registry log into one of the generated event structs.
// Events the catalogue does not track decode to nil. Anything that does not
// decode is errMalformed; decoding never panics on remote input.
func decodeLog(l *types.Log) (ev any, err error) {
	defer func() {
		if r := recover(); r != nil {
			ev, err = nil, fmt.Errorf("%w: decoder panic: %v", errMalformed, r)
		}
	}()
	if len(l.Topics) == 0 {
		return nil, fmt.Errorf("%w: no topics", errMalformed)
	}
	needData := func() error {
		if len(l.Data) == 0 { // the bindings would silently leave the fields zero
			return fmt.Errorf("%w: empty data", errMalformed)
		}
		return nil
	}
	switch l.Topics[0] {
	case eventIDs["WorkRegistered"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackWorkRegisteredEvent(l)
		}
	case eventIDs["OfferAdded"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackOfferAddedEvent(l)
		}
	case eventIDs["OfferRetired"]:
		ev, err = bindings.UnpackOfferRetiredEvent(l)
	case eventIDs["OpenSet"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackOpenSetEvent(l)
		}
	case eventIDs["LicensePurchased"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackLicensePurchasedEvent(l)
		}
	case eventIDs["LicenseGranted"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackLicenseGrantedEvent(l)
		}
	case eventIDs["LicenseTransferred"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackLicenseTransferredEvent(l)
		}
	case eventIDs["LicenseListed"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackLicenseListedEvent(l)
		}
	case eventIDs["LicenseUnlisted"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackLicenseUnlistedEvent(l)
		}
	case eventIDs["LicenseResold"]:
		if err = needData(); err == nil {
			ev, err = bindings.UnpackLicenseResoldEvent(l)
		}
	default:
		return nil, nil // Committed, RevenueClaimed, ProceedsClaimed, Withdrawn, or not the registry's
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	return ev, nil
}

// applyLog applies one log to the state. It reports whether the log
// changed what the catalogue tracks; a log that does not decode is
// errMalformed and changes nothing. blockTime is the log's block timestamp
// when known.
func applyLog(s kv, l *types.Log, blockTime uint64) (bool, error) {
	ev, err := decodeLog(l)
	if err != nil || ev == nil {
		return false, err
	}
	switch e := ev.(type) {
	case *registry.EssaimRegistryWorkRegistered:
		return true, applyWorkRegistered(s, e, l, blockTime)
	case *registry.EssaimRegistryOfferAdded:
		return true, putJSON(s, bucketOffers, offerKey(e.Root, e.OfferId), Offer{
			Root: e.Root, ID: e.OfferId, Price: nonNil(e.Price), Duration: e.Duration,
			Supply: e.Supply, Transferable: e.Transferable, RoyaltyBps: e.RoyaltyBps,
		})
	case *registry.EssaimRegistryOfferRetired:
		o := Offer{Root: e.Root, ID: e.OfferId, Price: new(big.Int)}
		getJSON(s, bucketOffers, offerKey(e.Root, e.OfferId), &o)
		o.Retired = true
		return true, putJSON(s, bucketOffers, offerKey(e.Root, e.OfferId), o)
	case *registry.EssaimRegistryOpenSet:
		var w Work
		if !getJSON(s, bucketWorks, e.Root[:], &w) {
			return false, nil // registered before the catalogue's start block
		}
		w.Open = e.Open
		return true, putJSON(s, bucketWorks, e.Root[:], w)
	case *registry.EssaimRegistryLicensePurchased:
		return true, applyPurchase(s, e)
	case *registry.EssaimRegistryLicenseGranted:
		return applyGrant(s, e)
	case *registry.EssaimRegistryLicenseTransferred:
		return true, moveLicense(s, e.Root, e.From, e.To, e.Expiry)
	case *registry.EssaimRegistryLicenseListed:
		return true, putJSON(s, bucketListings, listingKey(e.Root, e.Seller), Listing{
			Root: e.Root, Seller: e.Seller, Price: nonNil(e.Price), Version: e.Version,
		})
	case *registry.EssaimRegistryLicenseUnlisted:
		return true, s.del(bucketListings, listingKey(e.Root, e.Seller))
	case *registry.EssaimRegistryLicenseResold:
		return true, applyResale(s, e)
	}
	return false, nil
}

// moveLicense follows a license from one account to another: the sender's
// record is gone, the recipient's is transferable with the expiry the
// event reports (the later of both).
func moveLicense(s kv, root common.Hash, from, to common.Address, expiry uint64) error {
	if err := s.del(bucketLicenses, licenseKey(from, root)); err != nil {
		return err
	}
	return putJSON(s, bucketLicenses, licenseKey(to, root), License{
		Root: root, Account: to, Expiry: expiry, Transferable: true,
	})
}

// applyResale moves the license, ends the seller's listing and counts the
// resale and its royalty on the work.
func applyResale(s kv, e *registry.EssaimRegistryLicenseResold) error {
	if err := moveLicense(s, e.Root, e.Seller, e.Buyer, e.Expiry); err != nil {
		return err
	}
	if err := s.del(bucketListings, listingKey(e.Root, e.Seller)); err != nil {
		return err
	}
	var w Work
	if !getJSON(s, bucketWorks, e.Root[:], &w) {
		return nil // registered before the catalogue's start block
	}
	w.Resales++
	w.Royalties = new(big.Int).Add(nonNil(w.Royalties), nonNil(e.Royalty))
	return putJSON(s, bucketWorks, e.Root[:], w)
}

func applyWorkRegistered(s kv, e *registry.EssaimRegistryWorkRegistered, l *types.Log, blockTime uint64) error {
	w := Work{
		Root: e.Root, Creator: e.Creator, Title: e.Title, Tags: e.Tags,
		MetadataHash: e.MetadataHash, Open: e.Open,
		Block: l.BlockNumber, Time: blockTime, LogIndex: l.Index,
	}
	if err := s.put(bucketPayees, payeeKey(e.Creator, e.Root), []byte{1}); err != nil {
		return err
	}
	for _, sp := range e.Splits {
		w.Splits = append(w.Splits, Split{Payee: sp.Payee, Bps: sp.Bps})
		if err := s.put(bucketPayees, payeeKey(sp.Payee, e.Root), []byte{1}); err != nil {
			return err
		}
	}
	return putJSON(s, bucketWorks, e.Root[:], w)
}

func applyPurchase(s kv, e *registry.EssaimRegistryLicensePurchased) error {
	var o Offer
	if getJSON(s, bucketOffers, offerKey(e.Root, e.OfferId), &o) {
		o.Sold++
		if err := putJSON(s, bucketOffers, offerKey(e.Root, e.OfferId), o); err != nil {
			return err
		}
	}
	return putJSON(s, bucketLicenses, licenseKey(e.Buyer, e.Root), License{
		Root: e.Root, Account: e.Buyer, Expiry: e.Expiry, Transferable: e.Transferable,
	})
}

// applyGrant follows the contract: a grant that does not extend the record
// changes nothing (the event then carries the old expiry); one that does
// leaves it non-transferable.
func applyGrant(s kv, e *registry.EssaimRegistryLicenseGranted) (bool, error) {
	var old License
	if getJSON(s, bucketLicenses, licenseKey(e.To, e.Root), &old) && e.Expiry <= old.Expiry {
		return false, nil
	}
	return true, putJSON(s, bucketLicenses, licenseKey(e.To, e.Root), License{
		Root: e.Root, Account: e.To, Expiry: e.Expiry,
	})
}

func offerKey(root common.Hash, id uint32) []byte {
	return binary.BigEndian.AppendUint32(append([]byte{}, root[:]...), id)
}

func licenseKey(account common.Address, root common.Hash) []byte {
	return append(append([]byte{}, account[:]...), root[:]...)
}

func payeeKey(account common.Address, root common.Hash) []byte { return licenseKey(account, root) }

func listingKey(root common.Hash, seller common.Address) []byte {
	return append(append([]byte{}, root[:]...), seller[:]...)
}

func nonNil(x *big.Int) *big.Int {
	if x == nil {
		return new(big.Int)
	}
	return x
}

func putJSON(s kv, bucket, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.put(bucket, key, b)
}

// getJSON reads a record into v and reports whether it was there and
// decoded.
func getJSON(s kv, bucket, key []byte, v any) bool {
	b := s.get(bucket, key)
	return b != nil && json.Unmarshal(b, v) == nil
}
