package daemon

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"time"
)

// Browser sessions of the web interface (docs/SECURITY.md, "The web
// interface"). A browser cannot read <home>/api.token, so it signs in as
// Jupyter's users do: `essaim ui` asks the node (with the token) for a
// one-time sign-in code and opens the URL that carries it; the node
// trades the code, once, for a session cookie (HttpOnly, SameSite=Strict)
// and a CSRF token that the page sends back in a header with every call
// that changes anything.
//
// webSessions holds the codes and sessions in memory only: a restart of
// the node signs every browser out. Codes and session ids are kept by
// their SHA-256, so a map lookup's timing says nothing about a secret.

const (
	// signInLife is how long a sign-in code can be used (once).
	signInLife = 5 * time.Minute
	// sessionLife is how long a browser stays signed in.
	sessionLife = 24 * time.Hour
	// maxSignIns and maxSessions bound memory: the oldest goes first.
	maxSignIns  = 16
	maxSessions = 32
)

var (
	errSignInRefused = errors.New("this sign-in link was used already or has expired: run `essaim ui` for a new one")
	errCSRF          = errors.New("the request lacks the page's CSRF token (reload the page)")
	errNoSession     = errors.New("no browser session: sign in with the URL `essaim ui` prints")
)

// webSession is one signed-in browser.
type webSession struct {
	csrf    string
	expires time.Time
}

// webSessions mints sign-in codes and keeps sessions; safe for concurrent
// use. Time is an argument, so the rules are tested without a clock.
type webSessions struct {
	mu       sync.Mutex
	codes    map[string]time.Time  // sha256(code) → expiry
	sessions map[string]webSession // sha256(id) → session
}

func newWebSessions() *webSessions {
	return &webSessions{codes: map[string]time.Time{}, sessions: map[string]webSession{}}
}

// secret returns 32 random bytes in hex.
func secret() (string, error) { return newToken() }

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// newCode mints a sign-in code good once, until the time it returns.
func (s *webSessions) newCode(now time.Time) (string, time.Time, error) {
	code, err := secret()
	if err != nil {
		return "", time.Time{}, err
	}
	exp := now.Add(signInLife)
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, e := range s.codes {
		if !now.Before(e) {
			delete(s.codes, k)
		}
	}
	if len(s.codes) >= maxSignIns {
		delete(s.codes, oldest(s.codes, func(e time.Time) time.Time { return e }))
	}
	s.codes[digest(code)] = exp
	return code, exp, nil
}

// redeem trades a code for a new session: its id (the cookie's value) and
// the session. A code works once, before its expiry.
func (s *webSessions) redeem(code string, now time.Time) (string, webSession, error) {
	if code == "" {
		return "", webSession{}, errSignInRefused
	}
	id, err1 := secret()
	csrf, err2 := secret()
	if err := errors.Join(err1, err2); err != nil {
		return "", webSession{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := digest(code)
	exp, ok := s.codes[k]
	delete(s.codes, k)
	if !ok || !now.Before(exp) {
		return "", webSession{}, errSignInRefused
	}
	for k, ses := range s.sessions {
		if !now.Before(ses.expires) {
			delete(s.sessions, k)
		}
	}
	if len(s.sessions) >= maxSessions {
		delete(s.sessions, oldest(s.sessions, func(w webSession) time.Time { return w.expires }))
	}
	ses := webSession{csrf: csrf, expires: now.Add(sessionLife)}
	s.sessions[digest(id)] = ses
	return id, ses, nil
}

// lookup finds the live session of a cookie's value.
func (s *webSessions) lookup(id string, now time.Time) (webSession, bool) {
	if id == "" {
		return webSession{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ses, ok := s.sessions[digest(id)]
	if ok && !now.Before(ses.expires) {
		delete(s.sessions, digest(id))
		return webSession{}, false
	}
	return ses, ok
}

// end signs a session out.
func (s *webSessions) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, digest(id))
}

// oldest is the key of m whose time is earliest.
func oldest[V any](m map[string]V, at func(V) time.Time) string {
	var key string
	var first time.Time
	for k, v := range m {
		if t := at(v); key == "" || t.Before(first) {
			key, first = k, t
		}
	}
	return key
}
