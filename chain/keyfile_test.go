package chain

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/crypto/scrypt"
)

// testKey is the private key of the Web3 Secret Storage test vectors.
const testKeyHex = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"

// Test vectors from the Web3 Secret Storage definition (also in
// go-ethereum's accounts/keystore/testdata): password "testpassword", key
// testKeyHex, no address field.
const (
	vectorPBKDF2 = `{"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},` +
		`"ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",` +
		`"kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},` +
		`"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}`
	vectorScrypt = `{"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},` +
		`"ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",` +
		`"kdfparams":{"dklen":32,"n":262144,"r":1,"p":8,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},` +
		`"mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}`
)

func testKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.HexToECDSA(testKeyHex)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// encryptKeyFile writes key under password as a version 3 key file with the
// given KDF parameters (scrypt when params has "n", else pbkdf2), using
// golang.org/x/crypto's scrypt and the standard pbkdf2 as the reference.
func encryptKeyFile(t testing.TB, key *ecdsa.PrivateKey, password string, params map[string]any) map[string]any {
	t.Helper()
	salt := bytes.Repeat([]byte{0x5a}, 32)
	params["dklen"], params["salt"] = 32, hex.EncodeToString(salt)
	var dk []byte
	var err error
	kdf := "pbkdf2"
	if n, ok := params["n"]; ok {
		kdf = "scrypt"
		dk, err = scrypt.Key([]byte(password), salt, n.(int), params["r"].(int), params["p"].(int), 32)
	} else {
		params["prf"] = "hmac-sha256"
		dk, err = pbkdf2.Key(sha256.New, password, salt, params["c"].(int), 32)
	}
	if err != nil {
		t.Fatal(err)
	}
	iv := bytes.Repeat([]byte{0x17}, 16)
	block, err := aes.NewCipher(dk[:16])
	if err != nil {
		t.Fatal(err)
	}
	ct := make([]byte, 32)
	cipher.NewCTR(block, iv).XORKeyStream(ct, crypto.FromECDSA(key))
	addr := crypto.PubkeyToAddress(key.PublicKey)
	return map[string]any{
		"address": hex.EncodeToString(addr[:]),
		"crypto": map[string]any{
			"cipher": "aes-128-ctr", "cipherparams": map[string]any{"iv": hex.EncodeToString(iv)},
			"ciphertext": hex.EncodeToString(ct), "kdf": kdf, "kdfparams": params,
			"mac": hex.EncodeToString(crypto.Keccak256(dk[16:32], ct)),
		},
		"id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "version": 3,
	}
}

func lightScrypt() map[string]any { return map[string]any{"n": 1 << 10, "r": 8, "p": 1} }

func marshal(t testing.TB, m map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// set changes the field at a dotted path ("crypto.kdfparams.n"); a value
// of deleted removes it.
func set(m map[string]any, path string, v any) {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		m = m[p].(map[string]any)
	}
	if v == deleted {
		delete(m, parts[len(parts)-1])
		return
	}
	m[parts[len(parts)-1]] = v
}

var deleted = new(int)

// keyFileCase is a malformed key file: an edit of a good scrypt file (or of
// a good pbkdf2 one, with pbkdf2 set), or raw bytes.
type keyFileCase struct {
	name   string
	pbkdf2 bool
	edit   map[string]any // path → value
	raw    string
	field  string // the field the error must name
	msg    string // and a part of what it must say
}

func (c keyFileCase) data(t testing.TB) []byte {
	t.Helper()
	if c.raw != "" {
		return []byte(c.raw)
	}
	params := lightScrypt()
	if c.pbkdf2 {
		params = map[string]any{"c": 1000}
	}
	m := encryptKeyFile(t, testKey(t), "pw", params)
	for p, v := range c.edit {
		set(m, p, v)
	}
	return marshal(t, m)
}

func edit(path string, v any) map[string]any { return map[string]any{path: v} }

const kp = "crypto.kdfparams."

