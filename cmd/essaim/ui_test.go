package main

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"essaim/daemon"
)

// TestUICommand: `essaim ui` asks the home's node for a sign-in URL; the
// URL signs a browser in once. Without a node it says how to start one;
// --open without a desktop opener still prints the URL, then says so.
func TestUICommand(t *testing.T) {
	tc := startChain(t, true)
	u := newUser(t, tc, 1)
	if _, stderr, code := u.run(t, "ui"); code != 1 || !strings.Contains(stderr, "no node is running") {
		t.Fatalf("ui without a node: exit %d: %s", code, stderr)
	}
	if _, stderr, code := u.run(t, "ui", "extra"); code != 2 {
		t.Fatalf("ui with an argument: exit %d: %s", code, stderr)
	}
	startNode(t, u, "")
	stdout, stderr, code := u.run(t, "ui")
	if code != 0 || !strings.HasPrefix(stdout, "http://127.0.0.1:") || !strings.Contains(stdout, "/signin?code=") {
		t.Fatalf("ui: exit %d: %s%s", code, stdout, stderr)
	}
	var s daemon.SignIn
	u.runJSON(t, &s, "ui")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i, want := range []int{http.StatusSeeOther, http.StatusForbidden} {
		resp, err := noFollow.Get(s.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("use %d of the sign-in URL: %d, want %d", i+1, resp.StatusCode, want)
		}
	}
	stdout, stderr, code = run(t, append(u.env, "PATH=/nonexistent"), "ui", "--open")
	if code != 1 || !strings.Contains(stdout, "/signin?code=") || !strings.Contains(stderr, "no program to open the URL") {
		t.Fatalf("ui --open without an opener: exit %d: %s%s", code, stdout, stderr)
	}
}

// TestUIOffLoopback: a node whose API listens on every address speaks
// HTTPS with its own certificate: the CLI on the box still talks to it,
// and `essaim ui` prints the certificate's fingerprint; --api-tls does the
// same on loopback.
func TestUIOffLoopback(t *testing.T) {
	tc := startChain(t, true)
	for _, extra := range [][]string{{"--api", "0.0.0.0:0"}, {"--api-tls"}} {
		u := newUser(t, tc, 1)
		startNode(t, u, "", extra...)
		var s daemon.SignIn
		u.runJSON(t, &s, "ui")
		if !strings.HasPrefix(s.URL, "https://127.0.0.1:") || len(s.Certificate) != 95 {
			t.Fatalf("ui with %v: %+v", extra, s)
		}
		stdout, stderr, code := u.run(t, "ui")
		if code != 0 || !strings.Contains(stdout, s.Certificate) || !strings.Contains(stdout, "https://127.0.0.1:") {
			t.Fatalf("ui with %v: exit %d: %s%s", extra, code, stdout, stderr)
		}
		if extra[0] == "--api" {
			lanSignIn(t, u.home, s)
		}
		// Plain HTTP to it gets nothing of the API.
		resp, err := http.Get("http" + strings.TrimPrefix(s.URL, "https"))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("plain HTTP to an HTTPS API: %d", resp.StatusCode)
			}
		}
	}
}

// lanSignIn: a node listening on every address gives a sign-in URL for
// each IPv4 address of the machine besides loopback, which a browser elsewhere
// would use; the first one signs in over HTTPS with the node's
// certificate (its address is in it, and the Host check takes it).
func lanSignIn(t *testing.T, home string, s daemon.SignIn) {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			want++
		}
	}
	if len(s.Elsewhere) != want {
		t.Fatalf("sign-in URLs for other devices %v, want one per address of the machine (%d)", s.Elsewhere, want)
	}
	if want == 0 {
		return // a machine with loopback alone: nothing else to reach it by
	}
	pool := x509.NewCertPool()
	pem, err := os.ReadFile(filepath.Join(home, "api-tls.crt"))
	if err != nil || !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("the node's certificate: %v", err)
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(s.Elsewhere[0])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in from another device at %s: %d", s.Elsewhere[0], resp.StatusCode)
	}
}
