//go:build browser

package main

// The web interface in a real browser: Debian's chromium, headless, driven
// over the DevTools protocol by chromedp (nothing is downloaded), against
// real nodes (the built binary) on the devnet. scripts/test.sh runs them
// with `go test -tags browser -run TestWebInterface ./cmd/essaim`; they
// need /usr/bin/chromium (or ESSAIM_CHROMIUM) and node_modules/axe-core
// (npm ci). Screenshots of every page at three widths go to
// out/ui-screenshots (ESSAIM_UI_SHOTS), which git ignores.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"essaim/chain"
	"essaim/daemon"
)

// browser is one headless chromium; problems collects what the pages
// threw or logged as errors, checked by the test's own goroutine.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := os.Getenv("ESSAIM_CHROMIUM")
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	if _, err := os.Stat(exe); err != nil {
		t.Fatalf("no chromium at %s (apt-get install chromium, or set ESSAIM_CHROMIUM): %v", exe, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1280, 900),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"), chromedp.Flag("mute-audio", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx}
	// The first call starts the browser, with no timeout of its own.
	if err := chromedp.Listen(ctx, b.watch); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate("about:blank"))
	return b
}

// watch keeps what the pages threw or logged as errors (it runs on the
// browser's reading goroutine: it only appends).
func (b *browser) watch(ev any) {
	var p string
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		p = "exception: " + e.ExceptionDetails.Text
		if x := e.ExceptionDetails.Exception; x != nil {
			p += " " + x.Description
		}
	case *cdplog.EventEntryAdded:
		// The browser's own messages: a Content-Security-Policy
		// violation among them. Failed requests (an API's refusal the
		// page shows) are the pages' business.
		if e.Entry.Level == cdplog.EntryLevelError && e.Entry.Source != cdplog.EntrySourceNetwork {
			p = "browser: " + e.Entry.Text
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p = "console.error: " + strings.Join(parts, " ")
		}
	}
	if p != "" {
		b.mu.Lock()
		b.problems = append(b.problems, p)
		b.mu.Unlock()
	}
}

// do runs actions within 30 s.
func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) on b's page.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("browser: %s: %v", expr, err)
	}
	return v
}

// call sends one DevTools command.
func call[P, R any](b *browser, cmd cdp.Command[P, R], params P) R {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	r, err := chromedp.Call(ctx, cmd, params)
	if err != nil {
		b.t.Fatalf("browser: %v", err)
	}
	return r
}

// until polls a JavaScript expression until it is true.
func (b *browser) until(what, expr string, within time.Duration) {
	b.t.Helper()
	deadline := time.Now().Add(within)
	for !eval[bool](b, "!!("+expr+")") {
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out after %s waiting for %s; the page shows:\n%s", within, what, b.text())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// open goes to url: a new document, or only a new fragment of the one
// shown (a page of the interface, which the browser does not reload).
func (b *browser) open(url string) {
	b.t.Helper()
	cur := eval[string](b, "location.href")
	doc, _, hasFrag := strings.Cut(url, "#")
	if curDoc, _, _ := strings.Cut(cur, "#"); hasFrag && curDoc == doc {
		eval[bool](b, "location.href = "+strconv.Quote(url)+", true")
		return
	}
	b.do(chromedp.Navigate(url))
}

// click clicks (with the mouse, as a user) the first element matching an
// XPath expression.
func (b *browser) click(xpath string) {
	b.t.Helper()
	b.do(chromedp.WaitVisible(chromedp.Search(xpath)), chromedp.Click(chromedp.Search(xpath)))
}

// setValue sets the value of the input matching an XPath expression.
func (b *browser) setValue(xpath, v string) {
	b.t.Helper()
	b.do(chromedp.WaitVisible(chromedp.Search(xpath)), chromedp.SetValue(chromedp.Search(xpath), v))
}

// text is the visible text of the page's main element.
func (b *browser) text() string {
	b.t.Helper()
	return eval[string](b, "(document.getElementById('main') || document.body).innerText")
}

// checkProblems fails the test on any exception or console error so far
// (a Content-Security-Policy violation among them).
func (b *browser) checkProblems() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.problems) > 0 {
		b.t.Fatalf("the pages reported errors:\n%s", strings.Join(b.problems, "\n"))
	}
}

