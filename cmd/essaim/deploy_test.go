package main

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
)

func TestDeployIdempotent(t *testing.T) {
	t.Parallel()
	tc := startChain(t, false)
	u := newUser(t, tc, 0)

	stdout, stderr, code := u.run(t, "license", "check", strings64("ab"), u.addr.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "essaim deploy")

	for range 2 {
		var res deployResult
		u.runJSON(t, &res, "deploy")
		if common.HexToAddress(res.Contract) != chain.RegistryAddress() || res.ChainID != 31337 {
			t.Fatalf("deploy: %+v, want %s on 31337", res, chain.RegistryAddress())
		}
	}
	code2, err := tc.client.CodeAt(context.Background(), chain.RegistryAddress(), nil)
	if err != nil || len(code2) == 0 {
		t.Fatalf("no code at %s: %v", chain.RegistryAddress(), err)
	}
	stdout, stderr, code = u.run(t, "license", "check", strings64("ab"), u.addr.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "unknown work")
}

// strings64 repeats a two-digit hex byte into a 32-byte root.
func strings64(b string) string {
	s := ""
	for range 32 {
		s += b
	}
	return s
}
