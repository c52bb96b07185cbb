package main

import (
	"os"
	"runtime"
)

// atLeastTwoProcs gives Go's scheduler two Ps when the process may use one
// CPU only (a single-core box, or pinning with taskset or a cgroup). With
// one P, a goroutine that keeps it busy, such as one encrypting a
// transfer, leaves the network poller unread until it yields or until the
// runtime's monitor polls, up to 10 ms later: the API's answers and the
// transfer's own window updates wait that long. A second P waits in the
// poller and runs what it wakes as soon as the kernel runs its thread.
// GOMAXPROCS in the environment still decides.
func atLeastTwoProcs() {
	if os.Getenv("GOMAXPROCS") == "" && runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2)
	}
}
