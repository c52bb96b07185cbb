//go:build browser

package main

// The web interface in a real browser (browser_test.go) against real
// nodes (the built binary) on the devnet. scripts/test.sh runs it with
// `go test -tags browser -run TestWebInterface ./cmd/essaim`; it needs
// /usr/bin/chromium (or ESSAIM_CHROMIUM) and node_modules/axe-core (npm
// ci). Screenshots of every page at three widths, and in the dark scheme,
// go to out/ui-screenshots (ESSAIM_UI_SHOTS), which git ignores.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"essaim/chain"
	"essaim/daemon"
)

// webScene is a creator sharing a priced album (a song) at 256 KiB/s and
// registering an open work nobody serves, a buyer's node joined to it,
// and a browser.
type webScene struct {
	t              *testing.T
	b              *browser
	axe            string
	tc             *testChain
	creator, buyer *user
	cl             *daemon.Client // the buyer's node
	root, rain     string         // the album, the open work
	song           []byte
	base           string // the buyer's node, signed in
	streamURL      string
	started        time.Time
}

func newWebScene(t *testing.T) *webScene {
	s := &webScene{t: t, started: time.Now(), axe: axeSource(t)}
	s.tc = startChain(t, true)
	s.creator, s.buyer = newUser(t, s.tc, 0), newUser(t, s.tc, 1)
	dir := filepath.Join(t.TempDir(), "album")
	s.song = writeWAV(t, filepath.Join(dir, "song.wav"), 120) // 5.3 MB: about 20 s at the seed's cap
	writeFile(t, filepath.Join(dir, "notes.txt"), "recorded by the river\n")
	var h hashResult
	s.creator.runJSON(t, &h, "hash", dir)
	s.root = h.Root
	seed := s.creator.start(t, "share", "--title", "Evening river song", "--tag", "live", "--tag", "folk",
		"--price", "0.01ether", "--duration", "30d", "--unlock", "--listen", loopback, "--upload-limit", "256KiB", dir)
	seedAddr := nodeAddrs(t, s.creator.home, seed)[0]
	rain := filepath.Join(t.TempDir(), "rain")
	writeFile(t, filepath.Join(rain, "rain.txt"), "rain on the roof\n")
	s.creator.runJSON(t, &h, "hash", rain)
	s.rain = h.Root
	if _, stderr, code := s.creator.run(t, "register", "--title", "Rain notes", "--open", rain); code != 0 {
		t.Fatalf("register: exit %d: %s", code, stderr)
	}
	startNode(t, s.buyer, seedAddr, "--unlock")
	var err error
	if s.cl, err = daemon.Dial(context.Background(), s.buyer.home); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both works in the buyer's catalogue", 20*time.Second, func() bool {
		ws, err := s.cl.Catalog(context.Background(), "river")
		rs, err2 := s.cl.Catalog(context.Background(), "rain")
		return err == nil && err2 == nil && len(ws) == 1 && len(rs) == 1
	})
	s.b = newBrowser(t)
	t.Logf("setup: %s", time.Since(s.started).Round(time.Millisecond))
	return s
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// licensed asks the chain whether the buyer holds a valid license.
func (s *webScene) licensed() bool {
	ok, err := chain.NewRightsReader(s.tc.client, chain.RegistryAddress()).HasValidLicense(context.Background(),
		mustHash(s.t, s.root), s.buyer.addr)
	if err != nil {
		s.t.Fatal(err)
	}
	return ok
}

// TestWebInterface walks the interface as its users do, in chromium:
// sign in (the URL works once), the keyboard alone, search, buy (the
// price guard first), play while the work downloads, pause and resume,
// the download complete and identical, the caps, renew, cancel, withdraw
// and offers as the creator, a sale shown live, sign out; a page of
// another origin cannot drive the node; every page passes axe-core and is
// photographed.
func TestWebInterface(t *testing.T) {
	s := newWebScene(t)
	s.signInOnce()
	s.keyboardOnly()
	s.searchAndBuy()
	s.playWhileDownloading()
	s.pauseResumeComplete()
	s.auditPages()
	s.capsRenewCancel()
	s.creatorPages()
	s.b.checkProblems() // what follows makes the browser log refusals, on purpose
	s.hostilePageRefused()
	t.Logf("whole test: %s", time.Since(s.started).Round(time.Millisecond))
}

