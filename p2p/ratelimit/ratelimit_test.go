package ratelimit

import (
	"context"
	"testing"
	"time"
)

func TestNilAndZeroDoNotLimit(t *testing.T) {
	var l *Limiter
	if err := l.WaitN(context.Background(), 1<<30); err != nil {
		t.Fatal(err)
	}
	if New(0) != nil {
		t.Fatal("New(0) limits")
	}
}

// Pacing is checked in tokens, not in wall time: after the burst, a
// request larger than what the bucket holds must wait, and a cancelled
// context gives up.
func TestLargeCountsWaitAndCancel(t *testing.T) {
	l := New(1 << 20) // burst 128 KiB
	if l.burst != 128<<10 {
		t.Fatalf("burst %d", l.burst)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	// 4 MiB at 1 MiB/s cannot pass within 50 ms.
	if err := l.WaitN(ctx, 4<<20); err == nil {
		t.Fatal("4 MiB passed a 1 MiB/s limiter within 50 ms")
	}
}

func TestBurstBounds(t *testing.T) {
	for _, c := range []struct{ rate, burst int64 }{{1, 64 << 10}, {20 << 20, 1 << 20}, {1 << 20, 128 << 10}} {
		if got := New(c.rate).burst; int64(got) != c.burst {
			t.Errorf("New(%d).burst = %d, want %d", c.rate, got, c.burst)
		}
	}
}
