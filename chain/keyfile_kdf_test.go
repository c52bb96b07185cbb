package chain

import (
	"bytes"
	"context"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/crypto/scrypt"
)

// TestScryptMatchesReference compares scryptKey with golang.org/x/crypto's
// scrypt.Key over many parameter sets, run in one lane up to more lanes
// than blocks, and with RFC 7914's test vector.
func TestScryptMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 60 {
		n, r, p := 1<<(1+rng.IntN(10)), 1+rng.IntN(9), 1+rng.IntN(7)
		lanes := 1 + rng.IntN(8)
		pw, salt := make([]byte, rng.IntN(40)), make([]byte, rng.IntN(70))
		fillRand(rng, pw)
		fillRand(rng, salt)
		keyLen := []int{32, 1, 64, 100}[i%4]
		want, err := scrypt.Key(pw, salt, n, r, p, keyLen)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scryptKey(context.Background(), pw, salt, n, r, p, keyLen, lanes)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("scrypt n=%d r=%d p=%d keyLen=%d in %d lanes: %x, %v; want %x", n, r, p, keyLen, lanes, got, err, want)
		}
	}
	// RFC 7914 §12, the third vector.
	got, err := scryptKey(context.Background(), []byte("pleaseletmein"), []byte("SodiumChloride"), 16384, 8, 1, 64, 1)
	want := "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2" +
		"d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
	if err != nil || hex.EncodeToString(got) != want {
		t.Errorf("RFC 7914 vector: %x, %v", got, err)
	}
}

// TestScryptLanes checks how many lanes a key file's scrypt runs in: one
// per CPU up to p, go-ethereum's light parameters (p = 6) in parallel, its
// standard ones (p = 1) alone, and never more tables than MaxScryptMemory
// holds.
func TestScryptLanes(t *testing.T) {
	for _, c := range []struct{ n, r, p, procs, want int }{
		{1 << 12, 8, 6, 2, 2},          // light, 4 MiB tables, two CPUs
		{1 << 12, 8, 6, 16, 6},         // no more lanes than blocks
		{1 << 18, 8, 1, 8, 1},          // standard: one block
		{1 << 18, 8, 2, 8, 1},          // two 256 MiB tables do not fit
		{1 << 17, 8, 4, 8, 2},          // 128 MiB tables: two fit
		{MaxScryptN, 2, 2, 8, 1},       // 256 MiB
		{1 << 12, MaxScryptR, 4, 8, 2}, // 128 MiB
		{1 << 12, 8, 6, 1, 1},          // one CPU
		{1 << 12, 8, 6, 0, 1},
	} {
		got := scryptLanes(c.n, c.r, c.p, c.procs)
		if got != c.want {
			t.Errorf("scryptLanes(n=%d, r=%d, p=%d, procs=%d) = %d, want %d", c.n, c.r, c.p, c.procs, got, c.want)
		}
		if got > 1 && got*128*c.n*c.r > MaxScryptMemory {
			t.Errorf("n=%d r=%d: %d lanes of tables exceed MaxScryptMemory", c.n, c.r, got)
		}
	}
}

// TestPBKDF2MatchesReference compares pbkdf2SHA256 with the standard
// library's, iteration counts around the context-check period included.
func TestPBKDF2MatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, iter := range []int{1, 2, 3, pbkdf2CheckEvery - 1, pbkdf2CheckEvery, pbkdf2CheckEvery + 1, 10000} {
		pw, salt := make([]byte, rng.IntN(100)), make([]byte, 16+rng.IntN(50))
		fillRand(rng, pw)
		fillRand(rng, salt)
		want, err := pbkdf2.Key(sha256.New, string(pw), salt, iter, 32)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pbkdf2SHA256(context.Background(), pw, salt, iter)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("pbkdf2 c=%d: %x, %v; want %x", iter, got, err, want)
		}
	}
}

func fillRand(rng *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
}

// TestDecryptVectors decrypts the Web3 Secret Storage test vectors.
func TestDecryptVectors(t *testing.T) {
	for name, v := range map[string]string{"pbkdf2": vectorPBKDF2, "scrypt": vectorScrypt} {
		f, err := ParseKeyFile([]byte(v))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		key, err := f.Decrypt(context.Background(), "testpassword")
		if err != nil || hex.EncodeToString(crypto.FromECDSA(key)) != testKeyHex {
			t.Errorf("%s: key %v, %v", name, key, err)
		}
		if _, err := f.Decrypt(context.Background(), "testpassworD"); !errors.Is(err, ErrBadPassword) {
			t.Errorf("%s with a wrong password: %v, want ErrBadPassword", name, err)
		}
	}
}

