package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"essaim/chain"
	"essaim/chain/registry"
	"essaim/chain/registryops"
)

// Errors of the chain commands, mapped to messages in describe; the
// registry's operations have theirs in chain/registryops.
var (
	errNoPassword    = errors.New("no password")
	errUnknownWork   = errors.New("unknown work")
	errNoLicense     = errors.New("no valid license")
	errNotRegistered = errors.New("work not registered")
)

// dialTimeout bounds connecting to the endpoint and reading its chain id.
const dialTimeout = 15 * time.Second

// homeDir returns --home, by default ~/.essaim, creating it (mode 0700).
func homeDir(c *cli.Context) (string, error) {
	dir := c.String(homeFlag.Name)
	if dir == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home folder (set --home or ESSAIM_HOME): %w", err)
		}
		dir = filepath.Join(h, ".essaim")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, nil
}

// openKeystore opens <home>/keystore.
func openKeystore(c *cli.Context) (*chain.Keystore, error) {
	home, err := homeDir(c)
	if err != nil {
		return nil, err
	}
	var opts []chain.KeystoreOption
	if c.Bool(lightKDFFlag.Name) {
		opts = append(opts, chain.WithLightScrypt())
	}
	return chain.OpenKeystore(filepath.Join(home, "keystore"), opts...)
}

// readPassword reads the first line of --password-file or, on a terminal,
// prompts without echo (twice when confirm is set). It never takes a
// password from the command line, and never puts one in an error.
func readPassword(c *cli.Context, prompt string, confirm bool) (string, error) {
	return readPasswordFlag(c, passwordFileFlag, prompt, confirm)
}

// readPasswordFlag is readPassword with the password file named by flag.
func readPasswordFlag(c *cli.Context, flag *cli.StringFlag, prompt string, confirm bool) (string, error) {
	if f := c.String(flag.Name); f != "" {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("--%s: %w", flag.Name, err)
		}
		line, _, _ := strings.Cut(string(data), "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			return "", fmt.Errorf("--%s %s: the first line is empty", flag.Name, f)
		}
		return line, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", fmt.Errorf("%w: stdin is not a terminal; use --%s FILE (or %s)", errNoPassword, flag.Name, flag.EnvVars[0])
	}
	pw, err := promptPassword(fd, prompt)
	if err != nil || !confirm {
		return pw, err
	}
	again, err := promptPassword(fd, "Repeat the password: ")
	if err != nil {
		return "", err
	}
	if again != pw {
		return "", errors.New("the passwords do not match")
	}
	return pw, nil
}

func promptPassword(fd int, prompt string) (string, error) {
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("read the password: %w", err)
	}
	if len(b) == 0 {
		return "", fmt.Errorf("%w: the password is empty", errNoPassword)
	}
	return string(b), nil
}

// parseAddress reads a 0x-prefixed (or bare) 20-byte hex address.
func parseAddress(s, what string) (common.Address, error) {
	t := strings.TrimSpace(s)
	if !common.IsHexAddress(t) {
		return common.Address{}, usageErrorf("%s: %q is not an address (0x and 40 hex digits)", what, s)
	}
	return common.HexToAddress(t), nil
}

// parseWork reads a content root: 64 hex digits, with or without 0x.
func parseWork(s string) ([32]byte, error) {
	var root [32]byte
	t := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "0x"), "0X")
	b, err := hex.DecodeString(t)
	if err != nil || len(b) != 32 {
		return root, usageErrorf("%q is not a work (its content root: 64 hex digits, as `essaim hash` prints)", s)
	}
	copy(root[:], b)
	return root, nil
}

// workHex renders a root the way `essaim hash` does.
func workHex(root [32]byte) string { return hex.EncodeToString(root[:]) }

// session is a connection to the registry, and, after unlock, an account
// that signs. The registry's operations are ops'; the other fields serve
// the commands that wire a node.
type session struct {
	ctx      context.Context
	stop     context.CancelFunc
	client   *chain.Client
	contract common.Address
	reg      *registry.EssaimRegistry
	inst     *bind.BoundContract
	ops      *registryops.Session // signs after unlock

	ks        *chain.Keystore // set by unlock
	from      common.Address
	opts      *bind.TransactOpts
	unlocking *chain.Unlocking // set by unlockInBackground; waited for by close
}

