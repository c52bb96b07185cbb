package main

import (
	"net/http"
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
