package host

import (
	"errors"
	"slices"
	"testing"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

func testPeerID(t testing.TB) peer.ID {
	t.Helper()
	k, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	id, err := peer.IDFromPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestParseAddrs(t *testing.T) {
	a, b := testPeerID(t), testPeerID(t)
	tcpA := "/ip4/127.0.0.1/tcp/4001/p2p/" + a.String()
	quicA := "/ip4/127.0.0.1/udp/4001/quic-v1/p2p/" + a.String()
	tcpB := "/ip6/::1/tcp/4002/p2p/" + b.String()
	cases := []struct {
		name    string
		in      []string
		wantErr bool
		want    map[peer.ID]int // peer -> number of addrs
		order   []peer.ID
	}{
		{name: "empty", in: nil, want: map[peer.ID]int{}},
		{name: "blank entries skipped", in: []string{"", "  "}, want: map[peer.ID]int{}},
		{name: "one", in: []string{tcpA}, want: map[peer.ID]int{a: 1}, order: []peer.ID{a}},
		{name: "merge same peer", in: []string{tcpA, tcpB, quicA}, want: map[peer.ID]int{a: 2, b: 1}, order: []peer.ID{a, b}},
		{name: "spaces trimmed", in: []string{" " + tcpB + "\n"}, want: map[peer.ID]int{b: 1}, order: []peer.ID{b}},
		{name: "no p2p part", in: []string{"/ip4/127.0.0.1/tcp/4001"}, wantErr: true},
		{name: "only p2p part", in: []string{"/p2p/" + a.String()}, wantErr: true},
		{name: "garbage", in: []string{"hello"}, wantErr: true},
		{name: "bad peer id", in: []string{"/ip4/127.0.0.1/tcp/4001/p2p/notapeer"}, wantErr: true},
		{name: "bad port", in: []string{"/ip4/127.0.0.1/tcp/99999/p2p/" + a.String()}, wantErr: true},
		{name: "one bad among good", in: []string{tcpA, "/dns4/"}, wantErr: true},
		{name: "too long", in: []string{"/ip4/127.0.0.1/tcp/1" + string(make([]byte, maxAddrLen))}, wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseAddrs(tc.in)
			if tc.wantErr {
				if !errors.Is(err, ErrBadAddr) {
					t.Fatalf("got %v, want ErrBadAddr", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d peers, want %d", len(got), len(tc.want))
			}
			for i, info := range got {
				if n := len(info.Addrs); n != tc.want[info.ID] {
					t.Errorf("peer %s: %d addrs, want %d", info.ID, n, tc.want[info.ID])
				}
				if info.ID != tc.order[i] {
					t.Errorf("peer %d is %s, want %s", i, info.ID, tc.order[i])
				}
			}
		})
	}
}

func FuzzParseAddrs(f *testing.F) {
	f.Add("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA")
	f.Add("/ip4/1.2.3.4/udp/1/quic-v1")
	f.Add("/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		infos, err := ParseAddrs([]string{s})
		if err != nil {
			if !errors.Is(err, ErrBadAddr) {
				t.Fatalf("error %v does not wrap ErrBadAddr", err)
			}
			return
		}
		for _, info := range infos {
			if info.ID == "" || len(info.Addrs) == 0 {
				t.Fatalf("accepted an address without peer or transport: %q", s)
			}
		}
	})
}

func TestFullAddrsOrder(t *testing.T) {
	id := testPeerID(t)
	in := []string{
		"/ip4/203.0.113.5/tcp/1",
		"/ip4/192.168.1.10/udp/2/quic-v1",
		"/ip4/127.0.0.1/tcp/3",
		"/ip4/192.168.1.10/tcp/2",
		"/ip4/127.0.0.1/tcp/3", // duplicate
		"/ip6/::1/tcp/3",
	}
	var addrs []ma.Multiaddr
	for _, s := range in {
		addrs = append(addrs, ma.StringCast(s))
	}
	suffix := "/p2p/" + id.String()
	want := []string{
		"/ip4/127.0.0.1/tcp/3" + suffix,
		"/ip6/::1/tcp/3" + suffix,
		"/ip4/192.168.1.10/tcp/2" + suffix,
		"/ip4/192.168.1.10/udp/2/quic-v1" + suffix,
		"/ip4/203.0.113.5/tcp/1" + suffix,
	}
	got := fullAddrs(id, addrs)
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	slices.Reverse(addrs)
	if again := fullAddrs(id, addrs); !slices.Equal(again, want) {
		t.Fatalf("order depends on input order: %q", again)
	}
	// The output parses back to the same peer.
	infos, err := ParseAddrs(got)
	if err != nil || len(infos) != 1 || infos[0].ID != id {
		t.Fatalf("round trip: %v %v", infos, err)
	}
}

func TestMDNSServiceName(t *testing.T) {
	cases := []struct{ prefix, want string }{
		{"/essaim", "_essaim._udp"},
		{"/essaim/test", "_essaim-test._udp"},
		{"/Essaim_Dev", "_essaim-dev._udp"},
		{"/a-very-long-network-name", "_a-very-long-net._udp"},
		{"/x.y-", "_x-y._udp"},
		{"/", "_essaim._udp"},
	}
	for _, tc := range cases {
		if got := mdnsServiceName(tc.prefix); got != tc.want {
			t.Errorf("mdnsServiceName(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
	}
}
