package daemon

import (
	"context"
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
	"time"
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
//   - the web interface's files and its sign-in URL are open (they hold
//     no data: the page asks the API like any client);
//   - stream URLs (/stream/...) carry a capability instead, which their
//     handler checks;
//   - everything else needs the bearer token (compared in constant time)
//     or a browser session's cookie; with the cookie, a call that may
//     change anything (not GET or HEAD) also needs the session's CSRF
//     token in the X-Essaim-CSRF header and an Origin header.
type guard struct {
	token    string
	hosts    map[string]bool // acceptable Host header values
	sessions *webSessions
	cookie   string                   // the session cookie's name, with the port
	scheme   string                   // "http", or "https" off loopback
	public   func(*http.Request) bool // the web interface's open paths
	next     http.Handler
}

// newGuard accepts the hosts that name addr (host:port of the listener)
// or one of answers (the addresses it answers on) with its port, and
// origins of scheme ("http" or "https") with those hosts.
func newGuard(addr net.Addr, answers []net.IP, scheme, token string, sessions *webSessions, public func(*http.Request) bool, next http.Handler) (*guard, error) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return nil, fmt.Errorf("api: listener address %v is not TCP", addr)
	}
	port := fmt.Sprint(tcp.Port)
	g := &guard{token: token, next: next, sessions: sessions, public: public, cookie: sessionCookie(tcp.Port), scheme: scheme,
		hosts: map[string]bool{net.JoinHostPort(tcp.IP.String(), port): true}}
	for _, ip := range answers {
		g.hosts[net.JoinHostPort(ip.String(), port)] = true
	}
	if tcp.IP.IsLoopback() || tcp.IP.IsUnspecified() {
		for _, h := range []string{"127.0.0.1", "localhost", "::1"} {
			g.hosts[net.JoinHostPort(h, port)] = true
		}
	}
	return g, nil
}

// sessionCookie names the session cookie of the API on port: cookies do
// not tell ports apart, and two nodes of one machine must not sign each
// other's browsers out.
func sessionCookie(port int) string { return fmt.Sprintf("essaim_session_%d", port) }

// csrfHeader carries a browser session's CSRF token.
const csrfHeader = "X-Essaim-CSRF"

var (
	errBadHost   = errors.New("wrong Host header: the API answers only requests to its own address")
	errBadOrigin = errors.New("cross-origin request refused")
	errNoToken   = errors.New("missing or wrong API token (Authorization: Bearer, from the node's api.token file)")
)

// authKey is the request context's key for how the request was let in.
type authKey struct{}

// auth says how a request was let in.
type auth int

const (
	authNone   auth = iota // open paths and stream URLs
	authBearer             // the API token
	authCookie             // a browser session
)

// authOf is how r was let in.
func authOf(r *http.Request) auth {
	a, _ := r.Context().Value(authKey{}).(auth)
	return a
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w.Header())
	if !g.hosts[strings.ToLower(r.Host)] {
		writeError(w, http.StatusForbidden, "bad_host", errBadHost)
		return
	}
	origin := r.Header.Get("Origin")
	if origin != "" {
		u, err := url.Parse(origin)
		if err != nil || u.Scheme != g.scheme || !g.hosts[strings.ToLower(u.Host)] || !strings.EqualFold(u.Host, r.Host) {
			writeError(w, http.StatusForbidden, "bad_origin", errBadOrigin)
			return
		}
	}
	if strings.HasPrefix(r.URL.Path, "/stream/") || g.public(r) {
		// A media player cannot send the token: stream URLs carry a
		// capability of their own, checked by the handler (streamcap.go).
		g.next.ServeHTTP(w, r)
		return
	}
	if h := r.Header.Get("Authorization"); h != "" {
		got, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(g.token)) != 1 {
			writeError(w, http.StatusUnauthorized, "unauthorized", errNoToken)
			return
		}
		g.next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, authBearer)))
		return
	}
	c, err := r.Cookie(g.cookie)
	if err != nil {
		writeError(w, http.StatusUnauthorized, "unauthorized", errNoToken)
		return
	}
	ses, ok := g.sessions.lookup(c.Value, time.Now())
	if !ok {
		writeError(w, http.StatusUnauthorized, "signed_out", errNoSession)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// SameSite=Strict keeps the cookie off other sites' requests;
		// the token and the Origin stand behind it.
		if origin == "" || subtle.ConstantTimeCompare([]byte(r.Header.Get(csrfHeader)), []byte(ses.csrf)) != 1 {
			writeError(w, http.StatusForbidden, "csrf", errCSRF)
			return
		}
	}
	g.next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, authCookie)))
}

// contentSecurityPolicy lets a page load and run only the node's own
// files: no inline script or style, no other origin, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders are set on every answer of the API's address.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}
