package node

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/network"

	"essaim/licensing/rights"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
)

// oneLicense lets one address have every work, after a real proof check.
type oneLicense struct{ addr common.Address }

func (o oneLicense) Check(_ context.Context, _ [32]byte, a common.Address) (rights.Decision, error) {
	if a == o.addr {
		return rights.Decision{Allowed: true, Reason: rights.Licensed}, nil
	}
	return rights.Decision{Reason: rights.NoLicense}, nil
}

// BenchmarkTransfer1GiB moves the same 1 GiB file three ways in one run,
// each into a file on disk: plain TCP, a plain libp2p stream (the hosts
// essaim runs), and a licensed essaim download (challenge, EIP-712 proof,
// rights check, manifest, pipelined chunks, each verified before it is
// written, then Finish's fsync and rename). It reports each rate and the
// ratios of essaim to the other two.
func BenchmarkTransfer1GiB(b *testing.B) {
	const size = 1 << 30
	dir := b.TempDir()
	src := filepath.Join(dir, "work.bin")
	writeRandomFile(b, src, size)
	m, err := content.Build(src)
	if err != nil {
		b.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	warmPageCache(b, src, dir)
	var tcp, p2p, ess time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Each output is removed after its leg, so that every leg writes
		// into page cache the one before it freed (see warmPageCache).
		tcp += timeIt(b, func() { tcpCopy(b, src, filepath.Join(dir, "tcp.out")) })
		os.Remove(filepath.Join(dir, "tcp.out"))
		p2p += timeIt(b, func() { libp2pCopy(b, src, filepath.Join(dir, "p2p.out")) })
		os.Remove(filepath.Join(dir, "p2p.out"))
		ess += timeIt(b, func() { essaimGet(b, src, m, key, filepath.Join(dir, fmt.Sprint("get", i))) })
		os.RemoveAll(filepath.Join(dir, fmt.Sprint("get", i)))
	}
	rate := func(d time.Duration) float64 { return float64(size) * float64(b.N) / d.Seconds() / 1e6 }
	b.ReportMetric(rate(ess), "essaim-MB/s")
	b.ReportMetric(rate(p2p), "libp2p-MB/s")
	b.ReportMetric(rate(tcp), "tcp-MB/s")
	b.ReportMetric(rate(ess)/rate(p2p), "essaim/libp2p")
	b.ReportMetric(rate(ess)/rate(tcp), "essaim/tcp")
}

// warmPageCache writes and deletes two copies of the work first. On a
// fresh virtual machine the first gigabytes of page cache cost the host
// page faults (measured: 1 GiB of chunk writes at 0.83 GB/s cold, 1.9 GB/s
// warm); without this, whichever leg runs first pays for it.
func warmPageCache(b *testing.B, src, dir string) {
	for i := range 2 {
		out := filepath.Join(dir, fmt.Sprint("warm", i))
		tcpCopy(b, src, out)
		defer os.Remove(out)
	}
}

func timeIt(b *testing.B, f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

func writeRandomFile(b *testing.B, path string, size int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	for off := 0; off < size; off += len(buf) {
		for j := range buf {
			buf[j] = byte(off>>20) ^ byte(j*131)
		}
		crypto.Keccak256(buf[:64]) // vary the pattern cheaply
		if _, err := f.Write(buf); err != nil {
			b.Fatal(err)
		}
	}
	// A creator's file is on disk already: do not let its dirty pages
	// throttle the writes being measured.
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	// ...and was written a while ago: a file modified in the last seconds
	// is re-hashed on every read until its mtime settles (content.Source).
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		b.Fatal(err)
	}
}

// sink copies whatever arrives on r into a new file at out and syncs it.
func sink(b *testing.B, r io.Reader, out string) {
	f, err := os.Create(out)
	if err != nil {
		b.Error(err)
		return
	}
	if _, err := copyBig(f, r); err != nil {
		b.Error(err)
	}
	f.Sync()
	f.Close()
}

// copyBig copies through a 1 MiB buffer (io.Copy's 32 KiB writes would
// cost a stream one frame and one record per 32 KiB).
func copyBig(w io.Writer, r io.Reader) (int64, error) {
	return io.CopyBuffer(struct{ io.Writer }{w}, struct{ io.Reader }{r}, make([]byte, 1<<20))
}

func tcpCopy(b *testing.B, src, out string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		c, err := l.Accept()
		if err != nil {
			b.Error(err)
			return
		}
		defer c.Close()
		sink(b, c, out)
	}()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	f, _ := os.Open(src)
	io.Copy(c, f)
	f.Close()
	c.Close()
	<-done
}

func libp2pCopy(b *testing.B, src, out string) {
	recv := newBenchHost(b, nil)
	defer recv.Close()
	done := make(chan struct{})
	recv.Host().SetStreamHandler("/bench/copy", func(s network.Stream) {
		defer close(done)
		sink(b, s, out)
		s.Close()
	})
	send := newBenchHost(b, recv.Addrs())
	defer send.Close()
	s, err := send.Host().NewStream(context.Background(), recv.ID(), "/bench/copy")
	if err != nil {
		b.Fatal(err)
	}
	f, _ := os.Open(src)
	copyBig(s, f)
	f.Close()
	s.CloseWrite()
	<-done
	s.Close()
}

func newBenchHost(b *testing.B, boot []string) *phost.Host {
	h, err := phost.New(context.Background(), phost.Config{Identity: newKey(b), Listen: []string{"/ip4/127.0.0.1/tcp/0"}, Bootstrap: boot})
	if err != nil {
		b.Fatal(err)
	}
	return h
}

func essaimGet(b *testing.B, src string, m *content.Manifest, key *ecdsa.PrivateKey, out string) {
	addr := crypto.PubkeyToAddress(key.PublicKey)
	creator := startNode(b, nil, oneLicense{addr})
	defer creator.Close()
	if err := creator.Share(context.Background(), src, m); err != nil {
		b.Fatal(err)
	}
	getter := startNode(b, creator.Addrs(), oneLicense{addr})
	defer getter.Close()
	if _, err := getter.Get(context.Background(), m.Root(), out, GetOptions{Prove: keyProver(getter.Domain(), key)}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkGet1GiB is the essaim leg of BenchmarkTransfer1GiB alone, for
// profiling.
func BenchmarkGet1GiB(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "work.bin")
	writeRandomFile(b, src, 1<<30)
	m, err := content.Build(src)
	if err != nil {
		b.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	warmPageCache(b, src, dir)
	b.SetBytes(1 << 30)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprint("get", i))
		essaimGet(b, src, m, key, out)
		os.RemoveAll(out)
	}
}
