package xfer

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mathrand "math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/licensing/proof"
	"essaim/licensing/rights"
	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// Work is one work a server can serve: a creator's source files or a
// download in progress or done.
type Work interface {
	Manifest() *content.Manifest
	// ManifestBytes is the manifest's encoding (MarshalBinary), kept by
	// the caller so that it is not rebuilt per stream.
	ManifestBytes() []byte
	// Held is a snapshot of the chunks held now.
	Held() *bitfield.Bitfield
	// ReadChunk reads held chunk i into buf (ChunkSize bytes at least).
	ReadChunk(i int, buf []byte) ([]byte, error)
}

// Watcher is implemented by works still being filled (a download served
// onward): the server tells its clients about each chunk as it arrives, so
// they need not wait for the next announcement.
type Watcher interface {
	// Watch returns a channel receiving chunk indexes as they become held
	// and a function that ends the watch. A slow reader may miss some;
	// announcements cover them.
	Watch() (<-chan int, func())
}

// Library finds the works a node serves.
type Library interface {
	Lookup(root content.Hash) (Work, bool)
}

// Rights answers whether an address may have a work; see licensing/rights.
type Rights interface {
	Check(ctx context.Context, root [32]byte, account common.Address) (rights.Decision, error)
}

// Limiter paces bytes across every peer (an upload or download cap).
type Limiter interface {
	WaitN(ctx context.Context, n int) error
}

// ServerConfig holds what a Server needs; zero limits take defaults.
type ServerConfig struct {
	Domain  proof.Domain // chain id and contract the proofs must name
	Rights  Rights
	Library Library
	Logger  *slog.Logger
	Upload  Limiter // nil: no cap
	// Sent, when set, is told of every manifest or chunk frame written
	// (its size in bytes), after the write: per-work upload accounting.
	Sent func(p peer.ID, work content.Hash, n int)
	// Refused, when set, is told of every refusal sent, at the gate or on
	// a running stream: per-reason accounting.
	Refused func(code Code)

	MaxStreamsPerPeer int           // concurrent streams per peer (default 4)
	MaxQueue          int           // queued requests per stream (default 64)
	IdleTimeout       time.Duration // a stream with nothing asked is closed (default 2 min)
	HandshakeTimeout  time.Duration // challenge to accept (default 10 s)
	Now               func() time.Time
}

