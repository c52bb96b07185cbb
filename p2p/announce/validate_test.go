package announce

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/multiformats/go-multiaddr"

	"essaim/p2p/bitfield"
)

var (
	workA    = [32]byte{0xaa}
	workB    = [32]byte{0xbb}
	unknownW = [32]byte{0xcc}
	testNow  = time.UnixMilli(1_800_000_000_000)
)

func testKnown(root [32]byte) (int, bool) {
	switch root {
	case workA:
		return 20, true
	case workB:
		return 9, true
	}
	return 0, false
}

// valid returns a good partial announcement of workA, tweaked by edit.
func valid(t *testing.T, seq uint64, edit func(*announcement)) []byte {
	t.Helper()
	a := announcement{Root: workA, Seq: seq, TimeMs: uint64(testNow.UnixMilli()), NumChunks: 20,
		Have: bitfield.Of(20, 1, 5), Addrs: testAddrs(t, "/ip4/127.0.0.1/tcp/4001")}
	if edit != nil {
		edit(&a)
	}
	b, err := a.encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withAddrCount rewrites the address list of a message without addresses.
func withAddrCount(b []byte, n int) []byte {
	b = append(b[:len(b)-1:len(b)-1], byte(n))
	one := multiaddr.StringCast("/ip4/1.2.3.4/tcp/1").Bytes()
	for range n {
		b = binary.BigEndian.AppendUint16(b, uint16(len(one)))
		b = append(b, one...)
	}
	return b
}

func TestValidator(t *testing.T) {
	noAddrs := func(a *announcement) { a.Addrs = nil }
	at := func(d time.Duration) func(*announcement) {
		return func(a *announcement) { a.TimeMs = uint64(testNow.Add(d).UnixMilli()) }
	}
	set := func(off int, v byte) func([]byte) []byte {
		return func(b []byte) []byte {
			if off < 0 {
				off += len(b)
			}
			b[off] = v
			return b
		}
	}
	cases := []struct {
		name   string
		topic  [32]byte
		before [][]byte // accepted first, from the same origin
		msg    []byte
		origin peer.ID
		want   pubsub.ValidationResult
		err    error
	}{
		{name: "partial ok", msg: valid(t, 5, nil), want: pubsub.ValidationAccept},
		{name: "complete ok", msg: valid(t, 5, func(a *announcement) { a.Complete, a.Have = true, nil }), want: pubsub.ValidationAccept},
		{name: "eight addrs ok", msg: withAddrCount(valid(t, 5, noAddrs), 8), want: pubsub.ValidationAccept},
		{name: "oversized", msg: make([]byte, MaxMessageSize+1), want: pubsub.ValidationReject, err: ErrTooLarge},
		{name: "empty", msg: nil, want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "truncated header", msg: valid(t, 5, nil)[:40], want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "truncated address", msg: trim(valid(t, 5, nil), 3), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "trailing bytes", msg: append(valid(t, 5, nil), 0), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "bad version", msg: set(0, 2)(valid(t, 5, nil)), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "unknown flag", msg: set(1, 0x02)(valid(t, 5, nil)), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "bitfield too short", msg: shortBitfield(valid(t, 5, noAddrs)), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "trailing bits set", msg: set(headerLen+2, 0x01)(valid(t, 5, noAddrs)), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "partial claims all", msg: allBits(valid(t, 5, noAddrs)), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "wrong work for topic", topic: workB, msg: valid(t, 5, nil), want: pubsub.ValidationReject, err: ErrWrongWork},
		{name: "unknown work", topic: unknownW, msg: valid(t, 5, func(a *announcement) { a.Root = unknownW }), want: pubsub.ValidationReject, err: ErrUnknownWork},
		{name: "chunk count mismatch", msg: valid(t, 5, func(a *announcement) { a.NumChunks, a.Have = 21, bitfield.Of(21) }), want: pubsub.ValidationReject, err: ErrChunkCount},
		{name: "slightly ahead ok", msg: valid(t, 5, at(time.Minute)), want: pubsub.ValidationAccept},
		{name: "ahead", msg: valid(t, 5, at(3*time.Minute)), want: pubsub.ValidationIgnore, err: ErrAhead},
		{name: "far future", msg: valid(t, 5, at(2*time.Hour)), want: pubsub.ValidationReject, err: ErrClock},
		{name: "time overflow", msg: valid(t, 5, func(a *announcement) { a.TimeMs = math.MaxUint64 }), want: pubsub.ValidationReject, err: ErrClock},
		{name: "stale", msg: valid(t, 5, at(-10*time.Minute)), want: pubsub.ValidationIgnore, err: ErrStale},
		{name: "far past", msg: valid(t, 5, at(-2*time.Hour)), want: pubsub.ValidationReject, err: ErrClock},
		{name: "replayed seq", before: [][]byte{valid(t, 5, nil)}, msg: valid(t, 5, nil), want: pubsub.ValidationIgnore, err: ErrReplay},
		{name: "older seq", before: [][]byte{valid(t, 9, nil)}, msg: valid(t, 8, nil), want: pubsub.ValidationIgnore, err: ErrReplay},
		{name: "newer seq ok", before: [][]byte{valid(t, 9, nil)}, msg: valid(t, 10, nil), want: pubsub.ValidationAccept},
		{name: "too many addrs", msg: withAddrCount(valid(t, 5, noAddrs), 9), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "zero-length addr", msg: append(set(-1, 1)(valid(t, 5, noAddrs)), 0, 0), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "garbage addr", msg: append(set(-1, 1)(valid(t, 5, noAddrs)), 0, 3, 0xff, 0xff, 0xff), want: pubsub.ValidationReject, err: ErrMalformed},
		{name: "no origin", origin: "-", msg: valid(t, 5, nil), want: pubsub.ValidationReject, err: ErrNoOrigin},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			topic := workA
			if c.topic != ([32]byte{}) {
				topic = c.topic
			}
			known := testKnown
			if topic == unknownW {
				known = func(r [32]byte) (int, bool) {
					if r == unknownW {
						return 0, false // forgotten since the topic was joined
					}
					return testKnown(r)
				}
			}
			chk := newChecker(topic, known, func() time.Time { return testNow }, 16)
			origin := peer.ID("origin")
			if c.origin == "-" {
				origin = ""
			}
			for _, b := range c.before {
				if _, err := chk.check(origin, b); err != nil {
					t.Fatalf("setup message refused: %v", err)
				}
			}
			m := &pubsub.Message{Message: &pb.Message{Data: c.msg, From: []byte(origin)}}
			if got := chk.validate(t.Context(), "forwarder", m); got != c.want {
				t.Fatalf("verdict %v, want %v", got, c.want)
			}
			if (m.ValidatorData != nil) != (c.want == pubsub.ValidationAccept) {
				t.Fatalf("ValidatorData %v with verdict %v", m.ValidatorData, c.want)
			}
			// A fresh checker gives the typed reason (validate above
			// recorded the seq on acceptance).
			chk = newChecker(topic, known, func() time.Time { return testNow }, 16)
			for _, b := range c.before {
				_, _ = chk.check(origin, b)
			}
			if _, err := chk.check(origin, c.msg); !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
				t.Fatalf("err %v, want %v", err, c.err)
			}
		})
	}
}

func trim(b []byte, n int) []byte { return b[:len(b)-n] }

// shortBitfield drops one byte of the bitfield (20 chunks take 3).
func shortBitfield(b []byte) []byte {
	return append(append([]byte{}, b[:headerLen+2]...), b[headerLen+3:]...)
}

// allBits sets every one of the 20 chunk bits of a partial message.
func allBits(b []byte) []byte {
	b[headerLen], b[headerLen+1], b[headerLen+2] = 0xff, 0xff, 0xf0
	return b
}

// TestReplayMemoryBounded checks that the seq table keeps its bound
// whatever the number of origins, evicting the least recently seen.
func TestReplayMemoryBounded(t *testing.T) {
	chk := newChecker(workA, testKnown, func() time.Time { return testNow }, 4)
	for i := range 100 {
		if _, err := chk.check(peer.ID(rune('a'+i%26))+peer.ID(rune(i)), valid(t, 1, nil)); err != nil {
			t.Fatal(err)
		}
	}
	if n := chk.seqs.len(); n != 4 {
		t.Fatalf("seq table holds %d origins, want 4", n)
	}
}
