package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"

	"essaim/daemon"
)

// startNode runs `essaim node` for u, joining through boot, and waits for
// its API.
func startNode(t *testing.T, u *user, boot string, extra ...string) *proc {
	t.Helper()
	args := append([]string{"node", "--listen", loopback}, extra...)
	if boot != "" {
		args = append(args, "--bootstrap", boot)
	}
	p := u.start(t, args...)
	nodeAddrs(t, u.home, p)
	waitFor(t, "the node's API", 10*time.Second, func() bool {
		_, _, code := u.run(t, "status")
		return code == 0 && fileExists(filepath.Join(u.home, "api"))
	})
	return p
}

// TestPinAtRuntimeThenServed: a running node is told to pin a work it does
// not hold; it downloads it and serves it with no restart: once the seed is
// gone, a newcomer that knows only that node gets the work from it.
func TestPinAtRuntimeThenServed(t *testing.T) {
	tc := startChain(t, true)
	creator, boxUser, late := newUser(t, tc, 0), newUser(t, tc, 1), newUser(t, tc, 2)
	w := newSwarmWork(t, creator, 2<<20)
	seed, seedAddr := w.share(t, creator, "0")
	box := startNode(t, boxUser, seedAddr)
	boxAddr := nodeAddrs(t, boxUser.home, box)[0]

	if out, stderr, code := boxUser.run(t, "pin", w.root); code != 0 || !strings.Contains(out, "downloads it") {
		t.Fatalf("pin: exit %d: %s%s", code, out, stderr)
	}
	var served time.Time
	waitFor(t, "the pinned work served complete", 30*time.Second, func() bool {
		var works []daemon.Work
		boxUser.runJSON(t, &works, "ls")
		if len(works) == 1 && works[0].Work == w.root && works[0].Held == w.chunks {
			served = time.Now()
			return true
		}
		return false
	})
	if code := seed.stop(t); code != 0 {
		t.Fatalf("seed exit %d", code)
	}
	out := filepath.Join(t.TempDir(), "late")
	start := time.Now()
	r := w.finished(t, w.startGet(t, late, out, boxAddr), 30*time.Second)
	w.same(t, out)
	t.Logf("pinned work complete on the node; a newcomer fetched it from the node alone in %s (%s after it was served)",
		time.Since(start).Round(time.Millisecond), time.Since(served).Round(time.Millisecond))
	if r.From[peerOf(boxAddr)] == 0 {
		t.Fatalf("chunks_from %v does not name the node", r.From)
	}
	stdout, _, code := boxUser.run(t, "status")
	if code != 0 || !strings.Contains(stdout, "1 work served") {
		t.Fatalf("status: exit %d:\n%s", code, stdout)
	}
	if _, stderr, code := boxUser.run(t, "unpin", w.root); code != 0 {
		t.Fatalf("unpin: %s", stderr)
	}
	var works []daemon.Work
	boxUser.runJSON(t, &works, "ls")
	if len(works) != 0 {
		t.Fatalf("ls after unpin: %+v", works)
	}
	if code := box.stop(t); code != 0 {
		t.Fatalf("node exit %d:\n%s", code, box.stderr.String())
	}
	if fileExists(filepath.Join(boxUser.home, "api")) {
		t.Fatal("the API file outlived the node")
	}
}