// TestDecryptGoEthereumFile decrypts a file written by go-ethereum, and
// refuses one whose key is not the account it names.
func TestDecryptGoEthereumFile(t *testing.T) {
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	data, err := keystore.EncryptKey(&keystore.Key{Address: addr, PrivateKey: key}, "pw", keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseKeyFile(data)
	if err != nil || f.Address != addr {
		t.Fatalf("ParseKeyFile: %v, address %s; want %s", err, f.Address, addr)
	}
	got, err := f.Decrypt(context.Background(), "pw")
	if err != nil || !got.Equal(key) {
		t.Fatalf("Decrypt: %v", err)
	}

	other := encryptKeyFile(t, testKey(t), "pw", lightScrypt())
	other["address"] = hex.EncodeToString(addr[:])
	f, err = ParseKeyFile(marshal(t, other))
	if err != nil {
		t.Fatal(err)
	}
	var ke *KeyFileError
	if _, err := f.Decrypt(context.Background(), "pw"); !errors.As(err, &ke) || ke.Field != "address" {
		t.Errorf("a file holding another account's key: %v, want a KeyFileError on address", err)
	}
}

// TestDecryptStopsWhenContextEnds derives keys with the largest parameters
// the limits allow, each a second or more of work here (n·r·p = 2^22, or
// c = 10^7), under a context that ends after 50 ms: Decrypt must return
// soon after, with the context's error. "Soon" is judged by the CPU the
// process spends in Decrypt (at most 600 ms), which a loaded machine does
// not inflate as it does the wall clock; the wall clock only has to stay
// under 5 s.
func TestDecryptStopsWhenContextEnds(t *testing.T) {
	for _, params := range []map[string]any{
		{"n": MaxScryptN, "r": 2, "p": 2},
		{"n": 1 << 18, "r": 8, "p": 2},
		{"n": 1 << 12, "r": MaxScryptR, "p": 4},
		{"c": MaxPBKDF2Iterations},
	} {
		t.Run(fmt.Sprint(params), func(t *testing.T) {
			f := bigKeyFile(t, params)
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start, cpu0 := time.Now(), processCPU(t)
			_, err := f.Decrypt(ctx, "pw")
			late, cpu := time.Since(start)-50*time.Millisecond, processCPU(t)-cpu0
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Decrypt: %v, want the context's error", err)
			}
			t.Logf("returned %s after the deadline, %s of CPU in all", late.Round(time.Millisecond), cpu.Round(time.Millisecond))
			if cpu > 600*time.Millisecond || late > 5*time.Second {
				t.Errorf("returned %s after the deadline, having spent %s of CPU; want at most 600 ms of CPU", late, cpu)
			}
		})
	}
	f := bigKeyFile(t, map[string]any{"c": MaxPBKDF2Iterations})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	// At once; a second leaves room for a loaded machine, and a derivation
	// that ignored the context would take longer (c = 10^7).
	if _, err := f.Decrypt(ctx, "pw"); !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("an ended context: %v after %s", err, time.Since(start))
	}
}

// bigKeyFile is a checked key file with the given KDF parameters (its MAC
// is not theirs: nothing here derives them to the end).
func bigKeyFile(t *testing.T, params map[string]any) *KeyFile {
	t.Helper()
	m := encryptKeyFile(t, testKey(t), "pw", lightScrypt())
	if _, ok := params["c"]; ok {
		m = encryptKeyFile(t, testKey(t), "pw", map[string]any{"c": 1})
	}
	for k, v := range params {
		set(m, kp+k, v)
	}
	f, err := ParseKeyFile(marshal(t, m))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// BenchmarkKeyDerivation times the key derivations at go-ethereum's light
// and standard parameters and at the limits, against x/crypto's scrypt
// (one block after the other) and the standard pbkdf2 (neither can be
// stopped):
//
//	go test ./chain -run '^$' -bench KeyDerivation -benchtime 3x
func BenchmarkKeyDerivation(b *testing.B) {
	pw, salt := []byte("pw"), bytes.Repeat([]byte{1}, 32)
	for _, p := range [][3]int{{1 << 12, 8, 6}, {1 << 18, 8, 1}, {MaxScryptN, 2, 2}, {1 << 18, 8, 2}, {1 << 12, MaxScryptR, 4}} {
		name := fmt.Sprintf("scrypt_n=%d_r=%d_p=%d", p[0], p[1], p[2])
		b.Run(name+"/essaim", func(b *testing.B) {
			lanes := scryptLanes(p[0], p[1], p[2], runtime.GOMAXPROCS(0))
			for range b.N {
				if _, err := scryptKey(context.Background(), pw, salt, p[0], p[1], p[2], 32, lanes); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/x-crypto", func(b *testing.B) {
			for range b.N {
				if _, err := scrypt.Key(pw, salt, p[0], p[1], p[2], 32); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, c := range []int{262144, MaxPBKDF2Iterations} {
		b.Run(fmt.Sprintf("pbkdf2_c=%d/essaim", c), func(b *testing.B) {
			for range b.N {
				if _, err := pbkdf2SHA256(context.Background(), pw, salt, c); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("pbkdf2_c=%d/stdlib", c), func(b *testing.B) {
			for range b.N {
				if _, err := pbkdf2.Key(sha256.New, string(pw), salt, c, 32); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// processCPU is the CPU time the test process has used so far.
func processCPU(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