// issueCases are the hostile files of issue 9 that crashed, hung or were
// mislabelled before key files were checked.
var issueCases = []keyFileCase{
	{name: "n not a number", edit: edit(kp+"n", "lots"), field: kp + "n", msg: "want an integer, got a string"},
	{name: "n missing", edit: edit(kp+"n", deleted), field: kp + "n", msg: "missing"},
	{name: "kdfparams null", edit: edit("crypto.kdfparams", nil), field: "crypto.kdfparams", msg: "want an object, got null"},
	{name: "pbkdf2 without prf", pbkdf2: true, edit: edit(kp+"prf", deleted), field: kp + "prf", msg: "missing"},
	{name: "dklen 0", edit: edit(kp+"dklen", 0), field: kp + "dklen", msg: "0, want 32"},
	{name: "short iv", edit: edit("crypto.cipherparams.iv", "0011"), field: "crypto.cipherparams.iv", msg: "2 bytes, want 16"},
	{name: "n 2^30", edit: edit(kp+"n", 1<<30), field: kp + "n", msg: "1073741824 is above the limit 1048576"},
	{name: "pbkdf2 c 2^31-1", pbkdf2: true, edit: edit(kp+"c", 1<<31-1), field: kp + "c", msg: "2147483647 is above the limit 10000000"},
	{name: "n 3", edit: edit(kp+"n", 3), field: kp + "n", msg: "3 is not a power of two"},
	{name: "r 2^30", edit: edit(kp+"r", 1<<30), field: kp + "r", msg: "1073741824 is above the limit 256"},
	{name: "p 2^30", edit: edit(kp+"p", 1<<30), field: kp + "p", msg: "1073741824 is above the limit 256"},
	{name: "unknown cipher", edit: edit("crypto.cipher", "aes-256-gcm"), field: "crypto.cipher", msg: `"aes-256-gcm" is not supported`},
	{name: "short mac", edit: edit("crypto.mac", "00ff"), field: "crypto.mac", msg: "2 bytes, want 32"},
}

