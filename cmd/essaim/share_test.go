package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"essaim/p2p/content"
	"essaim/p2p/fetch"
)

// printGetJSON runs printGet under --json on res and decodes what it wrote.
func printGetJSON(t *testing.T, res *fetch.Result) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	set := flag.NewFlagSet("get", flag.ContinueOnError)
	set.Bool(jsonFlag.Name, true, "")
	c := cli.NewContext(&cli.App{Writer: &buf}, set, nil)
	if err := printGet(c, [32]byte{1}, "out", res); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v in %q", err, buf.String())
	}
	return got
}

// get --json tells when the first verified chunk came: in seconds from
// the download's start and as a wall-clock time, so that a script can
// measure from the process start; neither appears when nothing came.
func TestPrintGetFirstChunk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.bin")
	if err := os.WriteFile(path, []byte("a work"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := content.Build(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)
	res := &fetch.Result{Manifest: m, From: map[string]int{}, Started: start,
		Elapsed: 2 * time.Second, FirstChunk: 150 * time.Millisecond}
	got := printGetJSON(t, res)
	if got["first_chunk_seconds"] != 0.15 || got["seconds"] != 2.0 {
		t.Fatalf("first_chunk_seconds %v, seconds %v: want 0.15 and 2", got["first_chunk_seconds"], got["seconds"])
	}
	if want := "2026-01-02T03:04:05.150006Z"; got["first_chunk_at"] != want {
		t.Fatalf("first_chunk_at %v, want %s", got["first_chunk_at"], want)
	}
	res.FirstChunk = 0
	got = printGetJSON(t, res)
	if _, ok := got["first_chunk_seconds"]; ok {
		t.Fatalf("first_chunk_seconds %v printed for a download that received nothing", got["first_chunk_seconds"])
	}
	if _, ok := got["first_chunk_at"]; ok {
		t.Fatalf("first_chunk_at %v printed for a download that received nothing", got["first_chunk_at"])
	}
}
