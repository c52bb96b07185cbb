package catalog

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	bolt "go.etcd.io/bbolt"
)

// errStore marks a failure of the local database; the follower stops on it.
var errStore = errors.New("catalogue store")

// Bookkeeping buckets, written only by the store itself.
var (
	bucketMeta   = []byte("meta")   // keyLast -> number (8 BE) ‖ hash
	bucketHashes = []byte("hashes") // number (8 BE) -> block hash, the last keepBlocks blocks
	bucketUndo   = []byte("undo")   // number (8 BE) ‖ seq (4 BE) -> undoRecord
	keyLast      = []byte("last")
)

// keepBlocks is how many recent blocks keep their hash and undo records:
// the deepest reorganisation the catalogue can follow.
const keepBlocks = 64

// Store is the catalogue's bbolt file. Its methods are safe for concurrent
// use (bbolt serialises writers); only one Follower should write to it.
type Store struct {
	db *bolt.DB
}

// Open opens or creates the catalogue at path (file mode 0600).
func Open(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %v", errStore, path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketWorks, bucketOffers, bucketLicenses, bucketPayees, bucketListings, bucketMeta, bucketHashes, bucketUndo} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: init %s: %v", errStore, path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// LastBlock returns the last processed block; ok is false before the first
// range has been processed.
func (s *Store) LastBlock() (number uint64, hash common.Hash, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		number, hash, ok = lastOf(tx)
		return nil
	})
	return number, hash, ok, err
}

func lastOf(tx *bolt.Tx) (uint64, common.Hash, bool) {
	v := tx.Bucket(bucketMeta).Get(keyLast)
	if len(v) != 8+common.HashLength {
		return 0, common.Hash{}, false
	}
	return binary.BigEndian.Uint64(v), common.BytesToHash(v[8:]), true
}

// Work returns the work registered under root.
func (s *Store) Work(root common.Hash) (w Work, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		ok = getJSON(&txKV{tx: tx}, bucketWorks, root[:], &w)
		return nil
	})
	return w, ok, err
}

// Search returns the works whose title contains query (case-insensitive)
// or that have a tag equal to or starting with query (case-insensitive),
// in registration order. An empty query lists every work.
func (s *Store) Search(query string) ([]Work, error) {
	q := strings.ToLower(strings.TrimSpace(query))
	var out []Work
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketWorks).ForEach(func(_, v []byte) error {
			var w Work
			if json.Unmarshal(v, &w) == nil && matches(w, q) {
				out = append(out, w)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Block != out[j].Block {
			return out[i].Block < out[j].Block
		}
		return out[i].LogIndex < out[j].LogIndex
	})
	return out, err
}

// SearchTerms returns the works that match every term, as Search matches
// one, in registration order. No term lists every work.
func (s *Store) SearchTerms(terms []string) ([]Work, error) {
	all, err := s.Search("")
	if err != nil {
		return nil, err
	}
	var out []Work
	for _, w := range all {
		ok := true
		for _, t := range terms {
			if !matches(w, strings.ToLower(strings.TrimSpace(t))) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, w)
		}
	}
	return out, nil
}

func matches(w Work, q string) bool {
	if q == "" || strings.Contains(strings.ToLower(w.Title), q) {
		return true
	}
	for _, t := range w.Tags {
		if strings.HasPrefix(strings.ToLower(t), q) {
			return true
		}
	}
	return false
}

// Offers returns the offers of a work by id.
func (s *Store) Offers(root common.Hash) ([]Offer, error) {
	var out []Offer
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOffers).Cursor()
		for k, v := c.Seek(root[:]); k != nil && bytes.HasPrefix(k, root[:]); k, v = c.Next() {
			var o Offer
			if json.Unmarshal(v, &o) == nil {
				out = append(out, o)
			}
		}
		return nil
	})
	return out, err
}

