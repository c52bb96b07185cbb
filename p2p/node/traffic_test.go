package node

import (
	"testing"
	"time"

	"essaim/p2p/content"
)

// TestTrafficBusy: the node counts as busy (its relay slows down) while it
// sends bytes of a work, and for a second after.
func TestTrafficBusy(t *testing.T) {
	tr := newTraffic()
	if tr.busy() {
		t.Fatal("busy before sending anything")
	}
	tr.sent("", content.Hash{1}, 100)
	if !tr.busy() {
		t.Fatal("not busy right after sending")
	}
	tr.lastSent.Store(time.Now().Add(-busyFor).UnixNano())
	if tr.busy() {
		t.Fatal("still busy a second after the last bytes")
	}
}
