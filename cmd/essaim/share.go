package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/urfave/cli/v2"

	"essaim/licensing/proof"
	"essaim/p2p/content"
	"essaim/p2p/fetch"
	"essaim/p2p/node"
	"essaim/p2p/xfer"
)

var shareCommand = &cli.Command{
	Name:      "share",
	Usage:     "register a work (unless it is registered already) and serve it until stopped",
	ArgsUsage: "PATH",
	Description: "Does what `essaim register PATH` does (same flags), then runs a node (as `essaim node`)\n" +
		"that serves PATH and every work on this home's shelf. A root registered already, by you or\n" +
		"by anyone, is served as it is.",
	Flags: append([]cli.Flag{titleFlag, tagFlag, priceFlag, durationFlag, supplyFlag, transferableFlag,
		openFlag, splitFlag, chunkSizeFlag}, networkFlags...),
	Action: runShare,
}

func runShare(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("share takes one PATH, got %d arguments", c.NArg())
	}
	path := c.Args().First()
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
	rt, err := startNode(c, s, true)
	if err != nil {
		return err
	}
	defer rt.close()
	if err := rt.share(path, m); err != nil {
		return err
	}
	return rt.serveUntilStopped(c)
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

var (
	outputFlag = &cli.StringFlag{
		Name:     "output",
		Aliases:  []string{"o"},
		Usage:    "the folder to write the work under (created if needed)",
		Category: catContent,
	}
	giveUpFlag = &cli.DurationFlag{
		Name:     "give-up",
		Usage:    "fail when no holder has served the work for this long",
		Value:    30 * time.Second,
		EnvVars:  []string{"ESSAIM_GIVE_UP"},
		Category: catNetwork,
	}
)

var getCommand = &cli.Command{
	Name:      "get",
	Usage:     "download a work from its holders, verify it and write it under a folder",
	ArgsUsage: "WORK",
	Description: "Finds the holders of WORK (through --bootstrap peers and the network), proves the\n" +
		"license of --account to each (open works need none), and fetches chunks from all of them\n" +
		"at once, verifying each before it is written. Chunks held are served onward meanwhile.\n" +
		"An interrupted get resumes where it stopped. Exit 0 only when the whole work is verified\n" +
		"on disk under --output.",
	Flags:  append([]cli.Flag{outputFlag, giveUpFlag}, networkFlags...),
	Action: runGet,
}

type getResult struct {
	Work     string         `json:"work"`
	Output   string         `json:"output"`
	Files    int            `json:"files"`
	Size     int64          `json:"size"`
	Resumed  int            `json:"resumed_chunks"`
	Seconds  float64        `json:"seconds"`
	From     map[string]int `json:"chunks_from"`
	Verified bool           `json:"verified"`
	// FirstChunk is when the first verified chunk was stored, in seconds
	// from the download's start (as Seconds), and FirstChunkAt the same as
	// a wall-clock time (RFC 3339, UTC); both absent when nothing came.
	FirstChunk   float64 `json:"first_chunk_seconds,omitempty"`
	FirstChunkAt string  `json:"first_chunk_at,omitempty"`
}

func runGet(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("get takes one WORK, got %d arguments", c.NArg())
	}
	root, err := parseWork(c.Args().First())
	if err != nil {
		return err
	}
	out := c.String(outputFlag.Name)
	if out == "" {
		return usageErrorf("get needs --output DIR (-o DIR)")
	}
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	prove, err := accessProver(c, s)
	if err != nil {
		return err
	}
	rt, err := startNode(c, s, false)
	if err != nil {
		return err
	}
	defer rt.close()
	bar := newProgressBar(c.App.ErrWriter)
	var recheck func(context.Context) bool
	if prove != nil {
		recheck = func(ctx context.Context) bool {
			ok, err := bind.Call(s.inst, &bind.CallOpts{Context: ctx}, s.reg.PackHasValidLicense(root, s.from), s.reg.UnpackHasValidLicense)
			return err == nil && ok
		}
	}
	res, err := rt.node.Get(s.ctx, root, out, node.GetOptions{
		Prove:    prove,
		Recheck:  recheck,
		Progress: bar.update,
		GiveUp:   c.Duration(giveUpFlag.Name),
	})
	bar.finish()
	if err != nil {
		return err
	}
	return printGet(c, root, out, res)
}

func printGet(c *cli.Context, root [32]byte, out string, res *fetch.Result) error {
	r := getResult{Work: workHex(root), Output: out, Files: len(res.Manifest.Files()), Size: res.Manifest.Size(),
		Resumed: res.Resumed, Seconds: res.Elapsed.Seconds(), From: map[string]int{}, Verified: true}
	if res.FirstChunk > 0 {
		r.FirstChunk = res.FirstChunk.Seconds()
		r.FirstChunkAt = res.Started.Add(res.FirstChunk).UTC().Format(time.RFC3339Nano)
	}
	for p, n := range res.From {
		// fetch keys peers by their raw bytes; print the text form users
		// see everywhere else (logs, node addresses).
		r.From[peer.ID(p).String()] = n
	}
	return output(c, r, func(p *printer) {
		p.field("work", r.Work)
		p.field("saved", fmt.Sprintf("%s (%d files, %s), every chunk verified", out, r.Files, formatSize(r.Size)))
		if r.Resumed > 0 {
			p.field("resumed", fmt.Sprintf("%d chunks were already on disk", r.Resumed))
		}
		rate := float64(r.Size) / max(r.Seconds, 1e-3)
		p.field("time", fmt.Sprintf("%.2fs (%s/s) from %d peers", r.Seconds, formatSize(int64(rate)), len(r.From)))
	})
}

// accessProver returns the signer of access proofs for --account (or the
// only account), or nil when the keystore has no key file at all: then only
// open works can be fetched. A malformed key file counts as one, so that
// unlock reports it rather than fetching without an account.
func accessProver(c *cli.Context, s *session) (xfer.Prover, error) {
	ks, err := openKeystore(c)
	if err != nil {
		return nil, err
	}
	accs, err := ks.Accounts()
	if err != nil {
		return nil, err
	}
	if len(accs) == 0 && c.String(accountFlag.Name) == "" {
		return nil, nil
	}
	if err := s.unlock(c); err != nil {
		return nil, err
	}
	d := proof.Domain{ChainID: s.client.ChainID(), Contract: s.contract}
	ks, from := s.ks, s.from
	return func(a proof.Access) ([]byte, error) {
		p, err := proof.Sign(d, a, from, func(h []byte) ([]byte, error) { return ks.SignHash(from, h) })
		if err != nil {
			return nil, err
		}
		return p.MarshalBinary()
	}, nil
}
