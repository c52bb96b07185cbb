package devnet

import (
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/core"
)

// adjustAttempts bounds how often AdjustTime retries when transactions
// keep arriving between draining the pool and sealing the empty block.
const adjustAttempts = 10

// sealLoop seals blocks whenever the pool reports executable transactions,
// until Close. go-ethereum's simulated beacon only seals on demand; this
// loop is what makes the devnet mine like Anvil's automine.
//
// Receiving events and sealing run in two goroutines: the pool sends its
// events synchronously, and sealing waits for the pool (TxPool.Sync), so a
// sealer that also had to receive could deadlock with it.
func (d *Devnet) sealLoop() {
	defer close(d.done)
	txs := make(chan core.NewTxsEvent, 16)
	sub := d.backend.TxPool().SubscribeTransactions(txs, true)
	kick := make(chan struct{}, 1)
	sealerDone := make(chan struct{})
	go d.sealer(kick, sealerDone)
	defer func() {
		sub.Unsubscribe() // first, so the pool never blocks on txs again
		<-sealerDone
	}()
	for {
		select {
		case <-d.quit:
			return
		case <-sub.Err():
			return
		case <-txs:
			select {
			case kick <- struct{}{}: // one kick covers every event until the sealer runs
			default:
			}
		}
	}
}

// sealRetry is how often the sealer looks for executable transactions
// that no kick sealed (a seal that failed, a pool that promoted them after
// the sealer looked), so that none waits for the next transaction.
const sealRetry = 250 * time.Millisecond

// sealer seals pending transactions each time it is kicked, and any left
// executable every sealRetry, until quit.
func (d *Devnet) sealer(kick <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	retry := time.NewTicker(sealRetry)
	defer retry.Stop()
	for {
		select {
		case <-d.quit:
			return
		case <-kick:
		case <-retry.C:
			if executable, _ := d.backend.TxPool().Stats(); executable == 0 {
				continue
			}
		}
		d.sealMu.Lock()
		d.sealPendingLocked()
		d.sealMu.Unlock()
	}
}

// usableLocked tells whether blocks can be sealed. Callers hold sealMu.
func (d *Devnet) usableLocked() error {
	switch {
	case d.closed:
		return ErrClosed
	case d.beacon == nil:
		return errStarting
	}
	return nil
}

// syncPool waits until the transaction pool has caught up with the head.
// go-ethereum's TxPool.Sync serves one caller at a time: a second caller
// replaces the first one's waiter, which then waits forever. So every call
// (ours, and the beacon's own while sealing) happens under sealMu.
func (d *Devnet) syncPool() error {
	d.sealMu.Lock()
	defer d.sealMu.Unlock()
	if d.closed {
		return ErrClosed
	}
	return d.backend.TxPool().Sync()
}

// sealPendingLocked seals blocks until no executable transaction is left,
// or until sealing fails or a sealed block includes none of them (say, a fee
// cap below the base fee): those wait for a later block rather than spin.
// Callers hold sealMu.
func (d *Devnet) sealPendingLocked() {
	if d.closed || d.beacon == nil {
		return
	}
	pool := d.backend.TxPool()
	chain := d.backend.BlockChain()
	for {
		if err := pool.Sync(); err != nil {
			return
		}
		if executable, _ := pool.Stats(); executable == 0 {
			return
		}
		before := chain.CurrentBlock().Hash()
		d.beacon.Commit() // logs and swallows its errors: check the head moved
		head := chain.CurrentBlock()
		if head.Hash() == before {
			return
		}
		if block := chain.GetBlock(head.Hash(), head.Number.Uint64()); block == nil || len(block.Transactions()) == 0 {
			return
		}
	}
}

// Mine seals n blocks now, after including whatever transactions are
// pending. Like Anvil's evm_mine and anvil_mine.
func (d *Devnet) Mine(n int) error {
	d.sealMu.Lock()
	defer d.sealMu.Unlock()
	if err := d.usableLocked(); err != nil {
		return err
	}
	d.sealPendingLocked()
	for range n {
		d.beacon.Commit()
	}
	return nil
}

// AdjustTime seals an empty block whose timestamp is the previous block's
// plus by, after including whatever transactions are pending. Later blocks
// keep moving forward from there (one second per block until the wall
// clock catches up): block time never goes backwards. This differs from
// Anvil's evm_increaseTime, which only applies the offset to the next block.
// It fails while a transaction no block will include (fee cap below the
// base fee) sits in the pool: go-ethereum only adjusts time on an empty pool.
func (d *Devnet) AdjustTime(by time.Duration) error {
	if by < 0 {
		return fmt.Errorf("devnet: cannot move time backwards (%v)", by)
	}
	d.sealMu.Lock()
	defer d.sealMu.Unlock()
	if err := d.usableLocked(); err != nil {
		return err
	}
	var err error
	for range adjustAttempts {
		d.sealPendingLocked()
		// The beacon refuses to adjust time while transactions are pending;
		// one may have arrived since the pool was drained: drain again.
		if err = d.beacon.AdjustTime(by); err == nil {
			return nil
		}
	}
	return errors.Join(errors.New("devnet: adjust time"), err)
}
