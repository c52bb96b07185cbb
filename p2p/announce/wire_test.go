package announce

import (
	"bytes"
	"errors"
	"testing"

	"essaim/p2p/bitfield"

	"github.com/multiformats/go-multiaddr"
)

func testAddrs(t testing.TB, ss ...string) []multiaddr.Multiaddr {
	t.Helper()
	var out []multiaddr.Multiaddr
	for _, s := range ss {
		m, err := multiaddr.NewMultiaddr(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	root := [32]byte{1, 2, 3}
	addrs := testAddrs(t, "/ip4/127.0.0.1/tcp/4001", "/ip6/::1/udp/4001/quic-v1")
	cases := []struct {
		name string
		a    announcement
	}{
		{"partial", announcement{Root: root, Seq: 7, TimeMs: 1700000000000, NumChunks: 20, Have: bitfield.Of(20, 0, 3, 19), Addrs: addrs}},
		{"complete", announcement{Root: root, Seq: 1, TimeMs: 5, NumChunks: 1 << 31, Complete: true, Addrs: addrs}},
		{"no addrs", announcement{Root: root, Seq: 1, NumChunks: 9, Have: bitfield.Of(9)}},
		{"empty work", announcement{Root: root, NumChunks: 0, Complete: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := c.a.encode()
			if err != nil {
				t.Fatal(err)
			}
			got, err := decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Root != c.a.Root || got.Seq != c.a.Seq || got.TimeMs != c.a.TimeMs ||
				got.NumChunks != c.a.NumChunks || got.Complete != c.a.Complete {
				t.Fatalf("header %+v, want %+v", got, c.a)
			}
			if c.a.Have != nil && !bytes.Equal(got.Have.Bytes(), c.a.Have.Bytes()) {
				t.Fatalf("bitfield %x, want %x", got.Have.Bytes(), c.a.Have.Bytes())
			}
			if c.a.Complete && got.Have != nil {
				t.Fatal("complete announcement decoded with a bitfield")
			}
			if len(got.Addrs) != len(c.a.Addrs) {
				t.Fatalf("%d addrs, want %d", len(got.Addrs), len(c.a.Addrs))
			}
			for i := range got.Addrs {
				if !got.Addrs[i].Equal(c.a.Addrs[i]) {
					t.Fatalf("addr %d: %s, want %s", i, got.Addrs[i], c.a.Addrs[i])
				}
			}
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	nine := testAddrs(t, "/ip4/1.1.1.1/tcp/1", "/ip4/1.1.1.1/tcp/2", "/ip4/1.1.1.1/tcp/3",
		"/ip4/1.1.1.1/tcp/4", "/ip4/1.1.1.1/tcp/5", "/ip4/1.1.1.1/tcp/6", "/ip4/1.1.1.1/tcp/7",
		"/ip4/1.1.1.1/tcp/8", "/ip4/1.1.1.1/tcp/9")
	cases := []struct {
		name string
		a    announcement
		want error
	}{
		{"too many addrs", announcement{Complete: true, Addrs: nine}, ErrMalformed},
		{"partial without bitfield", announcement{NumChunks: 3}, ErrMalformed},
		{"partial but full", announcement{NumChunks: 3, Have: bitfield.Full(3)}, ErrMalformed},
		{"length mismatch", announcement{NumChunks: 3, Have: bitfield.Of(4)}, ErrMalformed},
		{"too large", announcement{NumChunks: 8 * MaxMessageSize, Have: bitfield.Of(8 * MaxMessageSize)}, ErrTooLarge},
	}
	for _, c := range cases {
		if _, err := c.a.encode(); !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.want)
		}
	}
}

// TestMaxPartialFits pins the largest partial work one message can carry
// with a full address list, as documented in the wire table.
func TestMaxPartialFits(t *testing.T) {
	long := make([]multiaddr.Multiaddr, MaxAddrs)
	for i := range long {
		long[i] = testAddrs(t, "/dns4/"+string(bytes.Repeat([]byte{'a'}, 250))+"/tcp/1")[0]
	}
	n := 8 * (MaxMessageSize - headerLen - 1 - MaxAddrs*(2+MaxAddrLen))
	for _, m := range long {
		if l := len(m.Bytes()); l != MaxAddrLen {
			t.Fatalf("test address of %d bytes", l)
		}
	}
	a := announcement{NumChunks: uint32(n), Have: bitfield.Of(n, 0), Addrs: long}
	if _, err := a.encode(); err != nil {
		t.Fatalf("%d chunks: %v", n, err)
	}
	a = announcement{NumChunks: uint32(n + 8), Have: bitfield.Of(n+8, 0), Addrs: long}
	if _, err := a.encode(); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("%d chunks: %v, want ErrTooLarge", n+8, err)
	}
}

func FuzzDecode(f *testing.F) {
	addrs := testAddrs(f, "/ip4/127.0.0.1/tcp/4001", "/ip6/::1/udp/1/quic-v1")
	for _, a := range []announcement{
		{Seq: 1, NumChunks: 20, Have: bitfield.Of(20, 1, 2), Addrs: addrs},
		{Seq: 2, NumChunks: 5, Complete: true, Addrs: addrs[:1]},
		{NumChunks: 0, Complete: true},
	} {
		b, err := a.encode()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{0xff}, 80))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := decode(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		// Strict decoding: what decodes re-encodes to the very same bytes.
		again, err := a.encode()
		if err != nil {
			t.Fatalf("decoded message does not re-encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoding differs:\n%x\n%x", b, again)
		}
	})
}
