package xfer

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/licensing/proof"
	"essaim/licensing/rights"
	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// fakeRights answers from a fixed set of licensed addresses.
type fakeRights struct {
	mu       sync.Mutex
	licensed map[common.Address]bool
	open     bool
	down     bool
	calls    int
}

func (f *fakeRights) Check(_ context.Context, _ [32]byte, a common.Address) (rights.Decision, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	switch {
	case f.down:
		return rights.Decision{Reason: rights.Unavailable}, rights.ErrUnavailable
	case f.open:
		return rights.Decision{Allowed: true, Reason: rights.Open}, nil
	case f.licensed[a]:
		return rights.Decision{Allowed: true, Reason: rights.Licensed}, nil
	}
	return rights.Decision{Reason: rights.NoLicense}, nil
}

// sourceWork serves a complete work from its files; misaligned counts
// the chunks the server asked to read into a buffer not aligned on
// content.BufferAlign.
type sourceWork struct {
	src        *content.Source
	mb         []byte
	misaligned atomic.Int64
}

func (w *sourceWork) Manifest() *content.Manifest { return w.src.Manifest() }
func (w *sourceWork) ManifestBytes() []byte       { return w.mb }
func (w *sourceWork) Held() *bitfield.Bitfield {
	return bitfield.Full(w.src.Manifest().NumChunks())
}
func (w *sourceWork) ReadChunk(i int, buf []byte) ([]byte, error) {
	if uintptr(unsafe.Pointer(&buf[0]))%content.BufferAlign != 0 {
		w.misaligned.Add(1)
	}
	return w.src.ReadChunk(i, buf)
}

type lib map[content.Hash]Work

func (l lib) Lookup(r content.Hash) (Work, bool) { w, ok := l[r]; return w, ok }

var domain = proof.Domain{ChainID: big.NewInt(31337), Contract: common.HexToAddress("0x00000000000000000000000000000000000e55a1")}

