package sched

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"essaim/p2p/bitfield"
)

// FuzzEvents plays arbitrary event sequences, indexes out of range and
// unknown peers included (what remote peers can make the loop report), and
// checks that nothing panics and every invariant holds after each event.
func FuzzEvents(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 5, 0, 0, 1, 6, 0, 3, 9})
	f.Add([]byte{0, 1, 7, 0, 0, 2, 9, 0, 5, 1, 0, 0, 5, 2, 0, 0, 7, 1, 4, 0, 8, 0, 0, 250})
	f.Add([]byte{0, 0, 255, 0, 1, 0, 200, 0, 2, 0, 128, 0, 3, 0, 0, 0, 4, 0, 0, 0})
	f.Add([]byte{0, 0, 127, 0, 10, 0, 5, 6, 5, 0, 0, 1, 10, 0, 9, 3, 5, 0, 0, 1, 11, 0, 0, 0, 6, 0, 5, 0})
	const n = 12
	f.Fuzz(func(t *testing.T, ops []byte) {
		s := New(n, bitfield.Of(n, 3), Config{MaxStrikes: 2, MaxStalls: 2, MinTimeout: time.Second},
			rand.New(rand.NewPCG(1, 1)))
		now := t0
		for len(ops) >= 4 {
			op, id, x, dt := ops[0]%12, fmt.Sprint("p", ops[1]%5), int(int8(ops[2])), ops[3]
			reader := fmt.Sprint("r", ops[1]%2)
			ops = ops[4:]
			now = now.Add(time.Duration(dt) * 10 * time.Millisecond)
			switch op {
			case 0:
				have := bitfield.New(n)
				for i := range n {
					if (x>>(i%7))&1 == 1 {
						have.Set(i)
					}
				}
				_ = s.AddPeer(id, have, now)
			case 1:
				s.Have(id, x)
			case 2:
				s.RemovePeer(id)
			case 3:
				s.Refused(id, x)
			case 4:
				_ = s.Update(id, bitfield.Full(n))
			case 5:
				for _, c := range s.Next(id, now) {
					if c < 0 || c >= n {
						t.Fatalf("Next returned chunk %d", c)
					}
				}
			case 6, 7:
				s.Received(id, x, 1000, now)
			case 8:
				s.Bad(id, x)
			case 9:
				s.Tick(now)
			case 10: // a reader's window, anywhere, even outside the work
				s.Want(reader, Window{From: x, To: x + int(dt%8), Start: now,
					Per: time.Duration(dt) * time.Millisecond})
			case 11:
				s.Unwant(reader)
			}
			if err := s.check(); err != nil {
				t.Fatalf("after op %d: %v", op, err)
			}
		}
	})
}
