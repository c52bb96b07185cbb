package daemon

import (
	"testing"
	"time"
)

// TestSignInCodeWorksOnce: a code opens one session, once, before it
// expires; sessions end at their expiry or when signed out.
func TestSignInCodeWorksOnce(t *testing.T) {
	s := newWebSessions()
	now := time.Unix(1_800_000_000, 0)
	code, exp, err := s.newCode(now)
	if err != nil || exp != now.Add(signInLife) {
		t.Fatalf("newCode: %v, expiry %v", err, exp)
	}
	id, ses, err := s.redeem(code, now.Add(time.Second))
	if err != nil || id == "" || ses.csrf == "" || id == ses.csrf {
		t.Fatalf("redeem: %q %+v %v", id, ses, err)
	}
	if _, _, err := s.redeem(code, now.Add(2*time.Second)); err != errSignInRefused {
		t.Fatalf("second use: %v, want refused", err)
	}
	if got, ok := s.lookup(id, now.Add(sessionLife-time.Second)); !ok || got.csrf != ses.csrf {
		t.Fatal("session not found before its expiry")
	}
	if _, ok := s.lookup(id, now.Add(time.Second+sessionLife)); ok {
		t.Fatal("session found at its expiry")
	}
	for _, bad := range []string{"", "0", code + "0"} {
		if _, ok := s.lookup(bad, now); ok {
			t.Fatalf("lookup(%q) found a session", bad)
		}
	}

	late, _, _ := s.newCode(now)
	if _, _, err := s.redeem(late, now.Add(signInLife)); err != errSignInRefused {
		t.Fatalf("code used at its expiry: %v, want refused", err)
	}
	if _, _, err := s.redeem("", now); err != errSignInRefused {
		t.Fatalf("empty code: %v", err)
	}
	c2, _, _ := s.newCode(now)
	id2, _, err := s.redeem(c2, now)
	if err != nil {
		t.Fatal(err)
	}
	s.end(id2)
	if _, ok := s.lookup(id2, now); ok {
		t.Fatal("session found after sign-out")
	}
}

// TestWebSessionsBounded: minting codes or sessions without end keeps at
// most maxSignIns codes and maxSessions sessions, dropping the oldest.
func TestWebSessionsBounded(t *testing.T) {
	s := newWebSessions()
	now := time.Unix(1_800_000_000, 0)
	first, _, _ := s.newCode(now)
	for i := range 3 * maxSignIns {
		if _, _, err := s.newCode(now.Add(time.Duration(i+1) * time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.codes) != maxSignIns {
		t.Fatalf("%d codes kept, want %d", len(s.codes), maxSignIns)
	}
	if _, _, err := s.redeem(first, now.Add(time.Second)); err != errSignInRefused {
		t.Fatalf("the oldest code was kept: %v", err)
	}
	var firstID string
	for i := range 3 * maxSessions {
		code, _, _ := s.newCode(now)
		id, _, err := s.redeem(code, now.Add(time.Duration(i)*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			firstID = id
		}
	}
	if len(s.sessions) != maxSessions {
		t.Fatalf("%d sessions kept, want %d", len(s.sessions), maxSessions)
	}
	if _, ok := s.lookup(firstID, now.Add(time.Second)); ok {
		t.Fatal("the oldest session was kept")
	}
}
