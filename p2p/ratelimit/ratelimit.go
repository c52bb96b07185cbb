// Package ratelimit caps the bytes per second a node sends or receives,
// across all its peers at once (--upload-limit, --download-limit).
package ratelimit

import (
	"context"

	"golang.org/x/time/rate"
)

// Limiter paces byte counts to a rate. A nil *Limiter does not limit.
type Limiter struct {
	l     *rate.Limiter
	burst int
}

// New returns a limiter of bytesPerSecond, or nil (no limit) for 0.
//
// The burst is an eighth of a second's worth, between 64 KiB and 1 MiB: big
// enough that pacing costs little CPU, small enough that the rate over any
// second stays close to the cap.
func New(bytesPerSecond int64) *Limiter {
	if bytesPerSecond <= 0 {
		return nil
	}
	burst := min(max(bytesPerSecond/8, 64<<10), 1<<20)
	return &Limiter{l: rate.NewLimiter(rate.Limit(bytesPerSecond), int(burst)), burst: int(burst)}
}

// Rate is the cap in bytes per second (0 for a nil limiter: none).
func (l *Limiter) Rate() int64 {
	if l == nil {
		return 0
	}
	return int64(l.l.Limit())
}

// WaitN blocks until n bytes may pass (any n: larger counts are taken in
// burst-sized pieces) or ctx ends.
func (l *Limiter) WaitN(ctx context.Context, n int) error {
	if l == nil {
		return nil
	}
	for n > 0 {
		k := min(n, l.burst)
		if err := l.l.WaitN(ctx, k); err != nil {
			return err
		}
		n -= k
	}
	return nil
}