// moreCases cover every other field and rule.
var moreCases = []keyFileCase{
	{name: "empty file", raw: " ", field: "", msg: "not a JSON document"},
	{name: "not JSON", raw: "{\"version\":3", field: "", msg: "not a JSON document"},
	{name: "trailing data", raw: "{} {}", field: "", msg: "not a JSON document"},
	{name: "an array", raw: "[1,2]", field: "", msg: "want an object, got an array"},
	{name: "key twice", raw: `{"version":3,"version":3}`, field: "version", msg: "given twice"},
	{name: "crypto and Crypto", raw: `{"version":3,"crypto":{},"Crypto":{}}`, field: "crypto", msg: "given twice"},
	{name: "version missing", edit: edit("version", deleted), field: "version", msg: "missing"},
	{name: "version 1", edit: edit("version", 1), field: "version", msg: "1 is not supported"},
	{name: "version a string", edit: edit("version", "3"), field: "version", msg: "want an integer, got a string"},
	{name: "version 3.0", edit: edit("version", json.Number("3.0")), field: "version", msg: "want an integer, got 3.0"},
	{name: "address a number", edit: edit("address", 7), field: "address", msg: "want a string, got a number"},
	{name: "address short", edit: edit("address", "0x1234"), field: "address", msg: "not an address"},
	{name: "address not hex", edit: edit("address", strings.Repeat("zz", 20)), field: "address", msg: "not an address"},
	{name: "address zero", edit: edit("address", strings.Repeat("00", 20)), field: "address", msg: "the zero address"},
	{name: "id a number", edit: edit("id", 5), field: "id", msg: "want a string"},
	{name: "id too long", edit: edit("id", strings.Repeat("a", 65)), field: "id", msg: "longer than 64"},
	{name: "crypto missing", edit: edit("crypto", deleted), field: "crypto", msg: "missing"},
	{name: "crypto a string", edit: edit("crypto", "x"), field: "crypto", msg: "want an object, got a string"},
	{name: "cipher missing", edit: edit("crypto.cipher", deleted), field: "crypto.cipher", msg: "missing"},
	{name: "cipher a number", edit: edit("crypto.cipher", 1), field: "crypto.cipher", msg: "want a string"},
	{name: "cipher huge", edit: edit("crypto.cipher", strings.Repeat("x", 1000)), field: "crypto.cipher", msg: "longer than 32"},
	{name: "cipher control characters", edit: edit("crypto.cipher", "aes\n\x1b[2J"), field: "crypto.cipher", msg: `"aes\n\x1b[2J" is not supported`},
	{name: "cipherparams null", edit: edit("crypto.cipherparams", nil), field: "crypto.cipherparams", msg: "want an object, got null"},
	{name: "iv missing", edit: edit("crypto.cipherparams.iv", deleted), field: "crypto.cipherparams.iv", msg: "missing"},
	{name: "iv long", edit: edit("crypto.cipherparams.iv", strings.Repeat("00", 17)), field: "crypto.cipherparams.iv", msg: "17 bytes, want 16"},
	{name: "iv 0x", edit: edit("crypto.cipherparams.iv", "0x"+strings.Repeat("00", 15)), field: "crypto.cipherparams.iv", msg: "not hex digits"},
	{name: "iv odd", edit: edit("crypto.cipherparams.iv", strings.Repeat("0", 31)), field: "crypto.cipherparams.iv", msg: "not hex digits"},
	{name: "ciphertext 31 bytes", edit: edit("crypto.ciphertext", strings.Repeat("ab", 31)), field: "crypto.ciphertext", msg: "31 bytes, want 32"},
	{name: "ciphertext 33 bytes", edit: edit("crypto.ciphertext", strings.Repeat("ab", 33)), field: "crypto.ciphertext", msg: "33 bytes, want 32"},
	{name: "ciphertext null", edit: edit("crypto.ciphertext", nil), field: "crypto.ciphertext", msg: "want a string, got null"},
	{name: "kdf missing", edit: edit("crypto.kdf", deleted), field: "crypto.kdf", msg: "missing"},
	{name: "kdf argon2", edit: edit("crypto.kdf", "argon2id"), field: "crypto.kdf", msg: `"argon2id" is not supported`},
	{name: "kdfparams missing", edit: edit("crypto.kdfparams", deleted), field: "crypto.kdfparams", msg: "missing"},
	{name: "kdfparams an array", edit: edit("crypto.kdfparams", []int{1}), field: "crypto.kdfparams", msg: "want an object, got an array"},
	{name: "kdfparams key twice", raw: `{"version":3,"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"` + strings.Repeat("00", 16) +
		`"},"ciphertext":"` + strings.Repeat("00", 32) + `","kdf":"scrypt","kdfparams":{"n":2,"N":2}}}`, field: kp + "n", msg: "given twice"},
	{name: "dklen 16", edit: edit(kp+"dklen", 16), field: kp + "dklen", msg: "16, want 32"},
	{name: "dklen 64", edit: edit(kp+"dklen", 64), field: kp + "dklen", msg: "64, want 32"},
	{name: "dklen missing", edit: edit(kp+"dklen", deleted), field: kp + "dklen", msg: "missing"},
	{name: "dklen negative", edit: edit(kp+"dklen", -32), field: kp + "dklen", msg: "-32 is negative"},
	{name: "salt missing", edit: edit(kp+"salt", deleted), field: kp + "salt", msg: "missing"},
	{name: "salt short", edit: edit(kp+"salt", strings.Repeat("ab", 15)), field: kp + "salt", msg: "15 bytes, want 16 to 64"},
	{name: "salt long", edit: edit(kp+"salt", strings.Repeat("ab", 65)), field: kp + "salt", msg: "65 bytes, want 16 to 64"},
	{name: "salt not hex", edit: edit(kp+"salt", strings.Repeat("g", 64)), field: kp + "salt", msg: "not hex digits"},
	{name: "n null", edit: edit(kp+"n", nil), field: kp + "n", msg: "want an integer, got null"},
	{name: "n 0", edit: edit(kp+"n", 0), field: kp + "n", msg: "0 is below the minimum 2"},
	{name: "n 1", edit: edit(kp+"n", 1), field: kp + "n", msg: "1 is below the minimum 2"},
	{name: "n 2^21", edit: edit(kp+"n", 1<<21), field: kp + "n", msg: "2097152 is above the limit 1048576"},
	{name: "n 2^64", edit: edit(kp+"n", json.Number("18446744073709551616")), field: kp + "n", msg: "18446744073709551616 is too large"},
	{name: "n in exponent form", edit: edit(kp+"n", json.Number("1e3")), field: kp + "n", msg: "want an integer, got 1e3"},
	{name: "n with a fraction", edit: edit(kp+"n", json.Number("1024.5")), field: kp + "n", msg: "want an integer, got 1024.5"},
	{name: "n negative", edit: edit(kp+"n", -1024), field: kp + "n", msg: "-1024 is negative"},
	{name: "r 0", edit: edit(kp+"r", 0), field: kp + "r", msg: "0 is below the minimum 1"},
	{name: "r missing", edit: edit(kp+"r", deleted), field: kp + "r", msg: "missing"},
	{name: "r 257", edit: edit(kp+"r", 257), field: kp + "r", msg: "257 is above the limit 256"},
	{name: "r over the memory budget", edit: map[string]any{kp + "n": 1 << 18, kp + "r": 9}, field: kp + "r",
		msg: "9 is above the limit 8 for n = 262144 (r ≤ 256 and 128·n·r ≤ 256 MiB)"},
	{name: "p 0", edit: edit(kp+"p", 0), field: kp + "p", msg: "0 is below the minimum 1"},
	{name: "p a string", edit: edit(kp+"p", "1"), field: kp + "p", msg: "want an integer, got a string"},
	{name: "p 257", edit: map[string]any{kp + "n": 2, kp + "r": 1, kp + "p": 257}, field: kp + "p", msg: "257 is above the limit 256"},
	{name: "p over the work budget", edit: map[string]any{kp + "n": 1 << 18, kp + "r": 8, kp + "p": 3}, field: kp + "p",
		msg: "3 is above the limit 2 for n = 262144, r = 8 (p ≤ 256 and n·r·p ≤ 4194304)"},
	{name: "prf sha512", pbkdf2: true, edit: edit(kp+"prf", "hmac-sha512"), field: kp + "prf", msg: `"hmac-sha512" is not supported`},
	{name: "prf a number", pbkdf2: true, edit: edit(kp+"prf", 256), field: kp + "prf", msg: "want a string, got a number"},
	{name: "c 0", pbkdf2: true, edit: edit(kp+"c", 0), field: kp + "c", msg: "0 is below the minimum 1"},
	{name: "c 10000001", pbkdf2: true, edit: edit(kp+"c", 10_000_001), field: kp + "c", msg: "10000001 is above the limit 10000000"},
	{name: "c missing", pbkdf2: true, edit: edit(kp+"c", deleted), field: kp + "c", msg: "missing"},
	{name: "c a string", pbkdf2: true, edit: edit(kp+"c", "262144"), field: kp + "c", msg: "want an integer, got a string"},
	{name: "mac missing", edit: edit("crypto.mac", deleted), field: "crypto.mac", msg: "missing"},
	{name: "mac 33 bytes", edit: edit("crypto.mac", strings.Repeat("ab", 33)), field: "crypto.mac", msg: "33 bytes, want 32"},
	{name: "mac not hex", edit: edit("crypto.mac", strings.Repeat("x", 64)), field: "crypto.mac", msg: "not hex digits"},
}

