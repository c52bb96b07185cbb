package main

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"hash", "--version"}} {
		stdout, stderr, code := run(t, offline, args...)
		if code != 0 || stderr != "" {
			t.Fatalf("essaim %q: exit %d, stderr %q", args, code, stderr)
		}
		if !strings.HasPrefix(stdout, "essaim ") || !strings.Contains(stdout, runtime.Version()) || strings.Count(stdout, "\n") != 1 {
			t.Errorf("essaim %q: %q; want one line \"essaim VERSION (%s…)\"", args, stdout, runtime.Version())
		}
	}
	for _, args := range [][]string{{"--json", "version"}, {"version", "--json"}, {"--version", "--json"}} {
		stdout, stderr, code := run(t, offline, args...)
		if code != 0 {
			t.Fatalf("essaim %q: exit %d, stderr %q", args, code, stderr)
		}
		var v versionInfo
		if err := json.Unmarshal([]byte(stdout), &v); err != nil || v.Version == "" || v.Go != runtime.Version() {
			t.Errorf("essaim %q: %q (%v); want an object with version and go %s", args, stdout, err, runtime.Version())
		}
	}
}

func TestVersionOf(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name     string
		stamped  string
		info     *debug.BuildInfo
		want     string
		modified bool
	}{
		{"module version with revision", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"},
			Settings: vcs("vcs.revision", "577a7a6c1234567890abcdef", "vcs.time", "2026-12-04T10:00:00Z", "vcs.modified", "false")},
			"essaim v1.2.3 (go1.26.8, 577a7a6c1234, 2026-12-04T10:00:00Z)", false},
		{"modified work tree", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "577a7a6c1234567890abcdef", "vcs.modified", "true")},
			"essaim devel (go1.26.8, 577a7a6c1234+modified)", true},
		{"no vcs", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"essaim devel (go1.26.8)", false},
		{"stamped by the linker", "v2.0.0", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"essaim v2.0.0 (go1.26.8)", false},
		{"no build info", "", nil, "essaim devel (" + runtime.Version() + ")", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := versionOf(tt.stamped, tt.info)
			if got := v.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if v.Modified != tt.modified {
				t.Errorf("modified %v, want %v", v.Modified, tt.modified)
			}
		})
	}
}
