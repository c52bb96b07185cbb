package xfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/licensing/proof"
	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// Prover signs an access proof and returns its encoding. A nil Prover sends
// none, which only open works accept.
type Prover func(proof.Access) ([]byte, error)

// ErrSign means the local Prover failed: a problem on this side (a locked
// key), not the holder's.
var ErrSign = errors.New("sign access proof")

// IdleTimeout is how long a client session waits for any frame when it has
// nothing outstanding before it gives up on the stream.
const IdleTimeout = time.Minute

// Session is one accepted stream to one holder of one work. Request and
// Cancel may be called from one goroutine while another calls Recv.
type Session struct {
	st    network.Stream
	peer  peer.ID
	work  content.Hash
	acc   accept
	start time.Time

	// Owned by the goroutine calling Recv (and Manifest before it).
	have *bitfield.Bitfield
	m    *content.Manifest

	mu          sync.Mutex
	outstanding map[int]int // requests per index, neither answered nor cancelled
	stale       map[int]int // cancelled requests per index whose reply may still come
	nout        int         // sum of outstanding
}

// Open opens a stream to p, passes the server's gate and returns the
// session. A refusal is a *RefusedError.
func Open(ctx context.Context, h host.Host, p peer.ID, work content.Hash, prove Prover) (*Session, error) {
	st, err := h.NewStream(ctx, p, ProtocolID)
	if err != nil {
		return nil, fmt.Errorf("open stream to %s: %w", p, err)
	}
	s := newSession(st, p, work)
	// The handshake's reads obey ctx, not only their deadlines.
	stop := context.AfterFunc(ctx, func() { st.Reset() })
	defer stop()
	if err := s.handshake(ctx, h.ID(), prove); err != nil {
		var r *RefusedError
		if errors.As(err, &r) {
			st.Close()
		} else {
			st.Reset()
		}
		return nil, err
	}
	return s, nil
}

func newSession(st network.Stream, p peer.ID, work content.Hash) *Session {
	return &Session{st: st, peer: p, work: work, start: time.Now(),
		outstanding: make(map[int]int), stale: make(map[int]int)}
}

