package node

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"essaim/p2p/content"
	phost "essaim/p2p/host"
)

const (
	linkWork  = "8f3c2a1b00000000000000000000000000000000000000000000000000000001"
	linkPeerA = "/ip4/11.0.3.2/tcp/4001/p2p/12D3KooWNU9vroKRuR5L1yXZJEPkw7LQqnpHwbsJE645f3nsPgdC"
	linkRelay = "/ip4/11.0.2.2/udp/4001/quic-v1/p2p/12D3KooWNcuqssLzSBo23pwaoVGfsgKCBKsJSxBt8e122VjLL6z2" +
		"/p2p-circuit/p2p/12D3KooWNU9vroKRuR5L1yXZJEPkw7LQqnpHwbsJE645f3nsPgdC"
)

func TestLinkRoundTrip(t *testing.T) {
	w, _ := content.ParseHash(linkWork)
	for _, l := range []Link{
		{Work: w},
		{Work: w, Peers: []string{linkPeerA}},
		{Work: w, Peers: []string{linkRelay, linkPeerA}},
	} {
		s := l.String()
		got, err := ParseLink(s)
		if err != nil {
			t.Fatalf("ParseLink(%q): %v", s, err)
		}
		if got.Work != l.Work || strings.Join(got.Peers, " ") != strings.Join(l.Peers, " ") {
			t.Fatalf("ParseLink(%q) = %+v, want %+v", s, got, l)
		}
		if got.String() != s {
			t.Fatalf("%q re-encodes as %q", s, got.String())
		}
	}
	if got, err := ParseLink("  essaim:" + linkWork + "\n"); err != nil || got.Work != w {
		t.Fatalf("surrounding spaces: %+v %v", got, err)
	}
}

func TestParseLinkRefuses(t *testing.T) {
	many := "essaim:" + linkWork + "?peer=" + linkPeerA
	for i := range MaxLinkPeers {
		many += "&peer=" + strings.Replace(linkPeerA, "4001", fmt.Sprint(5000+i), 1)
	}
	for _, c := range []struct{ link, want string }{
		{"", "does not start with"},
		{"magnet:?xt=urn:btih:" + linkWork, "does not start with"},
		{"ESSAIM:" + linkWork, "does not start with"},
		{"essaim:" + linkWork[:63], "not 64 lower-case hex"},
		{"essaim:" + strings.ToUpper(linkWork), "not 64 lower-case hex"},
		{"essaim:0x" + linkWork, "not 64 lower-case hex"},
		{"essaim:" + linkWork + "?", "parameter 1"},
		{"essaim:" + linkWork + "?peer=", "peer 1 is empty"},
		{"essaim:" + linkWork + "?peer=" + linkPeerA + "&", "parameter 2"},
		{"essaim:" + linkWork + "?xt=" + linkPeerA, `parameter 1 is "xt"`},
		{"essaim:" + linkWork + "?peer=" + linkPeerA + "&peer=" + linkPeerA, "peer 2 repeats"},
		{"essaim:" + linkWork + "?peer=/ip4/11.0.3.2/tcp/4001", "peer 1: bad peer address"},
		{"essaim:" + linkWork + "?peer=/ip4/11.0.3.2/tcp/4001/p2p/nope", "peer 1: bad peer address"},
		{"essaim:" + linkWork + "?peer=%2Fip4%2F11.0.3.2", "percent-encoded"},
		{"essaim:" + linkWork + "?peer=" + linkPeerA + "#x", "character '#'"},
		{"essaim:" + linkWork + " ?peer=" + linkPeerA, "character ' '"},
		{"essaim:" + linkWork + "?peer=/ip4/11.0.3.2/tcp/4001/p2p/é", "character"},
		{many, "more than 8 peers"},
		{"essaim:" + linkWork + "?peer=" + strings.Repeat("/ip4/1.2.3.4", 400), "longer than"},
	} {
		_, err := ParseLink(c.link)
		if !errors.Is(err, ErrBadLink) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseLink(%.80q): %v; want ErrBadLink saying %q", c.link, err, c.want)
		}
	}
}

func FuzzParseLink(f *testing.F) {
	f.Add("essaim:" + linkWork + "?peer=" + linkRelay + "&peer=" + linkPeerA)
	f.Add("essaim:" + linkWork)
	f.Add("essaim:" + linkWork + "?peer=/ip4/1.2.3.4/tcp/1/p2p/x&peer=")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLink(s)
		if err != nil {
			if !errors.Is(err, ErrBadLink) {
				t.Fatalf("error %v does not wrap ErrBadLink", err)
			}
			return
		}
		if len(l.Peers) > MaxLinkPeers {
			t.Fatalf("%d peers", len(l.Peers))
		}
		// A link that parses re-encodes to the same text (spaces around it
		// aside), and parses again to the same value.
		if got := l.String(); got != strings.TrimSpace(s) {
			t.Fatalf("%q re-encodes as %q", s, got)
		}
	})
}

// TestGetFromLink: a node's link for a work is all another node needs:
// no bootstrap peer, no search; the link's holder is asked first.
func TestGetFromLink(t *testing.T) {
	holder := newNode(t, nil)
	dir, files := writeTree(t, 1<<20)
	m, err := content.Build(dir, content.WithChunkLog2(16))
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	link := holder.Link(m.Root())
	if len(link.Peers) == 0 || !strings.HasSuffix(link.Peers[0], "/p2p/"+holder.ID().String()) {
		t.Fatalf("link %s: want the holder's addresses", link)
	}
	parsed, err := ParseLink(link.String())
	if err != nil {
		t.Fatal(err)
	}
	peers, err := phost.ParseAddrs(parsed.Peers)
	if err != nil {
		t.Fatal(err)
	}
	getter := newNode(t, nil)
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := getter.Get(ctx, parsed.Work, out, GetOptions{GiveUp: 10 * time.Second, Peers: peers})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, out, files)
	if res.From[string(holder.ID())] != m.NumChunks() {
		t.Fatalf("chunks from the link's holder: %v", res.From)
	}
}
