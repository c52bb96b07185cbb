package chain

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// Limits on a keystore file, checked before any key derivation, so that a
// hostile file costs a bounded amount of memory and time. Derivation is also
// stopped by its context (KeyFile.Decrypt), so these bound what a run
// nobody interrupts can cost.
const (
	// MaxKeyFileSize bounds the bytes read from a keystore file; real ones
	// are under 1 KiB.
	MaxKeyFileSize = 64 << 10
	// MaxScryptN bounds scrypt's cost parameter n, a power of two.
	// go-ethereum's standard is 2^18.
	MaxScryptN = 1 << 20
	// MaxScryptMemory bounds scrypt's table, 128·n·r bytes: go-ethereum's
	// standard parameters (n = 2^18, r = 8) fill it exactly.
	MaxScryptMemory = 256 << 20
	// MaxScryptWork bounds n·r·p, which scrypt's time is proportional to:
	// twice go-ethereum's standard, which takes 0.8 s of one core here; the
	// slowest file allowed takes 2.2 s (BenchmarkKeyDerivation).
	MaxScryptWork = 1 << 22
	// MaxScryptR and MaxScryptP bound r and p each, so that scrypt's other
	// buffer, 128·r·p bytes, stays within 8 MiB.
	MaxScryptR, MaxScryptP = 256, 256
	// MaxPBKDF2Iterations bounds pbkdf2's iteration count c: 38 times the
	// usual 262,144, 1.6 s of one core here.
	MaxPBKDF2Iterations = 10_000_000
	// MinSaltLen and MaxSaltLen bound the KDF salt, in bytes.
	MinSaltLen, MaxSaltLen = 16, 64
)

// ErrBadKeyFile means a keystore file is not a well-formed version 3 key
// file within essaim's limits. Its *KeyFileError names the file and field.
var ErrBadKeyFile = errors.New("malformed keystore file")

// KeyFileError says what is wrong with which field of which keystore file.
// It matches ErrBadKeyFile.
type KeyFileError struct {
	File  string // the file's path, when known
	Field string // the JSON path of the field, "crypto.kdfparams.n"; empty for the whole file
	Msg   string
}

