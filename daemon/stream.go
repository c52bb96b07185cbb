package daemon

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	pathpkg "path"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"essaim/licensing/rights"
	"essaim/p2p/content"
	"essaim/p2p/xfer"
)

// Streaming: a file of a work served over HTTP as the node downloads it,
// with Range requests, for a media player. docs/API.md describes the calls;
// docs/SECURITY.md the capability in the URL (streamcap.go).

// StreamRequest is the body of POST /api/v1/streams.
type StreamRequest struct {
	Work   string `json:"work"`
	Path   string `json:"path,omitempty"`   // one file; empty: every file
	Output string `json:"output,omitempty"` // where to download it when the node does not hold it
}

// StreamFile is one file a stream URL serves.
type StreamFile struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
	Type string `json:"type"` // its media type, as the URL serves it
	URL  string `json:"url"`
}

// Stream is the answer to POST /api/v1/streams.
type Stream struct {
	Work    string       `json:"work"`
	Expires time.Time    `json:"expires"`
	Files   []StreamFile `json:"files"`
	// Download is the node's download of the work, when it does not hold
	// it whole yet.
	Download *Download `json:"download,omitempty"`
}

var errNotStreamable = errors.New("the node neither holds nor downloads this work")

// mayStream checks that the node's account (or anyone, for an open work)
// may have root now, in the words of a holder's refusal.
func (d *Daemon) mayStream(ctx context.Context, root content.Hash) error {
	var account [20]byte
	if d.cfg.Prover != nil {
		account = d.cfg.Account
	}
	dec, err := d.checker.Check(ctx, root, account)
	if err != nil {
		return &xfer.RefusedError{Code: xfer.CodeUnavailable}
	}
	switch {
	case dec.Allowed:
		return nil
	case dec.Reason == rights.NotRegistered:
		return &xfer.RefusedError{Code: xfer.CodeNotRegistered}
	case dec.Reason == rights.Expired:
		return &xfer.RefusedError{Code: xfer.CodeExpired}
	case d.cfg.Prover == nil:
		return &xfer.RefusedError{Code: xfer.CodeNeedProof,
			Message: "the node holds no unlocked account to prove a license with: restart it with --unlock"}
	}
	return &xfer.RefusedError{Code: xfer.CodeNoLicense}
}

// Stream makes the URLs of root's files (or of path alone), starting the
// work's download into out (or <home>/works/ROOT) when the node does not
// hold it; it waits (within ctx) for the work's file list.
func (d *Daemon) Stream(ctx context.Context, root content.Hash, path, out string) (*Stream, error) {
	if err := d.mayStream(ctx, root); err != nil {
		return nil, err
	}
	dl, err := d.Pin(root, out, 1)
	if err != nil {
		return nil, err
	}
	if dl != nil && (dl.State == Paused || dl.State == Failed) {
		// Asking to watch it is asking for it now.
		if r, err := d.dl.Resume(root); err == nil {
			dl = &r
		}
	}
	c, ok := d.node.Chunks(root)
	for !ok {
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("the work's file list has not come: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
		if cur, err := d.dl.Get(root); err == nil && cur.State == Failed {
			return nil, fmt.Errorf("the node's download failed: %s", cur.Error)
		}
		c, ok = d.node.Chunks(root)
	}
	expires := time.Now().Add(StreamURLLife).Truncate(time.Second)
	cap := d.caps.mint(root, expires)
	s := &Stream{Work: root.String(), Expires: expires.UTC(), Download: dl}
	for _, e := range c.Manifest().Files() {
		if e.Dir || path != "" && e.Path != path {
			continue
		}
		s.Files = append(s.Files, StreamFile{Path: e.Path, Size: e.Size, Type: mediaType(e.Path),
			URL: d.APIURL() + "/stream/" + root.String() + "/" + pathEscape(e.Path) + "?cap=" + cap})
	}
	if len(s.Files) == 0 {
		return nil, fmt.Errorf("work %s has no file %q", root, path)
	}
	return s, nil
}

// pathEscape escapes each segment of a slash-separated path.
func pathEscape(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func (d *Daemon) handleStreams(w http.ResponseWriter, r *http.Request) {
	var req StreamRequest
	root, ok := workBody(w, r, &req, &req.Work)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), d.cfg.StreamWait)
	defer cancel()
	s, err := d.Stream(ctx, root, req.Path, req.Output)
	var ref *xfer.RefusedError
	switch {
	case errors.As(err, &ref):
		writeError(w, http.StatusForbidden, "refused", err)
	case err != nil:
		writeError(w, http.StatusConflict, "stream_failed", err)
	default:
		writeJSON(w, http.StatusOK, s)
	}
}

