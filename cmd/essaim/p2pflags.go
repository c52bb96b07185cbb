package main

import (
	"github.com/urfave/cli/v2"
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
		Name:     "bootstrap",
		Usage:    "a peer to join the network through, as a full multiaddr ending in /p2p/<id> (repeat)",
		EnvVars:  []string{"ESSAIM_BOOTSTRAP"},
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
	verboseFlag = &cli.BoolFlag{
		Name:     "verbose",
		Usage:    "log debugging detail",
		EnvVars:  []string{"ESSAIM_VERBOSE"},
		Category: catOutput,
	}
)

// networkFlags are the flags of every command that runs a node.
var networkFlags = []cli.Flag{listenFlag, bootstrapFlag, mdnsFlag, uploadLimitFlag, downloadLimitFlag, verboseFlag}
