package daemon

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"

	"essaim/p2p/content"
	"essaim/p2p/fetch"
	"essaim/p2p/node"
	"essaim/p2p/shelf"
)

// Fetch downloads root into out with a peer of its own that lives as long
// as the download: for a one-off `get` when no node runs for the home.
// The peer serves the chunks it holds onward meanwhile, and the download
// goes on the home's shelf, so that a node started later serves it.
func Fetch(ctx context.Context, cfg Config, root content.Hash, out string, progress func(fetch.Progress)) (*fetch.Result, error) {
	n, _, _, err := startPeer(ctx, cfg, true)
	if err != nil {
		return nil, err
	}
	defer n.Close()
	return n.Get(ctx, root, out, getOptions(cfg, root, progress))
}

// getOptions are the download options of cfg's account for root.
func getOptions(cfg Config, root content.Hash, progress func(fetch.Progress)) node.GetOptions {
	o := node.GetOptions{Prove: cfg.Prover, GiveUp: cfg.GiveUp, Progress: progress}
	if cfg.Recheck != nil {
		o.Recheck = func(ctx context.Context) bool { return cfg.Recheck(ctx, root) }
	}
	return o
}

// Finished finishes a download of root into out from the disk alone, when
// an earlier download into out left it complete (node.Finished), before
// any connection is made: the manifest comes from the home's shelf for the
// registry at contract, whatever the chain. A nil result and error mean
// the network is needed.
func Finished(home string, contract common.Address, root content.Hash, out string) (*fetch.Result, error) {
	dirs, _ := filepath.Glob(filepath.Join(home, "shelf", "*-"+contract.Hex()))
	for _, d := range dirs {
		sh, err := shelf.Open(d)
		if err != nil {
			continue
		}
		res, err := node.Finished(sh, root, out)
		if errors.Is(err, node.ErrNotLocal) {
			continue
		}
		return res, err
	}
	return nil, nil
}
