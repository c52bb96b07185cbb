package chain_test

import (
	"context"
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"essaim/chain"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

// Both clients the node uses fit the reader's backend.
var (
	_ chain.RightsBackend = (*chain.Client)(nil)
	_ chain.RightsBackend = simulated.Client(nil)
)

func TestRightsReader(t *testing.T) {
	alloc := types.GenesisAlloc{}
	for _, a := range devnet.Accounts() {
		alloc[a.Address] = types.Account{Balance: devnet.DefaultBalance()}
	}
	sim := simulated.NewBackend(alloc)
	t.Cleanup(func() { sim.Close() })
	client := sim.Client()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	id, err := client.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acc := devnet.Accounts()
	addr, _, err := bind.DeployContract(bind.NewKeyedTransactor(acc[9].Key, id),
		common.FromHex(registry.EssaimRegistryMetaData.Bin), client, nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	reg := registry.NewEssaimRegistry()
	inst := reg.Instance(client, addr)
	send := func(from devnet.Account, data []byte) {
		t.Helper()
		tx, err := bind.Transact(inst, bind.NewKeyedTransactor(from.Key, id), data)
		if err != nil {
			t.Fatal(chain.DecodeRevert(err))
		}
		sim.Commit()
		if _, err := chain.WaitMined(ctx, client, tx.Hash()); err != nil {
			t.Fatal(err)
		}
	}
	root, salt := [32]byte{0x77}, [32]byte{0x5a}
	cm, err := bind.Call(inst, nil, reg.PackComputeCommitment(root, acc[0].Address, salt), reg.UnpackComputeCommitment)
	if err != nil {
		t.Fatal(err)
	}
	send(acc[0], reg.PackCommit(cm))
	sim.Commit()
	send(acc[0], reg.PackRegister(root, salt, "t", nil, [32]byte{}, true, nil, nil))
	send(acc[0], reg.PackGrant(root, acc[1].Address, 0))

	r := chain.NewRightsReader(client, addr)
	w, err := r.Work(ctx, root)
	if err != nil || w != (chain.WorkInfo{Creator: acc[0].Address, Open: true}) {
		t.Fatalf("Work = %+v, %v", w, err)
	}
	if w, err := r.Work(ctx, [32]byte{0x01}); err != nil || w != (chain.WorkInfo{}) {
		t.Fatalf("Work of an unregistered root = %+v, %v", w, err)
	}
	if ok, err := r.HasValidLicense(ctx, root, acc[3].Address); err != nil || !ok {
		t.Fatalf("HasValidLicense on an open work = %v, %v", ok, err)
	}
	if ok, err := r.HasValidLicense(ctx, [32]byte{0x01}, acc[0].Address); err != nil || ok {
		t.Fatalf("HasValidLicense on an unregistered root = %v, %v", ok, err)
	}
	if e, err := r.LicenseExpiry(ctx, root, acc[1].Address); err != nil || e != math.MaxUint64 {
		t.Fatalf("LicenseExpiry of a perpetual grant = %d, %v", e, err)
	}
	if e, err := r.LicenseExpiry(ctx, root, acc[2].Address); err != nil || e != 0 {
		t.Fatalf("LicenseExpiry of no license = %d, %v", e, err)
	}
	head, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if now, err := r.Now(ctx); err != nil || now != head.Time {
		t.Fatalf("Now = %d, %v; want %d", now, err, head.Time)
	}

	// No contract at the address: an error, never "not registered".
	empty := chain.NewRightsReader(client, common.Address{0x42})
	if _, err := empty.Work(ctx, root); !errors.Is(err, chain.ErrEmptyAnswer) {
		t.Fatalf("Work at an empty address: %v, want ErrEmptyAnswer", err)
	}
}

// garbageBackend answers every call with fixed bytes or an error.
type garbageBackend struct {
	out    []byte
	err    error
	header *types.Header
}

func (g garbageBackend) CallContract(context.Context, ethereum.CallMsg, *big.Int) ([]byte, error) {
	return g.out, g.err
}

func (g garbageBackend) HeaderByNumber(context.Context, *big.Int) (*types.Header, error) {
	return g.header, g.err
}

func TestRightsReaderFailures(t *testing.T) {
	ctx := context.Background()
	down := errors.New("connection refused")
	for _, tt := range []struct {
		name string
		b    garbageBackend
	}{
		{"node error", garbageBackend{err: down}},
		{"empty answer", garbageBackend{}},
		{"short answer", garbageBackend{out: []byte{1, 2, 3}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := chain.NewRightsReader(tt.b, common.Address{1})
			if _, err := r.Work(ctx, [32]byte{1}); err == nil {
				t.Error("Work: no error")
			}
			if _, err := r.HasValidLicense(ctx, [32]byte{1}, common.Address{2}); err == nil {
				t.Error("HasValidLicense: no error")
			}
			if _, err := r.LicenseExpiry(ctx, [32]byte{1}, common.Address{2}); err == nil {
				t.Error("LicenseExpiry: no error")
			}
			if _, err := r.Now(ctx); err == nil {
				t.Error("Now: no error")
			}
		})
	}
	if _, err := chain.NewRightsReader(garbageBackend{}, common.Address{}).Now(ctx); err == nil {
		t.Error("Now with a nil header and no error: no error")
	}
}

// FuzzRightsReader feeds the reader arbitrary answers from the node: it
// returns values or errors, never panics.
func FuzzRightsReader(f *testing.F) {
	f.Add([]byte{})
	f.Add(make([]byte, 32))
	f.Add(make([]byte, 128))
	f.Add(append(make([]byte, 31), 2))
	f.Add(common.FromHex("0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb922660000000000000000000000000000000000000000000000000000000000000001"))
	f.Fuzz(func(t *testing.T, out []byte) {
		ctx := context.Background()
		r := chain.NewRightsReader(garbageBackend{out: out, header: &types.Header{Time: 1}}, common.Address{1})
		r.Work(ctx, [32]byte{1})
		r.HasValidLicense(ctx, [32]byte{1}, common.Address{2})
		r.LicenseExpiry(ctx, [32]byte{1}, common.Address{2})
		if len(out) == 0 {
			if _, err := r.Work(ctx, [32]byte{1}); !errors.Is(err, chain.ErrEmptyAnswer) {
				t.Fatalf("empty answer: %v", err)
			}
		}
	})
}
