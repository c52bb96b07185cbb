package sched

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"essaim/p2p/bitfield"
)

const benchChunks, benchPeers = 4096, 20

// benchSwarm builds a download of 4096 chunks from 20 peers that each hold
// a random 70%.
func benchSwarm(b *testing.B, seed uint64) (*Scheduler, []string) {
	r := rand.New(rand.NewPCG(seed, 1))
	s := New(benchChunks, nil, Config{ChunkSize: 1 << 18}, rand.New(rand.NewPCG(seed, 2)))
	ids := make([]string, benchPeers)
	for i := range ids {
		ids[i] = fmt.Sprint("peer", i)
		have := bitfield.New(benchChunks)
		for x := range benchChunks {
			if r.IntN(10) < 7 {
				have.Set(x)
			}
		}
		if err := s.AddPeer(ids[i], have, t0); err != nil {
			b.Fatal(err)
		}
	}
	return s, ids
}

// BenchmarkNextReceived measures one event of a running download: a chunk
// arrives from a peer (Received, with its cancels) and the peer's pipeline
// is refilled (Next). Whole downloads run back to back, endgame included.
func BenchmarkNextReceived(b *testing.B) {
	s, ids := benchSwarm(b, 0)
	queues := make([][]int, len(ids))
	now := t0
	seed := uint64(0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if s.Done() {
			b.StopTimer()
			seed++
			s, ids = benchSwarm(b, seed)
			clear(queues)
			b.StartTimer()
		}
		k := i % len(ids)
		now = now.Add(100 * time.Microsecond)
		if q := queues[k]; len(q) > 0 {
			s.Received(ids[k], q[0], 1<<18, now)
			queues[k] = q[1:]
		}
		queues[k] = append(queues[k], s.Next(ids[k], now)...)
	}
}

// BenchmarkHave measures one availability announcement.
func BenchmarkHave(b *testing.B) {
	ids := make([]string, benchPeers)
	for i := range ids {
		ids[i] = fmt.Sprint("peer", i)
	}
	fresh := func() *Scheduler {
		s := New(benchChunks, nil, Config{}, rand.New(rand.NewPCG(1, 2)))
		for _, id := range ids {
			if err := s.AddPeer(id, nil, t0); err != nil {
				b.Fatal(err)
			}
		}
		return s
	}
	s := fresh()
	for i := 0; b.Loop(); i++ {
		if i%(benchChunks*benchPeers) == 0 && i > 0 {
			b.StopTimer()
			s = fresh()
			b.StartTimer()
		}
		s.Have(ids[i%benchPeers], (i/benchPeers)%benchChunks)
	}
}
