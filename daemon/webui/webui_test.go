package webui

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFirstViewSize: the first view loads every asset (the modules import
// each other); compressed, they stay under 200 KB.
func TestFirstViewSize(t *testing.T) {
	gz, plain := Size()
	t.Logf("assets: %d bytes, %d gzip-compressed", plain, gz)
	if gz >= 200_000 {
		t.Fatalf("the first view transfers %d bytes compressed, want < 200,000", gz)
	}
}

var (
	inlineScript = regexp.MustCompile(`(?i)<script(?:\s[^>]*)?>`)
	handlerAttr  = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	htmlSinks    = regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*'style'`)
	importFrom   = regexp.MustCompile(`(?m)^import .* from '([^']+)';$`)
)

// TestNothingInline: the Content-Security-Policy forbids inline script
// and style; the HTML holds none (so nothing breaks under it), and the
// modules build the page without HTML strings.
func TestNothingInline(t *testing.T) {
	for p, f := range files() {
		body := string(f.body)
		switch path.Ext(p) {
		case ".html":
			for _, tag := range inlineScript.FindAllString(body, -1) {
				if !strings.Contains(tag, "src=") {
					t.Errorf("%s: inline script %s", p, tag)
				}
			}
			if strings.Contains(strings.ToLower(body), "<style") || strings.Contains(body, "style=") {
				t.Errorf("%s: inline style", p)
			}
			if m := handlerAttr.FindString(body); m != "" {
				t.Errorf("%s: inline event handler %q", p, m)
			}
		case ".js":
			if m := htmlSinks.FindString(body); m != "" {
				t.Errorf("%s: %q builds markup from strings or code from text", p, m)
			}
		}
	}
}

// TestModulesResolve: every module a module imports is embedded.
func TestModulesResolve(t *testing.T) {
	n := 0
	for p, f := range files() {
		if path.Ext(p) != ".js" {
			continue
		}
		for _, m := range importFrom.FindAllStringSubmatch(string(f.body), -1) {
			n++
			if target := path.Join(path.Dir(p), m[1]); !Owns(target) {
				t.Errorf("%s imports %s: no such asset", p, target)
			}
		}
	}
	if n < 10 {
		t.Fatalf("found %d imports; the pattern misses them", n)
	}
}

// TestHandler serves over real HTTP: the page at /, compressed when asked,
// a module with the type browsers require, 304 on a matching ETag, 404
// for anything else.
func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	get := func(p string, hdr ...string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+p, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	r := get("/", "Accept-Encoding", "gzip, br")
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/: %d %v", r.StatusCode, r.Header)
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(zr)
	if !strings.Contains(string(page), `src="/assets/js/app.js"`) {
		t.Fatalf("/ is not the page: %.200s", page)
	}
	r = get("/assets/js/app.js")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != jsType || r.Header.Get("Content-Encoding") != "" {
		t.Fatalf("app.js: %d %v", r.StatusCode, r.Header)
	}
	if r = get("/assets/js/app.js", "If-None-Match", r.Header.Get("ETag")); r.StatusCode != http.StatusNotModified {
		t.Fatalf("app.js with its ETag: %d", r.StatusCode)
	}
	if r = get("/assets/app.css", "Accept-Encoding", "gzip;q=0"); r.Header.Get("Content-Encoding") != "" {
		t.Fatal("gzip sent to a client that refuses it")
	}
	for _, p := range []string{"/assets/", "/assets/nope.js", "/index.html", "/assets/../webui.go"} {
		if r = get(p); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, r.StatusCode)
		}
	}
}

var (
	apiPath = regexp.MustCompile("['`](/api/v1/[^'`?]*)")
	jsParam = regexp.MustCompile(`\$\{[^}]*\}`)
)

// TestPagesCallDocumentedAPI: every call the pages make is in
// docs/API.md, so that the page and the document agree.
func TestPagesCallDocumentedAPI(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "API.md"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for p, f := range files() {
		if path.Ext(p) != ".js" {
			continue
		}
		for _, m := range apiPath.FindAllStringSubmatch(string(f.body), -1) {
			n++
			call := jsParam.ReplaceAllString(m[1], "X")
			if strings.HasSuffix(call, "/") { // '/api/v1/catalog/' + work
				call += "X"
			}
			pattern := strings.ReplaceAll(regexp.QuoteMeta(call), "X", "[A-Z]+") + `([^a-z/]|$)`
			if !regexp.MustCompile(pattern).Match(doc) {
				t.Errorf("%s calls %s, which docs/API.md does not describe", p, m[1])
			}
		}
	}
	if n < 15 {
		t.Fatalf("found %d calls; the pattern misses them", n)
	}
}
