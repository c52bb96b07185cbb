// Package chain is essaim's side of Ethereum: a client that dials any
// JSON-RPC endpoint and checks that it is the chain it should be, accounts
// kept in a go-ethereum keystore, and sending transactions and waiting for
// them without a polling floor. It knows nothing about libp2p.
package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
)

// Errors a caller can test for with errors.Is.
var (
	// ErrUnreachable means the JSON-RPC endpoint could not be reached or
	// did not answer.
	ErrUnreachable = errors.New("RPC endpoint unreachable")
	// ErrWrongChain means the endpoint serves another chain than expected.
	ErrWrongChain = errors.New("RPC endpoint serves another chain")
	// ErrReverted means a mined transaction failed.
	ErrReverted = errors.New("transaction reverted")
)

// Client is a JSON-RPC connection to one chain whose id has been checked.
type Client struct {
	*ethclient.Client
	url     string
	chainID *big.Int
}

// Dial connects to url (http, https, ws, wss or an IPC path) and reads the
// chain id. When want is non-nil, any other chain id is ErrWrongChain.
func Dial(ctx context.Context, url string, want *big.Int) (*Client, error) {
	ec, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, url, err)
	}
	id, err := ec.ChainID(ctx)
	if err != nil {
		ec.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, url, err)
	}
	if want != nil && id.Cmp(want) != 0 {
		ec.Close()
		return nil, fmt.Errorf("%w: %s has chain id %s, want %s", ErrWrongChain, url, id, want)
	}
	return &Client{Client: ec, url: url, chainID: id}, nil
}

// ChainID returns the chain id read at Dial.
func (c *Client) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// URL returns the endpoint the client dialled.
func (c *Client) URL() string { return c.url }

// ReceiptReader is the part of a backend that WaitMined needs.
type ReceiptReader interface {
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
}

// Polling intervals of WaitMined: it starts fast, because a development
// chain mines within milliseconds, and backs off towards the block time of
// a public chain.
const (
	firstPoll = 2 * time.Millisecond
	maxPoll   = 500 * time.Millisecond
)

// WaitMined waits until the transaction hash is in a block and returns its
// receipt; a failed transaction is ErrReverted (with the receipt). It polls
// every 2 ms at first, doubling up to 500 ms, and stops when ctx is done.
func WaitMined(ctx context.Context, b ReceiptReader, hash common.Hash) (*types.Receipt, error) {
	wait := firstPoll
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for transaction %s: %w", hash, ctx.Err())
		case <-timer.C:
		}
		r, err := b.TransactionReceipt(ctx, hash)
		switch {
		case err == nil && r.Status == types.ReceiptStatusFailed:
			return r, fmt.Errorf("%w: %s (gas used %d)", ErrReverted, hash, r.GasUsed)
		case err == nil:
			return r, nil
		case !notYet(err):
			return nil, fmt.Errorf("receipt of %s: %w", hash, err)
		}
		timer.Reset(wait)
		wait = min(2*wait, maxPoll)
	}
}

// notYet reports the errors that mean "no receipt yet": not found, and the
// "transaction indexing is in progress" answer of a freshly started node.
func notYet(err error) bool {
	return errors.Is(err, ethereum.NotFound) || strings.Contains(err.Error(), "indexing is in progress")
}
