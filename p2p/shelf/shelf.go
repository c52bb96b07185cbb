// Package shelf records the works a node holds, so that a restarted node
// serves them again: where each work's bytes are and its manifest. A
// manifest read back is checked against its root, so a damaged or edited
// shelf cannot make the node serve something else under a work's name.
//
// Layout under the shelf folder (mode 0700): <root hex>.json holds the
// entry, <root hex>.manifest the manifest's encoding. Both are written to a
// temporary name, synced and renamed, so a crash leaves the old or the new
// entry, never a torn one.
package shelf

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"essaim/p2p/content"
)

// Kind says where a work's bytes come from.
type Kind string

// Kinds of entries.
const (
	// Source is a creator's own files, served in place.
	Source Kind = "source"
	// Download is a work fetched into an output folder, complete or not.
	Download Kind = "download"
)

// Entry is one work on the shelf.
type Entry struct {
	Root content.Hash `json:"-"`
	Kind Kind         `json:"kind"`
	// Path is the work as given to content.Build for a source (a file or a
	// folder), or the output folder of a download.
	Path string `json:"path"`
	// Files holds, for a finished download, the state of each of its
	// files (by manifest entry) when they were last known to hold the
	// work: while they keep it, a new download of the work into Path is
	// done without reading a byte (see content.FileState).
	Files []content.FileState `json:"files,omitempty"`
}

// ErrNotFound means the shelf has no entry for a root.
var ErrNotFound = errors.New("work not on the shelf")

// Shelf is the folder of entries. Its methods are safe for concurrent use
// by one process (each write replaces whole files).
type Shelf struct{ dir string }

// Open opens (creating it if needed) the shelf in dir.
func Open(dir string) (*Shelf, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return &Shelf{dir: dir}, nil
}

// Put records e with its manifest m, replacing any entry for the same root.
func (s *Shelf) Put(e Entry, m *content.Manifest) error {
	if m.Root() != e.Root {
		return fmt.Errorf("shelf: manifest of %s recorded as %s", m.Root(), e.Root)
	}
	if e.Kind != Source && e.Kind != Download {
		return fmt.Errorf("shelf: unknown kind %q", e.Kind)
	}
	abs, err := filepath.Abs(e.Path)
	if err != nil {
		return err
	}
	e.Path = abs
	mb, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	jb, err := json.Marshal(e)
	if err != nil {
		return err
	}
	name := e.Root.String()
	if err := writeFile(filepath.Join(s.dir, name+".manifest"), mb); err != nil {
		return err
	}
	return writeFile(filepath.Join(s.dir, name+".json"), jb)
}

// Get returns the entry for root and its manifest, verified against root.
func (s *Shelf) Get(root content.Hash) (Entry, *content.Manifest, error) {
	name := root.String()
	jb, err := os.ReadFile(filepath.Join(s.dir, name+".json"))
	if errors.Is(err, os.ErrNotExist) {
		return Entry{}, nil, fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	if err != nil {
		return Entry{}, nil, err
	}
	var e Entry
	if err := json.Unmarshal(jb, &e); err != nil {
		return Entry{}, nil, fmt.Errorf("shelf entry %s: %w", name, err)
	}
	e.Root = root
	mb, err := os.ReadFile(filepath.Join(s.dir, name+".manifest"))
	if err != nil {
		return Entry{}, nil, fmt.Errorf("shelf entry %s: %w", name, err)
	}
	m, err := content.Parse(mb, root)
	if err != nil {
		return Entry{}, nil, fmt.Errorf("shelf entry %s: %w", name, err)
	}
	return e, m, nil
}

// Roots lists the roots on the shelf, sorted.
func (s *Shelf) Roots() ([]content.Hash, error) {
	des, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	var out []content.Hash
	for _, de := range des {
		name, ok := strings.CutSuffix(de.Name(), ".json")
		if !ok {
			continue
		}
		if h, err := content.ParseHash(name); err == nil {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

// Remove drops the entry for root; the work's files are left alone.
func (s *Shelf) Remove(root content.Hash) error {
	name := root.String()
	err := errors.Join(
		ignoreMissing(os.Remove(filepath.Join(s.dir, name+".json"))),
		ignoreMissing(os.Remove(filepath.Join(s.dir, name+".manifest"))),
	)
	return err
}

func ignoreMissing(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// writeFile replaces name with b atomically and durably.
func writeFile(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
