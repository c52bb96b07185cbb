package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"

	"github.com/urfave/cli/v2"
)

// catDebug holds flags for looking inside a run.
const catDebug = "DEBUG"

var cpuProfileFlag = &cli.StringFlag{
	Name:     "cpu-profile",
	Usage:    "write a CPU profile of the whole run to this file (read it with `go tool pprof`)",
	EnvVars:  []string{"ESSAIM_CPU_PROFILE"},
	Category: catDebug,
}

var traceFlag = &cli.StringFlag{
	Name:     "trace",
	Usage:    "write an execution trace of the whole run to this file (read it with `go tool trace`)",
	EnvVars:  []string{"ESSAIM_TRACE"},
	Category: catDebug,
}

// startProfile starts the CPU profile --cpu-profile asks for and the
// execution trace --trace asks for; the function it returns stops them
// and writes the files.
func startProfile(c *cli.Context) (stop func() error, err error) {
	var stops []func() error
	stopAll := func() error {
		var errs []error
		for _, s := range stops {
			errs = append(errs, s())
		}
		return errors.Join(errs...)
	}
	if path := c.String(cpuProfileFlag.Name); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("--cpu-profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("--cpu-profile: %w", err)
		}
		stops = append(stops, func() error {
			pprof.StopCPUProfile()
			return f.Close()
		})
	}
	if path := c.String(traceFlag.Name); path != "" {
		f, err := os.Create(path)
		if err == nil {
			if err = trace.Start(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			return nil, errors.Join(fmt.Errorf("--trace: %w", err), stopAll())
		}
		stops = append(stops, func() error {
			trace.Stop()
			return f.Close()
		})
	}
	return stopAll, nil
}

var memoryLimitFlag = &cli.StringFlag{
	Name: "memory-limit",
	Usage: "a soft limit on the memory the process uses (its Go heap and runtime), such as 512MiB: the " +
		"garbage collector works harder as it is neared (0: none)",
	Value:    "512MiB",
	EnvVars:  []string{"ESSAIM_MEMORY_LIMIT"},
	Category: catDebug,
}

// setMemoryLimit applies --memory-limit to the Go runtime.
func setMemoryLimit(c *cli.Context) error {
	n, err := memoryLimit(c.String(memoryLimitFlag.Name), os.Getenv("GOMEMLIMIT"))
	if err != nil {
		return err
	}
	if n > 0 {
		debug.SetMemoryLimit(n)
	}
	return nil
}

// memoryLimit is the limit flag asks for, in bytes; 0 leaves the
// runtime's own, as does an explicit GOMEMLIMIT (the runtime reads it).
func memoryLimit(flag, env string) (int64, error) {
	if env != "" {
		return 0, nil
	}
	n, err := parseSize(flag)
	if err != nil || n < 0 {
		return 0, usageErrorf("--memory-limit %q: want a size such as 512MiB, or 0", flag)
	}
	return n, nil
}
