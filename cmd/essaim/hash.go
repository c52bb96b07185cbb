package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"essaim/p2p/content"
)

var hashCommand = &cli.Command{
	Name:      "hash",
	Usage:     "print the content root of a file or folder",
	ArgsUsage: "PATH",
	Description: "Computes the 32-byte content root that commits to every byte and every file name of\n" +
		"the work at PATH (docs/CONTENT.md). The same root is what `register` puts on the chain.",
	Flags:  []cli.Flag{chunkSizeFlag},
	Action: runHash,
}

type hashEntry struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
	Dir  bool   `json:"dir,omitempty"`
}

type hashResult struct {
	Root      string      `json:"root"`
	ChunkSize int         `json:"chunk_size"`
	Chunks    int         `json:"chunks"`
	Files     int         `json:"files"`
	Size      int64       `json:"size"`
	Entries   []hashEntry `json:"entries"`
}

func runHash(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("hash takes one PATH, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	m, err := buildWork(c)
	if err != nil {
		return err
	}
	res := hashResult{
		Root:      m.Root().String(),
		ChunkSize: m.ChunkSize(),
		Chunks:    m.NumChunks(),
		Files:     len(m.Files()),
		Size:      m.Size(),
	}
	for _, e := range m.Files() {
		res.Entries = append(res.Entries, hashEntry{Path: e.Path, Size: e.Size, Dir: e.Dir})
	}
	return output(c, res, func(p *printer) {
		p.field("root", res.Root)
		p.field("size", fmt.Sprintf("%s (%s)", formatSize(res.Size), plural(int(res.Size), "byte", "bytes")))
		p.field("chunks", fmt.Sprintf("%d × %s", res.Chunks, formatSize(int64(res.ChunkSize))))
		p.field("files", fmt.Sprint(res.Files))
	})
}

// buildWork hashes the work named by the first argument, with --chunk-size
// when given.
func buildWork(c *cli.Context) (*content.Manifest, error) {
	return buildWorkAt(c, c.Args().First())
}

// buildWorkAt hashes the work at path with --chunk-size.
func buildWorkAt(c *cli.Context, path string) (*content.Manifest, error) {
	var opts []content.BuildOption
	if s := c.String(chunkSizeFlag.Name); s != "" {
		n, err := parseSize(s)
		if err != nil {
			return nil, usageErrorf("--chunk-size: %v", err)
		}
		l, err := content.ChunkLog2Of(n)
		if err != nil {
			return nil, usageErrorf("--chunk-size: %v", err)
		}
		opts = append(opts, content.WithChunkLog2(l))
	}
	return content.Build(path, opts...)
}