func (c *ServerConfig) defaults() {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.MaxStreamsPerPeer <= 0 {
		c.MaxStreamsPerPeer = 4
	}
	if c.MaxQueue <= 0 {
		c.MaxQueue = MaxWindow
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 2 * time.Minute
	}
	if c.HandshakeTimeout <= 0 {
		c.HandshakeTimeout = handshakeTimeout
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Server answers /essaim/xfer/1.0.0 streams: it challenges the requester,
// checks its access proof and its rights on the chain, then serves the
// manifest and chunks. No content byte leaves before the check passes.
type Server struct {
	h   host.Host
	cfg ServerConfig

	mu       sync.Mutex
	streams  map[peer.ID]int         // open streams per peer
	accepted map[peer.ID]int         // of those, streams past the gate
	crowds   map[content.Hash]*crowd // complete works being served (seeding.go)
	rng      *mathrand.Rand
}

// Connection-manager tags (see p2p/host's admission). A peer with an
// accepted stream is protected: it holds a right and is using it. After
// its streams end it keeps a positive tag (a useful exchange). A refused
// peer with nothing accepted is tagged negative: first to be closed when
// connections must make room.
const (
	tagServing = "essaim.xfer.serving"
	tagServed  = "essaim.xfer.served"
	tagRefused = "essaim.xfer.refused"

	servedValue  = 10
	refusedValue = -10
)

// NewServer registers the protocol handler on h.
func NewServer(h host.Host, cfg ServerConfig) *Server {
	cfg.defaults()
	s := &Server{h: h, cfg: cfg, streams: make(map[peer.ID]int), accepted: make(map[peer.ID]int),
		crowds: make(map[content.Hash]*crowd), rng: mathrand.New(mathrand.NewPCG(mathrand.Uint64(), mathrand.Uint64()))}
	h.SetStreamHandler(ProtocolID, s.handle)
	return s
}

// Close stops accepting streams. Streams already open finish by themselves.
func (s *Server) Close() { s.h.RemoveStreamHandler(ProtocolID) }

func (s *Server) handle(st network.Stream) {
	remote := st.Conn().RemotePeer()
	if err := st.Scope().SetService(ServiceName); err != nil {
		st.Reset()
		return
	}
	if !s.enter(remote) {
		s.counted(CodeBusy)
		s.cfg.Logger.Info("refused", "peer", remote, "reason", CodeBusy.String())
		writeAll(st, refusalFrame(CodeBusy, ""), s.cfg.HandshakeTimeout)
		st.Close()
		return
	}
	defer s.leave(remote)

	w, g, haves, place, ok, err := s.gate(st, remote)
	if err != nil || !ok {
		s.refused(remote)
		if err != nil {
			s.cfg.Logger.Debug("stream ended before access", "peer", remote, "err", err)
			st.Reset()
			return
		}
		st.Close()
		return
	}
	s.accept(remote)
	defer s.done(remote)
	defer haves.stop()
	defer s.leaveCrowd(g.root, place)
	sent, err := s.serve(st, w, g, haves.c, place)
	var cut *RefusedError
	if errors.As(err, &cut) {
		// The right ended while the stream was open: the refusal frame
		// went out in place of the next reply.
		s.cfg.Logger.Info("stream cut", "peer", remote, "work", w.Manifest().Root(), "account", g.account,
			"reason", cut.Code.String(), "sent", sent)
		st.Close()
		return
	}
	if err != nil {
		s.cfg.Logger.Debug("stream reset", "peer", remote, "work", w.Manifest().Root(), "sent", sent, "err", err)
		st.Reset()
		return
	}
	s.cfg.Logger.Debug("stream closed", "peer", remote, "work", w.Manifest().Root(), "sent", sent)
	st.Close()
}

func (s *Server) enter(p peer.ID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.streams[p] >= s.cfg.MaxStreamsPerPeer {
		return false
	}
	s.streams[p]++
	return true
}

func (s *Server) leave(p peer.ID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.streams[p]--; s.streams[p] <= 0 {
		delete(s.streams, p)
	}
}

// accept protects p's connection while one of its streams is accepted.
func (s *Server) accept(p peer.ID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.accepted[p]++; s.accepted[p] == 1 {
		cm := s.h.ConnManager()
		cm.UntagPeer(p, tagRefused)
		cm.Protect(p, tagServing)
	}
}

// done ends the protection when p's last accepted stream ends, leaving
// the mark of a useful exchange.
func (s *Server) done(p peer.ID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.accepted[p]--; s.accepted[p] <= 0 {
		delete(s.accepted, p)
		cm := s.h.ConnManager()
		cm.TagPeer(p, tagServed, servedValue)
		cm.Unprotect(p, tagServing)
	}
}

// refused marks p as unwanted unless a stream of it is accepted.
func (s *Server) refused(p peer.ID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.accepted[p] == 0 {
		s.h.ConnManager().TagPeer(p, tagRefused, refusedValue)
	}
}

// grant is what a stream was accepted under: the work and the proven
// account (zero, with proved false, for an open work asked without a
// proof). The right is checked again before every reply.
type grant struct {
	root    content.Hash
	account common.Address
	proved  bool
}

// gate runs the handshake: challenge, hello, proof, rights. It returns the
// work when access is granted; ok false means a refusal was sent.
func (s *Server) gate(st network.Stream, remote peer.ID) (w Work, g grant, haves watch, place seat, ok bool, err error) {
	if err := st.SetDeadline(time.Now().Add(s.cfg.HandshakeTimeout)); err != nil {
		return nil, g, watch{}, place, false, err
	}
	var nonce [nonceLen]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, g, watch{}, place, false, err
	}
	if _, err := st.Write(append(appendHeader(nil, tChallenge, nonceLen), nonce[:]...)); err != nil {
		return nil, g, watch{}, place, false, err
	}
	h, err := readHeader(st, func(typ byte) (uint32, bool) { return helloMax, typ == tHello })
	if err != nil {
		return nil, g, watch{}, place, false, err
	}
	if h.n < 32 {
		return nil, g, watch{}, place, false, fmt.Errorf("%w: hello of %d bytes", ErrMalformed, h.n)
	}
	hello := make([]byte, h.n)
	if _, err := io.ReadFull(st, hello); err != nil {
		return nil, g, watch{}, place, false, err
	}
	g = grant{root: content.Hash(hello[:32]), proved: len(hello) > 32}
	root := g.root
	code, detail, account := s.decide(root, hello[32:], remote, nonce)
	g.account = account
	if code != 0 {
		s.counted(code)
		s.cfg.Logger.Info("refused", "peer", remote, "work", root, "account", account, "reason", code.String(), "detail", detail)
		return nil, g, watch{}, place, false, writeAll(st, refusalFrame(code, detail), s.cfg.HandshakeTimeout)
	}
	// The work may have left the library since decide looked: a download
	// replaced by its finished files, a node closing.
	if w, ok = s.cfg.Library.Lookup(root); !ok {
		return nil, g, watch{}, place, false, writeAll(st, refusalFrame(CodeNotHeld, ""), s.cfg.HandshakeTimeout)
	}
	size := w.Manifest().ChunkSize()
	if err := st.Scope().ReserveMemory(buffersFor(size)*replyBufferSize(size), network.ReservationPriorityMedium); err != nil {
		s.cfg.Logger.Info("refused", "peer", remote, "work", root, "reason", CodeBusy.String(), "detail", err)
		return nil, g, watch{}, place, false, writeAll(st, refusalFrame(CodeBusy, "memory limit"), s.cfg.HandshakeTimeout)
	}
	// Watch before the snapshot, so no chunk falls between the two.
	haves = startWatch(w)
	held := w.Held()
	a := accept{
		chunks:      uint32(held.Len()),
		manifestLen: uint32(len(w.ManifestBytes())),
		complete:    held.Complete(),
		bitfield:    held.Bytes(),
	}
	if a.complete {
		var shown []byte
		if place, shown = s.joinCrowd(root, held.Len()); place.v != nil {
			a.complete, a.inTurn, a.bitfield = false, true, shown
		}
	}
	if err := writeAll(st, a.encode(), s.cfg.HandshakeTimeout); err != nil {
		haves.stop()
		s.leaveCrowd(root, place)
		return nil, g, watch{}, place, false, err
	}
	s.cfg.Logger.Info("serving", "peer", remote, "work", root, "account", account, "in_turn", place.v != nil)
	return w, g, haves, place, true, nil
}

// decide checks the access proof and the rights. Code 0 grants access.
func (s *Server) decide(root content.Hash, raw []byte, remote peer.ID, nonce [32]byte) (Code, string, common.Address) {
	if _, ok := s.cfg.Library.Lookup(root); !ok {
		return CodeNotHeld, "", common.Address{}
	}
	var account common.Address
	if len(raw) > 0 {
		p, err := proof.Decode(raw)
		if err == nil {
			account, err = proof.Verify(s.cfg.Domain, p, proof.Expect{
				Requester: []byte(remote),
				Server:    []byte(s.h.ID()),
				Work:      root,
				Challenge: nonce,
			}, s.cfg.Now())
		}
		if err != nil {
			return CodeBadProof, err.Error(), common.Address{}
		}
	}
	return s.check(grant{root: root, account: account, proved: len(raw) > 0}), "", account
}

// check asks the rights checker about g now; 0 means allowed, anything
// else is the refusal to send.
func (s *Server) check(g grant) Code {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.HandshakeTimeout)
	defer cancel()
	d, err := s.cfg.Rights.Check(ctx, g.root, g.account)
	switch {
	case err != nil || d.Reason == rights.Unavailable:
		return CodeUnavailable
	case d.Allowed:
		return 0
	case d.Reason == rights.NotRegistered:
		return CodeNotRegistered
	case d.Reason == rights.Expired:
		return CodeExpired
	case !g.proved:
		return CodeNeedProof
	default:
		return CodeNoLicense
	}
}

