package fetch

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/licensing/proof"
	"essaim/licensing/rights"
	"essaim/p2p/bitfield"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/xfer"
)

// allow answers every rights check with a fixed decision.
type allow struct{ d rights.Decision }

func (a allow) Check(context.Context, [32]byte, common.Address) (rights.Decision, error) {
	return a.d, nil
}

var open = allow{rights.Decision{Allowed: true, Reason: rights.Open}}

// served is a work as a holder serves it; corrupt flips a byte of every
// chunk it sends, and count counts the chunks read.
type served struct {
	src     *content.Source
	mb      []byte
	have    *bitfield.Bitfield
	corrupt bool
	count   atomic.Int64
}

func (w *served) Manifest() *content.Manifest { return w.src.Manifest() }
func (w *served) ManifestBytes() []byte       { return w.mb }
func (w *served) Held() *bitfield.Bitfield    { return w.have.Clone() }
func (w *served) ReadChunk(i int, buf []byte) ([]byte, error) {
	if !w.have.Has(i) {
		return nil, errors.New("not held")
	}
	w.count.Add(1)
	b, err := w.src.ReadChunk(i, buf)
	if err == nil && w.corrupt {
		b[len(b)/2] ^= 0xff
	}
	return b, err
}

type lib struct{ w *served }

func (l lib) Lookup(r content.Hash) (xfer.Work, bool) {
	if l.w == nil || r != l.w.Manifest().Root() {
		return nil, false
	}
	return l.w, true
}

type fixture struct {
	m    *content.Manifest
	path string
	data []byte
}

