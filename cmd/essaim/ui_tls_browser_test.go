//go:build browser

package main

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"essaim/daemon"
)

// TestWebInterfaceOverTLS: a node whose API listens off loopback (as for a
// phone on the home network) serves the interface over HTTPS with its own
// certificate. A browser that does not trust it gets no page; one told to
// trust exactly that key (as a user does who compared the fingerprint
// `essaim ui` prints) signs in and uses the interface, whose session
// cookie scripts cannot read.
func TestWebInterfaceOverTLS(t *testing.T) {
	tc := startChain(t, true)
	u := newUser(t, tc, 1)
	startNode(t, u, "", "--api", "0.0.0.0:0")
	var s daemon.SignIn
	u.runJSON(t, &s, "ui")
	if !strings.HasPrefix(s.URL, "https://") || s.Certificate == "" {
		t.Fatalf("sign-in of a node off loopback: %+v", s)
	}

	// Without the node's key, chromium refuses the page.
	stranger := newBrowser(t)
	ctx, cancel := context.WithTimeout(stranger.ctx, 30*time.Second)
	err := chromedp.Do(ctx, chromedp.Navigate(s.URL))
	cancel()
	if err == nil || !strings.Contains(err.Error(), "CERT") {
		t.Fatalf("a browser that does not know the certificate: %v, want a certificate error", err)
	}

	b := newBrowser(t, chromedp.Flag("ignore-certificate-errors-spki-list", spkiHash(t, u.home)))
	b.do(chromedp.Navigate(s.URL))
	b.until("the signed-in interface", `document.getElementById('nav') && !document.getElementById('nav').hidden`, 15*time.Second)
	if p := eval[string](b, "location.protocol"); p != "https:" {
		t.Fatalf("the interface came over %s", p)
	}
	if c := eval[string](b, "document.cookie"); c != "" {
		t.Fatalf("the page can read cookies: %q", c)
	}
	base := s.URL[:strings.Index(s.URL, "/signin")]
	b.open(base + "/#/node")
	b.until("the node's page", `document.querySelector('main').innerText.includes('Reachability')`, 15*time.Second)
	b.checkProblems()
}

// spkiHash is the base64 SHA-256 of the node's public key, the form
// chromium's --ignore-certificate-errors-spki-list takes.
func spkiHash(t *testing.T, home string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(home, "api-tls.crt"))
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatal("no certificate in api-tls.crt")
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	return base64.StdEncoding.EncodeToString(sum[:])
}