func (d *Daemon) handleRevokeStreams(w http.ResponseWriter, _ *http.Request) {
	if err := d.caps.revoke(); err != nil {
		writeError(w, http.StatusInternalServerError, "revoke_failed", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// streamSeq names the readers of a download's windows.
var streamSeq atomic.Uint64

// handleStreamFile serves GET and HEAD /stream/{work}/{path...}?cap=…: one
// file of the work, with Range and If-Range (http.ServeContent), only
// verified bytes, waiting for the chunks a range needs.
func (d *Daemon) handleStreamFile(w http.ResponseWriter, r *http.Request) {
	root, err := content.ParseHash(r.PathValue("work"))
	if err != nil {
		writeError(w, http.StatusNotFound, "bad_work", fmt.Errorf("work %q: want 64 hex digits", r.PathValue("work")))
		return
	}
	if err := d.caps.check(root, r.URL.Query().Get("cap"), time.Now()); err != nil {
		writeError(w, http.StatusForbidden, "bad_cap", err)
		return
	}
	if err := d.mayStream(r.Context(), root); err != nil {
		writeError(w, http.StatusForbidden, "refused", err)
		return
	}
	c, ok := d.node.Chunks(root)
	if !ok {
		writeError(w, http.StatusNotFound, "not_streamable", errNotStreamable)
		return
	}
	m := c.Manifest()
	path := r.PathValue("path")
	start, size, ok := fileAt(m, path)
	if !ok {
		writeError(w, http.StatusNotFound, "no_file", fmt.Errorf("work %s has no file %q", root, path))
		return
	}
	fr := &fileReader{ctx: r.Context(), d: d, root: root, m: m, start: start, size: size,
		wants: d.dl.wantsOf(root), id: "stream-" + strconv.FormatUint(streamSeq.Add(1), 10),
		timeout: d.cfg.StreamWait, buf: make([]byte, m.ChunkSize()), began: time.Now(), wanted: -1}
	defer fr.close()
	// The first byte asked for is waited for before any header goes
	// out, so that a part that does not come is a clean error.
	if first := rangeStart(r.Header.Get("Range"), size); first < size && r.Method == http.MethodGet {
		fr.pos = first
		if _, err := fr.Read(make([]byte, 1)); err != nil {
			writeError(w, http.StatusGatewayTimeout, "not_yet", err)
			return
		}
		fr.pos = 0
	}
	// The work is content-addressed: a file of it never changes.
	w.Header().Set("ETag", `"`+root.String()+"/"+pathEscape(path)+`"`)
	w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	w.Header().Set("Content-Type", mediaType(path))
	http.ServeContent(w, r, path, time.Time{}, fr)
}

// rangeStart is the first byte a Range header asks for: 0 without one or
// for one it cannot read (ServeContent then answers it), size - n for a
// suffix range of n bytes.
func rangeStart(h string, size int64) int64 {
	spec, ok := strings.CutPrefix(h, "bytes=")
	if !ok {
		return 0
	}
	first, _, _ := strings.Cut(strings.Split(spec, ",")[0], "-")
	if first == "" { // bytes=-n: the last n bytes
		_, last, _ := strings.Cut(spec, "-")
		n, err := strconv.ParseInt(strings.TrimSpace(last), 10, 64)
		if err != nil {
			return 0
		}
		return max(size-n, 0)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(first), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// mediaTypes are the types of the files a player opens, which Go's own
// table lacks (it falls back on the system's, then on sniffing).
var mediaTypes = map[string]string{
	".mp4": "video/mp4", ".m4v": "video/mp4", ".mkv": "video/x-matroska", ".webm": "video/webm",
	".mov": "video/quicktime", ".avi": "video/x-msvideo", ".ogv": "video/ogg", ".ts": "video/mp2t",
	".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac", ".flac": "audio/flac",
	".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav",
	".vtt": "text/vtt; charset=utf-8", ".srt": "application/x-subrip",
	".epub": "application/epub+zip", ".cbz": "application/vnd.comicbook+zip",
}

// mediaType is path's type from its extension: the table above, then
// Go's and the system's, else application/octet-stream. It is never left
// to http.ServeContent to sniff, which would read the file's first bytes
// (and wait for them) to answer a range far from them.
func mediaType(path string) string {
	ext := strings.ToLower(pathpkg.Ext(path))
	if t, ok := mediaTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
