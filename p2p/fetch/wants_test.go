package fetch

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"essaim/p2p/sched"
)

// TestWantsTake: the loop sees each reader's latest window once, a
// cleared reader as gone, and everything again when its scheduler starts.
func TestWantsTake(t *testing.T) {
	w := NewWants()
	show := func(cs []change) string {
		var out []string
		for _, c := range cs {
			if c.ok {
				out = append(out, c.reader+":"+strconv.Itoa(c.win.From))
			} else {
				out = append(out, c.reader+":gone")
			}
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	w.Set("a", sched.Window{From: 1, To: 4})
	w.Set("a", sched.Window{From: 7, To: 9}) // a seek before the loop looked
	w.Set("b", sched.Window{From: 2, To: 3})
	select {
	case <-w.kick:
	default:
		t.Fatal("no kick after a change")
	}
	if got := show(w.take(false)); got != "a:7 b:2" {
		t.Fatalf("changes: %q", got)
	}
	if got := show(w.take(false)); got != "" {
		t.Fatalf("changes taken twice: %q", got)
	}
	w.Clear("b")
	if got := show(w.take(false)); got != "b:gone" {
		t.Fatalf("after clear: %q", got)
	}
	if got := show(w.take(true)); got != "a:7" {
		t.Fatalf("all: %q", got)
	}
}
