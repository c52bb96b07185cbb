package host

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/libp2p/go-libp2p/core/crypto"
)

func TestLoadIdentityCreatesAndReloads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "home", "p2p", "identity.key")
	k1, err := LoadIdentity(path)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if k1.Type() != crypto.Ed25519 {
		t.Fatalf("key type %v, want Ed25519", k1.Type())
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o600 {
		t.Errorf("key mode %#o, want 0600", got)
	}
	dst, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if got := dst.Mode().Perm(); got != 0o700 {
		t.Errorf("folder mode %#o, want 0700", got)
	}
	k2, err := LoadIdentity(path)
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	if !k1.Equals(k2) {
		t.Fatal("reloaded key differs from created key")
	}
	// No temporary file is left beside the key.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the key", len(entries))
	}
}

func TestLoadIdentityRefusesLooseMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660, 0o606} {
		t.Run(mode.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "identity.key")
			if _, err := LoadIdentity(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			_, err := LoadIdentity(path)
			if !errors.Is(err, ErrKeyPermissions) {
				t.Fatalf("mode %v: got %v, want ErrKeyPermissions", mode, err)
			}
		})
	}
}

func TestLoadIdentityRefusesGarbage(t *testing.T) {
	secp, _, _ := crypto.GenerateSecp256k1Key(nil)
	secpBytes, _ := crypto.MarshalPrivateKey(secp)
	// An Ed25519 key whose public half belongs to another seed.
	a := ed25519.NewKeyFromSeed(make([]byte, 32))
	seed := make([]byte, 32)
	seed[0] = 1
	b := ed25519.NewKeyFromSeed(seed)
	mixed := append(append([]byte{}, a[:32]...), b[32:]...)
	mixedKey, err := crypto.UnmarshalEd25519PrivateKey(mixed)
	if err != nil {
		t.Fatal(err)
	}
	mixedBytes, _ := crypto.MarshalPrivateKey(mixedKey)
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"text", []byte("not a key\n")},
		{"secp256k1", secpBytes},
		{"mismatched ed25519 halves", mixedBytes},
		{"huge", make([]byte, maxKeyFile+10)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "identity.key")
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := LoadIdentity(path)
			if !errors.Is(err, ErrBadKey) {
				t.Fatalf("got %v, want ErrBadKey", err)
			}
		})
	}
	t.Run("directory", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "identity.key")
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadIdentity(path); !errors.Is(err, ErrBadKey) {
			t.Fatalf("got %v, want ErrBadKey", err)
		}
	})
}

func FuzzDecodeIdentity(f *testing.F) {
	k, _, _ := crypto.GenerateEd25519Key(nil)
	good, _ := crypto.MarshalPrivateKey(k)
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{0x08, 0x01, 0x12, 0x40})
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := decodeIdentity(data)
		if err != nil {
			if !errors.Is(err, ErrBadKey) {
				t.Fatalf("error %v does not wrap ErrBadKey", err)
			}
			return
		}
		// Whatever decodes must sign verifiably under its own public key.
		sig, err := key.Sign([]byte("x"))
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := key.GetPublic().Verify([]byte("x"), sig); !ok || err != nil {
			t.Fatalf("decoded key does not verify its own signature: %v", err)
		}
	})
}