// TestDownloadsThroughTheNode: get hands the download to the running node;
// pause, resume and cancel act on it through the CLI; a get that follows is
// detached by SIGINT and the node carries on.
func TestDownloadsThroughTheNode(t *testing.T) {
	tc := startChain(t, true)
	creator, u := newUser(t, tc, 0), newUser(t, tc, 1)
	// 4 MiB at 1 MiB/s: about 4 s of download.
	w := newSwarmWork(t, creator, 4<<20)
	_, seedAddr := w.share(t, creator, "1MiB")
	startNode(t, u, seedAddr)
	out := filepath.Join(t.TempDir(), "out")

	stdout, stderr, code := u.run(t, "get", "-o", out, "--wait=false", w.root)
	if code != 0 || !strings.Contains(stdout, "the node downloads it") {
		t.Fatalf("get --wait=false: exit %d: %s%s", code, stdout, stderr)
	}
	waitFor(t, "some chunks", 20*time.Second, func() bool { return w.journalChunks(out) > 2 })
	if _, stderr, code := u.run(t, "pause", w.root); code != 0 {
		t.Fatalf("pause: %s", stderr)
	}
	list := downloadsOf(t, u)
	if len(list) != 1 || list[0].State != daemon.Paused {
		t.Fatalf("downloads after pause: %+v", list)
	}
	held := w.journalChunks(out)
	time.Sleep(500 * time.Millisecond) // a paused download must not grow: give it the time to
	if now := w.journalChunks(out); now != held {
		t.Fatalf("paused download went from %d to %d chunks", held, now)
	}
	if _, stderr, code := u.run(t, "resume", w.root); code != 0 {
		t.Fatalf("resume: %s", stderr)
	}

	// A get following the download learns that it was cancelled
	// elsewhere, and says so, rather than waiting for ever.
	follower := u.start(t, "get", "-o", out, w.root)
	waitFor(t, "get following", 10*time.Second, func() bool { return strings.Contains(follower.stderr.String(), "%") })
	if _, stderr, code := u.run(t, "cancel", w.root); code != 0 {
		t.Fatalf("cancel: %s", stderr)
	}
	if code := follower.wait(t, 10*time.Second); code != 1 || !strings.Contains(follower.stderr.String(), "was cancelled") {
		t.Fatalf("get following a cancelled download: exit %d:\n%s", code, follower.stderr.String())
	}
	if stdout, stderr, code := u.run(t, "get", "-o", out, "--wait=false", w.root); code != 0 {
		t.Fatalf("get --wait=false again: exit %d: %s%s", code, stdout, stderr)
	}

	// Follow it with get, then stop following: the node goes on.
	get := u.start(t, "get", "-o", out, w.root)
	waitFor(t, "get following", 10*time.Second, func() bool { return strings.Contains(get.stderr.String(), "%") })
	get.cmd.Process.Signal(syscall.SIGINT)
	if code := get.wait(t, 10*time.Second); code == 0 || !strings.Contains(get.stderr.String(), "the node carries on") {
		t.Fatalf("get after SIGINT: exit %d:\n%s", code, get.stderr.String())
	}
	r := w.finished(t, u.start(t, "--json", "get", "-o", out, w.root), 30*time.Second)
	w.same(t, out)
	if r.Resumed+sum(r.From) != w.chunks {
		t.Fatalf("followed get: resumed %d + received %d of %d", r.Resumed, sum(r.From), w.chunks)
	}

	if _, stderr, code := u.run(t, "cancel", w.root); code != 0 {
		t.Fatalf("cancel: %s", stderr)
	}
	w.same(t, out) // a finished download's files stay
	if list := downloadsOf(t, u); len(list) != 0 {
		t.Fatalf("downloads after cancel: %+v", list)
	}
	if _, stderr, code := u.run(t, "pause", w.root); code == 0 || !strings.Contains(stderr, "no download") {
		t.Fatalf("pause after cancel: exit %d: %s", code, stderr)
	}
}

func downloadsOf(t *testing.T, u *user) []daemon.Download {
	t.Helper()
	var list []daemon.Download
	u.runJSON(t, &list, "downloads")
	return list
}

