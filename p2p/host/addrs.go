package host

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// ErrBadAddr marks a peer address that cannot be used (for example a
// --bootstrap flag); the wrapping error names the offending text.
var ErrBadAddr = errors.New("bad peer address")

// maxAddrLen bounds one address string; real multiaddrs are far shorter.
const maxAddrLen = 1024

// ParseAddrs parses full peer multiaddrs such as
// /ip4/192.0.2.7/tcp/4001/p2p/12D3KooW... (the form --bootstrap takes).
// Every address must end in /p2p/<peer id>; several addresses of the same
// peer merge into one AddrInfo, in first-seen order. Blank entries are
// skipped. A bad entry yields an error that quotes it and wraps ErrBadAddr.
func ParseAddrs(addrs []string) ([]peer.AddrInfo, error) {
	var out []peer.AddrInfo
	index := make(map[peer.ID]int)
	for _, s := range addrs {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		info, err := parseAddr(s)
		if err != nil {
			return nil, err
		}
		if i, ok := index[info.ID]; ok {
			out[i].Addrs = append(out[i].Addrs, info.Addrs...)
			continue
		}
		index[info.ID] = len(out)
		out = append(out, *info)
	}
	return out, nil
}

// parseAddr parses one full peer multiaddr.
func parseAddr(s string) (*peer.AddrInfo, error) {
	if len(s) > maxAddrLen {
		return nil, fmt.Errorf("%w: %.40q...: longer than %d bytes", ErrBadAddr, s, maxAddrLen)
	}
	m, err := ma.NewMultiaddr(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %v", ErrBadAddr, s, err)
	}
	if _, err := m.ValueForProtocol(ma.P_P2P); err != nil {
		return nil, fmt.Errorf("%w: %q: missing /p2p/<peer id> at the end", ErrBadAddr, s)
	}
	info, err := peer.AddrInfoFromP2pAddr(m)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %v", ErrBadAddr, s, err)
	}
	if len(info.Addrs) == 0 {
		return nil, fmt.Errorf("%w: %q: no transport address before /p2p/", ErrBadAddr, s)
	}
	return info, nil
}

// addrRank orders addresses for display: loopback first (handy for local
// tools), then LAN, then anything else.
func addrRank(m ma.Multiaddr) int {
	switch {
	case manet.IsIPLoopback(m):
		return 0
	case manet.IsPrivateAddr(m):
		return 1
	default:
		return 2
	}
}

// fullAddrs returns addrs with /p2p/<id> appended, deduplicated and in a
// stable order (rank, then text).
func fullAddrs(id peer.ID, addrs []ma.Multiaddr) []string {
	suffix, err := ma.NewComponent("p2p", id.String())
	if err != nil {
		return nil
	}
	seen := make(map[string]bool)
	type entry struct {
		rank int
		text string
	}
	var list []entry
	for _, a := range addrs {
		full := a.Encapsulate(suffix.Multiaddr()).String()
		if seen[full] {
			continue
		}
		seen[full] = true
		list = append(list, entry{addrRank(a), full})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].rank != list[j].rank {
			return list[i].rank < list[j].rank
		}
		return list[i].text < list[j].text
	})
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.text
	}
	return out
}
