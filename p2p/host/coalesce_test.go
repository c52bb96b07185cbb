package host

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"

	ci "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/sec"
	libp2ptls "github.com/libp2p/go-libp2p/p2p/security/tls"
)

// countingConn counts the writes that reach the socket.
type countingConn struct {
	net.Conn
	writes atomic.Int64
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// secureTransport makes a security transport with a fresh identity.
type secureTransport func(t testing.TB) (sec.SecureTransport, peer.ID)

func plainTLS(t testing.TB) (sec.SecureTransport, peer.ID) {
	key, id := newIdentity(t)
	tr, err := libp2ptls.New(libp2ptls.ID, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tr, id
}

func coalesced(t testing.TB) (sec.SecureTransport, peer.ID) {
	key, id := newIdentity(t)
	tr, err := newCoalescedTLS(libp2ptls.ID, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tr, id
}

func newIdentity(t testing.TB) (ci.PrivKey, peer.ID) {
	key, _, err := ci.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	id, err := peer.IDFromPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return key, id
}

// securePair connects a client made by dial to a server made by listen
// over loopback TCP and runs the handshake. The client's socket counts its
// writes.
func securePair(t testing.TB, dial, listen secureTransport) (client, server sec.SecureConn, sock *countingConn) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	srvT, srvID := listen(t)
	cliT, _ := dial(t)
	type result struct {
		c   sec.SecureConn
		err error
	}
	done := make(chan result, 1)
	go func() {
		raw, err := l.Accept()
		if err != nil {
			done <- result{err: err}
			return
		}
		c, err := srvT.SecureInbound(context.Background(), raw, "")
		done <- result{c, err}
	}()
	raw, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	sock = &countingConn{Conn: raw}
	client, err = cliT.SecureOutbound(context.Background(), sock, srvID)
	if err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	t.Cleanup(func() { client.Close(); r.c.Close() })
	return client, r.c, sock
}

// TestCoalescedTLSGathersRecords sends 1 MiB in yamux-sized writes from a
// coalescing client to libp2p's own TLS server, and back: the bytes arrive
// intact both ways (the wire is TLS 1.3 as libp2p speaks it) and the
// client's records of one write leave in one system call.
func TestCoalescedTLSGathersRecords(t *testing.T) {
	client, server, sock := securePair(t, coalesced, plainTLS)
	msg := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{3}).Read(msg)
	const frame = 64<<10 + 12
	got := make(chan []byte, 1)
	go func() {
		b := make([]byte, len(msg))
		if _, err := io.ReadFull(server, b); err != nil {
			t.Errorf("server read: %v", err)
		}
		got <- b
	}()
	before := sock.writes.Load()
	for off := 0; off < len(msg); off += frame {
		if _, err := client.Write(msg[off:min(off+frame, len(msg))]); err != nil {
			t.Fatal(err)
		}
	}
	writes := sock.writes.Load() - before
	if b := <-got; !bytes.Equal(b, msg) {
		t.Fatal("the server read other bytes than the client wrote")
	}
	calls := (len(msg) + frame - 1) / frame
	if writes > int64(calls) {
		t.Errorf("%d writes reached the socket for %d Write calls of %d bytes: TLS records were sent one by one", writes, calls, frame)
	}
	if cc, ok := client.(*coalescedConn); !ok {
		t.Errorf("the client's connection is a %T, not a coalescing one", client)
	} else if cc.w.buf != nil {
		t.Error("the connection keeps its gathering buffer between writes")
	}

	// And back: a plain libp2p TLS writer, a coalescing reader.
	wrote := make(chan error, 1)
	go func() {
		_, err := server.Write(msg)
		wrote <- err
	}()
	back := make([]byte, len(msg))
	if _, err := io.ReadFull(client, back); err != nil {
		t.Fatal(err)
	}
	if err := <-wrote; err != nil {
		t.Fatalf("server write: %v", err)
	}
	if !bytes.Equal(back, msg) {
		t.Fatal("the client read other bytes than the server wrote")
	}
}

// TestCoalescedTLSWriteErrors checks that a write past its deadline fails
// with the deadline's error, and that a failed socket fails every later
// write instead of sending records out of order.
func TestCoalescedTLSWriteErrors(t *testing.T) {
	client, _, sock := securePair(t, coalesced, plainTLS)
	if err := client.SetWriteDeadline(time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Write([]byte("late")); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("write past the deadline: %v, want %v", err, os.ErrDeadlineExceeded)
	}
	if err := client.SetWriteDeadline(time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Write([]byte("after")); err == nil {
		t.Error("a write after a failed one succeeded")
	}
	sock.Conn.Close()
	if _, err := client.Write(make([]byte, 100<<10)); err == nil {
		t.Error("a write on a closed socket succeeded")
	}
}

// BenchmarkRecordBatching copies 1 GiB in yamux-sized writes over one TLS
// 1.3 connection on loopback TCP, both ends in this process, with
// libp2p's TLS transport as it is and with the coalescing one essaim
// uses, and reports MB/s and CPU seconds per GiB.
func BenchmarkRecordBatching(b *testing.B) {
	for _, tc := range []struct {
		name string
		tr   secureTransport
	}{{"plain", plainTLS}, {"coalesced", coalesced}} {
		b.Run(tc.name, func(b *testing.B) {
			const total = 1 << 30
			client, server, _ := securePair(b, tc.tr, plainTLS)
			buf := make([]byte, 64<<10+12)
			b.SetBytes(total)
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuTime()
			for range b.N {
				done := make(chan error, 1)
				go func() {
					_, err := io.CopyN(io.Discard, server, total)
					done <- err
				}()
				for sent := 0; sent < total; sent += len(buf) {
					if _, err := client.Write(buf[:min(len(buf), total-sent)]); err != nil {
						b.Fatal(err)
					}
				}
				if err := <-done; err != nil {
					b.Fatal(err)
				}
			}
			elapsed, cpu := time.Since(start), cpuTime()-cpu0
			b.ReportMetric(float64(total)*float64(b.N)/elapsed.Seconds()/1e6, "MB/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/GiB")
		})
	}
}