type fixture struct {
	server, client host.Host
	rights         *fakeRights
	work           *sourceWork
	data           []byte
	key            *ecdsa.PrivateKey
	addr           common.Address
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

// newFixture serves a work of size bytes (chunks of 64 KiB) from a server
// host to which a client host is connected. Rights are the fixture's fake
// unless cfg has its own.
func newFixture(t *testing.T, size int, cfg ServerConfig) *fixture {
	t.Helper()
	f := &fixture{server: newHost(t), client: newHost(t), rights: &fakeRights{licensed: map[common.Address]bool{}}}
	f.data = make([]byte, size)
	for i := range f.data {
		f.data[i] = byte(i*7 + i>>11)
	}
	path := filepath.Join(t.TempDir(), "work.bin")
	if err := os.WriteFile(path, f.data, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := content.Build(path, content.WithChunkLog2(16))
	if err != nil {
		t.Fatal(err)
	}
	src, err := content.OpenSource(path, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	mb, _ := m.MarshalBinary()
	f.work = &sourceWork{src: src, mb: mb}
	cfg.Domain, cfg.Library = domain, lib{m.Root(): f.work}
	if cfg.Rights == nil {
		cfg.Rights = f.rights
	}
	NewServer(f.server, cfg)
	if err := f.client.Connect(context.Background(), peer.AddrInfo{ID: f.server.ID(), Addrs: f.server.Addrs()}); err != nil {
		t.Fatal(err)
	}
	f.key, _ = crypto.GenerateKey()
	f.addr = crypto.PubkeyToAddress(f.key.PublicKey)
	return f
}

func (f *fixture) root() content.Hash { return f.work.Manifest().Root() }

// prover signs with the fixture's key; tamper may change the access first.
func (f *fixture) prover(d proof.Domain, tamper func(*proof.Access)) Prover {
	return func(a proof.Access) ([]byte, error) {
		if tamper != nil {
			tamper(&a)
		}
		p, err := proof.Sign(d, a, f.addr, func(h []byte) ([]byte, error) { return crypto.Sign(h, f.key) })
		if err != nil {
			return nil, err
		}
		return p.MarshalBinary()
	}
}

// fetchAll downloads every chunk over one session with a full window.
func fetchAll(t *testing.T, s *Session) []byte {
	t.Helper()
	m := manifest(t, s)
	out := make([]byte, m.Size())
	buf := make([]byte, m.ChunkSize())
	next, got := 0, 0
	for got < m.NumChunks() {
		for next < m.NumChunks() && s.Outstanding() < MaxWindow {
			if err := s.Request(next); err != nil {
				t.Fatal(err)
			}
			next++
		}
		ev, err := s.Recv(buf)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Kind != EventChunk {
			t.Fatalf("event %v for chunk %d", ev.Kind, ev.Index)
		}
		if err := m.VerifyChunk(ev.Index, ev.Data); err != nil {
			t.Fatal(err)
		}
		copy(out[ev.Index*m.ChunkSize():], ev.Data)
		got++
	}
	return out
}

func TestLicensedTransfer(t *testing.T) {
	f := newFixture(t, 5<<20+123, ServerConfig{})
	f.rights.licensed[f.addr] = true
	s := f.open(t)
	if !s.Have().Complete() {
		t.Fatal("complete holder announced a partial bitfield")
	}
	if got := fetchAll(t, s); !bytes.Equal(got, f.data) {
		t.Fatal("received bytes differ from the work")
	}
}

// TestChunksReadAligned: the server reads each chunk into an aligned
// place of its reply buffer, after the frame's header; 9 bytes into the
// buffer, the kernel's copy out of the page cache costs twice the CPU
// (content.BenchmarkReadChunk).
func TestChunksReadAligned(t *testing.T) {
	f := newFixture(t, 1<<20, ServerConfig{})
	f.rights.licensed[f.addr] = true
	s := f.open(t)
	if got := fetchAll(t, s); !bytes.Equal(got, f.data) {
		t.Fatal("received bytes differ from the work")
	}
	if n := f.work.misaligned.Load(); n != 0 {
		t.Fatalf("%d of 16 chunks read into a buffer not aligned on %d bytes", n, content.BufferAlign)
	}
}

func TestOpenWorkNeedsNoProof(t *testing.T) {
	f := newFixture(t, 200<<10, ServerConfig{})
	f.rights.open = true
	s, err := Open(context.Background(), f.client, f.server.ID(), f.root(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := fetchAll(t, s); !bytes.Equal(got, f.data) {
		t.Fatal("received bytes differ from the work")
	}
}

// Every refusal goes through the real protocol and delivers no byte of the
// work: after the refusal frame the stream ends.
func TestRefusals(t *testing.T) {
	var captured atomic.Value // a proof from an earlier stream
	other := proof.Domain{ChainID: big.NewInt(1), Contract: domain.Contract}
	otherContract := proof.Domain{ChainID: domain.ChainID, Contract: common.HexToAddress("0x1")}
	cases := []struct {
		name     string
		licensed bool
		down     bool
		prove    func(f *fixture) Prover
		work     func(f *fixture) content.Hash
		code     Code
	}{
		{name: "unlicensed", prove: func(f *fixture) Prover { return f.prover(domain, nil) }, code: CodeNoLicense},
		{name: "no proof", prove: func(*fixture) Prover { return nil }, code: CodeNeedProof},
		{name: "chain down", licensed: true, down: true, prove: func(f *fixture) Prover { return f.prover(domain, nil) }, code: CodeUnavailable},
		{name: "not held", licensed: true, prove: func(f *fixture) Prover { return f.prover(domain, nil) },
			work: func(*fixture) content.Hash { return content.Hash{1} }, code: CodeNotHeld},
		{name: "other chain id", licensed: true, prove: func(f *fixture) Prover { return f.prover(other, nil) }, code: CodeBadProof},
		{name: "other contract", licensed: true, prove: func(f *fixture) Prover { return f.prover(otherContract, nil) }, code: CodeBadProof},
		{name: "other server", licensed: true, prove: func(f *fixture) Prover {
			return f.prover(domain, func(a *proof.Access) { a.Server = []byte(f.client.ID()) })
		}, code: CodeBadProof},
		{name: "other requester", licensed: true, prove: func(f *fixture) Prover {
			return f.prover(domain, func(a *proof.Access) { a.Requester = []byte(f.server.ID()) })
		}, code: CodeBadProof},
		{name: "other work", licensed: true, prove: func(f *fixture) Prover {
			return f.prover(domain, func(a *proof.Access) { a.Work = [32]byte{9} })
		}, code: CodeBadProof},
		{name: "stale challenge (replay)", licensed: true, prove: func(f *fixture) Prover {
			return f.prover(domain, func(a *proof.Access) { a.Challenge = [32]byte{7} })
		}, code: CodeBadProof},
		{name: "expired", licensed: true, prove: func(f *fixture) Prover {
			return f.prover(domain, func(a *proof.Access) { a.Expiry = uint64(time.Now().Unix()) - 1 })
		}, code: CodeBadProof},
		{name: "too far ahead", licensed: true, prove: func(f *fixture) Prover {
			return f.prover(domain, func(a *proof.Access) { a.Expiry = uint64(time.Now().Add(time.Hour).Unix()) })
		}, code: CodeBadProof},
		{name: "garbage proof", licensed: true, prove: func(*fixture) Prover {
			return func(proof.Access) ([]byte, error) { return []byte("not a proof"), nil }
		}, code: CodeBadProof},
		{name: "replayed proof from another stream", licensed: true, prove: func(f *fixture) Prover {
			return func(a proof.Access) ([]byte, error) {
				b, err := f.prover(domain, nil)(a)
				if old, ok := captured.Load().([]byte); ok {
					return old, nil
				}
				captured.Store(b)
				return b, err
			}
		}, code: CodeBadProof},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, 300<<10, ServerConfig{})
			f.rights.licensed[f.addr] = c.licensed
			f.rights.down = c.down
			root := f.root()
			if c.work != nil {
				root = c.work(f)
			}
			prove := c.prove(f)
			if c.name == "replayed proof from another stream" {
				// The first stream is accepted and its proof kept.
				s, err := Open(context.Background(), f.client, f.server.ID(), root, prove)
				if err != nil {
					t.Fatalf("first stream: %v", err)
				}
				s.Close()
			}
			n, err := refusedBytes(t, f, root, prove)
			var r *RefusedError
			if !errors.As(err, &r) || r.Code != c.code {
				t.Fatalf("got %v, want refusal %v", err, c.code)
			}
			if !errors.Is(err, ErrRefused) {
				t.Fatal("refusal does not match ErrRefused")
			}
			if n != 0 {
				t.Fatalf("%d bytes followed the refusal", n)
			}
		})
	}
}

// refusedBytes opens a session expecting a refusal and counts the bytes
// that come after it on the stream (there must be none).
func refusedBytes(t *testing.T, f *fixture, root content.Hash, prove Prover) (int64, error) {
	t.Helper()
	st, err := f.client.NewStream(context.Background(), f.server.ID(), ProtocolID)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Reset()
	s := newSession(st, f.server.ID(), root)
	err = s.handshake(context.Background(), f.client.ID(), prove)
	st.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, _ := io.Copy(io.Discard, st)
	return n, err
}

// growingWork is a partial holder whose chunks arrive while it serves.
type growingWork struct {
	*sourceWork
	mu    sync.Mutex
	have  *bitfield.Bitfield
	watch chan int
}

func (g *growingWork) Held() *bitfield.Bitfield {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.have.Clone()
}

func (g *growingWork) Watch() (<-chan int, func()) { return g.watch, func() {} }

func (g *growingWork) gain(i int) {
	g.mu.Lock()
	g.have.Set(i)
	g.mu.Unlock()
	g.watch <- i
}

// A holder that gains a chunk while a client is connected tells it at once
// (a have frame), and serves it when asked.
func TestHaveFramesFromGrowingHolder(t *testing.T) {
	f := newFixture(t, 512<<10, ServerConfig{})
	f.rights.licensed[f.addr] = true
	g := &growingWork{sourceWork: f.work, have: bitfield.New(f.work.Manifest().NumChunks()), watch: make(chan int, 8)}
	g.have.Set(0)
	NewServer(f.server, ServerConfig{Domain: domain, Rights: f.rights, Library: lib{f.root(): g}})
	s := f.open(t)
	if s.Have().Count() != 1 || !s.Have().Has(0) {
		t.Fatalf("greeting bitfield holds %d chunks", s.Have().Count())
	}
	m := manifest(t, s)
	g.gain(5)
	buf := make([]byte, m.ChunkSize())
	ev, err := s.Recv(buf)
	if err != nil || ev.Kind != EventHave || ev.Index != 5 || !s.Have().Has(5) {
		t.Fatalf("got %+v, %v; want have 5", ev, err)
	}
	s.Request(5)
	if ev, err = s.Recv(buf); err != nil || ev.Kind != EventChunk || ev.Index != 5 {
		t.Fatalf("got %+v, %v; want chunk 5", ev, err)
	}
}

// open opens a licensed session to the fixture's server, closed at the end
// of the test.
func (f *fixture) open(t *testing.T) *Session {
	t.Helper()
	s, err := Open(context.Background(), f.client, f.server.ID(), f.root(), f.prover(domain, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Reset() })
	return s
}

// manifest fetches the session's manifest.
func manifest(t *testing.T, s *Session) *content.Manifest {
	t.Helper()
	m, err := s.Manifest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}
