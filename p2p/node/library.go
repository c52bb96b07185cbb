package node

import (
	"sync"

	"essaim/p2p/bitfield"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/shelf"
	"essaim/p2p/xfer"
)

// held is one work the node serves: a creator's files read in place, or a
// chunk store being filled by a download (served onward as it fills).
type held struct {
	m  *content.Manifest
	mb []byte // m's encoding, built once

	src   *content.Source   // complete work read in place, or nil
	store *chunkstore.Store // download in progress, or nil
	owned bool              // the node opened store and closes it
	kind  shelf.Kind        // a creator's source, or a download (finished or not)
	path  string            // the work (a source) or the output folder (a download)

	// Streams serving a download in progress watch for new chunks.
	wmu      sync.Mutex
	watchers map[chan int]struct{}
}

// Watch implements xfer.Watcher: the chunks a download stores from now on.
// A complete work has nothing to report (a nil channel never fires).
func (h *held) Watch() (<-chan int, func()) {
	if h.src != nil {
		return nil, func() {}
	}
	c := make(chan int, 256)
	h.wmu.Lock()
	if h.watchers == nil {
		h.watchers = make(map[chan int]struct{})
	}
	h.watchers[c] = struct{}{}
	h.wmu.Unlock()
	return c, func() {
		h.wmu.Lock()
		delete(h.watchers, c)
		h.wmu.Unlock()
	}
}

// stored tells the watching streams that chunk i is held. A stream whose
// buffer is full misses it; the next announcement covers it.
func (h *held) stored(i int) {
	h.wmu.Lock()
	defer h.wmu.Unlock()
	for c := range h.watchers {
		select {
		case c <- i:
		default:
		}
	}
}

func newHeld(m *content.Manifest, kind shelf.Kind, path string, src *content.Source, store *chunkstore.Store) (*held, error) {
	mb, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return &held{m: m, mb: mb, src: src, store: store, kind: kind, path: path}, nil
}

func (h *held) Manifest() *content.Manifest { return h.m }
func (h *held) ManifestBytes() []byte       { return h.mb }

func (h *held) Held() *bitfield.Bitfield {
	if h.src != nil {
		return bitfield.Full(h.m.NumChunks())
	}
	return h.store.Bitfield()
}

func (h *held) ReadChunk(i int, buf []byte) ([]byte, error) {
	if h.src != nil {
		return h.src.ReadChunk(i, buf)
	}
	return h.store.ReadChunk(i, buf)
}

func (h *held) close() error {
	if h.src != nil {
		return h.src.Close()
	}
	if h.owned {
		return h.store.Close()
	}
	return nil // the download that owns the store closes it
}

// library is the set of works the node serves, looked up by the transfer
// server on every stream.
type library struct {
	mu    sync.RWMutex
	works map[content.Hash]*held
}

func newLibrary() *library { return &library{works: make(map[content.Hash]*held)} }

// Lookup implements xfer.Library.
func (l *library) Lookup(root content.Hash) (xfer.Work, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	h, ok := l.works[root]
	if !ok {
		return nil, false // a nil interface, not a nil *held inside one
	}
	return h, true
}

// numChunks answers the announcement validator from local state only.
func (l *library) numChunks(root [32]byte) (int, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	h, ok := l.works[root]
	if !ok {
		return 0, false
	}
	return h.m.NumChunks(), true
}

// put adds or replaces a work and returns the one it replaced.
func (l *library) put(h *held) *held {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.works[h.m.Root()]
	l.works[h.m.Root()] = h
	return old
}

func (l *library) remove(root content.Hash) *held {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.works[root]
	delete(l.works, root)
	return h
}

func (l *library) roots() []content.Hash {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]content.Hash, 0, len(l.works))
	for r := range l.works {
		out = append(out, r)
	}
	return out
}
