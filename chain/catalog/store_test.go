package catalog

import (
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "catalog.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// rangeOf is a one-block range whose hash is derived from the number.
func rangeOf(n uint64, logs ...types.Log) blockRange {
	for i := range logs {
		logs[i].BlockNumber, logs[i].Index = n, uint(i)
	}
	return blockRange{from: n, to: n, logs: logs,
		hashes: map[uint64]common.Hash{n: {byte(n), 0xbb}}, times: map[uint64]uint64{n: 1000 + n}}
}

func mustApply(t *testing.T, s *Store, r blockRange) int {
	t.Helper()
	n, err := s.applyRange(r, func(l types.Log, err error) { t.Logf("skipped: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStoreFileMode(t *testing.T) {
	_, path := openTemp(t)
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
}

func TestSearch(t *testing.T) {
	s, _ := openTemp(t)
	rootB, rootC := common.Hash{0xb0}, common.Hash{0xc0}
	mustApply(t, s, rangeOf(1, registeredLog(t, 0, rootC, "Gymnopédie No. 1", "Music", "piano")))
	mustApply(t, s, rangeOf(2, registeredLog(t, 0, rootA, "Moonlight Sonata", "music", "classical")))
	mustApply(t, s, rangeOf(3, registeredLog(t, 0, rootB, "City Lights", "film")))
	tests := []struct {
		query string
		want  []common.Hash
	}{
		{"", []common.Hash{rootC, rootA, rootB}},
		{"LIGHT", []common.Hash{rootA, rootB}}, // title substring, any case
		{"mus", []common.Hash{rootC, rootA}},   // tag prefix, any case
		{"usic", nil},                          // not a tag prefix, not in a title
		{"pian", []common.Hash{rootC}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		ws, err := s.Search(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		var got []common.Hash
		for _, w := range ws {
			got = append(got, w.Root)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q) = %x, want %x", tt.query, got, tt.want)
		}
	}
	for _, tt := range []struct {
		terms []string
		want  []common.Hash
	}{
		{nil, []common.Hash{rootC, rootA, rootB}},
		{[]string{"music", "piano"}, []common.Hash{rootC}},     // both must match
		{[]string{"light", "classical"}, []common.Hash{rootA}}, // title and tag
		{[]string{"LIGHT", " film "}, []common.Hash{rootB}},    // any case, trimmed
		{[]string{"music", "film"}, nil},
	} {
		ws, err := s.SearchTerms(tt.terms)
		if err != nil {
			t.Fatal(err)
		}
		var got []common.Hash
		for _, w := range ws {
			got = append(got, w.Root)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SearchTerms(%q) = %x, want %x", tt.terms, got, tt.want)
		}
	}
	if roots, _ := s.PayeeRoots(coPayee); len(roots) != 3 {
		t.Errorf("PayeeRoots(co-payee) = %x, want 3 roots", roots)
	}
}

func TestApplyRangeSkipsMalformedLog(t *testing.T) {
	s, _ := openTemp(t)
	bad := offerLog(t, rootA, 0, 1, false)
	bad.Data = bad.Data[:10]
	var warned int
	n, err := s.applyRange(rangeOf(1, bad, offerLog(t, rootA, 1, 2, false)), func(types.Log, error) { warned++ })
	if err != nil || n != 1 || warned != 1 {
		t.Fatalf("applyRange = %d, %v, %d warnings; want 1 applied, 1 warning", n, err, warned)
	}
	if offers, _ := s.Offers(rootA); len(offers) != 1 || offers[0].ID != 1 {
		t.Fatalf("offers = %+v", offers)
	}
	if last, _, ok, _ := s.LastBlock(); !ok || last != 1 {
		t.Fatalf("last block %d, %v", last, ok)
	}
}

func TestRewindRestoresState(t *testing.T) {
	s, _ := openTemp(t)
	mustApply(t, s, rangeOf(1, registeredLog(t, 0, rootA, "Nocturne"), offerLog(t, rootA, 0, 5, true)))
	mustApply(t, s, rangeOf(2, mkLog(t, 0, "LicensePurchased", []any{rootA, buyer, uint32(0)}, big.NewInt(5), uint64(99), true)))
	snapshot := func() (Work, []Offer, []License) {
		w, _, _ := s.Work(rootA)
		o, _ := s.Offers(rootA)
		l, _ := s.LicensesOf(buyer)
		return w, o, l
	}
	w2, o2, l2 := snapshot()
	mustApply(t, s, rangeOf(3,
		mkLog(t, 0, "LicensePurchased", []any{rootA, buyer, uint32(0)}, big.NewInt(5), uint64(200), true),
		mkLog(t, 0, "OpenSet", []any{rootA}, true),
		mkLog(t, 0, "OfferRetired", []any{rootA, uint32(0)})))
	mustApply(t, s, rangeOf(4, mkLog(t, 0, "LicenseTransferred", []any{rootA, buyer, receiver}, uint64(200)),
		registeredLog(t, 0, common.Hash{0xdd}, "Later")))
	if err := s.rewind(2); err != nil {
		t.Fatal(err)
	}
	w, o, l := snapshot()
	if !reflect.DeepEqual(w, w2) || !reflect.DeepEqual(o, o2) || !reflect.DeepEqual(l, l2) {
		t.Fatalf("after rewind:\n%+v %+v %+v\nwant\n%+v %+v %+v", w, o, l, w2, o2, l2)
	}
	if got, _ := s.LicensesOf(receiver); len(got) != 0 {
		t.Fatalf("receiver still has %+v", got)
	}
	if _, ok, _ := s.Work(common.Hash{0xdd}); ok {
		t.Fatal("work of an undone block still listed")
	}
	if roots, _ := s.PayeeRoots(creator); len(roots) != 1 {
		t.Fatalf("payee index not undone: %x", roots)
	}
	if last, h, _, _ := s.LastBlock(); last != 2 || h != (common.Hash{2, 0xbb}) {
		t.Fatalf("last = %d %s", last, h)
	}
	// The range after the fork applies again.
	mustApply(t, s, rangeOf(3, mkLog(t, 0, "OpenSet", []any{rootA}, true)))
}

func TestPruneKeepsRecentBlocks(t *testing.T) {
	s, _ := openTemp(t)
	for n := uint64(1); n <= keepBlocks+10; n++ {
		mustApply(t, s, rangeOf(n, mkLog(t, 0, "OpenSet", []any{rootA}, n%2 == 0)))
	}
	nums, _, err := s.recentHashes()
	if err != nil || len(nums) != keepBlocks || nums[0] != keepBlocks+10 {
		t.Fatalf("kept %d hashes (newest %v), %v", len(nums), nums[:1], err)
	}
}
