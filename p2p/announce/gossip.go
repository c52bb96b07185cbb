package announce

import (
	"context"
	"fmt"
	"net"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
)

// Score thresholds. One invalid message costs invalidWeight (the counter
// is squared, so two cost four times that); the thresholds are set so that
// one invalid message already stops gossip to and publishing towards the
// peer, and a second one graylists it. An honest peer's positive score is
// capped by topicScoreCap, far too little to buy back an invalid message.
const (
	gossipThreshold  = -500
	publishThreshold = -1000
	graylistLevel    = -3000
	invalidWeight    = -1000
	topicScoreCap    = 50
)

// GossipOption tunes NewGossip.
type GossipOption func(*gossipConfig) error

type gossipConfig struct {
	ns        *Namespace
	whitelist []*net.IPNet
	inspect   pubsub.ExtendedPeerScoreInspectFn
	period    time.Duration
	appScore  func(peer.ID) float64
	extra     []pubsub.Option
}

// WithNamespace restricts the topics gossipsub tracks, for remote peers'
// subscriptions and for this node's own joins alike, to those of one
// deployment (TopicName of ns). Without it any well-formed availability
// topic of any deployment is accepted. Either way the limits of
// MaxTopicsPerPeer and its siblings apply.
func WithNamespace(ns Namespace) GossipOption {
	return func(c *gossipConfig) error {
		c.ns = &ns
		return nil
	}
}

// WithColocationWhitelist exempts address ranges (CIDR notation) from the
// IP-colocation penalty: hosts sharing a LAN, or every host of a loopback
// test ("127.0.0.0/8"), would otherwise penalise each other.
func WithColocationWhitelist(cidrs ...string) GossipOption {
	return func(c *gossipConfig) error {
		for _, s := range cidrs {
			_, n, err := net.ParseCIDR(s)
			if err != nil {
				return fmt.Errorf("colocation whitelist: %w", err)
			}
			c.whitelist = append(c.whitelist, n)
		}
		return nil
	}
}

// WithScoreInspect calls fn every period with a snapshot of every peer's
// score, for debugging, metrics and tests.
func WithScoreInspect(fn pubsub.ExtendedPeerScoreInspectFn, period time.Duration) GossipOption {
	return func(c *gossipConfig) error {
		c.inspect, c.period = fn, period
		return nil
	}
}

// WithAppScore adds an application-specific score per peer (for instance a
// bonus for configured bootstrap peers); its weight is 1.
func WithAppScore(fn func(peer.ID) float64) GossipOption {
	return func(c *gossipConfig) error {
		c.appScore = fn
		return nil
	}
}

// WithPubSubOptions appends raw pubsub options (tracers, gossipsub
// parameters) after the ones NewGossip sets.
func WithPubSubOptions(opts ...pubsub.Option) GossipOption {
	return func(c *gossipConfig) error {
		c.extra = append(c.extra, opts...)
		return nil
	}
}

// NewGossip starts gossipsub on h as announcements need it: every message
// signed by its origin and verified (StrictSign), flood publishing so a
// fresh announcement reaches every known member of the swarm at once, peer
// scoring on, and a subscription filter that tracks only availability
// topics (of one deployment with WithNamespace), within the limits of
// MaxTopicsPerPeer and its siblings. Per-topic score parameters are set by
// Service.Join, since topics are created per work.
//
// The filter stays registered with h's network for h's lifetime.
func NewGossip(ctx context.Context, h host.Host, opts ...GossipOption) (*pubsub.PubSub, error) {
	var c gossipConfig
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	filter := newSubFilter(h.Network(), topicMatcher(c.ns), defaultSubLimits)
	psOpts := []pubsub.Option{
		pubsub.WithMessageSignaturePolicy(pubsub.StrictSign),
		pubsub.WithFloodPublish(true),
		pubsub.WithPeerScore(peerScoreParams(&c), peerScoreThresholds()),
		pubsub.WithSubscriptionFilter(filter),
		pubsub.WithRawTracer(filter),
	}
	if c.inspect != nil {
		psOpts = append(psOpts, pubsub.WithPeerScoreInspect(c.inspect, c.period))
	}
	psOpts = append(psOpts, c.extra...)
	h.Network().Notify(filter.ntf)
	ps, err := pubsub.NewGossipSub(ctx, h, psOpts...)
	if err != nil {
		h.Network().StopNotify(filter.ntf)
		return nil, fmt.Errorf("start gossipsub: %w", err)
	}
	return ps, nil
}

func peerScoreThresholds() *pubsub.PeerScoreThresholds {
	return &pubsub.PeerScoreThresholds{
		GossipThreshold:             gossipThreshold,
		PublishThreshold:            publishThreshold,
		GraylistThreshold:           graylistLevel,
		AcceptPXThreshold:           10,
		OpportunisticGraftThreshold: 2,
	}
}

func peerScoreParams(c *gossipConfig) *pubsub.PeerScoreParams {
	app := c.appScore
	if app == nil {
		app = func(peer.ID) float64 { return 0 }
	}
	return &pubsub.PeerScoreParams{
		Topics:                      map[string]*pubsub.TopicScoreParams{},
		TopicScoreCap:               topicScoreCap,
		AppSpecificScore:            app,
		AppSpecificWeight:           1,
		IPColocationFactorWeight:    -50,
		IPColocationFactorThreshold: 8,
		IPColocationFactorWhitelist: c.whitelist,
		BehaviourPenaltyWeight:      -10,
		BehaviourPenaltyThreshold:   6,
		BehaviourPenaltyDecay:       pubsub.ScoreParameterDecay(10 * time.Minute),
		DecayInterval:               pubsub.DefaultDecayInterval,
		DecayToZero:                 pubsub.DefaultDecayToZero,
		// A peer that reconnects keeps its penalty for this long, so
		// reconnecting does not launder a bad score.
		RetainScore: time.Hour,
	}
}

// TopicScoreParams returns the score parameters of one availability topic.
// Announcements are sparse (one per holder per republish interval), so the
// mesh-delivery-rate penalties (P3, P3b) are off: a quiet swarm must not
// look like a failing mesh. Time in mesh and first deliveries earn a small
// bonus; an invalid message costs invalidWeight, decaying over 30 minutes.
func TopicScoreParams() *pubsub.TopicScoreParams {
	return &pubsub.TopicScoreParams{
		TopicWeight:                    1,
		TimeInMeshWeight:               0.001,
		TimeInMeshQuantum:              time.Second,
		TimeInMeshCap:                  3600,
		FirstMessageDeliveriesWeight:   1,
		FirstMessageDeliveriesDecay:    pubsub.ScoreParameterDecay(10 * time.Minute),
		FirstMessageDeliveriesCap:      20,
		InvalidMessageDeliveriesWeight: invalidWeight,
		InvalidMessageDeliveriesDecay:  pubsub.ScoreParameterDecay(30 * time.Minute),
	}
}
