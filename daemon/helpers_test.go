package daemon

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"go.uber.org/goleak"

	"essaim/chain/devnet"
	"essaim/chain/simtest"
	"essaim/p2p/announce"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
)

// testNet is a simulated chain with the registry, on which daemons run.
type testNet struct {
	t  *testing.T
	sr *simtest.Registry
}

func newTestNet(t *testing.T) *testNet {
	// Registered first, so that it runs last: after every daemon, host
	// and the simulated chain are closed, nothing they started remains.
	t.Cleanup(func() { goleak.VerifyNone(t, goleak.IgnoreCurrent()) })
	return &testNet{t: t, sr: simtest.New(t)}
}

// running is a daemon whose Run goroutine the test owns.
type running struct {
	*Daemon
	stop func() error // cancels Run, waits for it, closes; returns Run's error
	done chan error
}

// start starts a daemon on the test chain with its API on a free port,
// joining through boot; it is stopped when the test ends.
func (n *testNet) start(boot []string, tweak ...func(*Config)) *running {
	t := n.t
	t.Helper()
	key, _, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Home:     t.TempDir(),
		Chain:    n.sr.Client,
		ChainID:  n.sr.ChainID.Uint64(),
		Contract: n.sr.Addr,
		Host:     phost.Config{Identity: key, Listen: []string{"/ip4/127.0.0.1/tcp/0"}, Bootstrap: boot},
		API:      "127.0.0.1:0",
		GiveUp:   10 * time.Second,
		Gossip:   []announce.GossipOption{announce.WithColocationWhitelist("127.0.0.0/8")},
	}
	for _, f := range tweak {
		f(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	d, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	rctx, stop := context.WithCancel(context.Background())
	r := &running{Daemon: d, done: make(chan error, 1)}
	go func() { r.done <- d.Run(rctx) }()
	var once bool
	var runErr error
	r.stop = func() error {
		if !once {
			once = true
			stop()
			runErr = <-r.done
			d.Close()
		}
		return runErr
	}
	t.Cleanup(func() { r.stop() })
	return r
}

// client dials the daemon's API through the files it wrote.
func (r *running) client(t *testing.T) *Client {
	t.Helper()
	var c *Client
	eventually(t, 5*time.Second, "the API files", func() bool {
		var err error
		c, err = Dial(context.Background(), r.cfg.Home)
		return err == nil
	})
	return c
}

// openWork registers an open work of size random bytes, written under a
// temporary folder, and returns its path, manifest and bytes.
func (n *testNet) openWork(size int) (string, *content.Manifest, []byte) {
	n.t.Helper()
	dir, m, b := n.writeWork(size)
	n.sr.Register(devnet.Accounts()[0], m.Root(), true)
	return dir, m, b
}

// pacedSeed starts a node sharing an open work of size random bytes
// through slowLink (about 1.5 MiB/s), so that a download of it lasts.
func (n *testNet) pacedSeed(size int) (*running, *content.Manifest, []byte) {
	return n.pacedSeedAt(size, 0)
}

// pacedSeedAt is pacedSeed at rate bytes per second.
func (n *testNet) pacedSeedAt(size, rate int) (*running, *content.Manifest, []byte) {
	n.t.Helper()
	dir, m, data := n.openWork(size)
	seed := n.start(nil, func(c *Config) { c.Upload = slowLink{rate: rate} })
	if err := seed.Share(context.Background(), dir, m); err != nil {
		n.t.Fatal(err)
	}
	return seed, m, data
}

// writeWork writes a work of size random bytes (one file, track.bin)
// under a temporary folder, unregistered, and returns its path, manifest
// and bytes.
func (n *testNet) writeWork(size int) (string, *content.Manifest, []byte) {
	t := n.t
	t.Helper()
	dir := filepath.Join(t.TempDir(), "work")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, size)
	rand.Read(b)
	p := filepath.Join(dir, "track.bin")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := content.Build(dir, content.WithChunkLog2(16))
	if err != nil {
		t.Fatal(err)
	}
	return dir, m, b
}

// sameFile checks out/track.bin against want.
func sameFile(t *testing.T, out string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(out, "track.bin"))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s/track.bin: %v, identical %v", out, err, bytes.Equal(got, want))
	}
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
