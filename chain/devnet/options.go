package devnet

import (
	"errors"
	"fmt"
	"math/big"
	"net"
)

// ErrBadHost is returned when asked to listen on a name, or on every
// interface at once, rather than on one address.
var ErrBadHost = errors.New("devnet: listen address must be 127.0.0.1 or one IP address of this machine, not a name or every interface")

// Defaults, in one place. They match Anvil's so that every command works the
// same against either chain.
const (
	// DefaultHost is where the devnet listens unless told otherwise.
	DefaultHost = "127.0.0.1"
	// DefaultPort is Anvil's default JSON-RPC port.
	DefaultPort = 8545
	// DefaultChainID is Anvil's default chain id.
	DefaultChainID = 31337
	// DefaultGasLimit is Anvil's default block gas limit.
	DefaultGasLimit = 30_000_000
)

// DefaultBalance is what each development account holds at genesis:
// 10,000 ETH, as on Anvil.
func DefaultBalance() *big.Int {
	return new(big.Int).Mul(big.NewInt(10_000), big.NewInt(1e18))
}

// config is the devnet's settings; newConfig fills in the defaults.
type config struct {
	host     string
	port     int
	chainID  uint64
	gasLimit uint64
	balance  *big.Int
}

func newConfig(opts []Option) (config, error) {
	c := config{
		host:     DefaultHost,
		port:     DefaultPort,
		chainID:  DefaultChainID,
		gasLimit: DefaultGasLimit,
		balance:  DefaultBalance(),
	}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return config{}, err
		}
	}
	return c, nil
}

// Option changes one setting of the devnet.
type Option func(*config) error

// WithHost sets the listen address: "127.0.0.1" (or "localhost", the
// default), or one IP address of this machine, to let a network lab or a
// LAN reach the chain. The development accounts' keys are public, so
// anyone who reaches the port can spend from them: the caller chooses the
// address deliberately. Names other than localhost and the unspecified
// addresses (0.0.0.0, ::), which would listen on every interface at once,
// are refused with ErrBadHost, as are multicast and broadcast addresses.
func WithHost(host string) Option {
	return func(c *config) error {
		if host == "localhost" {
			host = DefaultHost
		}
		ip := net.ParseIP(host)
		if ip == nil || ip.IsUnspecified() || ip.IsMulticast() || ip.Equal(net.IPv4bcast) {
			return fmt.Errorf("%w: %q", ErrBadHost, host)
		}
		c.host = ip.String()
		return nil
	}
}

// WithPort sets the TCP port that serves both HTTP and WebSocket JSON-RPC.
// Port 0 picks a free port; Devnet.HTTPURL reports it.
func WithPort(port int) Option {
	return func(c *config) error {
		if port < 0 || port > 65535 {
			return fmt.Errorf("devnet: port %d out of range 0-65535", port)
		}
		c.port = port
		return nil
	}
}

// WithChainID sets the chain id (default 31337).
func WithChainID(id uint64) Option {
	return func(c *config) error {
		if id == 0 {
			return fmt.Errorf("devnet: chain id must not be 0")
		}
		c.chainID = id
		return nil
	}
}

// WithGasLimit sets the block gas limit (default 30,000,000).
func WithGasLimit(limit uint64) Option {
	return func(c *config) error {
		if limit < 21_000 {
			return fmt.Errorf("devnet: block gas limit %d below one transfer", limit)
		}
		c.gasLimit = limit
		return nil
	}
}