func newFixture(t *testing.T, size int) *fixture {
	t.Helper()
	f := &fixture{path: filepath.Join(t.TempDir(), "work.bin"), data: make([]byte, size)}
	rand.Read(f.data)
	if err := os.WriteFile(f.path, f.data, 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	if f.m, err = content.Build(f.path, content.WithChunkLog2(16)); err != nil {
		t.Fatal(err)
	}
	return f
}

func newHost(t *testing.T) host.Host {
	t.Helper()
	h, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// holder starts a host serving the fixture's work (all of it unless have
// says otherwise) with the given rights.
func (f *fixture) holder(t *testing.T, r xfer.Rights, corrupt bool, have *bitfield.Bitfield) (host.Host, *served) {
	t.Helper()
	src, err := content.OpenSource(f.path, f.m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	if have == nil {
		have = bitfield.Full(f.m.NumChunks())
	}
	mb, _ := f.m.MarshalBinary()
	w := &served{src: src, mb: mb, have: have, corrupt: corrupt}
	h := newHost(t)
	xfer.NewServer(h, xfer.ServerConfig{Domain: testDomain, Rights: r, Library: lib{w}})
	return h, w
}

func addrs(hs ...host.Host) func(context.Context, func(peer.AddrInfo)) {
	return func(_ context.Context, found func(peer.AddrInfo)) {
		for _, h := range hs {
			found(peer.AddrInfo{ID: h.ID(), Addrs: h.Addrs()})
		}
	}
}

func (f *fixture) run(t *testing.T, cfg Config) (*Result, string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if cfg.Host == nil {
		cfg.Host = newHost(t)
	}
	cfg.Root, cfg.Out = f.m.Root(), out
	if cfg.GiveUp == 0 {
		cfg.GiveUp = 5 * time.Second
	}
	cfg.Seed = 1
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := Run(ctx, cfg)
	return res, out, err
}

func (f *fixture) same(t *testing.T, out string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(out, "work.bin"))
	if err != nil || !bytes.Equal(got, f.data) {
		t.Fatalf("output differs (%v)", err)
	}
}

// Two holders, each with half of the work: the download needs both.
func TestTwoHalfHolders(t *testing.T) {
	f := newFixture(t, 2<<20)
	n := f.m.NumChunks()
	lo, hi := bitfield.New(n), bitfield.New(n)
	for i := range n {
		if i < n/2 {
			lo.Set(i)
		} else {
			hi.Set(i)
		}
	}
	a, _ := f.holder(t, open, false, lo)
	b, _ := f.holder(t, open, false, hi)
	res, out, err := f.run(t, Config{Discover: addrs(a, b)})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	if res.From[string(a.ID())] != n/2 || res.From[string(b.ID())] != n-n/2 {
		t.Fatalf("chunks per holder %v, want %d and %d", res.From, n/2, n-n/2)
	}
}

// A holder that corrupts every chunk is banned; the honest one finishes.
func TestCorruptHolderBanned(t *testing.T) {
	f := newFixture(t, 1<<20)
	bad, bw := f.holder(t, open, true, nil)
	good, _ := f.holder(t, open, false, nil)
	res, out, err := f.run(t, Config{Discover: addrs(bad, good)})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	if res.From[string(bad.ID())] != 0 {
		t.Fatalf("%d corrupt chunks counted as received", res.From[string(bad.ID())])
	}
	if bw.count.Load() == 0 {
		t.Fatal("the corrupt holder was never asked: the test proves nothing")
	}
}

// A "no license" refusal ends the download at once, with the typed error,
// and leaves no file.
func TestRefusalEndsDownload(t *testing.T) {
	f := newFixture(t, 256<<10)
	h, w := f.holder(t, allow{rights.Decision{Reason: rights.NoLicense}}, false, nil)
	_, out, err := f.run(t, Config{Discover: addrs(h)})
	var r *xfer.RefusedError
	if !errors.As(err, &r) || r.Code != xfer.CodeNeedProof {
		t.Fatalf("got %v, want a refusal", err)
	}
	if w.count.Load() != 0 {
		t.Fatal("chunks were read for a refused requester")
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a refused download created %s", out)
	}
}

// A holder that has not seen a fresh purchase says "no license"; when the
// chain says otherwise (Recheck), the download asks again instead of
// failing, and finishes once the holder agrees.
func TestRecheckRetriesLaggingHolder(t *testing.T) {
	f := newFixture(t, 256<<10)
	var flips atomic.Int32
	lag := rightsFunc(func() rights.Decision {
		if flips.Add(1) <= 2 {
			return rights.Decision{Reason: rights.NoLicense}
		}
		return rights.Decision{Allowed: true, Reason: rights.Licensed}
	})
	h, _ := f.holder(t, lag, false, nil)
	key := signer(t)
	res, out, err := f.run(t, Config{Discover: addrs(h), Prove: key, Recheck: func(context.Context) bool { return true }})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	if flips.Load() < 3 || res.From[string(h.ID())] != f.m.NumChunks() {
		t.Fatalf("%d checks, from %v", flips.Load(), res.From)
	}
}

// Nobody holds the work: the download gives up with ErrNoHolder.
func TestNoHolderGivesUp(t *testing.T) {
	f := newFixture(t, 64<<10)
	start := time.Now()
	_, _, err := f.run(t, Config{Discover: addrs(), GiveUp: 500 * time.Millisecond})
	if !errors.Is(err, ErrNoHolder) {
		t.Fatalf("got %v, want ErrNoHolder", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("gave up after %s", d)
	}
}

// A download that already holds part of the work fetches only the rest.
func TestResumesFromStore(t *testing.T) {
	f := newFixture(t, 1<<20)
	h, w := f.holder(t, open, false, nil)
	out := filepath.Join(t.TempDir(), "out")
	s, err := chunkstore.Open(out, f.m)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < f.m.NumChunks(); i += 2 {
		if err := s.Put(i, f.data[i<<16:min((i+1)<<16, len(f.data))]); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := Run(ctx, Config{Host: newHost(t), Root: f.m.Root(), Out: out, Discover: addrs(h), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	half := (f.m.NumChunks() + 1) / 2
	if res.Resumed != half || int(w.count.Load()) != f.m.NumChunks()-half {
		t.Fatalf("resumed %d, fetched %d; want %d and %d", res.Resumed, w.count.Load(), half, f.m.NumChunks()-half)
	}
}

var testDomain = proof.Domain{ChainID: big.NewInt(31337), Contract: common.HexToAddress("0x1")}

// A Prover that fails is this side's problem: the download stops at once.
func TestProverFailureIsFatal(t *testing.T) {
	f := newFixture(t, 64<<10)
	h, _ := f.holder(t, open, false, nil)
	_, _, err := f.run(t, Config{Discover: addrs(h), Prove: func(proof.Access) ([]byte, error) { return nil, errors.New("key locked") }})
	if !errors.Is(err, xfer.ErrSign) {
		t.Fatalf("got %v, want ErrSign", err)
	}
}

type rightsFunc func() rights.Decision

func (r rightsFunc) Check(context.Context, [32]byte, common.Address) (rights.Decision, error) {
	return r(), nil
}

// One holder's refusal is not the chain's word: a peer that refuses
// everyone (a liar, or a holder whose RPC lags) does not end a download
// that an honest holder can serve.
func TestOneRefusingHolderDoesNotEndDownload(t *testing.T) {
	f := newFixture(t, 256<<10)
	liar, _ := f.holder(t, allow{rights.Decision{Reason: rights.NotRegistered}}, false, nil)
	good, _ := f.holder(t, open, false, nil)
	res, out, err := f.run(t, Config{Discover: addrs(liar, good), Prove: signer(t)})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	if res.From[string(good.ID())] != f.m.NumChunks() {
		t.Fatalf("from %v", res.From)
	}
}

// The result tells when the first verified chunk was stored, measured from
// the start like Elapsed, and when the download started.
func TestFirstChunkTimed(t *testing.T) {
	f := newFixture(t, 1<<20)
	h, _ := f.holder(t, open, false, nil)
	before := time.Now()
	res, out, err := f.run(t, Config{Discover: addrs(h)})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	if res.FirstChunk <= 0 || res.FirstChunk > res.Elapsed {
		t.Fatalf("first chunk after %s, elapsed %s: want 0 < first ≤ elapsed", res.FirstChunk, res.Elapsed)
	}
	if res.Started.Before(before) || res.Started.Add(res.Elapsed).After(time.Now()) {
		t.Fatalf("started %s, elapsed %s: not within the call (%s to now)", res.Started, res.Elapsed, before)
	}
}
