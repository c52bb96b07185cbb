package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var linkLine = regexp.MustCompile(`(?m)^link +(essaim:\S+)$`)

// shareLink waits for a share or node process to print its link.
func shareLink(t *testing.T, p *proc) string {
	t.Helper()
	var link string
	waitFor(t, "the link", 40*time.Second, func() bool {
		m := linkLine.FindStringSubmatch(p.stdout.String())
		if m != nil {
			link = m[1]
		}
		return m != nil
	})
	return link
}

// TestShareLinkGet: share prints one link; get with that link alone (no
// --bootstrap, no bootstrap file) finds the holder and downloads.
func TestShareLinkGet(t *testing.T) {
	tc := startChain(t, true)
	creator, u := newUser(t, tc, 0), newUser(t, tc, 1)
	w := newSwarmWork(t, creator, 1<<20)
	p, addr := w.share(t, creator, "0")
	link := shareLink(t, p)
	if !strings.HasPrefix(link, "essaim:"+w.root+"?peer=") || !strings.Contains(link, "/p2p/"+peerOf(addr)) {
		t.Fatalf("link %s: want the work and the holder's addresses", link)
	}
	if n := len(linkLine.FindAllString(p.stdout.String(), -1)); n != 1 {
		t.Fatalf("share printed %d links:\n%s", n, p.stdout.String())
	}
	out := filepath.Join(t.TempDir(), "out")
	g := u.start(t, "--json", "get", "-o", out, "--listen", loopback, link)
	r := w.finished(t, g, 30*time.Second)
	w.same(t, out)
	if r.From[peerOf(addr)] == 0 || r.Connections[peerOf(addr)] != "direct" {
		t.Fatalf("chunks_from %v, connections %v: want the holder, directly", r.From, r.Connections)
	}
}

// TestGetRefusesBadLink: a malformed link is a usage error that names the
// problem, before anything else happens.
func TestGetRefusesBadLink(t *testing.T) {
	u := newUser(t, nil, -1)
	for _, c := range []struct{ link, want string }{
		{"essaim:abc", "not 64 lower-case hex"},
		{"essaim:" + strings.Repeat("ab", 32) + "?peer=/ip4/1.2.3.4/tcp/1", "missing /p2p/<peer id>"},
		{"essaim:" + strings.Repeat("ab", 32) + "?host=x", `parameter 1 is "host"`},
	} {
		stdout, stderr, code := u.run(t, "get", "-o", t.TempDir(), c.link)
		wantOneLine(t, stdout, stderr, code, exitUsage, c.want)
	}
}

// TestBootstrapFile: the peers in <home>/bootstrap are joined by every
// command that runs a node, with no flag; a line that is not a peer
// address is an error naming the file and the line.
func TestBootstrapFile(t *testing.T) {
	tc := startChain(t, true)
	creator, u := newUser(t, tc, 0), newUser(t, tc, 1)
	w := newSwarmWork(t, creator, 512<<10)
	_, addr := w.share(t, creator, "0")
	file := filepath.Join(u.home, "bootstrap")
	if err := os.WriteFile(file, []byte("# the seed\n\n"+addr+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	w.finished(t, w.startGet(t, u, out), 30*time.Second)
	w.same(t, out)

	if err := os.WriteFile(file, []byte(addr+"\n/ip4/127.0.0.1/tcp/1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := u.run(t, "get", "-o", t.TempDir(), w.root)
	wantOneLine(t, stdout, stderr, code, exitFailure, file+" line 2")
}
