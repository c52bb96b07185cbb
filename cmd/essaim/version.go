package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// version is the release this binary is, when the linker stamps it:
// go build -ldflags "-X main.version=v1.2.3" ./cmd/essaim. Otherwise the
// module version the Go toolchain recorded is shown.
var version string

var versionFlag = &cli.BoolFlag{
	Name:     "version",
	Usage:    "print essaim's version and stop",
	Category: catHelp,
}

var versionCommand = &cli.Command{
	Name:  "version",
	Usage: "print essaim's version, the Go release that built it and its source revision",
	Description: "Prints one line: essaim VERSION (GO, REVISION, TIME), the revision and its time when\n" +
		"the binary was built from a git checkout; with --json, one object with the same fields.",
	Action: runVersion,
}

// versionInfo is what `essaim version` prints.
type versionInfo struct {
	Version  string `json:"version"`
	Go       string `json:"go"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"` // built from a work tree with changes
}

// versionOf reads the version from the linker's stamp, else from the
// build information the toolchain embeds (nil when there is none).
func versionOf(stamped string, bi *debug.BuildInfo) versionInfo {
	v := versionInfo{Version: stamped, Go: runtime.Version()}
	if bi != nil {
		if v.Version == "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			v.Go = bi.GoVersion
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value[:min(12, len(s.Value))]
			case "vcs.time":
				v.Time = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if v.Version == "" {
		v.Version = "devel"
	}
	return v
}

// String is "essaim v1.2.3 (go1.26.8, 577a7a6c1234, 2026-12-04T10:00:00Z)".
func (v versionInfo) String() string {
	s := "essaim " + v.Version + " (" + v.Go
	if v.Revision != "" {
		s += ", " + v.Revision
		if v.Modified {
			s += "+modified"
		}
	}
	if v.Time != "" {
		s += ", " + v.Time
	}
	return s + ")"
}

func runVersion(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("version takes no arguments, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	return printVersion(c)
}

// printVersion prints the version line, or its object under --json.
func printVersion(c *cli.Context) error {
	bi, _ := debug.ReadBuildInfo()
	v := versionOf(version, bi)
	return output(c, v, func(p *printer) { fmt.Fprintln(p.w, v) })
}