// axeSource is axe-core, from npm (node_modules/axe-core).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core (npm ci installs it): %v", err)
	}
	return string(b)
}

func (b *browser) scheme(s string) {
	b.t.Helper()
	call(b, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}}})
}

// audit runs axe-core on the page, in the light and the dark scheme, and
// fails on any serious or critical violation.
func (b *browser) audit(page, axe string) {
	b.t.Helper()
	if !eval[bool](b, "typeof axe !== 'undefined'") {
		eval[bool](b, axe+";true")
	}
	for _, s := range []string{"light", "dark"} {
		b.scheme(s)
		found := eval[[]string](b, `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
			.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`)
		if len(found) > 0 {
			b.t.Errorf("axe-core on %s (%s): %d serious or critical violations:\n%s", page, s, len(found), strings.Join(found, "\n"))
		}
	}
	b.scheme("light")
}

// shots writes full-page screenshots of the page at a phone's, a laptop's
// and a wide screen's width, and at the laptop's in the dark scheme.
func (b *browser) shots(page string) {
	b.t.Helper()
	dir := os.Getenv("ESSAIM_UI_SHOTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "out", "ui-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	for _, w := range []int64{390, 1280, 1920} {
		b.do(chromedp.EmulateViewport(w, 900))
		if eval[bool](b, "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1") {
			b.t.Errorf("%s at %d px is wider than the screen (a horizontal scroll bar)", page, w)
		}
		ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		cancel()
		if err != nil {
			b.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", page, w)), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	b.do(chromedp.EmulateViewport(1280, 900))
	b.scheme("dark")
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, page+"-1280-dark.png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.scheme("light")
}

// signIn opens the one-time URL `essaim ui` prints for u and waits for
// the interface; it returns the node's base URL.
func signIn(t *testing.T, b *browser, u *user) string {
	t.Helper()
	var s daemon.SignIn
	u.runJSON(t, &s, "ui")
	b.do(chromedp.Navigate(s.URL))
	b.until("the signed-in interface", `document.getElementById('nav') && !document.getElementById('nav').hidden`, 15*time.Second)
	// The URL works once.
	b.do(chromedp.Navigate(s.URL))
	if txt := b.text(); !strings.Contains(txt, "used already") {
		t.Fatalf("second use of the sign-in URL shows:\n%s", txt)
	}
	return s.URL[:strings.Index(s.URL, "/signin")]
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
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWebInterface walks the interface as its users do, in chromium,
// against a creator sharing a priced album and a buyer's node on the
// devnet: sign in (the URL works once), search, buy (the price guard
// first), play while the work downloads, pause and resume, the download
// complete and identical, withdraw as the creator; a page of another
// origin cannot drive the node; every page passes axe-core and is
// photographed at three widths.
func TestWebInterface(t *testing.T) {
	started := time.Now()
	axe := axeSource(t)
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 0), newUser(t, tc, 1)
	dir := filepath.Join(t.TempDir(), "album")
	song := writeWAV(t, filepath.Join(dir, "song.wav"), 120) // 5.3 MB: about 20 s at the seed's cap
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("recorded by the river\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var h hashResult
	creator.runJSON(t, &h, "hash", dir)
	root := h.Root
	seed := creator.start(t, "share", "--title", "Evening river song", "--tag", "live", "--tag", "folk",
		"--price", "0.01ether", "--duration", "30d", "--unlock", "--listen", loopback, "--upload-limit", "256KiB", dir)
	seedAddr := nodeAddrs(t, creator.home, seed)[0]
	// A second work, open, that nobody serves: its download waits.
	rain := filepath.Join(t.TempDir(), "rain")
	if err := os.MkdirAll(rain, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rain, "rain.txt"), []byte("rain on the roof\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := creator.run(t, "register", "--title", "Rain notes", "--open", rain); code != 0 {
		t.Fatalf("register: exit %d: %s", code, stderr)
	}
	startNode(t, buyer, seedAddr, "--unlock")
	cl, err := daemon.Dial(context.Background(), buyer.home)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the work in the buyer's catalogue", 20*time.Second, func() bool {
		ws, err := cl.Catalog(context.Background(), "river")
		rs, err2 := cl.Catalog(context.Background(), "rain")
		return err == nil && err2 == nil && len(ws) == 1 && len(rs) == 1
	})
	rootKey, err := parseWork(root)
	if err != nil {
		t.Fatal(err)
	}
	licensed := func() bool {
		ok, err := chain.NewRightsReader(tc.client, chain.RegistryAddress()).HasValidLicense(context.Background(), rootKey, buyer.addr)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	b := newBrowser(t)
	t.Logf("setup: %s", time.Since(started).Round(time.Millisecond))

	// Signed out, the page says how to sign in.
	b.do(chromedp.Navigate(cl.URL() + "/"))
	b.until("the sign-in page", `document.title.startsWith('Sign in')`, 10*time.Second)
	// The first view loads every file of the interface: under 200 KB on
	// the wire.
	transfer := eval[float64](b, `performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
		.reduce((sum, e) => sum + e.transferSize, 0)`)
	t.Logf("first view: %.0f bytes transferred", transfer)
	if transfer <= 0 || transfer >= 200_000 {
		t.Fatalf("first view transferred %.0f bytes, want 0 < n < 200,000", transfer)
	}
	b.audit("sign-in", axe)
	b.shots("sign-in")
	base := signIn(t, b, buyer)
	b.audit("sign-in-refused", axe) // the page a used sign-in URL shows
	b.shots("sign-in-refused")

	// The keyboard alone: skip to the content, search, open a work.
	b.do(chromedp.Navigate(base + "/?keyboard#/"))
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
	b.until("the work's page", `location.hash === '#/work/`+root+`'`, 10*time.Second)

	// Search with two terms and open the work.
	b.open(base + "/#/")
	b.do(chromedp.WaitVisible(chromedp.CSS(`input[type=search]`)), chromedp.SendKeys(chromedp.CSS(`input[type=search]`), "river song"))
	b.click(`//button[.="Search"]`)
	b.until("the search's results", `location.hash === '#/?q=river%20song' && document.querySelector('main').innerText.includes('1 work matching “river song”')`, 10*time.Second)
	b.click(`//a[normalize-space(.)="Evening river song"]`)
	b.until("the work's page", `location.hash === '#/work/`+root+`' && document.querySelector('h1') && document.querySelector('h1').textContent === 'Evening river song'`, 10*time.Second)
	if txt := b.text(); !strings.Contains(txt, root) || !strings.Contains(txt, "no license") || !strings.Contains(txt, "0.01 ETH") {
		t.Fatalf("work page:\n%s", txt)
	}

	// The price guard: at most half the price is refused, nothing paid.
	b.setValue(`//label[.="Pay at most (ETH)"]/following-sibling::input`, "0.005")
	b.click(`//button[starts-with(normalize-space(.), "Buy for 0.01 ETH")]`)
	b.until("the price guard's refusal", `document.querySelector('#buy-result [role=alert]')`, 15*time.Second)
	refusal := eval[string](b, `document.querySelector('#buy-result').innerText`)
	t.Logf("price guard: %s", refusal)
	if licensed() {
		t.Fatal("a purchase above the maximum price went through")
	}
	b.setValue(`//label[.="Pay at most (ETH)"]/following-sibling::input`, "0.01")
	b.click(`//button[starts-with(normalize-space(.), "Buy for 0.01 ETH")]`)
	b.until("the purchase", `document.querySelector('.okmsg') && document.querySelector('.okmsg').textContent.startsWith('Bought')`, 20*time.Second)
	if !licensed() {
		t.Fatal("the chain shows no license after the purchase")
	}
	b.until("the license on the page", `document.getElementById('license').textContent.includes('valid until')`, 10*time.Second)

	// Play while it downloads.
	b.click(`//a[starts-with(normalize-space(.), "Play or view")]`)
	b.until("the player", `document.querySelector('audio')`, 30*time.Second)
	eval[bool](b, `document.querySelector('audio').play().then(() => true)`)
	b.until("two seconds played", `document.querySelector('audio').currentTime > 2`, 20*time.Second)
	dl, err := cl.Download(context.Background(), mustHash(t, root))
	if err != nil || dl.State == daemon.Done || dl.Progress == nil {
		t.Fatalf("after 2 s of play the download is %+v (%v): want it running", dl, err)
	}
	t.Logf("played 2 s at %d of %d chunks", dl.Progress.Held, dl.Progress.Chunks)

	// Pause and resume from the downloads page, then the download ends.
	b.click(`//a[.="Downloads"]`)
	row := `document.querySelector('section[data-work="` + root + `"]')`
	b.until("the download's row", row, 10*time.Second)
	b.click(`//section[@data-work="` + root + `"]//button[.="Pause"]`)
	b.until("paused", row+`.dataset.state === 'paused'`, 10*time.Second)
	if dl, err := cl.Download(context.Background(), mustHash(t, root)); err != nil || dl.State != daemon.Paused {
		t.Fatalf("the node's download after Pause: %+v %v", dl, err)
	}
	b.click(`//section[@data-work="` + root + `"]//button[.="Resume"]`)
	b.until("resumed", row+`.dataset.state === 'active' || `+row+`.dataset.state === 'done'`, 10*time.Second)
	b.until("the download at 100%", row+`.dataset.state === 'done' && `+row+`.querySelector('progress').value === 100`, 60*time.Second)
	got, err := os.ReadFile(filepath.Join(buyer.home, "works", root, "song.wav"))
	if err != nil || !bytes.Equal(got, song) {
		t.Fatalf("downloaded song.wav: %v, identical %v", err, bytes.Equal(got, song))
	}

	// Each page of the buyer's node passes axe-core; screenshots.
	for _, p := range []struct{ name, hash, ready string }{
		{"catalogue", "#/?q=river", `document.querySelector('.cards')`},
		{"work", "#/work/" + root, `document.getElementById('license')`},
		{"downloads", "#/downloads", row},
		{"player", "#/play/" + root, `document.querySelector('audio')`},
		{"licenses", "#/licenses", `document.querySelector('table')`},
		{"node", "#/node", `document.querySelector('.chart') && document.querySelector('dl.facts')`},
	} {
		b.open(base + "/" + p.hash)
		b.until(p.name+" page", p.ready, 15*time.Second)
		b.audit(p.name, axe)
		b.shots(p.name)
	}

	// The bandwidth caps change while the node runs.
	b.open(base + "/#/node")
	b.until("the caps", `document.querySelector('main').innerText.includes('Upload: none')`, 10*time.Second)
	b.setValue(`//label[starts-with(., "Upload cap")]/following-sibling::input`, "100")
	b.click(`//button[.="Set the caps"]`)
	b.until("the new cap", `document.querySelector('main').innerText.includes('Upload: 100 KiB/s')`, 10*time.Second)

	// Renew leads from the licenses to the work's offers.
	b.open(base + "/#/licenses")
	b.click(`//a[.="Renew"]`)
	b.until("the work's page from Renew", `location.hash === '#/work/`+root+`'`, 10*time.Second)

	// A download that cannot finish (nobody serves the work) is cancelled.
	b.open(base + "/#/?q=rain")
	b.click(`//a[normalize-space(.)="Rain notes"]`)
	b.click(`//button[.="Download"]`)
	b.until("the download started", `document.querySelector('.okmsg') && document.querySelector('.okmsg').textContent.startsWith('Downloading into')`, 10*time.Second)
	rainRoot := eval[string](b, `location.hash.slice('#/work/'.length)`)
	b.click(`//a[.="Downloads"]`)
	rainRow := `//section[@data-work="` + rainRoot + `"]`
	b.click(rainRow + `//button[.="Cancel"]`)
	b.until("the cancelled download gone", `!document.querySelector('section[data-work="`+rainRoot+`"]') && document.querySelector('section[data-work="`+root+`"]')`, 10*time.Second)
	if _, err := cl.Download(context.Background(), mustHash(t, rainRoot)); err == nil {
		t.Fatal("the node still lists the cancelled download")
	}

	// Withdraw as the creator, from its own node's interface.
	streamURL := func() string {
		s, err := cl.Stream(context.Background(), mustHash(t, root), "song.wav", "")
		if err != nil {
			t.Fatal(err)
		}
		return s.Files[0].URL
	}()
	creatorBase := signIn(t, b, creator)
	before := tc.balance(t, creator.addr)
	b.open(creatorBase + "/#/mine")
	b.until("the creator's works", `document.getElementById('balance')`, 15*time.Second)
	b.audit("mine", axe)
	b.shots("mine")
	b.click(`//button[starts-with(normalize-space(.), "Withdraw 0.01 ETH")]`)
	b.until("the withdrawal", `document.querySelector('.okmsg') && document.querySelector('.okmsg').textContent.startsWith('Withdrew 0.01 ETH')`, 20*time.Second)
	if after := tc.balance(t, creator.addr); after.Cmp(before) <= 0 {
		t.Fatalf("creator's balance %s after withdrawing, %s before", after, before)
	}

	// A new offer, then retired.
	songCard := `//section[@aria-label="Evening river song"]`
	b.setValue(songCard+`//label[.="Price (ETH)"]/following-sibling::input`, "0.02")
	b.click(songCard + `//button[.="Add the offer"]`)
	b.until("the new offer", `document.querySelector('main').innerText.includes('Offer 1: 0.02 ETH')`, 20*time.Second)
	b.click(songCard + `//button[.="Retire offer 1"]`)
	b.until("the offer retired", `!document.querySelector('main').innerText.includes('Offer 1: 0.02 ETH')`, 20*time.Second)

	// A sale made elsewhere (another buyer, from the command line) shows
	// on the open page by itself.
	fan := newUser(t, tc, 2)
	if _, stderr, code := fan.run(t, "buy", root); code != 0 {
		t.Fatalf("buy from the command line: exit %d: %s", code, stderr)
	}
	b.until("the new sale on the open page", `document.querySelector('section[data-work="`+root+`"] .sold').textContent === '2 licenses'`, 20*time.Second)

	// Signing out ends the session: the page asks to sign in again.
	b.click(`//button[.="Sign out"]`)
	b.until("the sign-in page after signing out", `document.title.startsWith('Sign in')`, 10*time.Second)

	b.checkProblems() // what follows makes the browser log refusals, on purpose

	// A hostile page of another origin on the same machine (the same
	// site, so the buyer's SameSite cookie goes along) cannot drive the
	// buyer's node: its stream URLs survive a revoke the page sends.
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!doctype html><title>another site</title><p>nothing to see</p>")
	}))
	defer hostile.Close()
	b.do(chromedp.Navigate(hostile.URL))
	sent := eval[[]string](b, `Promise.all([
		fetch('`+base+`/api/v1/streams/revoke', {method: 'POST', mode: 'no-cors', credentials: 'include'}).then(() => 'no-cors sent', e => 'no-cors: ' + e),
		fetch('`+base+`/api/v1/streams/revoke', {method: 'POST', credentials: 'include', headers: {'X-Essaim-CSRF': '`+strings.Repeat("0", 64)+`'}})
			.then(r => 'cors: ' + r.status, e => 'cors refused: ' + e)])`)
	t.Logf("cross-origin attempts: %q", sent)
	if resp, err := http.Head(streamURL); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the buyer's stream URL after a foreign page asked to revoke it: %v %v", resp, err)
	}
	t.Logf("whole test: %s", time.Since(started).Round(time.Millisecond))
}

func mustHash(t *testing.T, s string) [32]byte {
	t.Helper()
	h, err := parseWork(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
