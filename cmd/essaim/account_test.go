package main

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"essaim/chain"
	"essaim/chain/devnet"
)

// secretsAbsent fails when a private key or password shows in any output or
// in clear in any file under dir.
func secretsAbsent(t *testing.T, dir string, outputs []string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		for _, o := range outputs {
			if strings.Contains(strings.ToLower(o), strings.ToLower(s)) {
				t.Errorf("secret %.6s… printed: %q", s, o)
			}
		}
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(string(data)), strings.ToLower(s)) {
				t.Errorf("secret %.6s… in clear in %s", s, p)
			}
		}
		return nil
	})
}

func TestAccountNewImportList(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	password := "s3cret-Pa55word"
	pwFile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwFile, []byte(password+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dev := devnet.Accounts()[3]
	keyHex := strings.TrimPrefix(dev.KeyHex(), "0x")
	keyFile := filepath.Join(dir, "key")
	keyData := []byte("  0x" + keyHex + "\n\n")
	if err := os.WriteFile(keyFile, keyData, 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"ESSAIM_HOME=" + home, "ESSAIM_LIGHTKDF=1"}
	var outputs []string
	step := func(wantCode int, args ...string) string {
		t.Helper()
		stdout, stderr, code := run(t, env, args...)
		outputs = append(outputs, stdout, stderr)
		if code != wantCode {
			t.Fatalf("essaim %q: exit %d, want %d: %s", args, code, wantCode, stderr)
		}
		return stdout + stderr
	}

	if out := step(0, "account", "list"); !strings.Contains(out, "no account") {
		t.Errorf("empty list: %q", out)
	}
	out := step(0, "account", "new", "--password-file", pwFile, "--json")
	var created accountResult
	if err := json.Unmarshal([]byte(out), &created); err != nil {
		t.Fatal(err)
	}
	out = step(0, "account", "import", "--private-key-file", keyFile, "--password-file", pwFile)
	if !strings.Contains(out, dev.Address.Hex()) {
		t.Errorf("import printed %q, want %s", out, dev.Address.Hex())
	}
	out = step(exitFailure, "account", "import", "--private-key-file", keyFile, "--password-file", pwFile)
	if !strings.Contains(out, "already in the keystore") {
		t.Errorf("second import: %q", out)
	}
	out = step(0, "account", "list", "--json")
	var list []string
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0] != created.Address || list[1] != dev.Address.Hex() {
		t.Errorf("list %q, want [%s %s]", list, created.Address, dev.Address.Hex())
	}

	if got, _ := os.ReadFile(keyFile); string(got) != string(keyData) {
		t.Error("the imported key file was modified")
	}
	ksDir := filepath.Join(home, "keystore")
	for _, d := range []string{home, ksDir} {
		if fi, err := os.Stat(d); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, %v; want 0700", d, fi.Mode().Perm(), err)
		}
	}
	files, _ := os.ReadDir(ksDir)
	if len(files) != 2 {
		t.Fatalf("%d key files, want 2", len(files))
	}
	for _, f := range files {
		if fi, _ := f.Info(); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", f.Name(), fi.Mode().Perm())
		}
	}
	secretsAbsent(t, home, outputs, keyHex, password)
}

func TestAccountErrors(t *testing.T) {
	dir := t.TempDir()
	env := []string{"ESSAIM_HOME=" + filepath.Join(dir, "home"), "ESSAIM_LIGHTKDF=1"}
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pw := write("pw", "pw\n")
	notKey := "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ffzz"
	tests := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"no password on a pipe", []string{"account", "new"}, exitFailure, "use --password-file"},
		{"empty password file", []string{"account", "new", "--password-file", write("empty", "\nsecond")}, exitFailure, "first line is empty"},
		{"missing password file", []string{"account", "new", "--password-file", filepath.Join(dir, "nope")}, exitFailure, "no such file"},
		{"password as an argument", []string{"account", "new", "hunter2"}, exitUsage, "takes no arguments"},
		{"import without a key file", []string{"account", "import", "--password-file", pw}, exitUsage, "--private-key-file"},
		{"import a bad key", []string{"account", "import", "--private-key-file", write("bad", notKey), "--password-file", pw}, exitFailure, "not a private key"},
		{"import a short key", []string{"account", "import", "--private-key-file", write("short", "abcd"), "--password-file", pw}, exitFailure, "not a private key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, env, tt.args...)
			wantOneLine(t, stdout, stderr, code, tt.code, tt.message)
			if strings.Contains(stderr, "ffzz") || strings.Contains(stderr, "hunter2") {
				t.Errorf("stderr quotes a secret: %q", stderr)
			}
		})
	}
}

