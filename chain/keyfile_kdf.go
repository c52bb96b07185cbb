package chain

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/crypto/salsa20/salsa"
)

// The key derivations below are scrypt (RFC 7914) and PBKDF2-HMAC-SHA256
// (RFC 8018) written so that they look at their context every few
// milliseconds and stop when it ends: golang.org/x/crypto's scrypt.Key and
// the standard pbkdf2.Key cannot be stopped, and a key file may ask for
// seconds of work. Tests check them against those two.

// pbkdf2CheckEvery is how many HMAC-SHA256 iterations run between looks at
// the context (about 1 ms here).
const pbkdf2CheckEvery = 1 << 12

// scryptCheckCores is how many Salsa20/8 cores scrypt runs between looks at
// the context (about 0.3 ms here); a BlockMix step runs 2r of them.
const scryptCheckCores = 1 << 12

// Decrypt derives the file's key from password and decrypts the private key.
// Derivation looks at ctx every few milliseconds and, once ctx ends, stops
// and returns an error that wraps ctx's. A password that does not produce
// the file's MAC gives ErrBadPassword.
func (f *KeyFile) Decrypt(ctx context.Context, password string) (*ecdsa.PrivateKey, error) {
	dk, err := deriveKey(ctx, f.kdf, password)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("key derivation interrupted: %w", err)
		}
		return nil, fmt.Errorf("key derivation: %w", err)
	}
	defer clear(dk)
	mac := crypto.Keccak256(dk[16:32], f.ciphertext[:])
	if subtle.ConstantTimeCompare(mac, f.mac[:]) != 1 {
		return nil, ErrBadPassword
	}
	block, err := aes.NewCipher(dk[:16])
	if err != nil {
		return nil, err
	}
	var plain [32]byte
	defer clear(plain[:])
	cipher.NewCTR(block, f.iv[:]).XORKeyStream(plain[:], f.ciphertext[:])
	key, err := crypto.ToECDSA(plain[:])
	if err != nil {
		return nil, &KeyFileError{File: f.file, Field: "crypto.ciphertext", Msg: "does not decrypt to a valid private key"}
	}
	if a := crypto.PubkeyToAddress(key.PublicKey); f.Address != (common.Address{}) && a != f.Address {
		wipeKey(key)
		return nil, &KeyFileError{File: f.file, Field: "address", Msg: fmt.Sprintf("the file holds the key of %s, not of %s", a.Hex(), f.Address.Hex())}
	}
	return key, nil
}

// wipeKey overwrites a private key's secret in memory.
func wipeKey(k *ecdsa.PrivateKey) {
	if k != nil && k.D != nil {
		clear(k.D.Bits())
	}
}

// deriveKey runs the file's KDF: 32 bytes, or ctx's error.
func deriveKey(ctx context.Context, k kdfParams, password string) ([]byte, error) {
	if k.name == "scrypt" {
		lanes := scryptLanes(k.n, k.r, k.p, runtime.GOMAXPROCS(0))
		return scryptKey(ctx, []byte(password), k.salt, k.n, k.r, k.p, 32, lanes)
	}
	return pbkdf2SHA256(ctx, []byte(password), k.salt, k.c)
}

// pbkdf2SHA256 is PBKDF2 with HMAC-SHA256 for a 32-byte key: a single
// block, U1 = HMAC(P, S || 1), Ui = HMAC(P, Ui-1), key = U1 ^ … ^ Uc.
func pbkdf2SHA256(ctx context.Context, password, salt []byte, iter int) ([]byte, error) {
	done := ctx.Done()
	mac := hmac.New(sha256.New, password)
	mac.Write(salt)
	mac.Write([]byte{0, 0, 0, 1})
	u := mac.Sum(nil)
	t := append([]byte(nil), u...)
	for i := 1; i < iter; i++ {
		if i%pbkdf2CheckEvery == 0 && ended(done) {
			return nil, context.Cause(ctx)
		}
		mac.Reset()
		mac.Write(u)
		u = mac.Sum(u[:0])
		subtle.XORBytes(t, t, u)
	}
	return t, nil
}