// TestNodeStopsWhenItsFollowerDies: the chain a running node follows is
// rewound deeper than the blocks its catalogue keeps (a development chain
// restarted from a snapshot); the follower cannot go on, and the node
// stops at once with that error instead of serving on without it. The
// next start rebuilds the catalogue.
func TestNodeStopsWhenItsFollowerDies(t *testing.T) {
	tc := startAnvil(t)
	u := newUser(t, tc, 1)
	c, err := rpc.Dial(tc.rpc)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var snap string
	if err := c.Call(&snap, "evm_snapshot"); err != nil {
		t.Fatal(err)
	}
	if err := c.Call(nil, "anvil_mine", "0x50"); err != nil { // 80 blocks
		t.Fatal(err)
	}
	node := startNode(t, u, "")
	var head uint64
	if err := c.Call((*hexutil.Uint64)(&head), "eth_blockNumber"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the node's catalogue at the head", 20*time.Second, func() bool {
		cl, err := daemon.Dial(context.Background(), u.home)
		if err != nil {
			return false
		}
		text, err := cl.Metrics(context.Background())
		return err == nil && strings.Contains(text, fmt.Sprintf("essaim_catalog_block %d\n", head))
	})
	// The node has followed the 80 blocks; now they vanish and others
	// take their place.
	var ok bool
	if err := c.Call(&ok, "evm_revert", snap); err != nil || !ok {
		t.Fatalf("evm_revert: %v %v", ok, err)
	}
	if err := c.Call(nil, "evm_increaseTime", 1000); err != nil {
		t.Fatal(err)
	}
	if err := c.Call(nil, "anvil_mine", "0x60"); err != nil {
		t.Fatal(err)
	}
	code := node.wait(t, 20*time.Second)
	if code == 0 || !strings.Contains(node.stderr.String(), "catalogue follower stopped") {
		t.Fatalf("node after the rewind: exit %d:\n%s", code, node.stderr.String())
	}
	// Started again, it rebuilds its catalogue and runs.
	again := startNode(t, u, "")
	if code := again.stop(t); code != 0 {
		t.Fatalf("restarted node exit %d:\n%s", code, again.stderr.String())
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestNodeSignsWhenUnlocked: a node started with --unlock holds the
// account: buy goes through it with no password asked (a wrong password
// file proves it), and a get of a licensed work handed to it is proved by
// the node and completes.
func TestNodeSignsWhenUnlocked(t *testing.T) {
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 0), newUser(t, tc, 1)
	w := newSwarmWork(t, creator, 1<<20)
	seed := creator.start(t, "share", "--title", "Paid", "--price", "1000", "--listen", loopback, w.dir)
	seedAddr := nodeAddrs(t, creator.home, seed)[0]
	startNode(t, buyer, seedAddr, "--unlock")

	noPassword := *buyer
	noPassword.env = append(slices.Clone(buyer.env), "ESSAIM_PASSWORD_FILE="+filepath.Join(t.TempDir(), "absent"))
	if out, stderr, code := noPassword.run(t, "buy", w.root); code != 0 || !strings.Contains(out, "license  perpetual") {
		t.Fatalf("buy through the unlocked node: exit %d: %q %q", code, out, stderr)
	}
	if _, stderr, code := buyer.run(t, "license", "check", w.root, buyer.addr.Hex()); code != 0 {
		t.Fatalf("license check after the node bought: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	r := w.finished(t, noPassword.start(t, "--json", "get", "-o", out, w.root), 30*time.Second)
	w.same(t, out)
	if sum(r.From) != w.chunks {
		t.Fatalf("get through the node: %+v", r)
	}
}

// TestLockedNodeSaysWhyItCannotFetch: a get of a licensed work handed to a
// node that holds no unlocked account fails at once and says what to do.
func TestLockedNodeSaysWhyItCannotFetch(t *testing.T) {
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 0), newUser(t, tc, 1)
	w := newSwarmWork(t, creator, 256<<10)
	seed := creator.start(t, "share", "--title", "Paid", "--price", "1000", "--listen", loopback, w.dir)
	startNode(t, buyer, nodeAddrs(t, creator.home, seed)[0])
	if _, stderr, code := buyer.run(t, "buy", w.root); code != 0 {
		t.Fatalf("buy: %s", stderr)
	}
	_, stderr, code := buyer.run(t, "get", "-o", filepath.Join(t.TempDir(), "out"), w.root)
	if code != 1 || !strings.Contains(stderr, "--unlock") || !strings.Contains(stderr, "--no-node") {
		t.Fatalf("get through a locked node: exit %d: %s", code, stderr)
	}
}

// TestGetFollowingANodeThatStops: a get following the node's download
// when the node stops says so and fails; it never reports a work saved
// that is not.
func TestGetFollowingANodeThatStops(t *testing.T) {
	tc := startChain(t, true)
	creator, u := newUser(t, tc, 0), newUser(t, tc, 1)
	w := newSwarmWork(t, creator, 4<<20)
	_, seedAddr := w.share(t, creator, "512KiB")
	box := startNode(t, u, seedAddr)
	out := filepath.Join(t.TempDir(), "out")
	get := u.start(t, "get", "-o", out, w.root)
	waitFor(t, "get following", 10*time.Second, func() bool { return strings.Contains(get.stderr.String(), "%") })
	if code := box.stop(t); code != 0 {
		t.Fatalf("node stop: exit %d", code)
	}
	code := get.wait(t, 10*time.Second)
	if code != 1 || !strings.Contains(get.stderr.String(), "the node stopped before the download was done") ||
		strings.Contains(get.stdout.String(), "saved") {
		t.Fatalf("get following a node that stopped: exit %d\nstdout:\n%s\nstderr:\n%s", code, get.stdout.String(), get.stderr.String())
	}
}