// keyFileJSON is a keystore file holding key under password, encrypted with
// go-ethereum's cheap scrypt parameters, as a JSON map for a test to edit.
func keyFileJSON(t *testing.T, key *ecdsa.PrivateKey, password string) map[string]any {
	t.Helper()
	cj, err := keystore.EncryptDataV3(crypto.FromECDSA(key), []byte(password), keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	b, err := json.Marshal(map[string]any{"address": hex.EncodeToString(addr[:]), "crypto": cj,
		"id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "version": 3})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// writeKeystoreFile puts a key file for addr, with the given JSON, in
// home's keystore folder, under the name go-ethereum would give it.
func writeKeystoreFile(t *testing.T, home string, addr common.Address, m map[string]any) string {
	t.Helper()
	dir := filepath.Join(home, "keystore")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "UTC--2026-01-02T03-04-05.000000000Z--"+hex.EncodeToString(addr[:]))
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// hostileEdits are the keystore files of issue 9, each an edit of a good
// file's "crypto" object, with the field the refusal must name.
var hostileEdits = []struct {
	name, field string
	edit        func(c, kdf map[string]any)
}{
	{"n not a number", "crypto.kdfparams.n", func(c, kdf map[string]any) { kdf["n"] = "lots" }},
	{"n missing", "crypto.kdfparams.n", func(c, kdf map[string]any) { delete(kdf, "n") }},
	{"kdfparams null", "crypto.kdfparams", func(c, kdf map[string]any) { c["kdfparams"] = nil }},
	{"pbkdf2 without prf", "crypto.kdfparams.prf", func(c, kdf map[string]any) {
		c["kdf"] = "pbkdf2"
		c["kdfparams"] = map[string]any{"c": 1000, "dklen": 32, "salt": kdf["salt"]}
	}},
	{"dklen 0", "crypto.kdfparams.dklen", func(c, kdf map[string]any) { kdf["dklen"] = 0 }},
	{"short iv", "crypto.cipherparams.iv", func(c, kdf map[string]any) { c["cipherparams"] = map[string]any{"iv": "0011"} }},
	{"n 2^30", "crypto.kdfparams.n", func(c, kdf map[string]any) { kdf["n"] = 1 << 30 }},
	{"pbkdf2 c 2^31-1", "crypto.kdfparams.c", func(c, kdf map[string]any) {
		c["kdf"] = "pbkdf2"
		c["kdfparams"] = map[string]any{"c": 1<<31 - 1, "dklen": 32, "prf": "hmac-sha256", "salt": kdf["salt"]}
	}},
	{"n 3", "crypto.kdfparams.n", func(c, kdf map[string]any) { kdf["n"] = 3 }},
	{"r 2^30", "crypto.kdfparams.r", func(c, kdf map[string]any) { kdf["r"] = 1 << 30 }},
	{"p 2^30", "crypto.kdfparams.p", func(c, kdf map[string]any) { kdf["p"] = 1 << 30 }},
	{"unknown cipher", "crypto.cipher", func(c, kdf map[string]any) { c["cipher"] = "aes-256-gcm" }},
	{"short mac", "crypto.mac", func(c, kdf map[string]any) { c["mac"] = "00ff" }},
}

// TestBuyRefusesHostileKeyFile runs `essaim buy` with each hostile keystore
// file of issue 9 as the buyer's only account: one line naming the file and
// the field, exit 1, no panic, no hang, nothing spent. The untouched file
// buys, so every refusal is the file's doing.
func TestBuyRefusesHostileKeyFile(t *testing.T) {
	t.Parallel()
	tc := startChain(t, true)
	creator := newUser(t, tc, 0)
	var reg registerResult
	creator.runJSON(t, &reg, "register", newWork(t, "a hostile film"), "--title", "Hostile", "--price", "1000")
	buyer := devnet.Accounts()[1]

	buy := func(t *testing.T, edit func(c, kdf map[string]any)) (string, string, int, string) {
		t.Helper()
		dir := t.TempDir()
		home := filepath.Join(dir, "home")
		m := keyFileJSON(t, buyer.Key, "pw")
		if edit != nil {
			c := m["crypto"].(map[string]any)
			edit(c, c["kdfparams"].(map[string]any))
		}
		file := writeKeystoreFile(t, home, buyer.Address, m)
		pw := filepath.Join(dir, "pw")
		if err := os.WriteFile(pw, []byte("pw\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		env := []string{"ESSAIM_HOME=" + home, "ESSAIM_PASSWORD_FILE=" + pw, "ESSAIM_RPC=" + tc.rpc}
		stdout, stderr, code := run(t, env, "buy", reg.Work)
		return stdout, stderr, code, file
	}
	if _, stderr, code, _ := buy(t, nil); code != 0 {
		t.Fatalf("the untouched key file: exit %d: %s", code, stderr)
	}
	for _, tt := range hostileEdits {
		t.Run(tt.name, func(t *testing.T) {
			before := tc.balance(t, buyer.Address)
			start := time.Now()
			stdout, stderr, code, file := buy(t, tt.edit)
			wantOneLine(t, stdout, stderr, code, exitFailure, "keystore file "+file+": "+tt.field+": ")
			t.Log(strings.TrimSpace(stderr))
			if strings.Contains(stderr, "no such account") {
				t.Errorf("a malformed file reported as a missing account: %q", stderr)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("the refusal took %s", d)
			}
			wantBig(t, "buyer's balance", tc.balance(t, buyer.Address), before)
		})
	}
}

// The Web3 Secret Storage pbkdf2 test vector: password "testpassword", no
// address field.
const (
	vectorPBKDF2 = `{"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},` +
		`"ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",` +
		`"kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},` +
		`"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}`
	vectorKey = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"
)

func TestAccountImportKeystoreFile(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	env := []string{"ESSAIM_HOME=" + home, "ESSAIM_LIGHTKDF=1"}
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	wallet := write("wallet.json", vectorPBKDF2)
	filePW, newPW := write("file-pw", "testpassword\n"), write("new-pw", "n3w-Passw0rd\n")
	key, err := crypto.HexToECDSA(vectorKey)
	if err != nil {
		t.Fatal(err)
	}
	want := crypto.PubkeyToAddress(key.PublicKey).Hex()
	var outputs []string
	imp := func(args ...string) (string, string, int) {
		stdout, stderr, code := run(t, env, append([]string{"account", "import"}, args...)...)
		outputs = append(outputs, stdout, stderr)
		return stdout, stderr, code
	}

	stdout, stderr, code := imp("--keystore-file", wallet, "--keystore-password-file", newPW, "--password-file", newPW)
	wantOneLine(t, stdout, stderr, code, exitFailure, "--keystore-file "+wallet+": the password does not decrypt it (check --keystore-password-file)")
	stdout, stderr, code = imp("--keystore-file", wallet, "--keystore-password-file", filePW, "--password-file", newPW, "--json")
	var res accountResult
	if code != 0 || json.Unmarshal([]byte(stdout), &res) != nil || res.Address != want {
		t.Fatalf("import: exit %d, %q %q; want %s", code, stdout, stderr, want)
	}
	stdout, stderr, code = imp("--keystore-file", wallet, "--keystore-password-file", filePW, "--password-file", newPW)
	wantOneLine(t, stdout, stderr, code, exitFailure, "already in the keystore")

	// The keystore holds the key re-encrypted with its own scrypt.
	out, _, _ := run(t, env, "account", "list")
	if strings.TrimSpace(out) != want {
		t.Errorf("account list: %q, want %s", out, want)
	}
	if got, _ := os.ReadFile(wallet); string(got) != vectorPBKDF2 {
		t.Error("the imported file was modified")
	}
	files, _ := os.ReadDir(filepath.Join(home, "keystore"))
	if len(files) != 1 {
		t.Fatalf("%d files in the keystore, want 1", len(files))
	}
	stored, _ := os.ReadFile(filepath.Join(home, "keystore", files[0].Name()))
	if !strings.Contains(string(stored), `"kdf":"scrypt"`) {
		t.Errorf("the stored key file is not the keystore's own scrypt: %s", stored)
	}
	secretsAbsent(t, home, outputs, vectorKey, "testpassword", "n3w-Passw0rd")
}

// tempFile writes data to a new file in dir and returns its path.
func tempFile(t *testing.T, dir, data string) string {
	t.Helper()
	f, err := os.CreateTemp(dir, "*.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(data); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

func TestAccountImportRefusesHostileKeystoreFile(t *testing.T) {
	dir := t.TempDir()
	env := []string{"ESSAIM_HOME=" + filepath.Join(dir, "home"), "ESSAIM_LIGHTKDF=1"}
	key := devnet.Accounts()[2].Key
	for i, tt := range hostileEdits {
		t.Run(tt.name, func(t *testing.T) {
			m := keyFileJSON(t, key, "pw")
			c := m["crypto"].(map[string]any)
			tt.edit(c, c["kdfparams"].(map[string]any))
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "hostile"+itoa(i)+".json")
			if err := os.WriteFile(file, b, 0o600); err != nil {
				t.Fatal(err)
			}
			// No password given: the file is refused before one is asked for.
			stdout, stderr, code := run(t, env, "account", "import", "--keystore-file", file)
			wantOneLine(t, stdout, stderr, code, exitFailure, "--keystore-file: keystore file "+file+": "+tt.field+": ")
		})
	}
	for _, tt := range []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"both kinds of file", []string{"--keystore-file", "a", "--private-key-file", "b"}, exitUsage, "not both"},
		{"neither", nil, exitUsage, "--private-key-file FILE or --keystore-file FILE"},
		{"missing file", []string{"--keystore-file", filepath.Join(dir, "nope")}, exitFailure, "no such file"},
		{"a folder", []string{"--keystore-file", dir}, exitFailure, "not a regular file"},
		{"a device", []string{"--keystore-file", "/dev/zero"}, exitFailure, "not a regular file"},
		{"not JSON", []string{"--keystore-file", tempFile(t, dir, "{")}, exitFailure, "not a JSON document"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, env, append([]string{"account", "import"}, tt.args...)...)
			wantOneLine(t, stdout, stderr, code, tt.code, tt.message)
		})
	}
}

// TestAccountListReportsMalformedFiles: a malformed key file is reported
// on stderr, naming the file and the field, and is not listed.
func TestAccountListReportsMalformedFiles(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	env := []string{"ESSAIM_HOME=" + home, "ESSAIM_LIGHTKDF=1"}
	good := devnet.Accounts()[4]
	hostile := keyFileJSON(t, devnet.Accounts()[5].Key, "pw")
	hostile["crypto"].(map[string]any)["kdfparams"].(map[string]any)["n"] = 3
	file := writeKeystoreFile(t, home, devnet.Accounts()[5].Address, hostile)
	keyFile := filepath.Join(dir, "key")
	pw := filepath.Join(dir, "pw")
	os.WriteFile(keyFile, []byte(good.KeyHex()), 0o600)
	os.WriteFile(pw, []byte("pw\n"), 0o600)
	if _, stderr, code := run(t, env, "account", "import", "--private-key-file", keyFile, "--password-file", pw); code != 0 {
		t.Fatal(stderr)
	}
	for _, json := range []bool{false, true} {
		args := []string{"account", "list"}
		if json {
			args = append(args, "--json")
		}
		stdout, stderr, code := run(t, env, args...)
		warning := "essaim: warning: keystore file " + file + ": crypto.kdfparams.n: 3 is not a power of two (skipped"
		if code != 0 || !strings.HasPrefix(stderr, warning) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("account list: exit %d, stderr %q; want exit 0 and the warning %q", code, stderr, warning)
		}
		if !strings.Contains(stdout, good.Address.Hex()) || strings.Contains(stdout, devnet.Accounts()[5].Address.Hex()) {
			t.Errorf("account list: stdout %q, want only %s", stdout, good.Address.Hex())
		}
	}
}

// cpuTime is the CPU time a running process has used so far, from
// /proc/PID/stat (utime and stime, in clock ticks of 10 ms).
func cpuTime(t *testing.T, pid int) time.Duration {
	t.Helper()
	b, err := os.ReadFile("/proc/" + itoa(pid) + "/stat")
	if err != nil {
		return 0 // exited: the caller sees it through the process
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// TestBuyInterruptedDuringKeyDerivation: the buyer's key file asks for the
// most pbkdf2 iterations allowed (about 2 s of CPU here). Once `essaim buy`
// has spent 300 ms of CPU (start-up takes about 20 ms) it is deriving;
// SIGINT must then stop it at once, saying so, with nothing spent. "At
// once" is judged by the CPU it spends after the signal, which other tests
// running beside it do not inflate (a derivation that ran to its end would
// spend about 1.7 s more); the wall-clock bound only catches a hang.
func TestBuyInterruptedDuringKeyDerivation(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	t.Parallel()
	tc := startChain(t, true)
	creator := newUser(t, tc, 0)
	var reg registerResult
	creator.runJSON(t, &reg, "register", newWork(t, "a long film"), "--title", "Long", "--price", "1000")
	buyer := devnet.Accounts()[6]
	dir := t.TempDir()
	u := &user{home: filepath.Join(dir, "home"), pwFile: filepath.Join(dir, "pw"), addr: buyer.Address}
	if err := os.WriteFile(u.pwFile, []byte("pw\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	u.env = []string{"ESSAIM_HOME=" + u.home, "ESSAIM_PASSWORD_FILE=" + u.pwFile, "ESSAIM_RPC=" + tc.rpc}
	m := keyFileJSON(t, buyer.Key, "pw")
	c := m["crypto"].(map[string]any)
	c["kdf"] = "pbkdf2"
	c["kdfparams"] = map[string]any{"c": chain.MaxPBKDF2Iterations, "dklen": 32, "prf": "hmac-sha256",
		"salt": c["kdfparams"].(map[string]any)["salt"]}
	writeKeystoreFile(t, u.home, buyer.Address, m)
	before := tc.balance(t, buyer.Address)

	p := u.start(t, "buy", reg.Work)
	waitFor(t, "300 ms of CPU in essaim buy", 30*time.Second, func() bool {
		select {
		case <-p.done:
			t.Fatalf("buy exited with %d before being interrupted: %s", p.code, p.stderr.String())
		default:
		}
		return cpuTime(t, p.cmd.Process.Pid) >= 300*time.Millisecond
	})
	cpuAtSignal := cpuTime(t, p.cmd.Process.Pid)
	sent := time.Now()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	code := p.wait(t, 30*time.Second)
	took := time.Since(sent)
	cpu := p.cmd.ProcessState.UserTime() + p.cmd.ProcessState.SystemTime()
	t.Logf("exited %s after SIGINT, %s of CPU after it, %s in all", took.Round(time.Millisecond),
		(cpu - cpuAtSignal).Round(time.Millisecond), cpu.Round(time.Millisecond))
	wantOneLine(t, p.stdout.String(), p.stderr.String(), code, exitFailure, "key derivation interrupted")
	if cpu-cpuAtSignal > 500*time.Millisecond {
		t.Errorf("spent %s of CPU after SIGINT, want at most 500 ms", cpu-cpuAtSignal)
	}
	if took > 3*time.Second {
		t.Errorf("exited %s after SIGINT, want within 3 s", took)
	}
	wantBig(t, "buyer's balance", tc.balance(t, buyer.Address), before)
}