// dial connects to --rpc, checking --chain-id when set, for the registry
// at --contract (not checked: see connect).
func dial(c *cli.Context) (*session, error) {
	addr, err := parseAddress(c.String(contractFlag.Name), "--contract")
	if err != nil {
		return nil, err
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	var want *big.Int
	if id := c.Uint64(chainIDFlag.Name); id != 0 {
		want = new(big.Int).SetUint64(id)
	}
	dctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	client, err := chain.Dial(dctx, c.String(rpcFlag.Name), want)
	if err != nil {
		stop()
		return nil, err
	}
	ops := registryops.New(client, addr)
	return &session{ctx: ctx, stop: stop, client: client, contract: addr, reg: ops.Registry(),
		inst: ops.Registry().Instance(client, addr), ops: ops}, nil
}

// connect dials and checks that the registry's code is at --contract.
func connect(c *cli.Context) (*session, error) {
	s, err := dial(c)
	if err != nil {
		return nil, err
	}
	if err := s.ops.CheckDeployed(s.ctx); err != nil {
		s.close()
		if errors.Is(err, registryops.ErrNoContract) {
			return nil, fmt.Errorf("%w on %s", err, c.String(rpcFlag.Name))
		}
		return nil, err
	}
	return s, nil
}

// unlock picks --account (or the first one) and decrypts its key with the
// password, so that the session can send transactions.
func (s *session) unlock(c *cli.Context) error {
	ks, from, pw, err := askAccount(c)
	if err != nil {
		return err
	}
	opts, err := ks.TransactorContext(s.ctx, from, pw, s.client.ChainID())
	if err != nil {
		return err
	}
	s.signWith(ks, from, opts)
	return nil
}

// unlockInBackground is unlock with the key derived while the command goes
// on (chain.Keystore.UnlockInBackground): the account and the password are
// settled now, the options sign once the key is there, and fail is called
// if it cannot be unlocked. ctx bounds the derivation.
func (s *session) unlockInBackground(ctx context.Context, c *cli.Context, fail func(error)) error {
	ks, from, pw, err := askAccount(c)
	if err != nil {
		return err
	}
	u, err := ks.UnlockInBackground(ctx, from, pw, s.client.ChainID(), fail)
	if err != nil {
		return err
	}
	s.unlocking = u
	s.signWith(ks, from, u.Opts())
	return nil
}

// askAccount opens the keystore, picks the account as pickAccount does and
// reads its password.
func askAccount(c *cli.Context) (ks *chain.Keystore, from common.Address, pw string, err error) {
	if ks, err = openKeystore(c); err != nil {
		return nil, from, "", err
	}
	if from, err = pickAccount(c, ks); err != nil {
		return nil, from, "", err
	}
	pw, err = readPassword(c, fmt.Sprintf("Password for %s: ", from.Hex()), false)
	return ks, from, pw, err
}

// signWith makes the session send transactions as from, signed by opts.
func (s *session) signWith(ks *chain.Keystore, from common.Address, opts *bind.TransactOpts) {
	opts.Context = s.ctx
	s.ks, s.from, s.opts = ks, from, opts
	s.ops = s.ops.WithSigner(opts)
}

// pickAccount is --account, or the keystore's first account.
func pickAccount(c *cli.Context, ks *chain.Keystore) (common.Address, error) {
	var want common.Address
	if a := c.String(accountFlag.Name); a != "" {
		var err error
		if want, err = parseAddress(a, "--account"); err != nil {
			return want, err
		}
	}
	return ks.Pick(want)
}

// defaultAccount is pickAccount without a session: the account the
// commands act for, without unlocking it.
func defaultAccount(c *cli.Context) (common.Address, error) {
	ks, err := openKeystore(c)
	if err != nil {
		return common.Address{}, err
	}
	return pickAccount(c, ks)
}

func (s *session) close() {
	if s.unlocking != nil {
		s.stop() // ends a key derivation still running
		s.unlocking.Wait()
	}
	if s.ks != nil {
		s.ks.Lock(s.from)
	}
	s.client.Close()
	s.stop()
}

// formatExpiry renders a license expiry (exclusive, unix seconds) for people.
func formatExpiry(expiry uint64) string {
	if expiry == chain.PerpetualExpiry {
		return "perpetual"
	}
	return time.Unix(int64(expiry), 0).UTC().Format(time.RFC3339)
}