// Listings returns the licenses of a work listed for resale, by seller.
// A listing whose license has expired since is still listed (the registry
// refuses to sell it): compare with the seller's license.
func (s *Store) Listings(root common.Hash) ([]Listing, error) {
	var out []Listing
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketListings).Cursor()
		for k, v := c.Seek(root[:]); k != nil && bytes.HasPrefix(k, root[:]); k, v = c.Next() {
			var l Listing
			if json.Unmarshal(v, &l) == nil {
				out = append(out, l)
			}
		}
		return nil
	})
	return out, err
}

// Listing returns seller's active listing of its license to a work.
func (s *Store) Listing(root common.Hash, seller common.Address) (l Listing, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		ok = getJSON(&txKV{tx: tx}, bucketListings, listingKey(root, seller), &l)
		return nil
	})
	return l, ok, err
}

// License returns account's license record for a work.
func (s *Store) License(root common.Hash, account common.Address) (l License, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		ok = getJSON(&txKV{tx: tx}, bucketLicenses, licenseKey(account, root), &l)
		return nil
	})
	return l, ok, err
}

// LicensesOf returns every license record of account, expired ones
// included (compare Expiry with the chain's time).
func (s *Store) LicensesOf(account common.Address) ([]License, error) {
	var out []License
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketLicenses).Cursor()
		for k, v := c.Seek(account[:]); k != nil && bytes.HasPrefix(k, account[:]); k, v = c.Next() {
			var l License
			if json.Unmarshal(v, &l) == nil {
				out = append(out, l)
			}
		}
		return nil
	})
	return out, err
}

// PayeeRoots returns the roots of the works that pay account, as creator
// or as a split payee: the list to pass to the registry's withdraw.
func (s *Store) PayeeRoots(account common.Address) ([]common.Hash, error) {
	var out []common.Hash
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPayees).Cursor()
		for k, _ := c.Seek(account[:]); k != nil && bytes.HasPrefix(k, account[:]); k, _ = c.Next() {
			out = append(out, common.BytesToHash(k[common.AddressLength:]))
		}
		return nil
	})
	return out, err
}

// blockRange is what the follower read from the chain for blocks
// from..to: the registry's logs, and the hashes and times of the blocks
// whose headers it fetched (at least to).
type blockRange struct {
	from, to uint64
	logs     []types.Log
	hashes   map[uint64]common.Hash
	times    map[uint64]uint64
}

// applyRange applies the logs of r and moves the last processed block to
// r.to, in one transaction. warn is told about each malformed log. It
// returns how many logs changed the catalogue.
func (s *Store) applyRange(r blockRange, warn func(types.Log, error)) (int, error) {
	applied := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		if n, _, ok := lastOf(tx); ok && r.from != n+1 {
			return fmt.Errorf("range %d-%d does not follow block %d", r.from, r.to, n)
		}
		st := &txKV{tx: tx, undo: true}
		for i := range r.logs {
			l := &r.logs[i]
			st.block, st.seq = l.BlockNumber, seqAfter(tx, l.BlockNumber)
			t := l.BlockTimestamp
			if t == 0 {
				t = r.times[l.BlockNumber]
			}
			ok, err := applyLog(st, l, t)
			switch {
			case errors.Is(err, errMalformed):
				warn(*l, err)
			case err != nil:
				return err
			case ok:
				applied++
			}
		}
		hb := tx.Bucket(bucketHashes)
		for n, h := range r.hashes {
			if err := hb.Put(be64(n), h[:]); err != nil {
				return err
			}
		}
		h := r.hashes[r.to]
		last := append(be64(r.to), h[:]...)
		if err := tx.Bucket(bucketMeta).Put(keyLast, last); err != nil {
			return err
		}
		return prune(tx, r.to)
	})
	if err != nil {
		return 0, fmt.Errorf("%w: apply blocks %d-%d: %v", errStore, r.from, r.to, err)
	}
	return applied, nil
}

