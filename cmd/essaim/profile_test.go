package main

import (
	"errors"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	for _, tt := range []struct {
		flag, env string
		want      int64
		usage     bool
	}{
		{"512MiB", "", 512 << 20, false},
		{"0", "", 0, false},
		{"1GiB", "100MiB", 0, false}, // GOMEMLIMIT wins
		{"lots", "", 0, true},
		{"-5MiB", "", 0, true},
	} {
		got, err := memoryLimit(tt.flag, tt.env)
		var u *usageError
		if got != tt.want || (err != nil) != tt.usage || (err != nil && !errors.As(err, &u)) {
			t.Errorf("memoryLimit(%q, %q) = %d, %v; want %d, usage error %v", tt.flag, tt.env, got, err, tt.want, tt.usage)
		}
	}
	if _, stderr, code := run(t, nil, "--memory-limit", "lots", "hash", "."); code != exitUsage {
		t.Fatalf("essaim --memory-limit lots: exit %d, %s", code, stderr)
	}
}
