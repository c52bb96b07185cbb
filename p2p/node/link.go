package node

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	ma "github.com/multiformats/go-multiaddr"

	"essaim/p2p/content"
	phost "essaim/p2p/host"
)

// A link names a work and a few peers to fetch it from, so that one line
// of text is all a downloader needs (like a magnet link):
//
//	essaim:<work>?peer=<multiaddr>&peer=<multiaddr>
//
// <work> is the content root as `essaim hash` prints it (64 lower-case hex
// digits); each <multiaddr> is a full peer address ending in /p2p/<id>,
// written as is (multiaddrs hold no character a link reserves, so nothing
// is percent-encoded). The peers are holders of the work, reached directly
// or through a relay (a /p2p-circuit address); a link may name none.

// LinkScheme starts every link.
const LinkScheme = "essaim:"

// Limits of a link, so that a pasted text is checked in bounded time.
const (
	// MaxLinkPeers is how many peer addresses a link may carry.
	MaxLinkPeers = 8
	// MaxLinkLen bounds a whole link, in bytes.
	MaxLinkLen = 4096
	// LinkPeers is how many addresses a node puts in the links it makes.
	LinkPeers = 4
)

// ErrBadLink marks text that is not a well-formed link; the wrapping error
// names the problem.
var ErrBadLink = errors.New("bad link")

// Link is a work and peers that hold it.
type Link struct {
	Work  content.Hash
	Peers []string // full multiaddrs, each ending in /p2p/<id>
}

// String writes the link.
func (l Link) String() string {
	var b strings.Builder
	b.WriteString(LinkScheme)
	b.WriteString(l.Work.String())
	for i, p := range l.Peers {
		if i == 0 {
			b.WriteString("?peer=")
		} else {
			b.WriteString("&peer=")
		}
		b.WriteString(p)
	}
	return b.String()
}

// IsLink reports whether s is meant as a link (it starts with the scheme),
// whether or not it is well formed.
func IsLink(s string) bool { return strings.HasPrefix(strings.TrimSpace(s), LinkScheme) }

// ParseLink reads a link strictly: the scheme, 64 lower-case hex digits,
// then nothing or "?" and one or more "peer=<multiaddr>" joined by "&".
// Anything else (another parameter, an empty or repeated peer, a peer
// address without /p2p/<id>, percent-encoding, spaces inside, more than
// MaxLinkPeers peers, more than MaxLinkLen bytes) is refused with an error
// wrapping ErrBadLink that says which.
func ParseLink(s string) (Link, error) {
	s = strings.TrimSpace(s)
	if len(s) > MaxLinkLen {
		return Link{}, fmt.Errorf("%w: longer than %d bytes", ErrBadLink, MaxLinkLen)
	}
	rest, ok := strings.CutPrefix(s, LinkScheme)
	if !ok {
		return Link{}, fmt.Errorf("%w: %.40q does not start with %q", ErrBadLink, s, LinkScheme)
	}
	if i := strings.IndexFunc(rest, badLinkRune); i >= 0 {
		return Link{}, fmt.Errorf("%w: character %q at byte %d (links are plain ASCII, nothing percent-encoded)",
			ErrBadLink, rest[i], len(LinkScheme)+i)
	}
	work, query, hasQuery := strings.Cut(rest, "?")
	var l Link
	var err error
	if l.Work, err = parseLinkWork(work); err != nil {
		return Link{}, err
	}
	if !hasQuery {
		return l, nil
	}
	seen := map[string]bool{}
	for i, param := range strings.Split(query, "&") {
		name, value, _ := strings.Cut(param, "=")
		switch {
		case name != "peer":
			return Link{}, fmt.Errorf("%w: parameter %d is %.40q; a link has only peer=<multiaddr>", ErrBadLink, i+1, name)
		case value == "":
			return Link{}, fmt.Errorf("%w: peer %d is empty", ErrBadLink, i+1)
		case seen[value]:
			return Link{}, fmt.Errorf("%w: peer %d repeats %.60q", ErrBadLink, i+1, value)
		case len(l.Peers) == MaxLinkPeers:
			return Link{}, fmt.Errorf("%w: more than %d peers", ErrBadLink, MaxLinkPeers)
		}
		if _, err := phost.ParseAddrs([]string{value}); err != nil {
			return Link{}, fmt.Errorf("%w: peer %d: %w", ErrBadLink, i+1, err)
		}
		seen[value] = true
		l.Peers = append(l.Peers, value)
	}
	return l, nil
}

// parseLinkWork reads the work: exactly 64 lower-case hex digits.
func parseLinkWork(s string) (content.Hash, error) {
	if len(s) != 64 || strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') }) >= 0 {
		return content.Hash{}, fmt.Errorf("%w: work %.70q is not 64 lower-case hex digits", ErrBadLink, s)
	}
	return content.ParseHash(s)
}

// badLinkRune is a character no link holds: controls, spaces, non-ASCII,
// and what a URL would use for escapes or fragments.
func badLinkRune(r rune) bool {
	return r <= ' ' || r > '~' || r == '%' || r == '#' || r == '+'
}

// Link is a link to root naming this node's addresses (at most LinkPeers,
// those a peer elsewhere should try first: public, relay, LAN, loopback).
func (n *Node) Link(root content.Hash) Link {
	l := Link{Work: root}
	for _, a := range n.host.PeerAddrs() {
		if len(l.Peers) == LinkPeers {
			break
		}
		full := a.String() + "/p2p/" + n.ID().String()
		if len(full) <= 1024 {
			l.Peers = append(l.Peers, full)
		}
	}
	return l
}

// WaitLinkReady waits, until ctx ends, for the node's addresses to be worth
// putting in a link: once it knows it is public, or it is private and holds
// a relay address, or it has no public peer at all (a LAN, loopback), in
// which case what it has now is all it will get.
func (n *Node) WaitLinkReady(ctx context.Context) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for !n.linkReady() {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (n *Node) linkReady() bool {
	switch n.host.Reachability() {
	case network.ReachabilityPublic:
		return true
	case network.ReachabilityPrivate:
		return slices.ContainsFunc(n.host.PeerAddrs(), func(a ma.Multiaddr) bool {
			_, err := a.ValueForProtocol(ma.P_CIRCUIT)
			return err == nil
		})
	}
	return !n.host.HasPublicPeer()
}