// seqAfter is the next free undo sequence number of a block.
func seqAfter(tx *bolt.Tx, block uint64) uint32 {
	c := tx.Bucket(bucketUndo).Cursor()
	k, _ := c.Seek(be64(block + 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || binary.BigEndian.Uint64(k) != block {
		return 0
	}
	return binary.BigEndian.Uint32(k[8:]) + 1
}

// prune forgets hashes and undo records of blocks more than keepBlocks
// below last.
func prune(tx *bolt.Tx, last uint64) error {
	if last < keepBlocks {
		return nil
	}
	limit := be64(last - keepBlocks + 1)
	for _, name := range [][]byte{bucketHashes, bucketUndo} {
		c := tx.Bucket(name).Cursor()
		for k, _ := c.First(); k != nil && bytes.Compare(k, limit) < 0; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
		}
	}
	return nil
}

// recentHashes returns the stored block hashes, newest first.
func (s *Store) recentHashes() (nums []uint64, hashes []common.Hash, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketHashes).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			nums = append(nums, binary.BigEndian.Uint64(k))
			hashes = append(hashes, common.BytesToHash(v))
		}
		return nil
	})
	return nums, hashes, err
}

// rewind undoes every block above fork, whose hash must be stored, and
// makes fork the last processed block.
func (s *Store) rewind(fork uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		h := tx.Bucket(bucketHashes).Get(be64(fork))
		if h == nil {
			return fmt.Errorf("no hash stored for block %d", fork)
		}
		c := tx.Bucket(bucketUndo).Cursor()
		for k, v := c.Last(); k != nil && binary.BigEndian.Uint64(k) > fork; k, v = c.Last() {
			var u undoRecord
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("undo record %x: %v", k, err)
			}
			if err := u.restore(tx); err != nil {
				return err
			}
			if err := c.Delete(); err != nil {
				return err
			}
		}
		hc := tx.Bucket(bucketHashes).Cursor()
		for k, _ := hc.Last(); k != nil && binary.BigEndian.Uint64(k) > fork; k, _ = hc.Last() {
			if err := hc.Delete(); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keyLast, append(be64(fork), h...))
	})
	if err != nil {
		return fmt.Errorf("%w: rewind to block %d: %v", errStore, fork, err)
	}
	return nil
}

// undoRecord is the value a key had before a block changed it.
type undoRecord struct {
	Bucket  string `json:"b"`
	Key     []byte `json:"k"`
	Old     []byte `json:"v,omitempty"`
	Existed bool   `json:"e"`
}

func (u undoRecord) restore(tx *bolt.Tx) error {
	b := tx.Bucket([]byte(u.Bucket))
	if b == nil {
		return fmt.Errorf("undo names unknown bucket %q", u.Bucket)
	}
	if !u.Existed {
		return b.Delete(u.Key)
	}
	return b.Put(u.Key, u.Old)
}

// txKV is the kv of a bbolt transaction. With undo set, every change is
// first recorded as an undo record of block.
type txKV struct {
	tx    *bolt.Tx
	undo  bool
	block uint64
	seq   uint32
}

func (t txKV) get(bucket, key []byte) []byte { return t.tx.Bucket(bucket).Get(key) }

func (t *txKV) put(bucket, key, val []byte) error {
	if err := t.record(bucket, key); err != nil {
		return err
	}
	return t.tx.Bucket(bucket).Put(key, val)
}

func (t *txKV) del(bucket, key []byte) error {
	if err := t.record(bucket, key); err != nil {
		return err
	}
	return t.tx.Bucket(bucket).Delete(key)
}

func (t *txKV) record(bucket, key []byte) error {
	if !t.undo {
		return nil
	}
	old := t.tx.Bucket(bucket).Get(key)
	u := undoRecord{Bucket: string(bucket), Key: key, Old: bytes.Clone(old), Existed: old != nil}
	b, err := json.Marshal(u)
	if err != nil {
		return err
	}
	k := binary.BigEndian.AppendUint32(be64(t.block), t.seq)
	t.seq++
	return t.tx.Bucket(bucketUndo).Put(k, b)
}

func be64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }
