package fetch

import (
	"runtime"
	"testing"

	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
)

// TestPageCacheOption checks that Config.PageCache reaches the store: the
// download writes through the page cache when asked, straight to the
// disk (where the system has direct I/O) otherwise.
func TestPageCacheOption(t *testing.T) {
	f := newFixture(t, 1<<20)
	h, _ := f.holder(t, open, false, nil)
	for _, pageCache := range []bool{false, true} {
		direct := make(chan bool, 1)
		_, out, err := f.run(t, Config{Discover: addrs(h), PageCache: pageCache,
			Opened: func(s *chunkstore.Store, _ *content.Manifest) { direct <- s.Direct() }})
		if err != nil {
			t.Fatal(err)
		}
		f.same(t, out)
		want := !pageCache && runtime.GOOS == "linux"
		if got := <-direct; got != want {
			t.Errorf("PageCache %v: the store writes directly: %v, want %v", pageCache, got, want)
		}
	}
}
