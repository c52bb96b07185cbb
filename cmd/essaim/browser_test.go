//go:build browser

package main

// A headless chromium for the web interface's tests (ui_browser_test.go):
// Debian's package, driven over the DevTools protocol by chromedp, which
// downloads nothing.

import (
	"context"
	"fmt"
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
)

// browser is one headless chromium; problems collects what the pages
// threw or logged as errors, checked by the test's own goroutine.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) *browser {
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
	opts = append(opts, extra...)
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

// audit runs axe-core on the page, in the light and the dark scheme at a
// laptop's width and in the light one at a phone's, and fails on any
// serious or critical violation.
func (b *browser) audit(page, axe string) {
	b.t.Helper()
	if !eval[bool](b, "typeof axe !== 'undefined'") {
		eval[bool](b, axe+";true")
	}
	for _, v := range []struct {
		scheme string
		width  int64
	}{{"light", 1280}, {"dark", 1280}, {"light", 390}} {
		b.scheme(v.scheme)
		b.do(chromedp.EmulateViewport(v.width, 900))
		found := eval[[]string](b, `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
			.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`)
		if len(found) > 0 {
			b.t.Errorf("axe-core on %s (%s, %d px): %d serious or critical violations:\n%s", page, v.scheme, v.width, len(found), strings.Join(found, "\n"))
		}
	}
	b.scheme("light")
	b.do(chromedp.EmulateViewport(1280, 900))
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
