package main

import (
	"runtime"
	"testing"
)

func TestAtLeastTwoProcs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	t.Setenv("GOMAXPROCS", "")
	runtime.GOMAXPROCS(1)
	atLeastTwoProcs()
	if got := runtime.GOMAXPROCS(0); got != 2 {
		t.Errorf("one CPU: GOMAXPROCS %d, want 2", got)
	}
	runtime.GOMAXPROCS(3)
	atLeastTwoProcs()
	if got := runtime.GOMAXPROCS(0); got != 3 {
		t.Errorf("three CPUs: GOMAXPROCS %d, want 3 (never lowered)", got)
	}
	t.Setenv("GOMAXPROCS", "1")
	runtime.GOMAXPROCS(1)
	atLeastTwoProcs()
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Errorf("GOMAXPROCS=1 in the environment: %d, want 1", got)
	}
}
