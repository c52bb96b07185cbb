// Package webui is the node's web interface: plain HTML, CSS and
// JavaScript modules, embedded in the binary and served as they are, by
// the node, at the root of its API's address (daemon.webRoutes). There is
// no build step and no library: the browser runs the files of the
// assets folder, which read the API like any client (docs/API.md). Nothing
// is fetched from elsewhere, so the interface works offline and the
// Content-Security-Policy can forbid every other origin.
package webui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

//go:embed assets
var assets embed.FS

// file is one asset, ready to send.
type file struct {
	body, gz []byte
	ctype    string
	etag     string
}

// files maps a URL path to its asset: "/" is index.html, "/assets/x" is
// assets/x. They are compressed once, when first asked for: not when the
// package loads, which every command of the binary would pay for (10 ms
// and 11 MB of garbage at each start).
var files = sync.OnceValue(load)

func load() map[string]file {
	m := map[string]file{}
	err := fs.WalkDir(assets, "assets", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		sum := sha256.Sum256(b)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		m["/"+p] = file{body: b, gz: z.Bytes(), ctype: ctype, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
		return nil
	})
	if err != nil {
		panic("webui: embedded assets: " + err.Error()) // the binary's own files: a build fault
	}
	m["/"] = m["/assets/index.html"]
	return m
}

// jsType is the type of the modules, whatever the system's table says:
// browsers refuse a module of another type under nosniff.
const jsType = "text/javascript; charset=utf-8"

// Owns reports whether path is one of the interface's files.
func Owns(p string) bool {
	_, ok := files()[p]
	return ok
}

// Handler serves the interface's files, gzip-compressed for clients that
// take it, revalidated by ETag (a new binary may bring new files).
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files()[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ctype)
		if strings.HasSuffix(r.URL.Path, ".js") {
			h.Set("Content-Type", jsType)
		}
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", f.etag)
		h.Set("Vary", "Accept-Encoding")
		if r.Header.Get("If-None-Match") == f.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := f.body
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			h.Set("Content-Encoding", "gzip")
			body = f.gz
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
}

func acceptsGzip(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// Size is the bytes every asset takes on the wire, compressed (what a
// browser that loads them all transfers) and not: the first view loads
// them all, as the modules import each other.
func Size() (compressed, plain int) {
	for p, f := range files() {
		if p == "/" {
			continue
		}
		compressed += len(f.gz)
		plain += len(f.body)
	}
	return compressed, plain
}
