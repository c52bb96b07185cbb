package catalog

import (
	"errors"
	"math"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain/registry"
)

// memKV is an in-memory kv for the decision functions.
type memKV map[string][]byte

func (m memKV) get(b, k []byte) []byte   { return m[string(b)+"/"+string(k)] }
func (m memKV) put(b, k, v []byte) error { m[string(b)+"/"+string(k)] = v; return nil }
func (m memKV) del(b, k []byte) error    { delete(m, string(b)+"/"+string(k)); return nil }
func (m memKV) has(b, k []byte) bool     { _, ok := m[string(b)+"/"+string(k)]; return ok }
func (m memKV) license(a common.Address, r common.Hash) (l License, ok bool) {
	return l, getJSON(m, bucketLicenses, licenseKey(a, r), &l)
}

var testABI = func() *abi.ABI {
	a, err := registry.EssaimRegistryMetaData.ParseABI()
	if err != nil {
		panic(err)
	}
	return a
}()

// mkLog builds a registry log of event name with the indexed values and
// the non-indexed ones, as the contract would emit it.
func mkLog(t testing.TB, block uint64, name string, indexed []any, data ...any) types.Log {
	t.Helper()
	ev := testABI.Events[name]
	topics := []common.Hash{ev.ID}
	for _, v := range indexed {
		tt, err := abi.MakeTopics([]any{v})
		if err != nil {
			t.Fatal(err)
		}
		topics = append(topics, tt[0][0])
	}
	packed, err := ev.Inputs.NonIndexed().Pack(data...)
	if err != nil {
		t.Fatalf("pack %s: %v", name, err)
	}
	return types.Log{Topics: topics, Data: packed, BlockNumber: block}
}

var (
	rootA    = common.Hash{0xa1}
	creator  = common.Address{0xc1}
	coPayee  = common.Address{0xc2}
	buyer    = common.Address{0xb1}
	receiver = common.Address{0xb2}
)

func registeredLog(t testing.TB, block uint64, root common.Hash, title string, tags ...string) types.Log {
	return mkLog(t, block, "WorkRegistered", []any{root, creator}, title, tags, [32]byte{0x33}, false,
		[]registry.IEssaimRegistrySplit{{Payee: creator, Bps: 7000}, {Payee: coPayee, Bps: 3000}})
}

func offerLog(t testing.TB, root common.Hash, id uint32, price int64, transferable bool) types.Log {
	return mkLog(t, 2, "OfferAdded", []any{root, id}, big.NewInt(price), uint64(3600), uint32(10), transferable, uint16(0))
}

func (m memKV) listing(r common.Hash, seller common.Address) (l Listing, ok bool) {
	return l, getJSON(m, bucketListings, listingKey(r, seller), &l)
}

func purchasedLog(t testing.TB, block uint64, who common.Address, expiry uint64) types.Log {
	return mkLog(t, block, "LicensePurchased", []any{rootA, who, uint32(1)}, big.NewInt(5), expiry, true)
}

func listedLog(t testing.TB, block uint64, seller common.Address, price int64, version uint64) types.Log {
	return mkLog(t, block, "LicenseListed", []any{rootA, seller}, big.NewInt(price), version)
}

