package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	phost "essaim/p2p/host"
)

const catNetwork = "NETWORK"

var (
	listenFlag = &cli.StringSliceFlag{
		Name:     "listen",
		Usage:    "a multiaddr to listen on (repeat; default: every interface, random TCP and QUIC ports)",
		EnvVars:  []string{"ESSAIM_LISTEN"},
		Category: catNetwork,
	}
	bootstrapFlag = &cli.StringSliceFlag{
		Name: "bootstrap",
		Usage: "a peer to join the network through, as a full multiaddr ending in /p2p/<id> (repeat); " +
			"added to those listed in <home>/bootstrap, one per line",
		EnvVars:  []string{"ESSAIM_BOOTSTRAP"},
		Category: catNetwork,
	}
	relayFlag = &cli.StringFlag{
		Name: "relay",
		Usage: "relay connections for peers behind NATs: auto (while this node is publicly reachable), " +
			"on (always: a server known to be public) or off; a one-off get never relays",
		Value:    "auto",
		EnvVars:  []string{"ESSAIM_RELAY"},
		Category: catNetwork,
	}
	relayRateFlag = &cli.StringFlag{
		Name:     "relay-rate",
		Usage:    "cap on bytes per second relayed for others, all together (a sixteenth of it while this node uploads)",
		Value:    "8MiB",
		EnvVars:  []string{"ESSAIM_RELAY_RATE"},
		Category: catNetwork,
	}
	natPortMapFlag = &cli.BoolFlag{
		Name:     "nat-portmap",
		Usage:    "ask the home router for a port mapping (UPnP, NAT-PMP)",
		EnvVars:  []string{"ESSAIM_NAT_PORTMAP"},
		Category: catNetwork,
	}
	mdnsFlag = &cli.BoolFlag{
		Name:     "mdns",
		Usage:    "find peers on the local network (multicast DNS)",
		EnvVars:  []string{"ESSAIM_MDNS"},
		Category: catNetwork,
	}
	uploadLimitFlag = &cli.StringFlag{
		Name:     "upload-limit",
		Usage:    "cap on bytes sent per second to all peers together, such as 20MiB (0: none)",
		Value:    "0",
		EnvVars:  []string{"ESSAIM_UPLOAD_LIMIT"},
		Category: catNetwork,
	}
	downloadLimitFlag = &cli.StringFlag{
		Name:     "download-limit",
		Usage:    "cap on bytes received per second from all peers together, such as 20MiB (0: none)",
		Value:    "0",
		EnvVars:  []string{"ESSAIM_DOWNLOAD_LIMIT"},
		Category: catNetwork,
	}
	pageCacheFlag = &cli.BoolFlag{
		Name: "page-cache",
		Usage: "write downloads through the page cache instead of straight to the disk: for hard drives, " +
			"whose writes the kernel then puts in order",
		EnvVars:  []string{"ESSAIM_PAGE_CACHE"},
		Category: catNetwork,
	}
	verboseFlag = &cli.BoolFlag{
		Name:     "verbose",
		Usage:    "log debugging detail",
		EnvVars:  []string{"ESSAIM_VERBOSE"},
		Category: catOutput,
	}
)

// networkFlags are the flags of every command that runs a node.
var networkFlags = []cli.Flag{listenFlag, bootstrapFlag, mdnsFlag, relayFlag, relayRateFlag, natPortMapFlag,
	uploadLimitFlag, downloadLimitFlag, pageCacheFlag, verboseFlag}

// bootstrapFile is the home's list of bootstrap peers, one multiaddr per
// line; blank lines and lines starting with # are skipped.
const bootstrapFile = "bootstrap"

// maxBootstrapFile bounds the file read: a list of peers is a few KiB.
const maxBootstrapFile = 64 << 10

// bootstrapPeers is the node's bootstrap list: the peers in
// <home>/bootstrap, then those of --bootstrap (and ESSAIM_BOOTSTRAP), then
// extra, each once. An address that does not parse is an error naming it
// (and its line in the file).
func bootstrapPeers(c *cli.Context, home string, extra ...string) ([]string, error) {
	fromFile, err := readBootstrapFile(filepath.Join(home, bootstrapFile))
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range append(append(fromFile, c.StringSlice(bootstrapFlag.Name)...), extra...) {
		if a = strings.TrimSpace(a); a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	if _, err := phost.ParseAddrs(out); err != nil {
		return nil, usageErrorf("--bootstrap: %v", err)
	}
	return out, nil
}

// readBootstrapFile reads a bootstrap list; a missing file is an empty
// list.
func readBootstrapFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4096), maxBootstrapFile)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if _, err := phost.ParseAddrs([]string{t}); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		out = append(out, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// relayConfig reads --relay and --relay-rate.
func relayConfig(c *cli.Context) (phost.RelayMode, phost.RelayLimits, error) {
	mode, err := phost.ParseRelayMode(c.String(relayFlag.Name))
	if err != nil {
		return 0, phost.RelayLimits{}, usageErrorf("--relay %q: want auto, on or off", c.String(relayFlag.Name))
	}
	v := strings.TrimSuffix(strings.TrimSpace(c.String(relayRateFlag.Name)), "/s")
	n, err := parseSize(v)
	if err != nil || n <= 0 {
		return 0, phost.RelayLimits{}, usageErrorf("--relay-rate %q: want a size per second such as 8MiB", c.String(relayRateFlag.Name))
	}
	return mode, phost.RelayLimits{Rate: n}, nil
}
