package host

import (
	"context"
	"net"
	"sync"

	ci "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/core/sec"
	tptu "github.com/libp2p/go-libp2p/p2p/net/upgrader"
	libp2ptls "github.com/libp2p/go-libp2p/p2p/security/tls"
)

// coalescedTLS is libp2p's TLS 1.3 security transport, unchanged on the
// wire, with one difference in how its bytes reach the socket: the
// records of one Write (TLS cuts a yamux frame of up to 64 KiB into
// records of 16 KiB) leave in one system call instead of one each. On
// loopback and on a LAN the kernel's cost per call and per packet is a
// large part of a transfer's CPU: BenchmarkRecordBatching (1 GiB in
// yamux-sized writes, both ends, 2-core AMD EPYC) moved 1,675-1,775 MB/s
// at 0.95-0.96 CPU-s per GiB coalesced against 1,270-1,305 MB/s at
// 1.25-1.40 CPU-s as libp2p's transport writes. The reading side is left
// as it is: a buffer under TLS saved calls but cost a copy, a wash.
type coalescedTLS struct{ inner *libp2ptls.Transport }

var _ sec.SecureTransport = (*coalescedTLS)(nil)

func newCoalescedTLS(id protocol.ID, key ci.PrivKey, muxers []tptu.StreamMuxer) (*coalescedTLS, error) {
	t, err := libp2ptls.New(id, key, muxers)
	if err != nil {
		return nil, err
	}
	return &coalescedTLS{inner: t}, nil
}

func (t *coalescedTLS) ID() protocol.ID { return t.inner.ID() }

func (t *coalescedTLS) SecureInbound(ctx context.Context, insecure net.Conn, p peer.ID) (sec.SecureConn, error) {
	return coalesce(insecure, func(w net.Conn) (sec.SecureConn, error) { return t.inner.SecureInbound(ctx, w, p) })
}

func (t *coalescedTLS) SecureOutbound(ctx context.Context, insecure net.Conn, p peer.ID) (sec.SecureConn, error) {
	return coalesce(insecure, func(w net.Conn) (sec.SecureConn, error) { return t.inner.SecureOutbound(ctx, w, p) })
}

// coalesce runs the handshake secure over a batcher on insecure.
func coalesce(insecure net.Conn, secure func(net.Conn) (sec.SecureConn, error)) (sec.SecureConn, error) {
	w := &recordBatcher{Conn: insecure}
	c, err := secure(w)
	if err != nil {
		return nil, err
	}
	return &coalescedConn{SecureConn: c, w: w}, nil
}

// coalescedConn is the secured connection: each Write gathers the records
// TLS produces for it and sends them together.
type coalescedConn struct {
	sec.SecureConn
	w *recordBatcher
}

func (c *coalescedConn) Write(p []byte) (int, error) {
	c.w.hold()
	n, err := c.SecureConn.Write(p)
	if ferr := c.w.release(); err == nil {
		err = ferr
	}
	return n, err
}

// recordBatcher sits between TLS and the socket. While at least one Write
// of the secured connection runs, it gathers what TLS writes; the last
// one to finish sends it. Outside of those (the handshake, alerts,
// close_notify) it writes through at once. The buffer it gathers into is
// borrowed from batchBuffers while a write lasts, so an idle connection
// holds none.
type recordBatcher struct {
	net.Conn

	mu    sync.Mutex
	holds int
	buf   *[]byte // nil between writes
	err   error   // the socket's first write error; every later write fails with it
}

// batchLimit is the most gathered before a write goes out anyway.
const batchLimit = 256 << 10

// batchBuffers holds gathering buffers between writes. A new one starts
// empty and grows to what one write gathers (a yamux frame's records,
// about 64 KiB), so a write of a few bytes never pays for a large one.
var batchBuffers = sync.Pool{New: func() any { return new([]byte) }}

func (b *recordBatcher) hold() {
	b.mu.Lock()
	b.holds++
	b.mu.Unlock()
}

func (b *recordBatcher) release() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.holds--
	if b.holds > 0 {
		return b.err
	}
	return b.flushLocked()
}

func (b *recordBatcher) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return 0, b.err
	}
	if b.holds == 0 {
		if err := b.flushLocked(); err != nil {
			return 0, err
		}
		return b.write(p)
	}
	if b.buf != nil && len(*b.buf)+len(p) > batchLimit {
		if err := b.flushLocked(); err != nil {
			return 0, err
		}
	}
	if b.buf == nil {
		b.buf = batchBuffers.Get().(*[]byte)
	}
	*b.buf = append(*b.buf, p...)
	return len(p), nil
}

// flushLocked sends what was gathered and gives the buffer back.
func (b *recordBatcher) flushLocked() error {
	if b.buf == nil {
		return b.err
	}
	buf := b.buf
	b.buf = nil
	defer func() {
		*buf = (*buf)[:0]
		batchBuffers.Put(buf)
	}()
	if b.err != nil || len(*buf) == 0 {
		return b.err
	}
	_, err := b.write(*buf)
	return err
}

func (b *recordBatcher) write(p []byte) (int, error) {
	n, err := b.Conn.Write(p)
	if err != nil {
		b.err = err
	}
	return n, err
}
