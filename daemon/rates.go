package daemon

import (
	"context"
	"sync"
	"time"
)

// rateWindow is the smoothing of the up and down rates: each second's
// sample weighs this fraction.
const rateWindow = 0.3

// rateMeter turns the node's byte counters into rates, sampled once a
// second by its run loop; rates is safe to call from any goroutine.
type rateMeter struct {
	sample func() (up, down int64)

	mu               sync.Mutex
	lastUp, lastDown int64
	last             time.Time
	upRate, downRate float64
}

func newRateMeter(sample func() (up, down int64)) *rateMeter {
	return &rateMeter{sample: sample}
}

func (m *rateMeter) run(ctx context.Context) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case now := <-t.C:
			m.tick(now)
		}
	}
}

func (m *rateMeter) tick(now time.Time) {
	up, down := m.sample()
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.last.IsZero() {
		dt := now.Sub(m.last).Seconds()
		m.upRate = (1-rateWindow)*m.upRate + rateWindow*float64(up-m.lastUp)/dt
		m.downRate = (1-rateWindow)*m.downRate + rateWindow*float64(down-m.lastDown)/dt
	}
	m.last, m.lastUp, m.lastDown = now, up, down
}

// rates returns the smoothed bytes per second sent and received.
func (m *rateMeter) rates() (up, down float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.upRate, m.downRate
}
