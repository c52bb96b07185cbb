package chain

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// fakeReceipts answers TransactionReceipt from a script of results.
type fakeReceipts struct {
	script []error // one per call; nil means "return the receipt"
	status uint64
	calls  int
}

func (f *fakeReceipts) TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	i := min(f.calls, len(f.script)-1)
	f.calls++
	if err := f.script[i]; err != nil {
		return nil, err
	}
	return &types.Receipt{TxHash: hash, Status: f.status, GasUsed: 21000}, nil
}

func TestWaitMined(t *testing.T) {
	indexing := errors.New("transaction indexing is in progress")
	broken := errors.New("connection refused")
	tests := []struct {
		name    string
		script  []error
		status  uint64
		want    error // nil: success
		wantN   int   // calls made
		timeout time.Duration
	}{
		{"mined at once", []error{nil}, types.ReceiptStatusSuccessful, nil, 1, time.Second},
		{"after not found", []error{ethereum.NotFound, ethereum.NotFound, nil}, types.ReceiptStatusSuccessful, nil, 3, time.Second},
		{"after indexing", []error{indexing, nil}, types.ReceiptStatusSuccessful, nil, 2, time.Second},
		{"reverted", []error{nil}, types.ReceiptStatusFailed, ErrReverted, 1, time.Second},
		{"rpc error stops", []error{ethereum.NotFound, broken}, types.ReceiptStatusSuccessful, broken, 2, time.Second},
		{"never mined", []error{ethereum.NotFound}, types.ReceiptStatusSuccessful, context.DeadlineExceeded, -1, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeReceipts{script: tt.script, status: tt.status}
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			start := time.Now()
			r, err := WaitMined(ctx, f, common.Hash{1})
			if tt.want == nil {
				if err != nil || r == nil || r.TxHash != (common.Hash{1}) {
					t.Fatalf("got %v, %v; want the receipt", r, err)
				}
			} else if !errors.Is(err, tt.want) {
				t.Fatalf("got %v; want %v", err, tt.want)
			}
			if tt.wantN >= 0 && f.calls != tt.wantN {
				t.Errorf("%d calls, want %d", f.calls, tt.wantN)
			}
			// No one-second polling floor: two retries take milliseconds.
			if tt.want == nil && time.Since(start) > 500*time.Millisecond {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
}
