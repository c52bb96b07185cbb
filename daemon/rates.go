package daemon

import (
	"context"
	"sync"
	"time"
)

// rateWindow is the smoothing of the up and down rates: each second's
// sample weighs this fraction.
const rateWindow = 0.3

// The rate history (GET /api/v1/rates): one sample per historyStep, the
// mean over that step, for the last historyLen steps (an hour).
const (
	historyStep = 10 * time.Second
	historyLen  = 360
)

// RateSample is the mean up and down rate (bytes per second) over the
// historyStep that ended at T (unix seconds).
type RateSample struct {
	T    int64   `json:"t"`
	Up   float64 `json:"up"`
	Down float64 `json:"down"`
}

// Rates is the answer to GET /api/v1/rates: samples oldest first.
type Rates struct {
	Step    float64      `json:"step_seconds"`
	Samples []RateSample `json:"samples"`
}

// rateMeter turns the node's byte counters into rates, sampled once a
// second by its run loop; rates and history are safe to call from any
// goroutine.
type rateMeter struct {
	sample func() (up, down int64)

	mu               sync.Mutex
	lastUp, lastDown int64
	last             time.Time
	upRate, downRate float64
	// The history: the counters at the start of the current step, and
	// the samples of the steps before (a ring of historyLen).
	stepAt           time.Time
	stepUp, stepDown int64
	hist             []RateSample
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
	switch {
	case m.stepAt.IsZero():
		m.stepAt, m.stepUp, m.stepDown = now, up, down
	case now.Sub(m.stepAt) >= historyStep:
		dt := now.Sub(m.stepAt).Seconds()
		if len(m.hist) == historyLen {
			m.hist = append(m.hist[:0], m.hist[1:]...)
		}
		m.hist = append(m.hist, RateSample{T: now.Unix(), Up: float64(up-m.stepUp) / dt, Down: float64(down-m.stepDown) / dt})
		m.stepAt, m.stepUp, m.stepDown = now, up, down
	}
}

// history returns the samples of the last hour, oldest first.
func (m *rateMeter) history() Rates {
	m.mu.Lock()
	defer m.mu.Unlock()
	return Rates{Step: historyStep.Seconds(), Samples: append([]RateSample{}, m.hist...)}
}

// rates returns the smoothed bytes per second sent and received.
func (m *rateMeter) rates() (up, down float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.upRate, m.downRate
}
