package host

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	ma "github.com/multiformats/go-multiaddr"
)

// ErrConfig marks an invalid Config; New returns it wrapped before it opens
// any socket.
var ErrConfig = errors.New("invalid host config")

// Default values, kept in one place so the doc and the code agree.
const (
	// DefaultProtocolPrefix namespaces the DHT (and the mDNS service name)
	// so essaim nodes never join the public IPFS DHT.
	DefaultProtocolPrefix = "/essaim"
	// DefaultConnLow and DefaultConnHigh are the connection manager's water
	// marks: past High it trims back to Low. A home box talks to a few dozen
	// peers; 32 keeps a healthy DHT routing table and swarm, 96 bounds fds.
	DefaultConnLow  = 32
	DefaultConnHigh = 96
	// DefaultConnGrace protects a new connection from trimming long enough
	// for identify and a first request to complete.
	DefaultConnGrace = 30 * time.Second
	// DefaultMaxInbound is how many inbound connections stay open before
	// each new one evicts the least valuable (admit.go). Below the
	// connection manager's high water mark, whose grace period would let
	// a flood of fresh identities hold every slot, and well below the
	// resource manager's hard cap (DefaultConnsInbound).
	DefaultMaxInbound = 80
	// DefaultDialTimeout bounds each bootstrap dial, so one dead bootstrap
	// peer cannot stall start-up.
	DefaultDialTimeout = 10 * time.Second
)

// DefaultListen is where a node listens when Config.Listen is empty: every
// interface, a random port, TCP and QUIC.
var DefaultListen = []string{
	"/ip4/0.0.0.0/tcp/0",
	"/ip4/0.0.0.0/udp/0/quic-v1",
}

// Config describes a host. Zero fields take the defaults above (see
// withDefaults); only Identity is required.
type Config struct {
	// Identity is the node's libp2p key (see LoadIdentity).
	Identity crypto.PrivKey
	// Listen holds multiaddrs to listen on; empty means DefaultListen.
	Listen []string
	// Bootstrap holds full multiaddrs (ending in /p2p/<id>) of peers to
	// join through; empty means this node starts a network of its own.
	Bootstrap []string
	// ProtocolPrefix namespaces the DHT protocol and the mDNS service;
	// empty means DefaultProtocolPrefix.
	ProtocolPrefix string
	// MDNS turns on LAN discovery; found peers are dialled.
	MDNS bool
	// DHTClient runs the DHT as a client: the host queries it and may
	// put provider records, but does not join other nodes' routing
	// tables or answer their queries. For short-lived processes (a
	// one-off download), whose entries in routing tables would outlive
	// them and send others' lookups to a dead address.
	DHTClient bool
	// NATPortMap asks the home router (UPnP / NAT-PMP) for a port mapping.
	// Off by default: it talks to the LAN router, which a user should choose.
	NATPortMap bool
	// Ephemeral is for a short-lived host (a one-off download): it dials
	// through relays and punches holes, but learns no reachability of its
	// own (no AutoNAT v2), keeps no relay reservations, answers no AutoNAT
	// dial-backs and relays for nobody. See traversal.go.
	Ephemeral bool
	// Relay chooses when this host relays connections for others (circuit
	// relay v2): RelayAuto (the zero value) while it is publicly
	// reachable, RelayOn always, RelayOff never. Ephemeral hosts never do.
	Relay RelayMode
	// RelayLimits bounds what the relay carries; zero fields take the
	// defaults of relay.go.
	RelayLimits RelayLimits
	// Busy reports whether the node's own transfers are sending right now;
	// while they are, relaying is held to RelayLimits.BusyRate, so the
	// node's own uploads come first. Nil means never busy.
	Busy func() bool
	// Logger receives reachability changes, the relay service starting and
	// stopping, and hole punching outcomes; nil discards them.
	Logger *slog.Logger
	// Limits bounds what remote peers may make this host spend.
	Limits Limits
	// ConnLow, ConnHigh and ConnGrace configure the connection manager.
	ConnLow, ConnHigh int
	ConnGrace         time.Duration
	// MaxInbound is the admission limit: past it, each new inbound
	// connection evicts the least valuable one.
	MaxInbound int
	// DialTimeout bounds each bootstrap dial.
	DialTimeout time.Duration
	// Security picks the security transport order; zero means
	// SecurityTLSFirst (see security.go for the measurement behind it).
	Security SecurityOrder
}

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if len(cfg.Listen) == 0 {
		cfg.Listen = DefaultListen
	}
	if cfg.ProtocolPrefix == "" {
		cfg.ProtocolPrefix = DefaultProtocolPrefix
	}
	if cfg.ConnLow == 0 {
		cfg.ConnLow = DefaultConnLow
	}
	if cfg.ConnHigh == 0 {
		cfg.ConnHigh = DefaultConnHigh
	}
	if cfg.ConnGrace == 0 {
		cfg.ConnGrace = DefaultConnGrace
	}
	if cfg.MaxInbound == 0 {
		cfg.MaxInbound = DefaultMaxInbound
	}
	if cfg.DialTimeout == 0 {
		cfg.DialTimeout = DefaultDialTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cfg.Limits = cfg.Limits.withDefaults()
	cfg.RelayLimits = cfg.RelayLimits.withDefaults()
	return cfg
}

// validate checks a Config that already went through withDefaults.
func (cfg Config) validate() error {
	switch {
	case cfg.Identity == nil:
		return fmt.Errorf("%w: no identity key", ErrConfig)
	case !strings.HasPrefix(cfg.ProtocolPrefix, "/") || strings.HasSuffix(cfg.ProtocolPrefix, "/"):
		return fmt.Errorf("%w: protocol prefix %q must start and not end with /", ErrConfig, cfg.ProtocolPrefix)
	case cfg.ConnLow < 0 || cfg.ConnHigh < cfg.ConnLow:
		return fmt.Errorf("%w: connection water marks low %d high %d", ErrConfig, cfg.ConnLow, cfg.ConnHigh)
	case cfg.ConnHigh >= cfg.Limits.ConnsInbound || cfg.MaxInbound <= 0 || cfg.MaxInbound >= cfg.Limits.ConnsInbound:
		// Past the hard cap nothing can make room: the trimming limits
		// must sit below it.
		return fmt.Errorf("%w: connection high water %d and inbound admission limit %d must be below the inbound cap %d",
			ErrConfig, cfg.ConnHigh, cfg.MaxInbound, cfg.Limits.ConnsInbound)
	}
	for _, l := range cfg.Listen {
		if _, err := ma.NewMultiaddr(l); err != nil {
			return fmt.Errorf("%w: listen address %q: %v", ErrConfig, l, err)
		}
	}
	if cfg.Relay < RelayAuto || cfg.Relay > RelayOff {
		return fmt.Errorf("%w: relay mode %d", ErrConfig, cfg.Relay)
	}
	if err := cfg.RelayLimits.validate(); err != nil {
		return err
	}
	return cfg.Limits.validate()
}
