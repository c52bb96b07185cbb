package rights_test

import (
	"context"
	"testing"

	"essaim/licensing/rights"
)

// BenchmarkCheckCached is the cost of a check answered from the cache: the
// transfer server pays it before every chunk it sends (a stream is cut as
// soon as its right ends), so it must stay far below the time a chunk
// takes on the wire (256 KiB at 1 GB/s: 250 µs).
func BenchmarkCheckCached(b *testing.B) {
	f := newFake(chainT0)
	f.setWork(workW, creator, false)
	f.setLicense(workW, alice, perpetual)
	c := rights.New(f, rights.WithLogger(quiet))
	ctx := context.Background()
	if d, err := c.Check(ctx, workW, alice); err != nil || !d.Allowed {
		b.Fatalf("first check: %+v, %v", d, err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if d, _ := c.Check(ctx, workW, alice); !d.Allowed {
				b.Fatal("denied")
			}
		}
	})
}
