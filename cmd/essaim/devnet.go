package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/devnet"
)

// catDevnet groups the devnet command's flags in --help.
const catDevnet = "DEVNET"

var devnetListenFlag = &cli.StringFlag{
	Name: "listen",
	Usage: "the IP address to listen on: 127.0.0.1, or one address of this machine that a network lab or a LAN " +
		"can reach (anyone who reaches it can spend the public development accounts)",
	Value:    devnet.DefaultHost,
	EnvVars:  []string{"ESSAIM_DEVNET_LISTEN"},
	Category: catDevnet,
}

var devnetPortFlag = &cli.IntFlag{
	Name:     "port",
	Usage:    "TCP port for JSON-RPC over HTTP and WebSocket (0 picks a free one)",
	Value:    devnet.DefaultPort,
	EnvVars:  []string{"ESSAIM_DEVNET_PORT"},
	Category: catDevnet,
}

var devnetCommand = &cli.Command{
	Name:  "devnet",
	Usage: "run a local development chain that answers like Anvil",
	Description: "Runs an embedded Ethereum development chain until interrupted (on 127.0.0.1 unless\n" +
		"--listen names another address of this machine): chain id\n" +
		"31337, JSON-RPC over HTTP and WebSocket on one port, Anvil's ten development accounts\n" +
		"funded with 10,000 ETH each, and one block sealed for every transaction. The registry\n" +
		"contract is deployed at startup at its deterministic address, the one every command uses\n" +
		"by default (on Anvil, `essaim deploy` puts it at the same address).",
	Flags:  []cli.Flag{devnetListenFlag, devnetPortFlag},
	Action: runDevnet,
}

type devnetAccount struct {
	Address    string `json:"address"`
	PrivateKey string `json:"private_key"`
}

type devnetResult struct {
	RPC      string          `json:"rpc"`
	WS       string          `json:"ws"`
	ChainID  uint64          `json:"chain_id"`
	Contract string          `json:"contract"`
	Accounts []devnetAccount `json:"accounts"`
}

func runDevnet(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("devnet takes no arguments, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()

	port := c.Int(devnetPortFlag.Name)
	if port < 0 || port > 65535 {
		return usageErrorf("--port: %d is not a TCP port (0-65535)", port)
	}
	d, err := devnet.New(devnet.WithHost(c.String(devnetListenFlag.Name)), devnet.WithPort(port))
	if errors.Is(err, devnet.ErrBadHost) {
		return usageErrorf("--listen %q: want 127.0.0.1 or one IP address of this machine", c.String(devnetListenFlag.Name))
	}
	if errors.Is(err, devnet.ErrPortInUse) {
		return fmt.Errorf("%w (is Anvil or another devnet running? choose another with --port or ESSAIM_DEVNET_PORT)", err)
	}
	if err != nil {
		return err
	}
	contract, err := deployOnDevnet(ctx, d)
	if err != nil {
		d.Close()
		return fmt.Errorf("deploy the registry on the devnet: %w", err)
	}
	res := devnetResult{RPC: d.HTTPURL(), WS: d.WSURL(), ChainID: d.ChainID(), Contract: contract.Hex()}
	for _, a := range devnet.Accounts() {
		res.Accounts = append(res.Accounts, devnetAccount{Address: a.Address.Hex(), PrivateKey: a.KeyHex()})
	}
	err = output(c, res, func(p *printer) {
		p.field("rpc", res.RPC)
		p.field("ws", res.WS)
		p.field("chain id", fmt.Sprint(res.ChainID))
		p.field("contract", res.Contract+" (EssaimRegistry)")
		fmt.Fprintln(p.w, "\naccounts (10,000 ETH each):")
		for i, a := range res.Accounts {
			fmt.Fprintf(p.w, "  (%d) %s  %s\n", i, a.Address, a.PrivateKey)
		}
		fmt.Fprintln(p.w, "\nWARNING: these keys are public; never use them on a real chain.")
		if !isLoopbackURL(res.RPC) {
			fmt.Fprintln(p.w, "WARNING: the chain listens beyond this machine: whoever reaches it can spend these accounts.")
		}
		fmt.Fprintln(p.w, "\nrunning; Ctrl-C stops")
	})
	if err != nil {
		d.Close()
		return err
	}
	return d.Run(ctx)
}

// deployOnDevnet deploys the registry from the last development account,
// leaving the first ones' nonces to the user.
func deployOnDevnet(ctx context.Context, d *devnet.Devnet) (common.Address, error) {
	client, err := chain.Dial(ctx, d.WSURL(), new(big.Int).SetUint64(d.ChainID()))
	if err != nil {
		return common.Address{}, err
	}
	defer client.Close()
	accs := devnet.Accounts()
	opts := bind.NewKeyedTransactor(accs[len(accs)-1].Key, client.ChainID())
	return chain.DeployRegistry(ctx, client, opts)
}

// isLoopbackURL reports whether an http URL's host is a loopback address.
func isLoopbackURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	ip := net.ParseIP(p.Hostname())
	return ip != nil && ip.IsLoopback()
}
