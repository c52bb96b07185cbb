package xfer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/libp2p/go-libp2p/core/network"

	"essaim/p2p/bitfield"
)

func TestReadShown(t *testing.T) {
	cases := []struct {
		name   string
		chunks int
		inTurn bool
		n      uint32 // the header's length
		p      []byte
		want   error
	}{
		{name: "ok", chunks: 12, inTurn: true, n: 2, p: []byte{0xa0, 0x30}},
		{name: "ok, empty set", chunks: 8, inTurn: true, n: 1, p: []byte{0}},
		{name: "not in turn", chunks: 12, n: 2, p: []byte{0xa0, 0x30}, want: ErrMalformed},
		{name: "short", chunks: 12, inTurn: true, n: 1, p: []byte{0xa0}, want: ErrMalformed},
		{name: "long", chunks: 12, inTurn: true, n: 3, p: []byte{0xa0, 0x30, 0}, want: ErrMalformed},
		{name: "empty", chunks: 12, inTurn: true, n: 0, want: ErrMalformed},
		{name: "bits past the last chunk", chunks: 12, inTurn: true, n: 2, p: []byte{0xa0, 0x31}, want: ErrMalformed},
		{name: "cut short", chunks: 12, inTurn: true, n: 2, p: []byte{0xa0}, want: io.ErrUnexpectedEOF},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := bytes.NewReader(c.p)
			set, err := readShown(r, header{typ: tShown, n: c.n}, c.chunks, c.inTurn)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if err != nil {
				return
			}
			if set.Len() != c.chunks || !bytes.Equal(set.Bytes(), c.p) {
				t.Fatalf("decoded %x for %d chunks from %x", set.Bytes(), set.Len(), c.p)
			}
		})
	}
	// A wrong length is refused before the payload is read.
	r := bytes.NewReader(make([]byte, 10))
	if _, err := readShown(r, header{typ: tShown, n: 10}, 12, true); !errors.Is(err, ErrMalformed) || r.Len() != 10 {
		t.Fatalf("got %v with %d bytes read", err, 10-r.Len())
	}
}

func FuzzReadShown(f *testing.F) {
	f.Add(12, true, uint32(2), []byte{0xa0, 0x30})
	f.Add(8, false, uint32(1), []byte{0xff})
	f.Add(9, true, uint32(2), []byte{0xff, 0xff})
	f.Fuzz(func(t *testing.T, chunks int, inTurn bool, n uint32, p []byte) {
		if chunks < 1 || chunks > 1<<16 {
			return
		}
		set, err := readShown(bytes.NewReader(p), header{typ: tShown, n: n}, chunks, inTurn)
		if err != nil {
			return
		}
		if !inTurn || int(n) != (chunks+7)/8 || set.Len() != chunks || !bytes.Equal(set.Bytes(), p[:n]) {
			t.Fatalf("accepted %x (length %d, in turn %v) for %d chunks as %x", p, n, inTurn, chunks, set.Bytes())
		}
	})
}

// rawHolder replaces the fixture's server with one that passes the gate
// with the given accept, then writes before, serves the manifest and
// writes after.
func rawHolder(f *fixture, a accept, before, after []byte) {
	f.server.SetStreamHandler(ProtocolID, func(st network.Stream) {
		defer st.Close()
		st.Write(append(appendHeader(nil, tChallenge, nonceLen), make([]byte, nonceLen)...))
		h, err := readHeader(st, func(typ byte) (uint32, bool) { return helloMax, typ == tHello })
		if err != nil || func() error { _, err := io.CopyN(io.Discard, st, int64(h.n)); return err }() != nil {
			st.Reset()
			return
		}
		a.manifestLen = uint32(len(f.work.ManifestBytes()))
		st.Write(append(a.encode(), before...))
		if _, err := readHeader(st, func(typ byte) (uint32, bool) { return 0, typ == tGetManifest }); err != nil {
			st.Reset()
			return
		}
		mb := f.work.ManifestBytes()
		st.Write(append(append(appendHeader(nil, tManifest, len(mb)), mb...), after...))
		io.Copy(io.Discard, st) // until the client goes
	})
}

// A client takes a shown frame only from a holder in turn, and only of
// exactly the bitfield's length, before the manifest or after it.
func TestClientChecksShownFrames(t *testing.T) {
	const chunks = 4 // 200 KiB in 64 KiB chunks
	inTurn := accept{chunks: chunks, inTurn: true, bitfield: []byte{0xf0}}
	partial := accept{chunks: chunks, bitfield: []byte{0xf0}}
	complete := accept{chunks: chunks, complete: true}
	cases := []struct {
		name          string
		a             accept
		before, after []byte
		manifestErr   error
		recvErr       error
		shown         []byte // the set after the frames, when all is well
	}{
		{name: "in turn, before the manifest", a: inTurn, before: shownFrame([]byte{0x50}), shown: []byte{0x50}},
		{name: "in turn, after the manifest", a: inTurn, after: shownFrame([]byte{0x20}), shown: []byte{0x20}},
		{name: "partial holder", a: partial, before: shownFrame([]byte{0x50}), manifestErr: ErrMalformed},
		{name: "complete holder", a: complete, after: shownFrame([]byte{0x50}), recvErr: ErrMalformed},
		{name: "short", a: inTurn, after: shownFrame(nil), recvErr: ErrMalformed},
		{name: "long", a: inTurn, before: shownFrame([]byte{0x50, 0}), manifestErr: ErrMalformed},
		{name: "bits past the last chunk", a: inTurn, after: shownFrame([]byte{0x58}), recvErr: ErrMalformed},
		{name: "past any bitfield", a: inTurn, after: appendHeader(nil, tShown, maxBitfieldLen+1), recvErr: ErrFrameTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, 200<<10, ServerConfig{})
			rawHolder(f, c.a, c.before, c.after)
			s, err := Open(context.Background(), f.client, f.server.ID(), f.root(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Reset()
			_, err = s.Manifest(context.Background())
			if !errors.Is(err, c.manifestErr) {
				t.Fatalf("manifest: got %v, want %v", err, c.manifestErr)
			}
			if err != nil {
				return
			}
			if c.after != nil {
				ev, err := s.Recv(make([]byte, 1<<16))
				if !errors.Is(err, c.recvErr) {
					t.Fatalf("recv: got %v, want %v", err, c.recvErr)
				}
				if err != nil {
					return
				}
				if ev.Kind != EventShown || !bytes.Equal(ev.Shown.Bytes(), c.shown) {
					t.Fatalf("event %+v, want the set %x", ev, c.shown)
				}
			}
			if want, _ := bitfield.Decode(chunks, c.shown); !bytes.Equal(s.Have().Bytes(), want.Bytes()) {
				t.Fatalf("session holds %x, want %x", s.Have().Bytes(), c.shown)
			}
		})
	}
}
