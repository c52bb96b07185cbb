// Package xfer is the transfer protocol, /essaim/xfer/1.0.0: one libp2p
// stream per (downloader, holder, work), specified in docs/PROTOCOL.md.
//
// The server speaks first with a fresh challenge; the client answers with
// the work it wants and an access proof (licensing/proof) bound to that
// challenge and to both peer ids; the server checks the proof and the
// requester's rights on the chain (licensing/rights) and either refuses with
// a typed code, having sent no byte of the work, or accepts with the chunks
// it holds (a holder of the whole work: the chunks it shows in turn,
// seeding.go). The client then asks for the manifest and pipelines chunk
// requests; the server answers them in order. Frames are bounded per type,
// every read and write has a deadline that scales with its size, and the
// number of streams and queued requests per peer is capped.
package xfer

import (
	"time"

	"essaim/licensing/proof"
)

// ProtocolID is the libp2p protocol id of the transfer protocol.
const ProtocolID = "/essaim/xfer/1.0.0"

// ServiceName is the resource manager service the streams are accounted to.
const ServiceName = "essaim.xfer"

// MaxWindow is the most chunk requests a client may have outstanding on one
// stream; the server queues that many and treats more as a violation.
const MaxWindow = 64

const (
	handshakeTimeout = 10 * time.Second
	helloMax         = 32 + proof.MaxSize
)