func (e *KeyFileError) Error() string {
	var b strings.Builder
	b.WriteString("keystore file")
	if e.File != "" {
		b.WriteString(" " + e.File)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Unwrap makes a *KeyFileError match ErrBadKeyFile.
func (e *KeyFileError) Unwrap() error { return ErrBadKeyFile }

func fieldErr(field, format string, args ...any) *KeyFileError {
	return &KeyFileError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// KeyFile is a keystore file (Web3 Secret Storage, version 3) whose every
// field has been checked, so that deriving its key is bounded in memory and
// time. Only Decrypt reads the password.
type KeyFile struct {
	// Address is the account the file names, or zero if it names none
	// (allowed when importing: the key then says whose it is).
	Address common.Address

	file       string
	kdf        kdfParams
	iv         [16]byte
	ciphertext [32]byte
	mac        [32]byte
}

// kdfParams are checked key-derivation parameters.
type kdfParams struct {
	name    string // "scrypt" or "pbkdf2"
	salt    []byte
	n, r, p int // scrypt
	c       int // pbkdf2, with HMAC-SHA256
}

// File returns the path the key file was read from, if any.
func (f *KeyFile) File() string { return f.file }

// ReadKeyFile reads and checks the keystore file at path. It reads at most
// MaxKeyFileSize bytes and derives nothing.
func ReadKeyFile(path string) (*KeyFile, error) {
	data, err := readKeyFileBytes(path)
	if err != nil {
		return nil, err
	}
	f, err := ParseKeyFile(data)
	if err != nil {
		var ke *KeyFileError
		if errors.As(err, &ke) {
			ke.File = path
		}
		return nil, err
	}
	f.file = path
	return f, nil
}

func readKeyFileBytes(path string) ([]byte, error) {
	fd, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	fi, err := fd.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &KeyFileError{File: path, Msg: "not a regular file"}
	}
	data, err := io.ReadAll(io.LimitReader(fd, MaxKeyFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxKeyFileSize {
		return nil, &KeyFileError{File: path, Msg: fmt.Sprintf("larger than the limit of %d bytes", MaxKeyFileSize)}
	}
	return data, nil
}

// ParseKeyFile checks data as a version 3 keystore file: JSON types, the
// cipher (aes-128-ctr), the KDF (scrypt or pbkdf2 with hmac-sha256) and its
// parameters against the limits above, and the lengths of the salt, IV,
// ciphertext and MAC. Errors are *KeyFileError, naming the first field that
// is wrong; JSON keys are matched regardless of case, as go-ethereum does, so
// a key given twice in two cases is refused.
func ParseKeyFile(data []byte) (*KeyFile, error) {
	f, err := parseKeyFile(data)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// parseKeyFile is ParseKeyFile, but returns what it read before an error,
// so that a caller can tell whose file is malformed.
func parseKeyFile(data []byte) (*KeyFile, *KeyFileError) {
	f := &KeyFile{}
	top, err := parseTop(data)
	if err != nil {
		return f, err
	}
	if top.has("address") {
		if f.Address, err = top.address("address"); err != nil {
			return f, err
		}
	}
	if err := top.version(); err != nil {
		return f, err
	}
	if top.has("id") {
		if _, err := top.str("id", 64); err != nil {
			return f, err
		}
	}
	c, err := top.object("crypto")
	if err != nil {
		return f, err
	}
	return f, f.parseCrypto(c)
}

func (o jsonObject) version() *KeyFileError {
	v, err := o.uint("version")
	if err != nil {
		return err
	}
	if v != 3 {
		return o.errf("version", "%d is not supported (want 3)", v)
	}
	return nil
}

func (f *KeyFile) parseCrypto(c jsonObject) *KeyFileError {
	cipher, err := c.str("cipher", 32)
	if err != nil {
		return err
	}
	if cipher != "aes-128-ctr" {
		return c.errf("cipher", "%q is not supported (want \"aes-128-ctr\")", cipher)
	}
	cp, err := c.object("cipherparams")
	if err != nil {
		return err
	}
	if err := cp.hexInto("iv", f.iv[:]); err != nil {
		return err
	}
	if err := c.hexInto("ciphertext", f.ciphertext[:]); err != nil {
		return err
	}
	if f.kdf, err = parseKDF(c); err != nil {
		return err
	}
	return c.hexInto("mac", f.mac[:])
}

func parseKDF(c jsonObject) (kdfParams, *KeyFileError) {
	var k kdfParams
	name, err := c.str("kdf", 32)
	if err != nil {
		return k, err
	}
	if name != "scrypt" && name != "pbkdf2" {
		return k, c.errf("kdf", "%q is not supported (want \"scrypt\" or \"pbkdf2\")", name)
	}
	k.name = name
	p, err := c.object("kdfparams")
	if err != nil {
		return k, err
	}
	dklen, err := p.uint("dklen")
	if err != nil {
		return k, err
	}
	if dklen != 32 {
		return k, p.errf("dklen", "%d, want 32", dklen)
	}
	if k.salt, err = p.hex("salt", MinSaltLen, MaxSaltLen); err != nil {
		return k, err
	}
	if name == "scrypt" {
		k.n, k.r, k.p, err = scryptParams(p)
	} else {
		k.c, err = pbkdf2Params(p)
	}
	return k, err
}

// scryptParams checks n, then r, then p, each against the limits the ones
// before it leave, so that the error names the field that breaks one.
func scryptParams(o jsonObject) (n, r, p int, err *KeyFileError) {
	un, err := o.boundedUint("n", 2, MaxScryptN, "")
	if err != nil {
		return 0, 0, 0, err
	}
	if un&(un-1) != 0 {
		return 0, 0, 0, o.errf("n", "%d is not a power of two", un)
	}
	ur, err := o.boundedUint("r", 1, min(MaxScryptR, MaxScryptMemory/128/un),
		fmt.Sprintf(" for n = %d (r ≤ %d and 128·n·r ≤ %d MiB)", un, MaxScryptR, MaxScryptMemory>>20))
	if err != nil {
		return 0, 0, 0, err
	}
	up, err := o.boundedUint("p", 1, min(MaxScryptP, MaxScryptWork/(un*ur)),
		fmt.Sprintf(" for n = %d, r = %d (p ≤ %d and n·r·p ≤ %d)", un, ur, MaxScryptP, MaxScryptWork))
	if err != nil {
		return 0, 0, 0, err
	}
	return int(un), int(ur), int(up), nil
}

func pbkdf2Params(o jsonObject) (int, *KeyFileError) {
	prf, err := o.str("prf", 32)
	if err != nil {
		return 0, err
	}
	if prf != "hmac-sha256" {
		return 0, o.errf("prf", "%q is not supported (want \"hmac-sha256\")", prf)
	}
	c, err := o.boundedUint("c", 1, MaxPBKDF2Iterations, "")
	return int(c), err
}

// boundedUint reads an integer field that must lie in [lo, hi]; why, if
// not empty, says where hi comes from.
func (o jsonObject) boundedUint(name string, lo, hi uint64, why string) (uint64, *KeyFileError) {
	v, err := o.uint(name)
	if err != nil {
		return 0, err
	}
	if v < lo {
		return 0, o.errf(name, "%d is below the minimum %d", v, lo)
	}
	if v > hi {
		return 0, o.errf(name, "%d is above the limit %d%s", v, hi, why)
	}
	return v, nil
}
