package rights_test

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// FuzzObserve feeds Observe logs made of arbitrary topics and data: it
// never panics, and whatever it forgets, a check still answers from the
// chain's state.
func FuzzObserve(f *testing.F) {
	seed := func(l types.Log) {
		var raw []byte
		for _, t := range l.Topics {
			raw = append(raw, t[:]...)
		}
		f.Add(raw, l.Data, l.BlockTimestamp, l.Removed)
	}
	seed(eventLog("LicensePurchased", common.Hash(workW), addrTopic(alice), common.Hash{}))
	seed(eventLog("LicenseTransferred", common.Hash(workW), addrTopic(alice), addrTopic(bob)))
	seed(eventLog("OpenSet", common.Hash(workW)))
	seed(eventLog("LicenseGranted", common.Hash(workW)))
	f.Add([]byte{1, 2, 3}, []byte{0xff}, uint64(1<<63), true)
	f.Fuzz(func(t *testing.T, topics, data []byte, ts uint64, removed bool) {
		fc, c, _ := setup(t)
		fc.setLicense(workW, alice, chainT0+100)
		if d := check(t, c, workW, alice); d != licensedD {
			t.Fatalf("before: %+v", d)
		}
		l := types.Log{Data: data, BlockTimestamp: ts, Removed: removed}
		for len(topics) >= 32 && len(l.Topics) < 8 {
			l.Topics = append(l.Topics, common.BytesToHash(topics[:32]))
			topics = topics[32:]
		}
		c.Observe(l)
		d, err := c.Check(context.Background(), workW, alice)
		// A log stamped past the expiry drops the entry; the chain, whose
		// clock has not moved, still says yes.
		if err != nil || d != licensedD {
			t.Fatalf("after Observe: %+v, %v", d, err)
		}
	})
}
