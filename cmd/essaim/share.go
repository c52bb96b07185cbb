package main

import (
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/urfave/cli/v2"

	"essaim/daemon"
	"essaim/licensing/proof"
	"essaim/p2p/content"
	"essaim/p2p/fetch"
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
		openFlag, splitFlag, chunkSizeFlag, apiFlag, unlockFlag, maxActiveFlag}, networkFlags...),
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
	home, err := homeDir(c)
	if err != nil {
		return err
	}
	contract, err := parseAddress(c.String(contractFlag.Name), "--contract")
	if err != nil {
		return err
	}
	if res, err := daemon.Finished(home, contract, root, out); err != nil || res != nil {
		if err != nil {
			return err
		}
		return printGet(c, root, out, res)
	}
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	if err := unlockIfAny(c, s); err != nil {
		return err
	}
	cfg, err := daemonConfig(c, s, false)
	if err != nil {
		return err
	}
	cfg.GiveUp = c.Duration(giveUpFlag.Name)
	bar := newProgressBar(c.App.ErrWriter)
	res, err := daemon.Fetch(s.ctx, cfg, root, out, bar.update)
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
		if len(r.From) == 0 {
			p.field("time", fmt.Sprintf("%.2fs: already on disk, nothing fetched", r.Seconds))
			return
		}
		if r.Resumed > 0 {
			p.field("resumed", fmt.Sprintf("%s already on disk", plural(r.Resumed, "chunk was", "chunks were")))
		}
		// The mean rate of what this run received, not of the whole work.
		rate := float64(res.Received) / max(r.Seconds, 1e-3)
		p.field("time", fmt.Sprintf("%.2fs (%s/s) from %s", r.Seconds, formatSize(int64(rate)), plural(len(r.From), "peer", "peers")))
	})
}

// unlockIfAny unlocks --account (or the only account) for access proofs;
// with no key file at all it does nothing: then only open works can be
// fetched. A malformed key file counts as one, so that unlock reports it
// rather than fetching without an account.
func unlockIfAny(c *cli.Context, s *session) error {
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	accs, err := ks.Accounts()
	if err != nil {
		return err
	}
	if len(accs) == 0 && c.String(accountFlag.Name) == "" {
		return nil
	}
	return s.unlock(c)
}

// proverOf signs access proofs with the session's unlocked account.
func proverOf(s *session) xfer.Prover {
	d := proof.Domain{ChainID: s.client.ChainID(), Contract: s.contract}
	ks, from := s.ks, s.from
	return func(a proof.Access) ([]byte, error) {
		p, err := proof.Sign(d, a, from, func(h []byte) ([]byte, error) { return ks.SignHash(from, h) })
		if err != nil {
			return nil, err
		}
		return p.MarshalBinary()
	}
}
