package host

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/libp2p/go-libp2p/core/crypto"
)

// Identity key errors, tested with errors.Is.
var (
	// ErrKeyPermissions means the identity key file can be read or written
	// by group or others; like ssh, we refuse to use a key others may have copied.
	ErrKeyPermissions = errors.New("identity key file is accessible by group or others")
	// ErrBadKey means the identity key file does not hold a valid Ed25519 libp2p key.
	ErrBadKey = errors.New("identity key file does not hold a valid ed25519 libp2p key")
)

// maxKeyFile bounds what we read from the key file: a marshalled Ed25519
// key is 68 bytes, so anything much larger is not ours.
const maxKeyFile = 4096

// LoadIdentity returns the node's libp2p identity stored at path, creating a
// fresh Ed25519 key there (mode 0600, parent folder 0700, written to a
// temporary file and renamed so a crash never leaves half a key) when the
// file does not exist yet. It refuses a key file that group or others may
// access (ErrKeyPermissions) and a file that is not a valid Ed25519 key
// (ErrBadKey). The key is the libp2p identity only; it is unrelated to the
// Ethereum keystore.
func LoadIdentity(path string) (crypto.PrivKey, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createIdentity(path)
	}
	if err != nil {
		return nil, fmt.Errorf("open identity key: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat identity key: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("identity key %s: not a regular file: %w", path, ErrBadKey)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("identity key %s has mode %#o, want 0600 (chmod 600 %s): %w",
			path, perm, path, ErrKeyPermissions)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fmt.Errorf("read identity key: %w", err)
	}
	key, err := decodeIdentity(data)
	if err != nil {
		return nil, fmt.Errorf("identity key %s: %w", path, err)
	}
	return key, nil
}

// decodeIdentity parses the stored form of an identity key (libp2p's
// protobuf key encoding) and checks that it is a self-consistent Ed25519 key.
func decodeIdentity(data []byte) (crypto.PrivKey, error) {
	if len(data) > maxKeyFile {
		return nil, fmt.Errorf("%d bytes is too large: %w", len(data), ErrBadKey)
	}
	key, err := crypto.UnmarshalPrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadKey, err)
	}
	if key.Type() != crypto.Ed25519 {
		return nil, fmt.Errorf("key type %v: %w", key.Type(), ErrBadKey)
	}
	raw, err := key.Raw()
	if err != nil || len(raw) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("raw key: %w", ErrBadKey)
	}
	// A 64-byte Ed25519 key is seed || public key; libp2p does not check that
	// the halves agree, and a mismatched key would sign with one identity
	// while announcing another.
	if !bytes.Equal(ed25519.NewKeyFromSeed(raw[:ed25519.SeedSize]), raw) {
		return nil, fmt.Errorf("public half does not match seed: %w", ErrBadKey)
	}
	return key, nil
}

// createIdentity makes a new key and stores it atomically at path.
func createIdentity(path string) (crypto.PrivKey, error) {
	key, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return nil, fmt.Errorf("generate identity key: %w", err)
	}
	data, err := crypto.MarshalPrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode identity key: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create identity key folder: %w", err)
	}
	if err := writeFileAtomic(path, data); err != nil {
		return nil, fmt.Errorf("store identity key: %w", err)
	}
	return key, nil
}

// writeFileAtomic writes data to a 0600 temporary file beside path, syncs
// it, and renames it over path, so readers see either no file or all of it.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp already uses 0600; Chmod makes that explicit whatever the umask.
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Sync the folder so the rename itself survives a power cut.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
