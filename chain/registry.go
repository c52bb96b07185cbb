package chain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"essaim/chain/registry"
)

// RegistrySalt is the CREATE2 salt of the registry's deployment.
var RegistrySalt = common.Hash{}

// RegistryInitCode returns the registry's creation code, as compiled into
// the generated bindings.
func RegistryInitCode() []byte { return common.FromHex(registry.EssaimRegistryMetaData.Bin) }

// RegistryAddress is where DeployRegistry puts the registry on any chain
// with the deterministic deployment proxy: the default for every command.
func RegistryAddress() common.Address { return Create2Address(RegistryInitCode(), RegistrySalt) }

// DeployRegistry deploys the registry at RegistryAddress, or does nothing
// when it is already there.
func DeployRegistry(ctx context.Context, b DeployBackend, opts *bind.TransactOpts) (common.Address, error) {
	return DeployCreate2(ctx, b, opts, RegistryInitCode(), RegistrySalt)
}

// RevertError is a custom error of the registry decoded from revert data,
// such as EssaimRegistryPriceAboveMax(price, maxPrice).
type RevertError struct {
	Name string         // without the contract prefix, e.g. "PriceAboveMax"
	Args map[string]any // by parameter name
	abi  abi.Error
}

func (e *RevertError) Error() string {
	var parts []string
	for _, in := range e.abi.Inputs {
		parts = append(parts, fmt.Sprintf("%s=%v", in.Name, formatArg(e.Args[in.Name])))
	}
	return fmt.Sprintf("%s: %s(%s)", ErrReverted, e.Name, strings.Join(parts, ", "))
}

// Unwrap lets errors.Is(err, ErrReverted) match.
func (e *RevertError) Unwrap() error { return ErrReverted }

func formatArg(v any) string {
	switch x := v.(type) {
	case [32]byte:
		return common.Hash(x).Hex()
	case common.Address:
		return x.Hex()
	}
	return fmt.Sprint(v)
}

var registryABI = func() *abi.ABI {
	a, err := registry.EssaimRegistryMetaData.ParseABI()
	if err != nil {
		panic(fmt.Sprintf("registry ABI: %v", err)) // generated code: cannot fail at run time
	}
	return a
}()

// DecodeRevert turns err into a *RevertError when it carries revert data
// of one of the registry's custom errors; otherwise it returns err as is.
// Short or unknown revert data is never trusted.
func DecodeRevert(err error) error {
	var de interface{ ErrorData() any }
	if err == nil || !errors.As(err, &de) {
		return err
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return err
	}
	data, derr := hexutil.Decode(s)
	if derr != nil || len(data) < 4 {
		return err
	}
	for name, e := range registryABI.Errors {
		if !bytes.Equal(data[:4], e.ID[:4]) {
			continue
		}
		vals, uerr := e.Inputs.Unpack(data[4:])
		if uerr != nil {
			return err
		}
		args := map[string]any{}
		for i, in := range e.Inputs {
			args[in.Name] = vals[i]
		}
		return &RevertError{Name: strings.TrimPrefix(name, "EssaimRegistry"), Args: args, abi: e}
	}
	return err
}
