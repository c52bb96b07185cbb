package announce

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"
)

// Clock limits. An honest message is a few seconds old when it arrives,
// and republishing keeps every holder's state younger than the republish
// interval, so anything outside [now-maxBehind, now+maxAhead] is dropped
// without blame (clocks of honest peers may disagree by a minute or two).
// Beyond farOff in either direction no synchronised clock explains the
// message: it is a replay of an old message or garbage, and the peer that
// forwarded it is penalised.
const (
	maxAhead  = 2 * time.Minute
	maxBehind = 5 * time.Minute
	farOff    = time.Hour
)

// Errors a validator reports. The first group makes the message invalid
// (pubsub Reject: the forwarding peer loses score); the second merely
// stale (pubsub Ignore: dropped without blame).
var (
	ErrWrongWork   = errors.New("announcement for another work than its topic")
	ErrUnknownWork = errors.New("announcement for an unknown work")
	ErrChunkCount  = errors.New("announcement chunk count does not match the work")
	ErrClock       = errors.New("announcement time far off")
	ErrNoOrigin    = errors.New("announcement without origin")

	ErrStale  = errors.New("announcement too old")
	ErrAhead  = errors.New("announcement from the future")
	ErrReplay = errors.New("announcement seq not newer than the last seen")
)

// verdict maps a check result to what pubsub does with the message.
func verdict(err error) pubsub.ValidationResult {
	switch {
	case err == nil:
		return pubsub.ValidationAccept
	case errors.Is(err, ErrStale), errors.Is(err, ErrAhead), errors.Is(err, ErrReplay):
		return pubsub.ValidationIgnore
	default:
		return pubsub.ValidationReject
	}
}

// checker judges the messages of one topic (one work) from local state
// only: the catalogue's answer for the work, the local clock and the last
// seq seen from each origin. It never touches the network.
type checker struct {
	root  [32]byte
	known Known
	now   func() time.Time

	mu   sync.Mutex // guards seqs
	seqs *peerMap[uint64]
}

func newChecker(root [32]byte, known Known, now func() time.Time, maxPeers int) *checker {
	// A seq must be remembered as long as a message carrying it could still
	// pass the clock check; after that the clock check refuses the replay.
	ttl := maxAhead + maxBehind
	return &checker{root: root, known: known, now: now, seqs: newPeerMap[uint64](maxPeers, ttl)}
}

// validate is the pubsub topic validator. On success it leaves the decoded
// announcement in ValidatorData so the reader does not decode twice.
func (c *checker) validate(_ context.Context, _ peer.ID, m *pubsub.Message) pubsub.ValidationResult {
	a, err := c.check(m.GetFrom(), m.GetData())
	if err == nil {
		m.ValidatorData = a
	}
	return verdict(err)
}

// check decodes data sent by origin and applies every rule, in order of
// cost. On success the seq is recorded, so a second delivery is a replay.
func (c *checker) check(origin peer.ID, data []byte) (*announcement, error) {
	if origin == "" {
		return nil, ErrNoOrigin
	}
	a, err := decode(data)
	if err != nil {
		return nil, err
	}
	if a.Root != c.root {
		return nil, fmt.Errorf("%w: %x", ErrWrongWork, a.Root[:8])
	}
	n, ok := c.known(a.Root)
	if !ok {
		return nil, fmt.Errorf("%w: %x", ErrUnknownWork, a.Root[:8])
	}
	if n < 0 || uint64(n) != uint64(a.NumChunks) {
		return nil, fmt.Errorf("%w: %d, want %d", ErrChunkCount, a.NumChunks, n)
	}
	now := c.now()
	if err := checkTime(a.TimeMs, now); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if last, ok := c.seqs.get(origin, now); ok && a.Seq <= last {
		return nil, fmt.Errorf("%w: %d <= %d", ErrReplay, a.Seq, last)
	}
	c.seqs.put(origin, a.Seq, now)
	return a, nil
}

// checkTime applies the clock limits to a unix-millisecond time. It
// compares milliseconds so that no remote value can overflow a Duration.
func checkTime(ms uint64, now time.Time) error {
	if ms > math.MaxInt64 {
		return fmt.Errorf("%w: time %d", ErrClock, ms)
	}
	d := int64(ms) - now.UnixMilli()
	switch {
	case d > farOff.Milliseconds() || d < -farOff.Milliseconds():
		return fmt.Errorf("%w: %d ms from now", ErrClock, d)
	case d > maxAhead.Milliseconds():
		return fmt.Errorf("%w: %d ms ahead", ErrAhead, d)
	case d < -maxBehind.Milliseconds():
		return fmt.Errorf("%w: %d ms old", ErrStale, -d)
	}
	return nil
}
