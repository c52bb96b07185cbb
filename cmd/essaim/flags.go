package main

import "github.com/urfave/cli/v2"

// Flag categories, as shown by --help.
const (
	catOutput  = "OUTPUT"
	catContent = "CONTENT"
)

var jsonFlag = &cli.BoolFlag{
	Name:     "json",
	Usage:    "print one JSON object instead of human-readable text",
	EnvVars:  []string{"ESSAIM_JSON"},
	Category: catOutput,
}

// globalFlags apply to every command; they may be given before or after
// the command name.
var globalFlags = []cli.Flag{jsonFlag}

var chunkSizeFlag = &cli.StringFlag{
	Name:     "chunk-size",
	Usage:    "chunk size, a power of two from 16KiB to 16MiB (default: chosen from the work's size)",
	EnvVars:  []string{"ESSAIM_CHUNK_SIZE"},
	Category: catContent,
}