// request is one queued ask: the manifest (index -1) or a chunk.
type request struct{ index int }

// serve answers requests until the client closes its side. A reader
// goroutine queues requests (at most MaxQueue outstanding); a preparing
// goroutine reads the chunks asked for ahead of their turn (see
// buffersFor); this goroutine sends the replies in order. Rights end
// while a stream is open (a license expires or moves, a work closes):
// before each reply the right is checked again (a cache hit while it
// holds) and, once it fails, the refusal goes out instead of the reply and
// serve returns it as a *RefusedError.
func (s *Server) serve(st network.Stream, w Work, g grant, haves <-chan int, place seat) (sent int64, err error) {
	m := w.Manifest()
	root := m.Root()
	// Cancelled requests stay in q until popped, so q holds up to MaxQueue
	// live requests plus as many cancelled ones.
	q := make(chan request, 2*s.cfg.MaxQueue)
	queue := newQueueState(s.cfg.MaxQueue)
	rerr := make(chan error, 1)
	ctx, stop := context.WithCancel(context.Background())
	go func() {
		rerr <- s.readRequests(st, m, q, queue)
		close(q)
	}()
	n := buffersFor(m.ChunkSize())
	pool := make(chan []byte, n)
	for range n {
		// The chunk, after the frame's header and index, lies aligned:
		// the kernel's copy out of the page cache costs twice as much
		// otherwise (content.BufferAlign).
		pool <- content.AlignedBuffer(headerLen+4, m.ChunkSize())
	}
	replies := make(chan prepared, n)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.prepare(ctx, w, q, queue, pool, replies)
	}()
	defer func() {
		stop()
		<-done
	}()
	var shown <-chan struct{}
	var starve <-chan time.Time
	if place.v != nil {
		shown = place.v.kick
		t := time.NewTicker(seedStarve / 4)
		defer t.Stop()
		starve = t.C
	}
	for {
		var r prepared
		select {
		case i := <-haves:
			if err := writeAll(st, indexFrame(tHave, i), s.cfg.HandshakeTimeout); err != nil {
				return sent, err
			}
			continue
		case <-shown:
			if err := s.tellShown(st, place, queue); err != nil {
				return sent, err
			}
			continue
		case <-starve:
			place.c.tick(place.v, queue.waiting(), s.cfg.Now())
			continue
		case next, ok := <-replies:
			if !ok {
				return sent, <-rerr
			}
			r = next
		}
		if s.cfg.Upload != nil {
			if err := s.cfg.Upload.WaitN(ctx, len(r.frame)); err != nil {
				return sent, err
			}
		}
		// Checked last, right before the bytes go out: a pacing wait must
		// not carry a reply past the end of the right.
		if code := s.check(g); code != 0 {
			return sent, s.cut(st, code)
		}
		if err := writeAll(st, r.frame, deadline(len(r.frame))); err != nil {
			return sent, err
		}
		sent += int64(len(r.frame))
		if place.c != nil && r.frame[0] == tChunk {
			if place.c.sentChunk(place.v, int(binary.BigEndian.Uint32(r.frame[headerLen:])), s.cfg.Now()) {
				s.cfg.Logger.Info("every chunk sent once", "work", root)
			}
		}
		if s.cfg.Sent != nil {
			s.cfg.Sent(st.Conn().RemotePeer(), root, len(r.frame))
		}
		if r.buf != nil {
			pool <- r.buf
		}
	}
}