func (s *Session) handshake(ctx context.Context, self peer.ID, prove Prover) error {
	dl := time.Now().Add(handshakeTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(dl) {
		dl = d
	}
	if err := s.st.SetDeadline(dl); err != nil {
		return err
	}
	// A busy server refuses before it challenges.
	h, err := readHeader(s.st, answerLimit(tChallenge, nonceLen))
	if err != nil {
		return fmt.Errorf("read challenge: %w", err)
	}
	if h.typ == tRefuse {
		return readRefusal(s.st, h)
	}
	var nonce [nonceLen]byte
	if h.n != nonceLen {
		return fmt.Errorf("%w: challenge of %d bytes", ErrMalformed, h.n)
	}
	if _, err := io.ReadFull(s.st, nonce[:]); err != nil {
		return fmt.Errorf("read challenge: %w", err)
	}
	var pb []byte
	if prove != nil {
		if pb, err = prove(proof.NewAccess([]byte(self), []byte(s.peer), s.work, nonce, time.Now())); err != nil {
			return fmt.Errorf("%w: %w", ErrSign, err)
		}
	}
	hello := appendHeader(make([]byte, 0, headerLen+32+len(pb)), tHello, 32+len(pb))
	if _, err := s.st.Write(append(append(hello, s.work[:]...), pb...)); err != nil {
		return fmt.Errorf("send hello: %w", err)
	}
	h, err = readHeader(s.st, answerLimit(tAccept, 9+maxBitfieldLen))
	if err != nil {
		return fmt.Errorf("read answer: %w", err)
	}
	if h.typ == tRefuse {
		return readRefusal(s.st, h)
	}
	p := make([]byte, h.n)
	if _, err := io.ReadFull(s.st, p); err != nil {
		return fmt.Errorf("read answer: %w", err)
	}
	if s.acc, err = decodeAccept(p); err != nil {
		return err
	}
	if s.acc.chunks == 0 || s.acc.chunks > content.MaxChunks || s.acc.manifestLen > uint32(content.MaxManifestBytes) {
		return fmt.Errorf("%w: accept for %d chunks, manifest of %d bytes", ErrMalformed, s.acc.chunks, s.acc.manifestLen)
	}
	if s.acc.complete {
		s.have = bitfield.Full(int(s.acc.chunks))
	} else if s.have, err = bitfield.Decode(int(s.acc.chunks), s.acc.bitfield); err != nil {
		return err
	}
	return s.st.SetDeadline(time.Time{})
}

// answerLimit allows the expected frame (up to max bytes) or a refusal.
func answerLimit(want byte, max uint32) func(byte) (uint32, bool) {
	return func(typ byte) (uint32, bool) {
		switch typ {
		case want:
			return max, true
		case tRefuse:
			return maxMessageLen, true
		}
		return 0, false
	}
}

// readRefusal reads a refusal's payload into a *RefusedError.
func readRefusal(r io.Reader, h header) error {
	p := make([]byte, h.n)
	if _, err := io.ReadFull(r, p); err != nil {
		return fmt.Errorf("read refusal: %w", err)
	}
	if len(p) == 0 {
		return fmt.Errorf("%w: empty refusal", ErrMalformed)
	}
	return &RefusedError{Code: Code(p[0]), Message: string(p[1:])}
}

// Peer is the serving peer.
func (s *Session) Peer() peer.ID { return s.peer }

// InTurn reports whether the serving peer holds the whole work but shows
// it in turn: Have is what it shows (shown frames replace it, see
// EventShown), any chunk may be asked of it, and announcements of its
// whole set are not to be used for choosing.
func (s *Session) InTurn() bool { return s.acc.inTurn }

// Have is the serving peer's chunk set as it last told us.
func (s *Session) Have() *bitfield.Bitfield { return s.have }

// Manifest asks the server for the work's manifest and checks it against
// the root: a server cannot make us accept another work's chunks. Call it
// before any Request, or use SetManifest with one obtained elsewhere.
func (s *Session) Manifest(ctx context.Context) (*content.Manifest, error) {
	if s.m != nil {
		return s.m, nil
	}
	stop := context.AfterFunc(ctx, func() { s.st.Reset() })
	defer stop()
	if err := writeAll(s.st, appendHeader(nil, tGetManifest, 0), handshakeTimeout); err != nil {
		return nil, err
	}
	n := int(s.acc.manifestLen)
	if err := s.st.SetReadDeadline(time.Now().Add(deadline(n))); err != nil {
		return nil, err
	}
	// A holder still downloading may announce chunks (have frames) before
	// the manifest comes, and one in turn may change what it shows.
	var h header
	for {
		var err error
		h, err = readHeader(s.st, func(typ byte) (uint32, bool) {
			switch typ {
			case tManifest:
				return s.acc.manifestLen, true
			case tHave:
				return 4, true
			case tShown:
				return maxBitfieldLen, true
			}
			return 0, false
		})
		if err != nil {
			return nil, fmt.Errorf("read manifest: %w", err)
		}
		if h.typ == tManifest {
			break
		}
		if h.typ == tShown {
			if s.have, err = readShown(s.st, h, s.have.Len(), s.acc.inTurn); err != nil {
				return nil, fmt.Errorf("read manifest: %w", err)
			}
			continue
		}
		i, err := readIndex(s.st, h)
		if err != nil {
			return nil, fmt.Errorf("read manifest: %w", err)
		}
		if i >= s.have.Len() {
			return nil, fmt.Errorf("%w: have %d of %d", ErrMalformed, i, s.have.Len())
		}
		s.have.Set(i)
	}
	// Grow as bytes arrive rather than trusting the length up front.
	var b bytes.Buffer
	if _, err := io.CopyN(&b, s.st, int64(h.n)); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	m, err := content.Parse(b.Bytes(), s.work)
	if err != nil {
		return nil, fmt.Errorf("manifest from %s: %w", s.peer, err)
	}
	if err := s.SetManifest(m); err != nil {
		return nil, err
	}
	return m, nil
}

// SetManifest gives the session a manifest already verified against the
// work's root.
func (s *Session) SetManifest(m *content.Manifest) error {
	if m.Root() != s.work || m.NumChunks() != int(s.acc.chunks) {
		return fmt.Errorf("%w: server announced %d chunks, the manifest has %d", ErrMalformed, s.acc.chunks, m.NumChunks())
	}
	s.m = m
	return nil
}

// Request asks for chunk i. Honest callers keep at most MaxWindow
// outstanding.
func (s *Session) Request(i int) error {
	s.mu.Lock()
	s.outstanding[i]++
	s.nout++
	s.mu.Unlock()
	return writeAll(s.st, indexFrame(tRequest, i), handshakeTimeout)
}

// Cancel withdraws a request. The server may have sent the reply already:
// a chunk that still arrives is delivered (its bytes are as good), a
// "missing" is dropped.
func (s *Session) Cancel(i int) error {
	s.mu.Lock()
	if s.outstanding[i] == 0 {
		s.mu.Unlock()
		return nil
	}
	dec(s.outstanding, i)
	s.nout--
	s.stale[i]++
	s.mu.Unlock()
	return writeAll(s.st, indexFrame(tCancel, i), handshakeTimeout)
}

// Outstanding is the number of requests not answered yet.
func (s *Session) Outstanding() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nout
}

