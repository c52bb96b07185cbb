package content

import (
	"crypto/sha1"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// benchFile writes a file of ESSAIM_BENCH_SIZE pseudo-random bytes (256 MiB
// by default) and returns its path; it is read from the page cache after
// the first run.
func benchFile(b *testing.B) (string, int64) {
	size := int64(256 << 20)
	if s := os.Getenv("ESSAIM_BENCH_SIZE"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			b.Fatalf("ESSAIM_BENCH_SIZE: %v", err)
		}
		size = n
	}
	p := filepath.Join(b.TempDir(), "work.bin")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.NewChaCha8([32]byte{1})
	buf := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(buf)) {
		rng.Read(buf)
		if _, err := f.Write(buf[:min(left, int64(len(buf)))]); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p, size
}

// BenchmarkBuild measures computing the root of one file, all cores.
func BenchmarkBuild(b *testing.B) {
	p, size := benchFile(b)
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		if _, err := Build(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildOneCore is BenchmarkBuild with one hashing worker, to show
// what the second core adds.
func BenchmarkBuildOneCore(b *testing.B) {
	p, size := benchFile(b)
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		if _, err := Build(p, WithWorkers(1)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLeafHash is the single-core SHA-256 ceiling for one 256 KiB chunk.
func BenchmarkLeafHash(b *testing.B) {
	chunk := make([]byte, 256<<10)
	b.SetBytes(int64(len(chunk)))
	for range b.N {
		LeafHash(chunk)
	}
}

// BenchmarkSHA1Piece is, for comparison, what a BitTorrent v1 client
// verifies a 1 MiB piece with: SHA-1.
func BenchmarkSHA1Piece(b *testing.B) {
	piece := make([]byte, 1<<20)
	b.SetBytes(int64(len(piece)))
	for range b.N {
		sha1.Sum(piece)
	}
}

// BenchmarkReadChunk reads every chunk of a cached file, as a holder
// serving it does, into a buffer aligned as AlignedBuffer makes it and
// into one 9 bytes further on (where a reply frame's chunk began when the
// frame started on the buffer's first byte), and reports the CPU seconds
// per GiB of each: the kernel's copy out of the page cache slows down
// when its destination is not aligned.
func BenchmarkReadChunk(b *testing.B) {
	p, size := benchFile(b)
	stampSetTime(b, p, time.Now().Add(-time.Hour)) // settled: read, not hashed
	m, err := Build(p)
	if err != nil {
		b.Fatal(err)
	}
	src, err := OpenSource(p, m)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	for _, skew := range []int{0, 9} {
		b.Run("skew-"+strconv.Itoa(skew), func(b *testing.B) {
			buf := AlignedBuffer(0, skew+m.ChunkSize())[skew:]
			b.SetBytes(size)
			b.ResetTimer()
			cpu0 := processCPU()
			for range b.N {
				for i := range m.NumChunks() {
					if _, err := src.ReadChunk(i, buf); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric((processCPU()-cpu0).Seconds()/float64(b.N)*float64(1<<30)/float64(size), "cpu-s/GiB")
		})
	}
	if n := src.hashed.Load(); n != 0 {
		b.Fatalf("%d chunks hashed: the benchmark measures reads alone", n)
	}
}

// processCPU is the user+system CPU this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