// signInOnce: signed out, the page says how to sign in, and the first view
// weighs under 200 KB; the one-time URL signs in, once.
func (s *webScene) signInOnce() {
	b, t := s.b, s.t
	b.do(chromedp.Navigate(s.cl.URL() + "/"))
	b.until("the sign-in page", `document.title.startsWith('Sign in')`, 10*time.Second)
	transfer := eval[float64](b, `performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
		.reduce((sum, e) => sum + e.transferSize, 0)`)
	t.Logf("first view: %.0f bytes transferred", transfer)
	if transfer <= 0 || transfer >= 200_000 {
		t.Fatalf("first view transferred %.0f bytes, want 0 < n < 200,000", transfer)
	}
	b.audit("sign-in", s.axe)
	b.shots("sign-in")
	s.base = signIn(t, b, s.buyer)
	b.audit("sign-in-refused", s.axe) // the page a used sign-in URL shows
	b.shots("sign-in-refused")
}

// signIn opens the one-time URL `essaim ui` prints for u and waits for
// the interface, then opens it again (refused); it returns the node's
// base URL.
func signIn(t *testing.T, b *browser, u *user) string {
	t.Helper()
	var s daemon.SignIn
	u.runJSON(t, &s, "ui")
	b.do(chromedp.Navigate(s.URL))
	b.until("the signed-in interface", `document.getElementById('nav') && !document.getElementById('nav').hidden`, 15*time.Second)
	b.do(chromedp.Navigate(s.URL))
	if txt := b.text(); !strings.Contains(txt, "used already") {
		t.Fatalf("second use of the sign-in URL shows:\n%s", txt)
	}
	return s.URL[:strings.Index(s.URL, "/signin")]
}

// keyboardOnly: skip to the content, search by a tag's prefix, open a
// work, with the keyboard alone.
func (s *webScene) keyboardOnly() {
	b := s.b
	b.do(chromedp.Navigate(s.base + "/?keyboard#/"))
	b.until("the catalogue", `document.querySelector('input[type=search]')`, 10*time.Second)
	b.do(chromedp.KeyEvent(kb.Tab))
	b.until("the skip link focused", `document.activeElement.className === 'skip'`, 5*time.Second)
	b.do(chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab))
	b.until("the search field focused", `document.activeElement.type === 'search'`, 5*time.Second)
	b.do(chromedp.KeyEvent("fol" + kb.Enter))
	b.until("the search by tag prefix", `document.querySelector('main').innerText.includes('1 work matching “fol”')`, 10*time.Second)
	b.do(chromedp.KeyEvent(kb.Tab + kb.Tab + kb.Tab))
	b.until("the work's link focused", `document.activeElement.textContent === 'Evening river song'`, 5*time.Second)
	b.do(chromedp.KeyEvent(kb.Enter))
	b.until("the work's page", `location.hash === '#/works/`+s.root+`'`, 10*time.Second)
}

// searchAndBuy: two terms find the work; a maximum price below the
// offer's is refused in the CLI's words and nothing is paid; then the
// purchase, which the chain shows.
func (s *webScene) searchAndBuy() {
	b, t := s.b, s.t
	b.open(s.base + "/#/")
	b.do(chromedp.WaitVisible(chromedp.CSS(`input[type=search]`)), chromedp.SendKeys(chromedp.CSS(`input[type=search]`), "river song"))
	b.click(`//button[.="Search"]`)
	b.until("the search's results", `location.hash === '#/?q=river%20song' && document.querySelector('main').innerText.includes('1 work matching “river song”')`, 10*time.Second)
	b.click(`//a[normalize-space(.)="Evening river song"]`)
	b.until("the work's page", `location.hash === '#/works/`+s.root+`' && document.querySelector('h1') && document.querySelector('h1').textContent === 'Evening river song'`, 10*time.Second)
	if txt := b.text(); !strings.Contains(txt, s.root) || !strings.Contains(txt, "no license") || !strings.Contains(txt, "0.01 ETH") {
		t.Fatalf("work page:\n%s", txt)
	}
	const maxPrice = `//label[.="Pay at most (ETH)"]/following-sibling::input`
	const buy = `//button[starts-with(normalize-space(.), "Buy for 0.01 ETH")]`
	b.setValue(maxPrice, "0.005")
	b.click(buy)
	b.until("the price guard's refusal", `document.querySelector('#buy-result [role=alert]')`, 15*time.Second)
	t.Logf("price guard: %s", eval[string](b, `document.querySelector('#buy-result').innerText`))
	if s.licensed() {
		t.Fatal("a purchase above the maximum price went through")
	}
	b.setValue(maxPrice, "0.01")
	b.click(buy)
	b.until("the purchase", `document.querySelector('.okmsg') && document.querySelector('.okmsg').textContent.startsWith('Bought')`, 20*time.Second)
	if !s.licensed() {
		t.Fatal("the chain shows no license after the purchase")
	}
	b.until("the license on the page", `document.getElementById('license').textContent.includes('valid until')`, 10*time.Second)
}

