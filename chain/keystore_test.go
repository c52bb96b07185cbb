package chain

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestKeystore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keystore")
	k, err := OpenKeystore(dir, WithLightScrypt())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Pick(common.Address{}); !errors.Is(err, ErrNoAccount) {
		t.Fatalf("Pick on an empty keystore: %v, want ErrNoAccount", err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	imported, err := k.Import(key, "pw1")
	if err != nil || imported != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatalf("Import: %s, %v", imported, err)
	}
	if _, err := k.Import(key, "pw1"); !errors.Is(err, ErrAccountExists) {
		t.Fatalf("second Import: %v, want ErrAccountExists", err)
	}
	created, err := k.New("pw2")
	if err != nil {
		t.Fatal(err)
	}
	if got := k.List(); len(got) != 2 || got[0] != imported || got[1] != created {
		t.Fatalf("List = %v, want [%s %s]", got, imported, created)
	}
	if got, err := k.Pick(common.Address{}); err != nil || got != imported {
		t.Fatalf("Pick(zero) = %s, %v; want the first account", got, err)
	}
	if _, err := k.Pick(common.Address{9}); !errors.Is(err, ErrNoAccount) {
		t.Fatalf("Pick(unknown): %v", err)
	}

	// Modes, and no key in clear on disk.
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("keystore folder mode %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	files, _ := os.ReadDir(dir)
	if len(files) != 2 {
		t.Fatalf("%d key files, want 2", len(files))
	}
	secret := []byte(hex.EncodeToString(crypto.FromECDSA(key)))
	for _, f := range files {
		info, _ := f.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", f.Name(), info.Mode().Perm())
		}
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, secret) || bytes.Contains(b, []byte("pw1")) {
			t.Errorf("%s holds the key or the password in clear", f.Name())
		}
	}

	chainID := big.NewInt(31337)
	if _, err := k.Transactor(imported, "wrong", chainID); !errors.Is(err, ErrBadPassword) {
		t.Fatalf("Transactor with a wrong password: %v, want ErrBadPassword", err)
	}
	opts, err := k.Transactor(imported, "pw1", chainID)
	if err != nil {
		t.Fatal(err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: 3, Gas: 21000, GasFeeCap: big.NewInt(1), To: &common.Address{1}})
	signed, err := opts.Signer(imported, tx)
	if err != nil {
		t.Fatal(err)
	}
	from, err := types.Sender(types.LatestSignerForChainID(chainID), signed)
	if err != nil || from != imported {
		t.Fatalf("signed by %s, %v; want %s", from, err, imported)
	}
	if _, err := opts.Signer(created, tx); err == nil {
		t.Fatal("the transactor signed for another account")
	}
	if err := k.Lock(imported); err != nil {
		t.Fatal(err)
	}
	if _, err := opts.Signer(imported, tx); err == nil {
		t.Fatal("signed after Lock")
	}
}

// writeKeystoreFile puts data in dir under the name go-ethereum gives the
// key file of addr, created at second sec.
func writeKeystoreFile(t *testing.T, dir string, sec int, addr common.Address, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, fmt.Sprintf("UTC--2026-01-02T03-04-%02d.000000000Z--%x", sec, addr[:]))
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTransactorRefusesHostileFiles puts each hostile file of issue 9 in a
// keystore as its only account: unlocking it must fail with ErrBadKeyFile
// naming the file and the field (before the fix it panicked, ran out of
// memory, ran for minutes, or said "no such account").
func TestTransactorRefusesHostileFiles(t *testing.T) {
	addr := crypto.PubkeyToAddress(testKey(t).PublicKey)
	for _, tt := range issueCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			k, err := OpenKeystore(dir, WithLightScrypt())
			if err != nil {
				t.Fatal(err)
			}
			file := writeKeystoreFile(t, dir, 0, addr, tt.data(t))
			for _, who := range []common.Address{addr, {}} {
				_, err := k.Transactor(who, "pw", big.NewInt(31337))
				want := "keystore file " + file + ": " + tt.field + ": " + tt.msg
				if !errors.Is(err, ErrBadKeyFile) || errors.Is(err, ErrNoAccount) || !strings.Contains(fmt.Sprint(err), want) {
					t.Errorf("Transactor(%s): %v; want ErrBadKeyFile and %q", who, err, want)
				}
			}
		})
	}
}

