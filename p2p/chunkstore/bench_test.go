package chunkstore

import (
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"essaim/p2p/content"
)

// benchSize is the work size for the store benchmarks: ESSAIM_BENCH_SIZE
// bytes (scripts/bench-content.sh sets 1 GiB), 256 MiB by default.
func benchSize(b *testing.B) int64 {
	if s := os.Getenv("ESSAIM_BENCH_SIZE"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			b.Fatalf("ESSAIM_BENCH_SIZE: %v", err)
		}
		return n
	}
	return 256 << 20
}

// benchWork returns a one-file work of size pseudo-random bytes, with the
// automatic chunk size, and its bytes, aligned as received chunks are.
func benchWork(b *testing.B, size int64) (*content.Manifest, []byte) {
	data := NewBuffer(int(size))
	rng := rand.NewChaCha8([32]byte{7})
	rng.Read(data)
	log2 := content.AutoChunkLog2(size)
	c := int64(1) << log2
	leaves := make([]content.Hash, (size+c-1)/c)
	for i := range leaves {
		leaves[i] = content.LeafHash(data[int64(i)*c : min(int64(i+1)*c, size)])
	}
	m, err := content.NewManifest(content.FileList{{Path: "work.bin", Size: size}}, log2, leaves)
	if err != nil {
		b.Fatal(err)
	}
	return m, data
}

// putAll puts every chunk from two goroutines, as chunks arriving from
// several peers would be: one at a time (run 1, Put) or in runs of run
// consecutive chunks (PutRun).
func putAll(b *testing.B, s *Store, data []byte, run int) {
	m := s.Manifest()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				first := int(next.Add(int64(run))) - run
				if first >= m.NumChunks() {
					return
				}
				var chunks [][]byte
				for i := first; i < min(first+run, m.NumChunks()); i++ {
					off := int64(i) * int64(m.ChunkSize())
					chunks = append(chunks, data[off:off+int64(m.ChunkLen(i))])
				}
				errs := []error{nil}
				if run == 1 {
					errs[0] = s.Put(first, chunks[0])
				} else {
					errs = s.PutRun(first, chunks)
				}
				for _, err := range errs {
					if err != nil {
						b.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkStorePut measures verifying and writing received chunks (with
// direct I/O where the filesystem allows it; durability comes from the
// journal and re-verification).
func BenchmarkStorePut(b *testing.B) { benchStore(b, false, 1) }

// BenchmarkStorePutRun stores the same chunks in runs of four (PutRun),
// as p2p/fetch hands them over from a fast holder.
func BenchmarkStorePutRun(b *testing.B) { benchStore(b, false, 4) }

// BenchmarkStorePutFinish adds Finish: an fsync of every byte, then the
// rename into place.
func BenchmarkStorePutFinish(b *testing.B) { benchStore(b, true, 1) }

func benchStore(b *testing.B, finish bool, run int) {
	m, data := benchWork(b, benchSize(b))
	b.SetBytes(m.Size())
	b.ResetTimer()
	var cpu time.Duration
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		s, err := Open(dir, m)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0 := cpuTime()
		putAll(b, s, data, run)
		if finish {
			if err := s.Finish(); err != nil {
				b.Fatal(err)
			}
		}
		cpu += cpuTime() - cpu0
		b.StopTimer()
		s.Close()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	// The CPU of the whole process (user and kernel) per GiB stored.
	b.ReportMetric(cpu.Seconds()/float64(b.N)*float64(1<<30)/float64(m.Size()), "cpu-s/GiB")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
