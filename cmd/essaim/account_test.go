package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