func TestApplyLog(t *testing.T) {
	tests := []struct {
		name  string
		logs  func(t *testing.T) []types.Log
		check func(t *testing.T, s memKV)
	}{
		{
			name: "WorkRegistered stores the work and indexes creator and payees",
			logs: func(t *testing.T) []types.Log { return []types.Log{registeredLog(t, 1, rootA, "Nocturne", "music")} },
			check: func(t *testing.T, s memKV) {
				var w Work
				if !getJSON(s, bucketWorks, rootA[:], &w) || w.Title != "Nocturne" || w.Creator != creator ||
					len(w.Splits) != 2 || w.Splits[1] != (Split{coPayee, 3000}) || w.Block != 1 || w.Time != 1000 {
					t.Fatalf("work = %+v", w)
				}
				if !s.has(bucketPayees, payeeKey(creator, rootA)) || !s.has(bucketPayees, payeeKey(coPayee, rootA)) {
					t.Fatal("payee index incomplete")
				}
			},
		},
		{
			name: "OfferRetired marks the offer",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{offerLog(t, rootA, 0, 5, true), mkLog(t, 3, "OfferRetired", []any{rootA, uint32(0)})}
			},
			check: func(t *testing.T, s memKV) {
				var o Offer
				if !getJSON(s, bucketOffers, offerKey(rootA, 0), &o) || !o.Retired || o.Price.Int64() != 5 || o.Supply != 10 {
					t.Fatalf("offer = %+v", o)
				}
			},
		},
		{
			name: "LicensePurchased records the license and counts the sale",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{offerLog(t, rootA, 1, 5, true),
					mkLog(t, 3, "LicensePurchased", []any{rootA, buyer, uint32(1)}, big.NewInt(5), uint64(99), true)}
			},
			check: func(t *testing.T, s memKV) {
				var o Offer
				getJSON(s, bucketOffers, offerKey(rootA, 1), &o)
				if l, ok := s.license(buyer, rootA); !ok || l.Expiry != 99 || !l.Transferable || o.Sold != 1 {
					t.Fatalf("license %+v, sold %d", l, o.Sold)
				}
			},
		},
		{
			name: "a grant that does not extend changes nothing",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{mkLog(t, 3, "LicensePurchased", []any{rootA, buyer, uint32(1)}, big.NewInt(5), uint64(99), true),
					mkLog(t, 4, "LicenseGranted", []any{rootA, buyer}, uint64(99))}
			},
			check: func(t *testing.T, s memKV) {
				if l, _ := s.license(buyer, rootA); l.Expiry != 99 || !l.Transferable {
					t.Fatalf("license = %+v", l)
				}
			},
		},
		{
			name: "a grant that extends leaves the record non-transferable",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{mkLog(t, 3, "LicensePurchased", []any{rootA, buyer, uint32(1)}, big.NewInt(5), uint64(99), true),
					mkLog(t, 4, "LicenseGranted", []any{rootA, buyer}, uint64(math.MaxUint64))}
			},
			check: func(t *testing.T, s memKV) {
				if l, _ := s.license(buyer, rootA); l.Expiry != math.MaxUint64 || l.Transferable {
					t.Fatalf("license = %+v", l)
				}
			},
		},
		{
			name: "LicenseTransferred moves the record",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{mkLog(t, 3, "LicensePurchased", []any{rootA, buyer, uint32(1)}, big.NewInt(5), uint64(99), true),
					mkLog(t, 4, "LicenseTransferred", []any{rootA, buyer, receiver}, uint64(120))}
			},
			check: func(t *testing.T, s memKV) {
				if _, ok := s.license(buyer, rootA); ok {
					t.Fatal("sender still holds the license")
				}
				if l, ok := s.license(receiver, rootA); !ok || l.Expiry != 120 || !l.Transferable {
					t.Fatalf("receiver's license = %+v", l)
				}
			},
		},
		{
			name: "OfferAdded keeps the offer's royalty",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{mkLog(t, 2, "OfferAdded", []any{rootA, uint32(4)}, big.NewInt(9), uint64(0), uint32(0), true, uint16(1250))}
			},
			check: func(t *testing.T, s memKV) {
				var o Offer
				if !getJSON(s, bucketOffers, offerKey(rootA, 4), &o) || o.RoyaltyBps != 1250 || !o.Transferable {
					t.Fatalf("offer = %+v", o)
				}
			},
		},
		{
			name: "LicenseListed keeps the newest version; LicenseUnlisted ends it",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{listedLog(t, 3, buyer, 7, 1), listedLog(t, 4, buyer, 9, 2), listedLog(t, 4, receiver, 5, 1),
					mkLog(t, 5, "LicenseUnlisted", []any{rootA, receiver}, uint64(1))}
			},
			check: func(t *testing.T, s memKV) {
				if l, ok := s.listing(rootA, buyer); !ok || l.Price.Int64() != 9 || l.Version != 2 || l.Seller != buyer {
					t.Fatalf("listing = %+v, %v", l, ok)
				}
				if _, ok := s.listing(rootA, receiver); ok {
					t.Fatal("an unlisted license is still listed")
				}
			},
		},
		{
			name: "LicenseResold moves the license, ends the listing and counts the royalty",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{registeredLog(t, 1, rootA, "Nocturne"), purchasedLog(t, 2, buyer, 99), listedLog(t, 3, buyer, 1000, 1),
					mkLog(t, 4, "LicenseResold", []any{rootA, buyer, receiver}, big.NewInt(1000), big.NewInt(100), uint64(99)),
					purchasedLog(t, 5, buyer, 200), listedLog(t, 6, buyer, 50, 2),
					mkLog(t, 7, "LicenseResold", []any{rootA, buyer, coPayee}, big.NewInt(50), big.NewInt(5), uint64(200))}
			},
			check: func(t *testing.T, s memKV) {
				if _, ok := s.license(buyer, rootA); ok {
					t.Fatal("the seller still holds the license")
				}
				if l, ok := s.license(receiver, rootA); !ok || l.Expiry != 99 || !l.Transferable {
					t.Fatalf("buyer's license = %+v", l)
				}
				if _, ok := s.listing(rootA, buyer); ok {
					t.Fatal("a sold listing is still listed")
				}
				var w Work
				if !getJSON(s, bucketWorks, rootA[:], &w) || w.Resales != 2 || w.Royalties.Int64() != 105 {
					t.Fatalf("work = %+v", w)
				}
			},
		},
		{
			name: "a resale of a work the catalogue does not know still moves the license",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{mkLog(t, 4, "LicenseResold", []any{rootA, buyer, receiver}, big.NewInt(1000), big.NewInt(100), uint64(99))}
			},
			check: func(t *testing.T, s memKV) {
				if l, ok := s.license(receiver, rootA); !ok || l.Expiry != 99 || s.has(bucketWorks, rootA[:]) {
					t.Fatalf("buyer's license = %+v, %v", l, ok)
				}
			},
		},
		{
			name: "OpenSet updates a known work and ignores an unknown one",
			logs: func(t *testing.T) []types.Log {
				return []types.Log{registeredLog(t, 1, rootA, "Nocturne"), mkLog(t, 2, "OpenSet", []any{rootA}, true),
					mkLog(t, 2, "OpenSet", []any{common.Hash{0xee}}, true)}
			},
			check: func(t *testing.T, s memKV) {
				var w Work
				if !getJSON(s, bucketWorks, rootA[:], &w) || !w.Open || s.has(bucketWorks, common.Hash{0xee}.Bytes()) {
					t.Fatalf("work = %+v", w)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memKV{}
			for _, l := range tt.logs(t) {
				if _, err := applyLog(s, &l, 1000); err != nil {
					t.Fatal(err)
				}
			}
			tt.check(t, s)
		})
	}
}

