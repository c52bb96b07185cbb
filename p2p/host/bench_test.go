package host

import (
	"context"
	"io"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/protocol"
	noise "github.com/libp2p/go-libp2p/p2p/security/noise"
	libp2ptls "github.com/libp2p/go-libp2p/p2p/security/tls"
)

const benchProto = protocol.ID("/essaim/test/sink/1.0.0")

// BenchmarkSecurity copies 1 GiB per iteration over one yamux stream on one
// TCP connection between two hosts in this process, once with Noise and
// once with TLS 1.3, and reports MB/s and CPU seconds per GiB. Its result
// made SecurityTLSFirst the default (see security.go). Run it with
// go test -run '^$' -bench Security -benchtime 1x ./p2p/host/
func BenchmarkSecurity(b *testing.B) {
	cases := []struct {
		name  string
		order SecurityOrder
		want  protocol.ID
	}{
		{"noise", SecurityNoiseFirst, noise.ID},
		{"tls", SecurityTLSFirst, libp2ptls.ID},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) { benchCopy(b, tc.order, tc.want) })
	}
	// The floor under both: the same bytes over a bare loopback TCP
	// connection, no encryption, no multiplexing (what a plaintext
	// protocol such as BitTorrent's pays in the kernel).
	b.Run("plain-tcp", benchPlainTCP)
}

func benchPlainTCP(b *testing.B) {
	const total = 1 << 30
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	done := make(chan error, 1)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				done <- nil
				return
			}
			_, err = io.Copy(io.Discard, c)
			if err == nil {
				_, err = c.Write([]byte{1})
			}
			c.Close()
			if err != nil {
				done <- err
				return
			}
		}
	}()
	buf := make([]byte, 1<<20)
	b.SetBytes(total)
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			b.Fatal(err)
		}
		for sent := 0; sent < total; sent += len(buf) {
			if _, err := c.Write(buf); err != nil {
				b.Fatal(err)
			}
		}
		if err := c.(*net.TCPConn).CloseWrite(); err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadFull(c, buf[:1]); err != nil {
			b.Fatalf("no acknowledgement: %v", err)
		}
		c.Close()
	}
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	b.StopTimer()
	l.Close()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(total)*float64(b.N)/elapsed.Seconds()/1e6, "MB/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/GiB")
}

func benchCopy(b *testing.B, order SecurityOrder, want protocol.ID) {
	const total = 1 << 30
	sink := newTestHost(b, Config{Listen: listenTCP})
	sink.Host().SetStreamHandler(benchProto, func(s network.Stream) {
		if _, err := io.Copy(io.Discard, s); err != nil {
			s.Reset()
			return
		}
		s.Write([]byte{1}) // acknowledge the last byte
		s.Close()
	})
	src := newTestHost(b, Config{Listen: listenTCP, Security: order, Bootstrap: sink.Addrs()})
	buf := make([]byte, 1<<20)
	b.SetBytes(total)
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		s, err := src.Host().NewStream(ctx, sink.ID(), benchProto)
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		if got := s.Conn().ConnState().Security; got != want {
			b.Fatalf("negotiated %s, want %s", got, want)
		}
		for sent := 0; sent < total; sent += len(buf) {
			if _, err := s.Write(buf); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.CloseWrite(); err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadFull(s, buf[:1]); err != nil {
			b.Fatalf("no acknowledgement: %v", err)
		}
		s.Close()
	}
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	b.ReportMetric(float64(total)*float64(b.N)/elapsed.Seconds()/1e6, "MB/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/GiB")
}

// cpuTime is the user+system CPU this process has used; both ends run
// here, so it is the whole cost of the copy.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
