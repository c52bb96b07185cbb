package daemon

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// The API's files in the node's home: the URL it listens on and the bearer
// token that opens it. Other programs of the same user read them (as
// kubo's CLI reads its daemon's "api" file); the token file is 0600.
const (
	apiFile   = "api"
	tokenFile = "api.token"
)

// newToken returns 32 random bytes in hex.
func newToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// writeAPIFiles publishes the API's URL and token in home; the token is
// written first, so that a reader who finds the URL finds its token.
func writeAPIFiles(home, url, token string) error {
	if err := writeFileAtomic(filepath.Join(home, tokenFile), []byte(token+"\n"), 0o600); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(home, apiFile), []byte(url+"\n"), 0o600)
}

// removeAPIFiles takes them away when the API stops.
func removeAPIFiles(home string) {
	os.Remove(filepath.Join(home, apiFile))
	os.Remove(filepath.Join(home, tokenFile))
}

// guard checks every request before a handler runs:
//   - the Host header must name the API's own address (a loopback name or
//     address with its port), so that a page on a DNS-rebinding host name
//     that resolves to 127.0.0.1 is refused;
//   - an Origin header, which browsers send on cross-origin requests,
//     must be the API's own origin;
//   - the bearer token must match (compared in constant time), except on
//     stream URLs (/stream/...), which carry a capability instead.
type guard struct {
	token string
	hosts map[string]bool // acceptable Host header values
	next  http.Handler
}

// newGuard accepts the hosts that name addr (host:port of the listener).
func newGuard(addr net.Addr, token string, next http.Handler) (*guard, error) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return nil, fmt.Errorf("api: listener address %v is not TCP", addr)
	}
	port := fmt.Sprint(tcp.Port)
	g := &guard{token: token, next: next, hosts: map[string]bool{net.JoinHostPort(tcp.IP.String(), port): true}}
	if tcp.IP.IsLoopback() || tcp.IP.IsUnspecified() {
		for _, h := range []string{"127.0.0.1", "localhost", "::1"} {
			g.hosts[net.JoinHostPort(h, port)] = true
		}
	}
	return g, nil
}

var (
	errBadHost   = errors.New("wrong Host header: the API answers only requests to its own address")
	errBadOrigin = errors.New("cross-origin request refused")
	errNoToken   = errors.New("missing or wrong API token (Authorization: Bearer, from the node's api.token file)")
)

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.hosts[strings.ToLower(r.Host)] {
		writeError(w, http.StatusForbidden, "bad_host", errBadHost)
		return
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Scheme != "http" || !g.hosts[strings.ToLower(u.Host)] || !strings.EqualFold(u.Host, r.Host) {
			writeError(w, http.StatusForbidden, "bad_origin", errBadOrigin)
			return
		}
	}
	if strings.HasPrefix(r.URL.Path, "/stream/") {
		// A media player cannot send the token: stream URLs carry a
		// capability of their own, checked by the handler (streamcap.go).
		g.next.ServeHTTP(w, r)
		return
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(g.token)) != 1 {
		writeError(w, http.StatusUnauthorized, "unauthorized", errNoToken)
		return
	}
	g.next.ServeHTTP(w, r)
}
