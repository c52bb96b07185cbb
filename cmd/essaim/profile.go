package main

import (
	"fmt"
	"os"
	"runtime/pprof"

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

// startProfile starts the CPU profile --cpu-profile asks for; the
// function it returns stops it and writes the file.
func startProfile(c *cli.Context) (stop func() error, err error) {
	path := c.String(cpuProfileFlag.Name)
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpu-profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpu-profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}
