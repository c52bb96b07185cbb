package daemon

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"

	"essaim/p2p/ratelimit"
	"essaim/p2p/xfer"
)

// Bandwidth caps that change while the node runs (GET and PUT
// /api/v1/limits). The node's peer paces its bytes through an
// adjustable limiter, which passes them to the limiter of the moment:
// the one the node started with (--upload-limit, --download-limit), until
// the API sets another rate. A rate set so holds until the node stops.

// asStarted is the rate the API shows for a cap not changed since the
// start whose limiter does not tell its rate (ratelimit's does).
const asStarted = -1

// rated is a limiter that tells its rate in bytes per second.
type rated interface{ Rate() int64 }

// limitState is a cap: its limiter (nil: none) and its rate in bytes per
// second (0: none, asStarted).
type limitState struct {
	l   xfer.Limiter
	bps int64
}

// adjustable is an xfer.Limiter whose rate can be replaced at any time;
// safe for concurrent use. A wait under way finishes at the old rate.
type adjustable struct{ cur atomic.Pointer[limitState] }

func newAdjustable(start xfer.Limiter) *adjustable {
	a := &adjustable{}
	st := &limitState{l: start, bps: asStarted}
	if r, ok := start.(rated); ok {
		st.bps = r.Rate()
	}
	if start == nil {
		st.bps = 0
	}
	a.cur.Store(st)
	return a
}

// WaitN waits as the current limiter says.
func (a *adjustable) WaitN(ctx context.Context, n int) error {
	if l := a.cur.Load().l; l != nil {
		return l.WaitN(ctx, n)
	}
	return nil
}

// set replaces the rate: bytes per second, 0 for no cap.
func (a *adjustable) set(bps int64) {
	st := &limitState{bps: bps}
	if l := ratelimit.New(bps); l != nil {
		st.l = l
	}
	a.cur.Store(st)
}

func (a *adjustable) rate() int64 { return a.cur.Load().bps }

// Limits is the answer to GET /api/v1/limits and the body of PUT: bytes
// per second, 0 for no cap; in an answer, -1 means the cap the node was
// started with (its flag), not changed since. A field left out of a PUT
// stays as it is.
type Limits struct {
	Upload   *int64 `json:"upload_bps,omitempty"`
	Download *int64 `json:"download_bps,omitempty"`
}

// maxRate bounds a cap (1 TiB/s): beyond it, no cap is meant. minRate is
// the lowest cap: a wait under way ends at the rate it began with, so a
// cap of a few bytes a second, set by mistake, would hold a chunk for
// hours after it is raised (at 16 KiB/s, a 256 KiB chunk waits 16 s).
const (
	maxRate = 1 << 40
	minRate = 16 << 10
)

var errBadRate = errors.New("a rate is bytes per second: 0 (no cap), or from 16 KiB/s (16384) to 2^40")

func (d *Daemon) limits() Limits {
	up, down := d.up.rate(), d.down.rate()
	return Limits{Upload: &up, Download: &down}
}

func (d *Daemon) handleLimits(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, d.limits())
}

func (d *Daemon) handleSetLimits(w http.ResponseWriter, r *http.Request) {
	var req Limits
	if err := readJSON(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", err)
		return
	}
	for _, v := range []*int64{req.Upload, req.Download} {
		if v != nil && (*v < 0 || *v > maxRate || *v > 0 && *v < minRate) {
			writeError(w, http.StatusBadRequest, "bad_rate", errBadRate)
			return
		}
	}
	if req.Upload != nil {
		d.up.set(*req.Upload)
	}
	if req.Download != nil {
		d.down.set(*req.Download)
	}
	d.log.Info("bandwidth caps", "upload_bps", d.up.rate(), "download_bps", d.down.rate())
	writeJSON(w, http.StatusOK, d.limits())
}
