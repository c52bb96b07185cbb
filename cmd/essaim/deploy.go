package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"essaim/chain/registryops"
)

var deployCommand = &cli.Command{
	Name:  "deploy",
	Usage: "deploy the registry contract at its deterministic address",
	Description: "Deploys EssaimRegistry from --account through the deterministic deployment proxy\n" +
		"(present on Anvil and most public chains), so it lands at the address every command uses\n" +
		"by default. Does nothing when it is already there. `essaim devnet` deploys it by itself.",
	Action: runDeploy,
}

type deployResult struct {
	Contract string `json:"contract"`
	ChainID  uint64 `json:"chain_id"`
}

func runDeploy(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("deploy takes no arguments, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	s, err := dial(c)
	if err != nil {
		return err
	}
	defer s.close()
	if err := s.unlock(c); err != nil {
		return err
	}
	addr, err := registryops.Deploy(s.ctx, s.client, s.opts)
	if err != nil {
		return err
	}
	res := deployResult{Contract: addr.Hex(), ChainID: s.client.ChainID().Uint64()}
	return output(c, res, func(p *printer) {
		p.field("contract", res.Contract+" (EssaimRegistry)")
		p.field("chain id", fmt.Sprint(res.ChainID))
	})
}