func TestParseKeyFileRefuses(t *testing.T) {
	for _, tt := range append(append([]keyFileCase{}, issueCases...), moreCases...) {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseKeyFile(tt.data(t))
			if f != nil || !errors.Is(err, ErrBadKeyFile) {
				t.Fatalf("ParseKeyFile = %v, %v; want ErrBadKeyFile", f, err)
			}
			var ke *KeyFileError
			if !errors.As(err, &ke) || ke.Field != tt.field || !strings.Contains(ke.Msg, tt.msg) {
				t.Errorf("error %q (field %q); want field %q and %q", err, ke.Field, tt.field, tt.msg)
			}
		})
	}
}

func TestParseKeyFileAccepts(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]any // KDF parameters, set after encrypting with cheap ones
		edit   map[string]any
		text   func(string) string // a last edit of the JSON text
	}{
		{name: "go-ethereum's light scrypt", params: map[string]any{"n": keystore.LightScryptN, "r": 8, "p": keystore.LightScryptP}},
		{name: "go-ethereum's standard scrypt", params: map[string]any{"n": keystore.StandardScryptN, "r": 8, "p": keystore.StandardScryptP}},
		{name: "the largest n", params: map[string]any{"n": MaxScryptN, "r": 2, "p": 2}},
		{name: "the largest r", params: map[string]any{"n": 2, "r": MaxScryptR, "p": 1}},
		{name: "the largest p", params: map[string]any{"n": 2, "r": 1, "p": MaxScryptP}},
		{name: "the smallest scrypt", params: map[string]any{"n": 2, "r": 1, "p": 1}},
		{name: "no address, no id", edit: map[string]any{"address": deleted, "id": deleted}},
		{name: "0x address, extra fields", edit: map[string]any{"x-wallet": map[string]any{"any": []int{1}}, "address": "0x" + strings.Repeat("AB", 20)}},
		{name: "Crypto", text: func(s string) string { return strings.Replace(s, `"crypto"`, `"Crypto"`, 1) }},
		{name: "upper-case hex", text: func(s string) string {
			i := strings.Index(s, `"mac":"`) + len(`"mac":"`)
			return s[:i] + strings.ToUpper(s[i:i+64]) + s[i+64:]
		}},
		{name: "the shortest salt", edit: edit(kp+"salt", strings.Repeat("cd", MinSaltLen))},
		{name: "the longest salt", edit: edit(kp+"salt", strings.Repeat("cd", MaxSaltLen))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := encryptKeyFile(t, testKey(t), "pw", lightScrypt())
			for k, v := range tt.params {
				set(m, kp+k, v)
			}
			for p, v := range tt.edit {
				set(m, p, v)
			}
			data := string(marshal(t, m))
			if tt.text != nil {
				data = tt.text(data)
			}
			if _, err := ParseKeyFile([]byte(data)); err != nil {
				t.Fatalf("ParseKeyFile: %v\n%s", err, data)
			}
		})
	}
	for _, c := range []int{1, 262144, MaxPBKDF2Iterations} {
		m := encryptKeyFile(t, testKey(t), "pw", map[string]any{"c": 1})
		set(m, kp+"c", c)
		if _, err := ParseKeyFile(marshal(t, m)); err != nil {
			t.Errorf("pbkdf2 with c = %d: %v", c, err)
		}
	}
}