// prepared is a reply built ahead of its turn; buf is the pooled buffer
// its frame lies in, nil when the frame has memory of its own.
type prepared struct {
	frame, buf []byte
}

// readAheadBytes bounds the buffers one stream reads chunks into: two
// fit for chunks up to 4 MiB, so the next chunk is read from disk while
// the last one is encrypted and sent (the two take turns on one core
// otherwise); larger chunks get one.
const readAheadBytes = 8 << 20

// buffersFor is how many chunk buffers a stream serving chunks of size
// bytes uses (and reserves from the resource manager).
func buffersFor(size int) int {
	return max(1, min(2, readAheadBytes/replyBufferSize(size)))
}

// replyBufferSize is the memory of one buffer a chunk of size bytes is
// read into and sent from: its frame's header and index, the chunk, and
// what content.AlignedBuffer allocates to align it.
func replyBufferSize(size int) int { return headerLen + 4 + size + content.BufferAlign }

// prepare takes requests off q in order, builds their replies (reading
// chunks into buffers from pool) and hands them to the sender through
// out, which it closes when q closes or ctx ends.
func (s *Server) prepare(ctx context.Context, w Work, q <-chan request, queue *queueState, pool chan []byte, out chan<- prepared) {
	defer close(out)
	root := w.Manifest().Root()
	for {
		var r request
		select {
		case <-ctx.Done():
			return
		case next, ok := <-q:
			if !ok {
				return
			}
			r = next
		}
		if !queue.pop(r.index) {
			continue // cancelled
		}
		var buf []byte
		if r.index >= 0 {
			select {
			case buf = <-pool:
			case <-ctx.Done():
				return
			}
		}
		frame := s.reply(w, r, buf)
		if frame[0] == tMissing {
			// A download that just finished swapped its store for its
			// files: serve from what the library holds now.
			if w2, ok := s.cfg.Library.Lookup(root); ok && w2 != w {
				w = w2
				frame = s.reply(w, r, buf)
			}
		}
		if buf != nil && frame[0] != tChunk {
			pool <- buf
			buf = nil
		}
		select {
		case out <- prepared{frame: frame, buf: buf}:
		case <-ctx.Done():
			return
		}
	}
}

// counted tells the Refused hook of a refusal.
func (s *Server) counted(code Code) {
	if s.cfg.Refused != nil {
		s.cfg.Refused(code)
	}
}

// cut sends the refusal that ends an open stream and returns it.
func (s *Server) cut(st network.Stream, code Code) error {
	s.counted(code)
	if err := writeAll(st, refusalFrame(code, ""), s.cfg.HandshakeTimeout); err != nil {
		return err
	}
	return &RefusedError{Code: code}
}