// TestKeystoreReportsMalformedFiles mixes good and malformed key files
// with files that are not key files at all.
func TestKeystoreReportsMalformedFiles(t *testing.T) {
	dir := t.TempDir()
	k, err := OpenKeystore(dir, WithLightScrypt())
	if err != nil {
		t.Fatal(err)
	}
	good, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	goodAddr := crypto.PubkeyToAddress(good.PublicKey)
	badAddr := crypto.PubkeyToAddress(testKey(t).PublicKey)
	hostile := encryptKeyFile(t, testKey(t), "pw", lightScrypt())
	set(hostile, kp+"n", 3)
	noAddress := encryptKeyFile(t, testKey(t), "pw", lightScrypt())
	set(noAddress, "address", deleted)

	f0 := writeKeystoreFile(t, dir, 0, badAddr, marshal(t, hostile))
	f1 := writeKeystoreFile(t, dir, 1, common.Address{}, []byte("garbage"))
	f2 := writeKeystoreFile(t, dir, 2, common.Address{}, marshal(t, noAddress))
	if _, err := k.Import(good, "pw"); err != nil {
		t.Fatal(err)
	}
	// Not key files: hidden, a backup, a folder, a symlink.
	os.WriteFile(filepath.Join(dir, ".hidden"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "UTC--x~"), []byte("x"), 0o600)
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	os.Symlink(f0, filepath.Join(dir, "link"))

	accs, err := k.Accounts()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		file  string
		addr  common.Address
		field string
	}{{f0, badAddr, kp + "n"}, {f1, common.Address{}, ""}, {f2, common.Address{}, "address"}}
	if len(accs) != 4 {
		t.Fatalf("Accounts: %d, want 4: %+v", len(accs), accs)
	}
	for i, w := range want {
		var ke *KeyFileError
		a := accs[i]
		if a.File != w.file || a.Address != w.addr || !errors.As(a.Err, &ke) || ke.Field != w.field || ke.File != w.file {
			t.Errorf("account %d: %+v; want file %s, address %s, an error on %q", i, a, w.file, w.addr, w.field)
		}
	}
	if a := accs[3]; a.Err != nil || a.Address != goodAddr {
		t.Errorf("the good file: %+v", a)
	}
	if got := k.List(); len(got) != 1 || got[0] != goodAddr {
		t.Errorf("List = %v, want [%s]", got, goodAddr)
	}
	if got, err := k.Pick(common.Address{}); err != nil || got != goodAddr {
		t.Errorf("Pick(zero) = %s, %v; want the first usable account", got, err)
	}
	if _, err := k.Pick(badAddr); !errors.Is(err, ErrBadKeyFile) || errors.Is(err, ErrNoAccount) {
		t.Errorf("Pick of the malformed file's account: %v, want ErrBadKeyFile", err)
	}
	if _, err := k.Pick(common.Address{9}); !errors.Is(err, ErrNoAccount) || !strings.Contains(err.Error(), "3 malformed key files") {
		t.Errorf("Pick(unknown): %v, want ErrNoAccount mentioning the 3 malformed files", err)
	}
	if _, err := k.Transactor(goodAddr, "pw", big.NewInt(1)); err != nil {
		t.Errorf("the good account beside malformed files: %v", err)
	}
	if err := os.Remove(accs[3].File); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Pick(common.Address{}); !errors.Is(err, ErrBadKeyFile) || !strings.Contains(err.Error(), f0) {
		t.Errorf("Pick(zero) with only malformed files: %v, want ErrBadKeyFile naming %s", err, f0)
	}
}

// TestTransactorContextStops unlocks an account whose file asks for
// c = 10^7 pbkdf2 iterations (two seconds here) with a context already
// ended: it must return at once with the context's error.
func TestTransactorContextStops(t *testing.T) {
	dir := t.TempDir()
	k, err := OpenKeystore(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := encryptKeyFile(t, testKey(t), "pw", map[string]any{"c": 1})
	set(m, kp+"c", MaxPBKDF2Iterations)
	addr := crypto.PubkeyToAddress(testKey(t).PublicKey)
	writeKeystoreFile(t, dir, 0, addr, marshal(t, m))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err = k.TransactorContext(ctx, addr, "pw", big.NewInt(1))
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "key derivation interrupted") {
		t.Errorf("TransactorContext: %v, want an interrupted derivation", err)
	}
	// At once; a second leaves room for a loaded machine, and a derivation
	// that ignored the context would take longer (c = 10^7).
	if d := time.Since(start); d > time.Second {
		t.Errorf("returned after %s", d)
	}
	if _, err := k.SignHash(addr, make([]byte, 32)); err == nil {
		t.Error("signed with a key that was never unlocked")
	}
}

// TestImportKeyFile imports the pbkdf2 test vector (a file that names no
// address) re-encrypted under the keystore's own password and scrypt.
func TestImportKeyFile(t *testing.T) {
	src := filepath.Join(t.TempDir(), "wallet.json")
	if err := os.WriteFile(src, []byte(vectorPBKDF2), 0o600); err != nil {
		t.Fatal(err)
	}
	kf, err := ReadKeyFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "keystore")
	k, err := OpenKeystore(dir, WithLightScrypt())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.ImportKeyFile(context.Background(), kf, "wrong", "new"); !errors.Is(err, ErrBadPassword) {
		t.Fatalf("a wrong file password: %v, want ErrBadPassword", err)
	}
	want := crypto.PubkeyToAddress(testKey(t).PublicKey)
	addr, err := k.ImportKeyFile(context.Background(), kf, "testpassword", "new")
	if err != nil || addr != want {
		t.Fatalf("ImportKeyFile = %s, %v; want %s", addr, err, want)
	}
	if _, err := k.ImportKeyFile(context.Background(), kf, "testpassword", "new"); !errors.Is(err, ErrAccountExists) {
		t.Errorf("a second import: %v, want ErrAccountExists", err)
	}
	accs, err := k.Accounts()
	if err != nil || len(accs) != 1 || accs[0].Err != nil || accs[0].kf.kdf.name != "scrypt" || accs[0].kf.kdf.n != 1<<12 {
		t.Fatalf("keystore after import: %+v, %v; want one scrypt file with the keystore's parameters", accs, err)
	}
	if _, err := k.Transactor(want, "testpassword", big.NewInt(1)); !errors.Is(err, ErrBadPassword) {
		t.Errorf("the file's old password still unlocks: %v", err)
	}
	if _, err := k.Transactor(want, "new", big.NewInt(1)); err != nil {
		t.Errorf("unlock with the new password: %v", err)
	}
	hash := crypto.Keccak256([]byte("x"))
	sig, err := k.SignHash(want, hash)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := crypto.SigToPub(hash, sig)
	if err != nil || crypto.PubkeyToAddress(*pub) != want {
		t.Errorf("signed as %v, %v; want %s", pub, err, want)
	}
	if got, _ := os.ReadFile(src); string(got) != vectorPBKDF2 {
		t.Error("the imported file was modified")
	}
}
