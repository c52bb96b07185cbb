package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// initBudget bounds what the binary's package initialisation may allocate.
// Every command pays for it before doing anything (a `get` of a 1 MiB
// work takes about 100 ms in all), so work that only some commands need
// (compressing the web interface's files, 11 MB) waits until it is used.
// The binary allocated 14.7 MB at start with the web interface's files
// compressed at load, 3.4 MB without.
const initBudget = 8 << 20

// TestStartupAllocations runs the binary with the runtime's init trace and
// checks what its packages' initialisers allocate.
func TestStartupAllocations(t *testing.T) {
	_, stderr, code := run(t, []string{"GODEBUG=inittrace=1"}, "--version")
	if code != 0 {
		t.Fatalf("essaim --version: exit %d\n%s", code, stderr)
	}
	type pkg struct {
		name  string
		bytes int
	}
	var pkgs []pkg
	total := 0
	for _, line := range strings.Split(stderr, "\n") {
		// init essaim/daemon/webui @20 ms, 10 ms clock, 11377080 bytes, 2109 allocs
		f := strings.Fields(line)
		if len(f) < 9 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		n, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("init trace line %q: %v", line, err)
		}
		pkgs = append(pkgs, pkg{f[1], n})
		total += n
	}
	if len(pkgs) == 0 {
		t.Fatalf("no init trace in the output:\n%s", stderr)
	}
	if total > initBudget {
		sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].bytes > pkgs[j].bytes })
		var top []string
		for _, p := range pkgs[:min(5, len(pkgs))] {
			top = append(top, fmt.Sprintf("%s %d", p.name, p.bytes))
		}
		t.Fatalf("package initialisation allocates %d bytes, want at most %d; the largest: %s",
			total, initBudget, strings.Join(top, ", "))
	}
}