func TestApplyLogSkipsMalformed(t *testing.T) {
	good := mkLog(t, 3, "LicensePurchased", []any{rootA, buyer, uint32(1)}, big.NewInt(5), uint64(99), true)
	short := good
	short.Data = good.Data[:40]
	noData := good
	noData.Data = nil
	fewTopics := good
	fewTopics.Topics = good.Topics[:2]
	badBool := good
	badBool.Data = append([]byte{}, good.Data...)
	badBool.Data[len(badBool.Data)-1] = 7 // a bool must be 0 or 1
	badTitle := registeredLog(t, 1, rootA, "x")
	badTitle.Data = append([]byte{}, badTitle.Data...)
	badTitle.Data[0] = 0xff // title offset far out of range
	tests := []struct {
		name string
		log  types.Log
	}{
		{"no topics", types.Log{Data: good.Data}},
		{"truncated data", short},
		{"empty data", noData},
		{"missing indexed topic", fewTopics},
		{"non-boolean bool", badBool},
		{"string offset out of range", badTitle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memKV{}
			ok, err := applyLog(s, &tt.log, 0)
			if !errors.Is(err, errMalformed) || ok || len(s) != 0 {
				t.Fatalf("applyLog = %v, %v, state %d keys; want errMalformed and no change", ok, err, len(s))
			}
		})
	}
	// Events the catalogue does not track, and foreign logs, are no-ops.
	for _, l := range []types.Log{
		mkLog(t, 1, "Committed", []any{common.Hash{1}, creator}),
		mkLog(t, 1, "Withdrawn", []any{creator, creator}, big.NewInt(1)),
		mkLog(t, 1, "ProceedsClaimed", []any{creator}, big.NewInt(1)),
		{Topics: []common.Hash{{0x99}}},
	} {
		if ok, err := applyLog(memKV{}, &l, 0); ok || err != nil {
			t.Errorf("applyLog(%x) = %v, %v; want a no-op", l.Topics[0], ok, err)
		}
	}
}

// FuzzDecodeLog checks that no log, however malformed, makes the decoder
// panic.
func FuzzDecodeLog(f *testing.F) {
	good := mkLog(f, 1, "WorkRegistered", []any{rootA, creator}, "t", []string{"a"}, [32]byte{}, true, []registry.IEssaimRegistrySplit{})
	f.Add(uint8(0), 3, good.Data)
	for which := range uint8(10) {
		f.Add(which, 3, []byte{1, 2, 3})
	}
	names := []string{"WorkRegistered", "OfferAdded", "LicensePurchased", "LicenseTransferred", "OfferRetired", "OpenSet", "LicenseGranted",
		"LicenseListed", "LicenseUnlisted", "LicenseResold"}
	f.Fuzz(func(t *testing.T, which uint8, nTopics int, data []byte) {
		topics := []common.Hash{testABI.Events[names[int(which)%len(names)]].ID}
		for i := 0; i < nTopics%5; i++ {
			topics = append(topics, common.Hash{byte(i)})
		}
		l := types.Log{Topics: topics, Data: data}
		_, _ = applyLog(memKV{}, &l, 0)
	})
}