// playWhileDownloading: the player starts the download and plays: the
// media element's time advances while the work is still coming.
func (s *webScene) playWhileDownloading() {
	b, t := s.b, s.t
	b.click(`//a[starts-with(normalize-space(.), "Play or view")]`)
	b.until("the player", `document.querySelector('audio')`, 30*time.Second)
	eval[bool](b, `document.querySelector('audio').play().then(() => true)`)
	b.until("two seconds played", `document.querySelector('audio').currentTime > 2`, 20*time.Second)
	dl, err := s.cl.Download(context.Background(), mustHash(t, s.root))
	if err != nil || dl.State == daemon.Done || dl.Progress == nil {
		t.Fatalf("after 2 s of play the download is %+v (%v): want it running", dl, err)
	}
	t.Logf("played 2 s at %d of %d chunks", dl.Progress.Held, dl.Progress.Chunks)
}

// row is the download row of the album, in JavaScript.
func (s *webScene) row() string {
	return `document.querySelector('section[data-work="` + s.root + `"]')`
}

// pauseResumeComplete: pause and resume from the downloads page (the node
// agrees), then the bar reaches 100% and the file on disk is the song.
func (s *webScene) pauseResumeComplete() {
	b, t, row := s.b, s.t, s.row()
	b.click(`//a[.="Downloads"]`)
	b.until("the download's row", row, 10*time.Second)
	b.click(`//section[@data-work="` + s.root + `"]//button[.="Pause"]`)
	b.until("paused", row+`.dataset.state === 'paused'`, 10*time.Second)
	if dl, err := s.cl.Download(context.Background(), mustHash(t, s.root)); err != nil || dl.State != daemon.Paused {
		t.Fatalf("the node's download after Pause: %+v %v", dl, err)
	}
	b.click(`//section[@data-work="` + s.root + `"]//button[.="Resume"]`)
	b.until("resumed", row+`.dataset.state === 'active' || `+row+`.dataset.state === 'done'`, 10*time.Second)
	b.until("the download at 100%", row+`.dataset.state === 'done' && `+row+`.querySelector('progress').value === 100`, 60*time.Second)
	got, err := os.ReadFile(filepath.Join(s.buyer.home, "works", s.root, "song.wav"))
	if err != nil || !bytes.Equal(got, s.song) {
		t.Fatalf("downloaded song.wav: %v, identical %v", err, bytes.Equal(got, s.song))
	}
}

// auditPages: each page of the buyer's node passes axe-core and is
// photographed.
func (s *webScene) auditPages() {
	for _, p := range []struct{ name, hash, ready string }{
		{"catalogue", "#/?q=river", `document.querySelector('.cards')`},
		{"work", "#/works/" + s.root, `document.getElementById('license')`},
		{"downloads", "#/downloads", s.row()},
		{"player", "#/play/" + s.root, `document.querySelector('audio')`},
		{"licenses", "#/licenses", `document.querySelector('table')`},
		{"node", "#/node", `document.querySelector('.chart') && document.querySelector('dl.facts')`},
	} {
		s.b.open(s.base + "/" + p.hash)
		s.b.until(p.name+" page", p.ready, 15*time.Second)
		s.b.audit(p.name, s.axe)
		s.b.shots(p.name)
	}
}

// capsRenewCancel: the bandwidth caps change while the node runs; Renew
// leads from the licenses to the work's offers; a download that cannot
// finish (nobody serves the work) is cancelled.
func (s *webScene) capsRenewCancel() {
	b, t := s.b, s.t
	b.open(s.base + "/#/node")
	b.until("the caps", `document.querySelector('main').innerText.includes('Upload: none')`, 10*time.Second)
	b.setValue(`//label[starts-with(., "Upload cap")]/following-sibling::input`, "100")
	b.click(`//button[.="Set the caps"]`)
	b.until("the new cap", `document.querySelector('main').innerText.includes('Upload: 100 KiB/s')`, 10*time.Second)

	b.open(s.base + "/#/licenses")
	b.click(`//a[.="Renew"]`)
	b.until("the work's page from Renew", `location.hash === '#/works/`+s.root+`'`, 10*time.Second)

	b.open(s.base + "/#/?q=rain")
	b.click(`//a[normalize-space(.)="Rain notes"]`)
	b.click(`//button[.="Download"]`)
	b.until("the download started", `document.querySelector('.okmsg') && document.querySelector('.okmsg').textContent.startsWith('Downloading into')`, 10*time.Second)
	b.click(`//a[.="Downloads"]`)
	b.click(`//section[@data-work="` + s.rain + `"]//button[.="Cancel"]`)
	b.until("the cancelled download gone", `!document.querySelector('section[data-work="`+s.rain+`"]') && `+s.row(), 10*time.Second)
	if _, err := s.cl.Download(context.Background(), mustHash(t, s.rain)); err == nil {
		t.Fatal("the node still lists the cancelled download")
	}
}