// FuzzKeyFile feeds ParseKeyFile arbitrary bytes: it never panics, every
// refusal is a *KeyFileError, and every file it accepts is within the
// limits, so that deriving its key is bounded; a cheap one is decrypted.
func FuzzKeyFile(f *testing.F) {
	f.Add([]byte(vectorPBKDF2))
	f.Add([]byte(vectorScrypt))
	for _, c := range append(append([]keyFileCase{}, issueCases...), moreCases...) {
		f.Add(c.data(f))
	}
	for _, params := range []map[string]any{{"n": 2, "r": 1, "p": 1}, {"c": 3}} {
		f.Add(marshal(f, encryptKeyFile(f, testKey(f), "pw", params)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		kf, err := ParseKeyFile(data)
		if err != nil {
			var ke *KeyFileError
			if kf != nil || !errors.As(err, &ke) || !errors.Is(err, ErrBadKeyFile) {
				t.Fatalf("ParseKeyFile = %v, %#v", kf, err)
			}
			return
		}
		k := kf.kdf
		switch k.name {
		case "scrypt":
			if k.n < 2 || k.n > MaxScryptN || k.n&(k.n-1) != 0 || k.r < 1 || k.r > MaxScryptR || k.p < 1 || k.p > MaxScryptP ||
				128*k.n*k.r > MaxScryptMemory || k.n*k.r*k.p > MaxScryptWork {
				t.Fatalf("accepted scrypt n=%d r=%d p=%d", k.n, k.r, k.p)
			}
		case "pbkdf2":
			if k.c < 1 || k.c > MaxPBKDF2Iterations {
				t.Fatalf("accepted pbkdf2 c=%d", k.c)
			}
		default:
			t.Fatalf("accepted kdf %q", k.name)
		}
		if len(k.salt) < MinSaltLen || len(k.salt) > MaxSaltLen {
			t.Fatalf("accepted a salt of %d bytes", len(k.salt))
		}
		if k.n*k.r*k.p+k.c <= 1<<12 {
			key, err := kf.Decrypt(context.Background(), "pw")
			if (key == nil) == (err == nil) {
				t.Fatalf("Decrypt = %v, %v", key, err)
			}
		}
	})
}