// scryptKey is scrypt(P, S, n, r, p, keyLen): B = PBKDF2(P, S, 1, p·128·r),
// ROMix on each of B's p blocks, then PBKDF2(P, B, 1, keyLen). n must be a
// power of two. The p blocks are independent (p is scrypt's parallelism):
// they run in lanes at once, each lane with a table of its own, 128·n·r
// bytes, which the caller bounds (scryptLanes).
func scryptKey(ctx context.Context, password, salt []byte, n, r, p, keyLen, lanes int) ([]byte, error) {
	b, err := pbkdf2.Key(sha256.New, string(password), salt, 1, p*128*r)
	if err != nil {
		return nil, err
	}
	defer clear(b)
	lanes = min(max(lanes, 1), p)
	stopped := make([]bool, lanes)
	var wg sync.WaitGroup
	for k := range lanes {
		wg.Go(func() { stopped[k] = !scryptLane(ctx.Done(), b, k, lanes, n, r) })
	}
	wg.Wait()
	if slices.Contains(stopped, true) {
		return nil, context.Cause(ctx)
	}
	return pbkdf2.Key(sha256.New, string(password), b, 1, keyLen)
}

// scryptLanes is how many of scrypt's p blocks run at once: one per CPU
// (procs), as many as their tables fit in MaxScryptMemory together, and
// at least one.
func scryptLanes(n, r, p, procs int) int {
	return max(1, min(p, procs, MaxScryptMemory/(128*n*r)))
}

// scryptLane runs ROMix on blocks k, k+lanes, k+2·lanes, ... of b, in
// place, with a table of its own that it wipes before returning. It
// returns false when done closed before it finished.
func scryptLane(done <-chan struct{}, b []byte, k, lanes, n, r int) bool {
	size := 128 * r
	v, t := make([]byte, n*size), make([]byte, size)
	used := 0 // how much of v holds data: pages never written need no wiping
	defer func() { clear(v[:used]); clear(t) }()
	for i := k; i < len(b)/size; i += lanes {
		filled, err := roMix(done, b[i*size:(i+1)*size], n, r, v, t)
		used = max(used, filled)
		if err != nil {
			return false
		}
	}
	return true
}

// errStopped tells scryptLane that roMix saw its context end.
var errStopped = errors.New("stopped")

// roMix is scryptROMix (RFC 7914 §5) on the 128·r bytes of x, in place, with
// v (n blocks of 128·r bytes) and t (one block) as scratch. When done
// closes it stops, returning errStopped and how many bytes of v it wrote.
func roMix(done <-chan struct{}, x []byte, n, r int, v, t []byte) (int, error) {
	size, every := 128*r, max(1, scryptCheckCores/(2*r))
	copy(v[:size], x)
	for i := 0; i < n-1; i++ {
		if i%every == 0 && yieldEnded(done) {
			return (i + 1) * size, errStopped
		}
		blockMix(v[(i+1)*size:(i+2)*size], v[i*size:(i+1)*size], r)
	}
	blockMix(x, v[(n-1)*size:], r)
	for i := range n {
		if i%every == 0 && yieldEnded(done) {
			return len(v), errStopped
		}
		j := binary.LittleEndian.Uint64(x[size-64:]) & uint64(n-1) // Integerify mod n
		subtle.XORBytes(t, x, v[int(j)*size:(int(j)+1)*size])
		blockMix(x, t, r)
	}
	return len(v), nil
}

// blockMix is scryptBlockMix (RFC 7914 §4) with Salsa20/8 from in to out
// (distinct, 128·r bytes each): even-numbered outputs fill out's first
// half, odd ones its second.
func blockMix(out, in []byte, r int) {
	var x [64]byte
	copy(x[:], in[(2*r-1)*64:])
	for i := range 2 * r {
		subtle.XORBytes(x[:], x[:], in[i*64:(i+1)*64])
		salsa.Core208(&x, &x)
		dst := (i/2)*64 + (i%2)*r*64
		copy(out[dst:dst+64], x[:])
	}
}

// yieldEnded lets the process's other goroutines run, then reports
// whether done is closed. scrypt's lanes can take every CPU; the node that
// starts beside them (a get dials holders while its key is derived) would
// otherwise wait for Go's time slice, 10 ms, to run at all.
func yieldEnded(done <-chan struct{}) bool {
	runtime.Gosched()
	return ended(done)
}

// ended reports, without blocking, whether done is closed.
func ended(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
