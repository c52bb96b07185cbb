package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"syscall"

	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/registryops"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/xfer"
)

// printer writes aligned "name  value" lines.
type printer struct{ w io.Writer }

func (p *printer) field(name, value string) { fmt.Fprintf(p.w, "%-8s %s\n", name, value) }

// output prints v as JSON under --json, or through human otherwise.
func output(c *cli.Context, v any, human func(*printer)) error {
	if c.Bool(jsonFlag.Name) {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	human(&printer{w: c.App.Writer})
	return nil
}

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Exit codes.
const (
	exitFailure = 1 // the command ran and failed, or the answer is no
	exitUsage   = 2 // the command line is wrong
)

// exitCode maps an error to the process exit code; the one place that does.
func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFailure
}

// describe turns an error into the one line a user sees; the one place
// that does. Known causes get a hint; the wrapped detail stays.
func describe(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Sprintf("disk full: %v (free some space and run the command again: nothing is lost)", err)
	case errors.Is(err, chunkstore.ErrBusy):
		return fmt.Sprintf("%v", err)
	case errors.Is(err, content.ErrBadPath):
		return fmt.Sprintf("%v (this name cannot be shared safely; rename it)", err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("permission denied: %v", err)
	}
	if msg, ok := describeRefusal(err); ok {
		return msg
	}
	if msg, ok := describeChain(err); ok {
		return msg
	}
	return err.Error()
}

// describeChain words the errors of the chain commands.
func describeChain(err error) (string, bool) {
	var rev *chain.RevertError
	switch {
	case errors.As(err, &rev):
		return describeRevert(rev), true
	case errors.Is(err, chain.ErrUnreachable):
		return fmt.Sprintf("%v (is a node running? start one with `essaim devnet`, or point --rpc at one)", err), true
	case errors.Is(err, chain.ErrWrongChain):
		return fmt.Sprintf("wrong chain: %v (check --rpc and --chain-id)", err), true
	case errors.Is(err, registryops.ErrNoContract):
		return fmt.Sprintf("%v (deploy it with `essaim deploy`, run `essaim devnet` for a local chain, or set --contract)", err), true
	case errors.Is(err, registryops.ErrInsufficientFunds):
		return fmt.Sprintf("%v (send ether to the account first)", err), true
	case errors.Is(err, chain.ErrBadPassword):
		return fmt.Sprintf("%v (check --password-file)", err), true
	case errors.Is(err, chain.ErrNoFactory):
		return fmt.Sprintf("%v: cannot deploy the registry at its deterministic address", err), true
	}
	return "", false
}

// describeRevert words a custom error of the registry: in the registry's
// plain words (chain.RevertError.Explain, which the node's API shows too),
// naming the flag to change where one is the remedy.
func describeRevert(e *chain.RevertError) string {
	switch e.Name {
	case "PriceAboveMax":
		price, _ := e.Args["price"].(*big.Int)
		maxPrice, _ := e.Args["maxPrice"].(*big.Int)
		return fmt.Sprintf("price raised: the offer costs %s, above --max-price %s", formatWei(price), formatWei(maxPrice))
	case "OfferNotFound":
		return e.Explain() + " (choose one with --offer)"
	}
	return e.Explain()
}

// describeRefusal words a holder's refusal to serve a work.
func describeRefusal(err error) (string, bool) {
	var r *xfer.RefusedError
	if !errors.As(err, &r) {
		return "", false
	}
	switch r.Code {
	case xfer.CodeNoLicense:
		return fmt.Sprintf("%v: this account holds no valid license for the work (buy one with `essaim buy WORK`, or ask its creator for a grant)", err), true
	case xfer.CodeExpired:
		return fmt.Sprintf("%v: this account's license to the work has ended (renew it with `essaim buy WORK`, then run the same get again: the chunks already verified are kept)", err), true
	case xfer.CodeNeedProof:
		return fmt.Sprintf("%v: the work is not open and needs a license; create an account (`essaim account new`) and buy one", err), true
	case xfer.CodeUnavailable:
		return fmt.Sprintf("%v: the holders cannot read the chain to check your license; try again later", err), true
	case xfer.CodeNotRegistered:
		return fmt.Sprintf("%v: no such work on this registry (check --rpc and --contract)", err), true
	}
	return err.Error(), true
}
