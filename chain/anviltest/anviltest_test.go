package anviltest

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/rpc"
)

func TestStartAnswers(t *testing.T) {
	c, err := rpc.Dial(Start(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var id string
	if err := c.CallContext(context.Background(), &id, "eth_chainId"); err != nil || id != "0x7a69" {
		t.Fatalf("chain id %q, %v; want 0x7a69 (31337)", id, err)
	}
}