// EventKind says what a received frame was.
type EventKind int

// Events a session delivers.
const (
	EventChunk   EventKind = iota + 1 // Data holds the chunk, not yet verified
	EventMissing                      // the server does not hold Index
	EventHave                         // the server now holds Index
	// EventShown: a server in turn replaced the set it shows with Shown.
	// Requests in flight stay valid; any chunk may still be asked.
	EventShown
)

// Event is one reply from the server.
type Event struct {
	Kind  EventKind
	Index int
	Data  []byte             // EventChunk only; aliases the buffer given to Recv
	Late  bool               // EventChunk answering a request already cancelled
	Shown *bitfield.Bitfield // EventShown only; the caller's to keep
}

// Recv reads the next reply into buf (ChunkSize bytes at least). Chunk data
// is checked for index and length, not for its hash: the caller verifies
// before writing. A shown frame from a holder in turn replaces Have and is
// delivered as EventShown. A refusal in place of a reply (the holder cut the stream
// because the right ended) is returned as a *RefusedError. A reply nobody asked for is a protocol violation; a chunk
// for a cancelled request is delivered marked Late, a "missing" for one is
// skipped.
func (s *Session) Recv(buf []byte) (Event, error) {
	if s.m == nil {
		return Event{}, errors.New("xfer: Recv before Manifest")
	}
	if len(buf) < s.m.ChunkSize() {
		return Event{}, fmt.Errorf("xfer: Recv buffer of %d bytes, chunks are %d", len(buf), s.m.ChunkSize())
	}
	max := uint32(4 + s.m.ChunkSize())
	for {
		d := IdleTimeout
		if s.Outstanding() > 0 {
			d = deadline(int(max))
		}
		if err := s.st.SetReadDeadline(time.Now().Add(d)); err != nil {
			return Event{}, err
		}
		h, err := readHeader(s.st, func(typ byte) (uint32, bool) {
			switch typ {
			case tChunk:
				return max, true
			case tMissing, tHave:
				return 4, true
			case tShown:
				return maxBitfieldLen, true
			case tRefuse:
				return maxMessageLen, true
			}
			return 0, false
		})
		if err != nil {
			return Event{}, err
		}
		if h.typ == tShown {
			if s.have, err = readShown(s.st, h, s.m.NumChunks(), s.acc.inTurn); err != nil {
				return Event{}, err
			}
			return Event{Kind: EventShown, Shown: s.have.Clone()}, nil
		}
		if h.typ == tRefuse {
			// The holder ended the stream: the right it was opened under
			// is gone (expired, moved, closed) or can no longer be checked.
			return Event{}, readRefusal(s.st, h)
		}
		if h.n < 4 {
			return Event{}, fmt.Errorf("%w: frame of %d bytes", ErrMalformed, h.n)
		}
		i, err := readIndex(s.st, header{typ: h.typ, n: 4})
		if err != nil {
			return Event{}, err
		}
		if h.typ == tHave {
			if i >= s.m.NumChunks() {
				return Event{}, fmt.Errorf("%w: have %d of %d", ErrMalformed, i, s.m.NumChunks())
			}
			s.have.Set(i)
			return Event{Kind: EventHave, Index: i}, nil
		}
		wanted, skip := s.answered(i)
		if !wanted && !skip {
			return Event{}, fmt.Errorf("%w: reply for chunk %d, never requested", ErrUnexpected, i)
		}
		if h.typ == tMissing {
			if skip {
				continue
			}
			return Event{Kind: EventMissing, Index: i}, nil
		}
		n := int(h.n) - 4
		if n != s.m.ChunkLen(i) {
			return Event{}, fmt.Errorf("%w: chunk %d of %d bytes, want %d", ErrMalformed, i, n, s.m.ChunkLen(i))
		}
		if _, err := io.ReadFull(s.st, buf[:n]); err != nil {
			return Event{}, err
		}
		return Event{Kind: EventChunk, Index: i, Data: buf[:n], Late: skip}, nil
	}
}

// answered records that a reply for i arrived and says whether it answers
// a live request or a cancelled one. Replies of one index are
// interchangeable: the first answers a live request if there is one.
func (s *Session) answered(i int) (wanted, cancelled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.outstanding[i] > 0 {
		dec(s.outstanding, i)
		s.nout--
		return true, false
	}
	if s.stale[i] > 0 {
		dec(s.stale, i)
		return false, true
	}
	return false, false
}

// Close ends the session politely: the server sees EOF after the last
// request.
func (s *Session) Close() error { return s.st.Close() }

// Reset aborts the session.
func (s *Session) Reset() error { return s.st.Reset() }
