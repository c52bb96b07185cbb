package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/urfave/cli/v2"

	"essaim/daemon"
	"essaim/licensing/proof"
	"essaim/p2p/content"
	"essaim/p2p/fetch"
	"essaim/p2p/node"
	"essaim/p2p/xfer"
)

var (
	outputFlag = &cli.StringFlag{
		Name:     "output",
		Aliases:  []string{"o"},
		Usage:    "the folder to write the work under (created if needed)",
		Category: catContent,
	}
	waitFlag = &cli.BoolFlag{
		Name:     "wait",
		Usage:    "with a node running for the home: follow the download to its end (false: return once the node has it)",
		Value:    true,
		Category: catNetwork,
	}
	noNodeFlag = &cli.BoolFlag{
		Name:     "no-node",
		Usage:    "download in this process even when a node runs for the home",
		EnvVars:  []string{"ESSAIM_NO_NODE"},
		Category: catNetwork,
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
	ArgsUsage: "WORK|LINK",
	Description: "Finds the holders of WORK (through --bootstrap peers and the network), or those a LINK\n" +
		"names (essaim:<work>?peer=..., as `essaim share` prints it), proves the\n" +
		"license of --account to each (open works need none), and fetches chunks from all of them\n" +
		"at once, verifying each before it is written. Chunks held are served onward meanwhile.\n" +
		"An interrupted get resumes where it stopped; a work already complete under --output is\n" +
		"done at once, without the network. When a node runs for the home, the download is handed\n" +
		"to it and followed here (Ctrl-C stops following; the node carries on). Exit 0 only when\n" +
		"the whole work is verified on disk under --output.",
	Flags:  append([]cli.Flag{outputFlag, giveUpFlag, waitFlag, noNodeFlag}, networkFlags...),
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
	// Relayed counts, per peer, the chunks of chunks_from that came through
	// a relay; Connections says whether each peer's last session ran over
	// a "direct" or a "relayed" connection (absent when the node ran the
	// download).
	Relayed     map[string]int    `json:"chunks_relayed,omitempty"`
	Connections map[string]string `json:"connections,omitempty"`
}

func runGet(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("get takes one WORK or LINK, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	root, linkPeers, err := parseWorkOrLink(c.Args().First())
	if err != nil {
		return err
	}
	if err := checkNodeFlags(c); err != nil {
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
	if !c.Bool(noNodeFlag.Name) {
		if handed, err := getThroughNode(c, content.Hash(root), out); handed || err != nil {
			return err
		}
	}
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	// The key is derived while the node starts and finds holders; a wrong
	// password ends the download as soon as it is known.
	ctx, stop := context.WithCancelCause(s.ctx)
	defer stop(nil)
	if err := unlockIfAny(ctx, c, s, stop); err != nil {
		return err
	}
	cfg, err := daemonConfig(c, s, false, linkPeers...)
	if err != nil {
		return err
	}
	bar := newProgressBar(c.App.ErrWriter)
	res, err := daemon.Fetch(ctx, cfg, root, out, bar.update)
	bar.finish()
	if err != nil {
		if cause := context.Cause(ctx); ctx.Err() != nil && !errors.Is(cause, context.Canceled) {
			return cause // the unlock failed
		}
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
	for p, n := range res.Relayed {
		if r.Relayed == nil {
			r.Relayed = map[string]int{}
		}
		r.Relayed[peer.ID(p).String()] = n
	}
	for p, via := range res.Via {
		if r.Connections == nil {
			r.Connections = map[string]string{}
		}
		r.Connections[peer.ID(p).String()] = via
	}
	return printGetResult(c, r, res.Received)
}

// printGetResult prints a finished get; received is the bytes this run
// fetched.
func printGetResult(c *cli.Context, r getResult, received int64) error {
	out := r.Output
	return output(c, r, func(p *printer) {
		p.field("work", r.Work)
		p.field("saved", fmt.Sprintf("%s (%s, %s), every chunk verified", out, plural(r.Files, "file", "files"), formatSize(r.Size)))
		if len(r.From) == 0 {
			p.field("time", fmt.Sprintf("%.2fs: already on disk, nothing fetched", r.Seconds))
			return
		}
		if r.Resumed > 0 {
			p.field("resumed", fmt.Sprintf("%s already on disk", plural(r.Resumed, "chunk was", "chunks were")))
		}
		// The mean rate of what this run received, not of the whole work.
		rate := float64(received) / max(r.Seconds, 1e-3)
		p.field("time", fmt.Sprintf("%.2fs (%s/s) from %s", r.Seconds, formatSize(int64(rate)), plural(len(r.From), "peer", "peers")))
		if relayed := sumCounts(r.Relayed); relayed > 0 {
			p.field("relayed", fmt.Sprintf("%s of %d came through a relay", plural(relayed, "chunk", "chunks"), sumCounts(r.From)))
		}
	})
}

// unlockIfAny unlocks --account (or the only account) for access proofs,
// in the background (unlockInBackground, ctx and fail as there); with no
// key file at all it does nothing: then only open works can be fetched. A
// malformed key file counts as one, so that unlock reports it rather than
// fetching without an account.
func unlockIfAny(ctx context.Context, c *cli.Context, s *session, fail func(error)) error {
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
	return s.unlockInBackground(ctx, c, fail)
}

// proverOf signs access proofs with the session's unlocked account; while
// the key is derived in the background, it waits for it.
func proverOf(s *session) xfer.Prover {
	d := proof.Domain{ChainID: s.client.ChainID(), Contract: s.contract}
	ks, from, u := s.ks, s.from, s.unlocking
	return func(a proof.Access) ([]byte, error) {
		if u != nil {
			if _, err := u.Wait(); err != nil {
				return nil, err
			}
		}
		p, err := proof.Sign(d, a, from, func(h []byte) ([]byte, error) { return ks.SignHash(from, h) })
		if err != nil {
			return nil, err
		}
		return p.MarshalBinary()
	}
}

// errDetached ends a get whose download goes on in the node.
var errDetached = errors.New("stopped following: the node carries on with the download " +
	"(see it with `essaim downloads`; `essaim cancel WORK` stops it)")

// getThroughNode hands the download to the node running for the home and
// follows it, printing what get prints; handed false (and no error) means
// no node runs, or it cannot take this download, and the caller fetches
// the work itself.
func getThroughNode(c *cli.Context, root content.Hash, out string) (handed bool, err error) {
	ctx, stop := nodeContext(c)
	defer stop()
	cl, err := dialNode(ctx, c)
	if err != nil || cl == nil {
		return false, err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return true, err
	}
	d, err := cl.Add(ctx, root, abs, 0)
	var ae *daemon.APIError
	switch {
	case errors.As(err, &ae) && ae.Code == "served":
		// The node serves the work from elsewhere: a copy here is this
		// process's to make (from the node, among others).
		return false, nil
	case errors.As(err, &ae) && ae.Code == "download_exists":
		if d, err = cl.Download(ctx, root); err != nil {
			return true, err
		}
		if d.Output != abs {
			return true, fmt.Errorf("the node is downloading this work into %s already (essaim downloads)", d.Output)
		}
	case err != nil:
		return true, err
	}
	if !c.Bool(waitFlag.Name) {
		return true, output(c, d, func(p *printer) {
			p.field("work", d.Work)
			p.field("state", fmt.Sprintf("%s: the node downloads it into %s (see it with `essaim downloads`)", d.State, d.Output))
		})
	}
	bar := newProgressBar(c.App.ErrWriter)
	started := time.Now()
	last, err := cl.Follow(ctx, root, func(e daemon.Download) {
		if p := e.Progress; p != nil {
			bar.update(fetch.Progress{Held: p.Held, Total: p.Chunks, Bytes: p.Bytes, Size: p.Size,
				Rate: p.Rate, Peers: p.Peers, Started: started})
		}
	})
	bar.finish()
	switch {
	case ctx.Err() != nil:
		return true, errDetached
	case errors.Is(err, daemon.ErrEventsEnded):
		return true, fmt.Errorf("the node stopped before the download was done (%s so far): "+
			"run the same get again; the chunks it verified are kept", last.State)
	case err != nil:
		return true, err
	case last.State != daemon.Done && last.State != daemon.Failed && last.State != daemon.Cancelled:
		return true, fmt.Errorf("the node stopped telling of the download (%s so far): run the same get again to follow it", last.State)
	case last.State == daemon.Cancelled:
		return true, errors.New("the node's download was cancelled (essaim cancel, or the web interface); what it had verified is gone")
	case last.State == daemon.Failed:
		err := fmt.Errorf("the node's download failed: %s", last.Error)
		if st, serr := cl.Status(context.WithoutCancel(ctx)); serr == nil && st.Account == "" {
			err = fmt.Errorf("%w (the node holds no unlocked account to prove a license with: "+
				"restart it with --unlock, or run get with --no-node)", err)
		}
		return true, err
	}
	r := getResult{Work: last.Work, Output: out, Verified: true, From: map[string]int{}}
	var received int64
	if res := last.Result; res != nil {
		r.Files, r.Size, r.Resumed, r.Seconds, r.From = res.Files, res.Size, res.Resumed, res.Seconds, res.From
		received = res.Received
	}
	return true, printGetResult(c, r, received)
}

// parseWorkOrLink reads get's argument: a work (its root in hex) or a link,
// whose peers are returned to join the bootstrap list.
func parseWorkOrLink(arg string) ([32]byte, []string, error) {
	if !node.IsLink(arg) {
		root, err := parseWork(arg)
		return root, nil, err
	}
	l, err := node.ParseLink(arg)
	if err != nil {
		return [32]byte{}, nil, usageErrorf("%v", err)
	}
	return l.Work, l.Peers, nil
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