// watch is a running Watcher subscription; the zero value watches nothing.
type watch struct {
	c    <-chan int
	stop func()
}

func startWatch(w Work) watch {
	if wt, ok := w.(Watcher); ok {
		c, stop := wt.Watch()
		return watch{c: c, stop: stop}
	}
	return watch{stop: func() {}}
}

// reply builds the frame answering r: a chunk in buf, anything else in
// memory of its own.
func (s *Server) reply(w Work, r request, buf []byte) []byte {
	if r.index < 0 {
		mb := w.ManifestBytes()
		return append(appendHeader(make([]byte, 0, headerLen+len(mb)), tManifest, len(mb)), mb...)
	}
	data, err := w.ReadChunk(r.index, buf[headerLen+4:])
	if err != nil {
		// Not held (yet), or a source file changed under us: the client
		// asks elsewhere.
		s.cfg.Logger.Debug("chunk not served", "work", w.Manifest().Root(), "chunk", r.index, "err", err)
		return indexFrame(tMissing, r.index)
	}
	b := appendHeader(buf[:0], tChunk, 4+len(data))
	binary.BigEndian.AppendUint32(b, uint32(r.index))
	return buf[:headerLen+4+len(data)]
}

// readRequests reads the client's frames into q until EOF. More than
// MaxQueue live requests, a second manifest request, an out-of-range index
// or an unexpected frame is a protocol violation.
func (s *Server) readRequests(st network.Stream, m *content.Manifest, q chan<- request, queue *queueState) error {
	limit := func(typ byte) (uint32, bool) {
		switch typ {
		case tGetManifest:
			return 0, true
		case tRequest, tCancel:
			return 4, true
		}
		return 0, false
	}
	manifestAsked := false
	for {
		if err := st.SetReadDeadline(time.Now().Add(s.cfg.IdleTimeout)); err != nil {
			return err
		}
		h, err := readHeader(st, limit)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		r := request{index: -1}
		if h.typ == tGetManifest {
			if manifestAsked {
				return fmt.Errorf("%w: manifest asked twice", ErrMalformed)
			}
			manifestAsked = true
		} else {
			if r.index, err = readIndex(st, h); err != nil {
				return err
			}
			if r.index >= m.NumChunks() {
				return fmt.Errorf("%w: chunk %d of %d", ErrMalformed, r.index, m.NumChunks())
			}
		}
		if h.typ == tCancel {
			queue.cancel(r.index)
			continue
		}
		if !queue.push(r.index) {
			return fmt.Errorf("%w: more than %d requests queued", ErrMalformed, s.cfg.MaxQueue)
		}
		select {
		case q <- r:
		default:
			return fmt.Errorf("%w: request queue full", ErrMalformed)
		}
	}
}

// queueState counts, per index, the requests waiting in a stream's queue
// and those of them the client cancelled. The reader pushes and cancels,
// the writer pops; a cancel only counts while a request for its index is
// waiting, so a cancel that crossed its reply on the wire changes nothing.
type queueState struct {
	mu        sync.Mutex
	max       int
	live      int         // waiting, not cancelled
	queued    map[int]int // index -> live requests waiting
	cancelled map[int]int // index -> cancelled requests still in the queue
}

func newQueueState(max int) *queueState {
	return &queueState{max: max, queued: map[int]int{}, cancelled: map[int]int{}}
}

// push records a new request; false means the client broke its window.
func (q *queueState) push(i int) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.live >= q.max {
		return false
	}
	q.live++
	q.queued[i]++
	return true
}

// waiting reports whether a request is waiting to be answered.
func (q *queueState) waiting() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.live > 0
}

// asked lists the chunks asked and waiting to be answered, in order.
func (q *queueState) asked() []int {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]int, 0, len(q.queued))
	for i := range q.queued {
		if i >= 0 {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// cancel withdraws one waiting request for i, if there is one.
func (q *queueState) cancel(i int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.queued[i] == 0 {
		return
	}
	dec(q.queued, i)
	q.live--
	q.cancelled[i]++
}

// pop takes the request for i at the head of the queue and reports
// whether it is to be answered (false: it was cancelled).
func (q *queueState) pop(i int) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.cancelled[i] > 0 {
		dec(q.cancelled, i)
		return false
	}
	dec(q.queued, i)
	q.live--
	return true
}

func dec(m map[int]int, k int) {
	if m[k]--; m[k] <= 0 {
		delete(m, k)
	}
}

// writeAll writes b within d.
func writeAll(st network.Stream, b []byte, d time.Duration) error {
	if err := st.SetWriteDeadline(time.Now().Add(d)); err != nil {
		return err
	}
	_, err := st.Write(b)
	return err
}
