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

// Anvil's address is found whatever way its output is cut into writes,
// after its banner, and only once.
func TestListenWatchFindsAddress(t *testing.T) {
	out := "Available Accounts\n==================\n\n(0) 0xf39F...\n\nListening on 127.0.0.1:34391\neth_chainId\nListening on 127.0.0.1:1\n"
	for _, size := range []int{1, 3, 17, len(out)} {
		w := &listenWatch{addr: make(chan string, 1)}
		for rest := out; rest != ""; {
			n := min(size, len(rest))
			if k, err := w.Write([]byte(rest[:n])); k != n || err != nil {
				t.Fatalf("write of %d: %d, %v", n, k, err)
			}
			rest = rest[n:]
		}
		select {
		case got := <-w.addr:
			if got != "127.0.0.1:34391" {
				t.Fatalf("writes of %d: got %q", size, got)
			}
		default:
			t.Fatalf("writes of %d: no address found", size)
		}
	}
}
