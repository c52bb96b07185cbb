package daemon

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAPIOverTLS: an API that speaks HTTPS serves nothing over plain
// HTTP, is trusted by the CLI through the certificate in the home and by
// nobody else, accepts only https origins, hands out a sign-in with the
// certificate's fingerprint and a Secure session cookie.
func TestAPIOverTLS(t *testing.T) {
	net := newTestNet(t)
	d := net.start(nil, func(c *Config) { c.APITLS = true })
	c := d.client(t)
	if !strings.HasPrefix(c.URL(), "https://127.0.0.1:") {
		t.Fatalf("API URL %q, want https on 127.0.0.1", c.URL())
	}
	host := strings.TrimPrefix(c.URL(), "https://")

	// Plain HTTP to the same port: no answer of the API.
	req, _ := http.NewRequest(http.MethodGet, "http://"+host+"/api/v1/status", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Fatal("plain HTTP got the status")
		}
	}
	// A client that trusts the system's authorities only refuses it.
	req, _ = http.NewRequest(http.MethodGet, c.URL()+"/api/v1/status", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	var unknown x509.UnknownAuthorityError
	if _, err := http.DefaultClient.Do(req); !errors.As(err, &unknown) {
		t.Fatalf("a client without the node's certificate: %v, want an unknown authority", err)
	}

	for _, tt := range []struct {
		origin string
		want   int
	}{
		{"https://" + host, http.StatusOK},
		{"http://" + host, http.StatusForbidden},
	} {
		req, _ := http.NewRequest(http.MethodGet, c.URL()+"/api/v1/status", nil)
		req.Header.Set("Authorization", "Bearer "+c.token)
		req.Header.Set("Origin", tt.origin)
		resp, err := c.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Fatalf("origin %s: %d, want %d", tt.origin, resp.StatusCode, tt.want)
		}
	}

	s, err := c.SignIn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := os.ReadFile(filepath.Join(d.cfg.Home, tlsCertFile))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(certPEM)
	if b == nil || s.Certificate != fingerprint(b.Bytes) || !strings.HasPrefix(s.URL, "https://127.0.0.1:") {
		t.Fatalf("sign-in %+v; certificate in the home %s", s, fingerprint(b.Bytes))
	}
	noRedirect := &http.Client{Transport: c.hc.Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) != 1 || !cookies[0].Secure || !cookies[0].HttpOnly {
		t.Fatalf("sign-in over HTTPS set %v, want one Secure HttpOnly cookie", cookies)
	}
}

// TestAPICertificateKeptAndRenewed: the node's certificate is made once
// and kept while it names the API's addresses and has a day left; another
// address or its end makes a new one; a file it cannot read or a key
// others can read is an error, not replaced.
func TestAPICertificateKeptAndRenewed(t *testing.T) {
	home := t.TempDir()
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	lo := []net.IP{net.IPv4(127, 0, 0, 1)}
	a, err := loadOrMakeTLS(home, lo, now)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(home, tlsKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	again, err := loadOrMakeTLS(home, lo, now.Add(30*24*time.Hour))
	if err != nil || again.Fingerprint() != a.Fingerprint() {
		t.Fatalf("a month later: %v, same certificate %v", err, err == nil && again.Fingerprint() == a.Fingerprint())
	}
	lan := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv4(192, 168, 1, 10)}
	wider, err := loadOrMakeTLS(home, lan, now)
	if err != nil || wider.Fingerprint() == a.Fingerprint() || !covers(wider.leaf, lan) {
		t.Fatalf("another address: %v; a new certificate naming both wanted", err)
	}
	late, err := loadOrMakeTLS(home, lan, wider.leaf.NotAfter.Add(-time.Hour))
	if err != nil || late.Fingerprint() == wider.Fingerprint() {
		t.Fatalf("an hour before its end: %v; a new certificate wanted", err)
	}
	// The server and a client pinned to it agree.
	if _, err := tls.X509KeyPair(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: late.leaf.Raw}),
		mustRead(t, filepath.Join(home, tlsKeyFile))); err != nil {
		t.Fatal(err)
	}

	if err := os.Chmod(filepath.Join(home, tlsKeyFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadOrMakeTLS(home, lan, now); err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Fatalf("a key readable by others: %v", err)
	}
	if err := os.WriteFile(filepath.Join(home, tlsKeyFile), []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadOrMakeTLS(home, lan, now); err == nil || !strings.Contains(err.Error(), "remove") {
		t.Fatalf("a key that is not one: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
