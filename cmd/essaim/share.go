package main

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/p2p/content"
)

var shareCommand = &cli.Command{
	Name:      "share",
	Usage:     "register a work (unless it is registered already) and serve it until stopped",
	ArgsUsage: "PATH",
	Description: "Does what `essaim register PATH` does (same flags), then runs a node (as `essaim node`)\n" +
		"that serves PATH and every work on this home's shelf. A root registered already, by you or\n" +
		"by anyone, is served as it is.",
	Flags: append([]cli.Flag{titleFlag, tagFlag, priceFlag, durationFlag, supplyFlag, transferableFlag,
		openFlag, splitFlag, chunkSizeFlag, apiFlag, apiTLSFlag, unlockFlag, maxActiveFlag}, networkFlags...),
	Action: runShare,
}

func runShare(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("share takes one PATH, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	path := c.Args().First()
	if err := checkNodeFlags(c); err != nil {
		return err
	}
	m, err := buildWork(c)
	if err != nil {
		return err
	}
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	if err := registerUnlessKnown(c, s, m); err != nil {
		return err
	}
	if c.Bool(unlockFlag.Name) && s.ks == nil {
		if err := s.unlock(c); err != nil {
			return err
		}
	}
	return runDaemon(c, s, []string{path}, []*content.Manifest{m})
}

// registerUnlessKnown registers m's root as `register` does, unless the
// registry has it already.
func registerUnlessKnown(c *cli.Context, s *session, m *content.Manifest) error {
	root := [32]byte(m.Root())
	w, err := s.ops.Work(s.ctx, root)
	if err != nil {
		return err
	}
	if w.Creator != (common.Address{}) {
		fmt.Fprintf(c.App.Writer, "work     %s (registered by %s)\n", workHex(root), w.Creator.Hex())
		return nil
	}
	r, err := parseRegistration(c)
	if err != nil {
		return err
	}
	if err := s.unlock(c); err != nil {
		return err
	}
	reg, err := s.ops.Register(s.ctx, root, r)
	if err != nil {
		return err
	}
	p := &printer{w: c.App.Writer}
	p.field("work", workHex(reg.Root))
	p.field("title", reg.Title)
	p.field("creator", reg.Creator.Hex())
	p.field("tx", reg.RegisterTx.Hex())
	return nil
}