// creatorPages: the creator signs in to its own node, withdraws (its
// balance grows), adds an offer and retires it, sees a sale made
// elsewhere appear by itself, and signs out.
func (s *webScene) creatorPages() {
	b, t := s.b, s.t
	st, err := s.cl.Stream(context.Background(), mustHash(t, s.root), "song.wav", "")
	if err != nil {
		t.Fatal(err)
	}
	s.streamURL = st.Files[0].URL
	creatorBase := signIn(t, b, s.creator)
	before := s.tc.balance(t, s.creator.addr)
	b.open(creatorBase + "/#/mine")
	b.until("the creator's works", `document.getElementById('balance')`, 15*time.Second)
	b.audit("mine", s.axe)
	b.shots("mine")
	b.click(`//button[starts-with(normalize-space(.), "Withdraw 0.01 ETH")]`)
	b.until("the withdrawal", `document.querySelector('.okmsg') && document.querySelector('.okmsg').textContent.startsWith('Withdrew 0.01 ETH')`, 20*time.Second)
	if after := s.tc.balance(t, s.creator.addr); after.Cmp(before) <= 0 {
		t.Fatalf("creator's balance %s after withdrawing, %s before", after, before)
	}

	const card = `//section[@aria-label="Evening river song"]`
	b.setValue(card+`//label[.="Price (ETH)"]/following-sibling::input`, "0.02")
	b.click(card + `//button[.="Add the offer"]`)
	b.until("the new offer", `document.querySelector('main').innerText.includes('Offer 1: 0.02 ETH')`, 20*time.Second)
	b.click(card + `//button[.="Retire offer 1"]`)
	b.until("the offer retired", `!document.querySelector('main').innerText.includes('Offer 1: 0.02 ETH')`, 20*time.Second)

	fan := newUser(t, s.tc, 2)
	if _, stderr, code := fan.run(t, "buy", s.root); code != 0 {
		t.Fatalf("buy from the command line: exit %d: %s", code, stderr)
	}
	b.until("the new sale on the open page", `document.querySelector('section[data-work="`+s.root+`"] .sold').textContent === '2 licenses'`, 20*time.Second)

	b.click(`//button[.="Sign out"]`)
	b.until("the sign-in page after signing out", `document.title.startsWith('Sign in')`, 10*time.Second)
}

// hostilePageRefused: a page of another origin on the same machine (the
// same site, so the buyer's SameSite cookie goes along) cannot drive the
// buyer's node: its stream URLs survive a revoke the page sends.
func (s *webScene) hostilePageRefused() {
	b, t := s.b, s.t
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!doctype html><title>another site</title><p>nothing to see</p>")
	}))
	defer hostile.Close()
	b.do(chromedp.Navigate(hostile.URL))
	sent := eval[[]string](b, `Promise.all([
		fetch('`+s.base+`/api/v1/streams/revoke', {method: 'POST', mode: 'no-cors', credentials: 'include'}).then(() => 'no-cors sent', e => 'no-cors: ' + e),
		fetch('`+s.base+`/api/v1/streams/revoke', {method: 'POST', credentials: 'include', headers: {'X-Essaim-CSRF': '`+strings.Repeat("0", 64)+`'}})
			.then(r => 'cors: ' + r.status, e => 'cors refused: ' + e)])`)
	t.Logf("cross-origin attempts: %q", sent)
	resp, err := http.Head(s.streamURL)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the buyer's stream URL after a foreign page asked to revoke it: %v %v", resp, err)
	}
	resp.Body.Close()
}

// writeWAV writes seconds of a tone with a little noise (so that no two
// chunks are alike) as 16-bit mono PCM at 22,050 Hz.
func writeWAV(t *testing.T, path string, seconds int) []byte {
	t.Helper()
	const rate = 22050
	n := rate * seconds
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	binary.Write(&b, le, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(2 * rate), uint16(2), uint16(16)} {
		binary.Write(&b, le, v)
	}
	b.WriteString("data")
	binary.Write(&b, le, uint32(2*n))
	noise := make([]byte, n)
	rand.Read(noise)
	for i := range n {
		v := 6000*math.Sin(2*math.Pi*440*float64(i)/rate) + float64(int8(noise[i]))*4
		binary.Write(&b, le, int16(v))
	}
	writeFile(t, path, b.String())
	return b.Bytes()
}

func mustHash(t *testing.T, s string) [32]byte {
	t.Helper()
	h, err := parseWork(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
