package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// BuildOption changes how Build hashes a work.
type BuildOption func(*buildConfig)

type buildConfig struct {
	chunkLog2 uint8 // 0: AutoChunkLog2
	workers   int
}

// WithChunkLog2 sets the chunk size to 2^l bytes instead of the automatic
// choice.
func WithChunkLog2(l uint8) BuildOption { return func(c *buildConfig) { c.chunkLog2 = l } }

// WithWorkers sets how many chunks are hashed at once (default: one per CPU).
func WithWorkers(n int) BuildOption { return func(c *buildConfig) { c.workers = n } }

// workBase resolves a work path (following symlinks, so a link to a work
// shares what it points to) and splits it into the folder that paths are
// relative to and, for a single file, that file's name.
func workBase(path string) (base, file string, err error) {
	path, err = filepath.EvalSymlinks(path)
	if err != nil {
		return "", "", err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", "", err
	}
	switch {
	case fi.IsDir():
		return path, "", nil
	case fi.Mode().IsRegular():
		return filepath.Dir(path), filepath.Base(path), nil
	default:
		return "", "", fmt.Errorf("%s: not a regular file or a folder", path)
	}
}

// Scan lists the work at path: a single regular file (listed under its base
// name) or a folder (every regular file and empty folder below it). It
// refuses symlinks, devices and other special files, and any name that
// breaks the path rules, naming the entry.
func Scan(path string) (FileList, error) {
	base, file, err := workBase(path)
	if err != nil {
		return nil, err
	}
	if file != "" {
		fi, err := os.Stat(filepath.Join(base, file))
		if err != nil {
			return nil, err
		}
		fl := FileList{{Path: file, Size: fi.Size()}}
		return fl, fl.Check()
	}
	var fl FileList
	nonEmpty := map[string]bool{}
	var dirs []string
	err = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == base {
			return nil
		}
		rel, err := filepath.Rel(base, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if err := CheckPath(rel); err != nil {
			return err
		}
		nonEmpty[filepath.ToSlash(filepath.Dir(rel))] = true
		switch t := d.Type(); {
		case t.IsDir():
			dirs = append(dirs, rel)
		case t.IsRegular():
			fi, err := d.Info()
			if err != nil {
				return err
			}
			fl = append(fl, Entry{Path: rel, Size: fi.Size()})
		case t&fs.ModeSymlink != 0:
			return &PathError{Path: rel, Reason: "is a symlink; only regular files and folders can be shared"}
		default:
			return &PathError{Path: rel, Reason: fmt.Sprintf("is a special file (%v)", t)}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if !nonEmpty[d] {
			fl = append(fl, Entry{Path: d, Dir: true})
		}
	}
	sort.Slice(fl, func(i, j int) bool { return fl[i].Path < fl[j].Path })
	return fl, fl.Check()
}

// Build scans the work at path and hashes every chunk, several at once,
// reading each chunk once into a per-worker buffer: memory stays at one
// chunk per worker plus 32 bytes per chunk, whatever the work's size.
func Build(path string, opts ...BuildOption) (*Manifest, error) {
	cfg := buildConfig{workers: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&cfg)
	}
	files, err := Scan(path)
	if err != nil {
		return nil, err
	}
	size := files.Size()
	if cfg.chunkLog2 == 0 {
		cfg.chunkLog2 = AutoChunkLog2(size)
	}
	if err := CheckChunkLog2(cfg.chunkLog2); err != nil {
		return nil, err
	}
	n := numChunks(size, cfg.chunkLog2)
	if n > MaxChunks {
		return nil, fmt.Errorf("%d chunks, more than %d: use a larger chunk size", n, MaxChunks)
	}
	m := layout(files, cfg.chunkLog2, make([]Hash, n))
	root, err := openWorkRoot(path)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if err := hashStamped(root, m, max(1, min(cfg.workers, int(n)))); err != nil {
		return nil, err
	}
	m.root = computeRoot(m.chunkLog2, TreeRoot(m.leaves), files.Hash())
	return m, nil
}

// testHookHashing, when set by a test, runs between the stats taken before
// hashing and the hashing itself.
var testHookHashing func()

// hashStamped hashes every chunk of m between two stats of every file, and
// keeps the first stats as m's stamps: a Source opened on m later in this
// process trusts the chunks whose files still have them, so sharing a work
// just built never hashes it twice. A file whose state moved during the
// hashing is ErrChanged naming it: its hashes may mix two versions.
func hashStamped(root *os.Root, m *Manifest, workers int) error {
	now := time.Now() // before the stats: see racyWindow
	before, stamps, err := statFiles(root, m, now)
	if err != nil {
		return err
	}
	for _, sp := range m.spans {
		if e := m.files[sp.entry]; before[sp.entry].size != e.Size {
			return fmt.Errorf("%w: %s changed since it was listed", ErrChanged, e.Path)
		}
	}
	if testHookHashing != nil {
		testHookHashing()
	}
	if err := hashChunks(root, m, workers); err != nil {
		return err
	}
	after, _, err := statFiles(root, m, now)
	if err != nil {
		return err
	}
	for _, sp := range m.spans {
		if before[sp.entry] != after[sp.entry] {
			return fmt.Errorf("%w: %s changed while it was hashed", ErrChanged, m.files[sp.entry].Path)
		}
	}
	m.stamps = stamps
	return nil
}

// hashChunks fills m.leaves from the files under root with workers
// goroutines, each taking the next chunk index until none is left or one
// fails.
func hashChunks(root *os.Root, m *Manifest, workers int) error {
	var (
		next    atomic.Int64
		failed  atomic.Bool
		errOnce sync.Once
		first   error
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, m.ChunkSize())
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(m.leaves) {
					return
				}
				data, err := ReadChunkFrom(root, m, i, buf, nil)
				if err != nil {
					errOnce.Do(func() { first = err })
					failed.Store(true)
					return
				}
				m.leaves[i] = LeafHash(data)
			}
		}()
	}
	wg.Wait()
	return first
}
