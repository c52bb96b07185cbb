package main

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/chain"
)

var balanceCommand = &cli.Command{
	Name:      "balance",
	Usage:     "show an account's ether balance",
	ArgsUsage: "[ADDR]",
	Description: "ADDR defaults to --account, or the keystore's first account. The balance is read at the\n" +
		"latest block; --json gives it in wei, as a decimal string.",
	Action: runBalance,
}

type balanceResult struct {
	Account string `json:"account"`
	Balance string `json:"balance"` // wei
}

func runBalance(c *cli.Context) error {
	if c.NArg() > 1 {
		return usageErrorf("balance takes at most one ADDR, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	var who common.Address
	var err error
	if c.NArg() == 1 {
		who, err = parseAddress(c.Args().First(), "ADDR")
	} else {
		who, err = defaultAccount(c)
	}
	if err != nil {
		return err
	}
	s, err := dial(c)
	if err != nil {
		return err
	}
	defer s.close()
	bal, err := s.ops.Balance(s.ctx, who)
	if err != nil {
		return err
	}
	res := balanceResult{Account: who.Hex(), Balance: bal.String()}
	return output(c, res, func(p *printer) {
		p.field("account", res.Account)
		p.field("balance", chain.FormatEther(bal))
	})
}
