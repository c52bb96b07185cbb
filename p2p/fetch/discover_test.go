package fetch

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// TestFewHoldersSearchedAgain: a download served by fewer than fewHolders
// holders searches again every rediscoverFew, not only every
// DiscoverEvery: the other members of a swarm that starts at once are
// found while the first, slow holder serves.
func TestFewHoldersSearchedAgain(t *testing.T) {
	f := newFixture(t, 2<<20)
	slow := f.slowHolder(t, 256<<10) // 8 s for the whole work alone
	fast, _ := f.holder(t, open, false, nil)
	var rounds atomic.Int32
	start := time.Now()
	res, out, err := f.run(t, Config{
		DiscoverEvery: time.Hour,
		Discover: func(_ context.Context, found func(peer.AddrInfo)) {
			found(peer.AddrInfo{ID: slow.ID(), Addrs: slow.Addrs()})
			if rounds.Add(1) > 1 { // the fast holder appears later
				found(peer.AddrInfo{ID: fast.ID(), Addrs: fast.Addrs()})
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	t.Logf("%d discovery rounds, done in %s; chunks from the slow holder %d, the later one %d", rounds.Load(),
		time.Since(start).Round(time.Millisecond), res.From[string(slow.ID())], res.From[string(fast.ID())])
	if res.From[string(fast.ID())] == 0 {
		t.Fatal("the holder that appeared later was never found")
	}
}
