package daemon

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"essaim/p2p/content"
	"essaim/p2p/node"
)

// The local HTTP API, specified in docs/API.md. Every call is JSON and
// goes through the guard (auth.go).

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"` // plain words, as the CLI prints them
	Code  string `json:"code"`  // stable, for programs
}

func writeError(w http.ResponseWriter, status int, code string, err error) {
	writeJSON(w, status, apiError{Error: err.Error(), Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// maxBody bounds a request body: every call takes a small JSON object.
const maxBody = 64 << 10

func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("request body: %w", err)
	}
	return nil
}

// routes returns the API's handler, unguarded.
func (d *Daemon) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/status", d.handleStatus)
	mux.HandleFunc("GET /api/v1/works", d.handleWorks)
	mux.HandleFunc("POST /api/v1/pins", d.handlePin)
	mux.HandleFunc("DELETE /api/v1/pins/{work}", d.handleUnpin)
	mux.HandleFunc("GET /api/v1/downloads", d.handleDownloads)
	mux.HandleFunc("POST /api/v1/downloads", d.handleAddDownload)
	mux.HandleFunc("GET /api/v1/downloads/{work}", d.handleDownload)
	mux.HandleFunc("POST /api/v1/downloads/{work}/pause", d.handleDownloadAction)
	mux.HandleFunc("POST /api/v1/downloads/{work}/resume", d.handleDownloadAction)
	mux.HandleFunc("POST /api/v1/downloads/{work}/priority", d.handlePriority)
	mux.HandleFunc("DELETE /api/v1/downloads/{work}", d.handleCancel)
	mux.HandleFunc("GET /api/v1/events", d.handleEvents)
	mux.HandleFunc("POST /api/v1/streams", d.handleStreams)
	mux.HandleFunc("POST /api/v1/streams/revoke", d.handleRevokeStreams)
	mux.HandleFunc("GET /stream/{work}/{path...}", d.handleStreamFile)
	d.chainRoutes(mux)
	d.webRoutes(mux)
	mux.Handle("GET /metrics", d.metricsHandler())
	return mux
}

// workParam reads the {work} path value.
func workParam(w http.ResponseWriter, r *http.Request) (content.Hash, bool) {
	root, err := content.ParseHash(r.PathValue("work"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_work", fmt.Errorf("work %q: want 64 hex digits", r.PathValue("work")))
		return content.Hash{}, false
	}
	return root, true
}

// Status is what GET /api/v1/status answers.
type Status struct {
	Peer  string   `json:"peer"`
	Addrs []string `json:"addrs"`
	// Reachability is "public" (peers elsewhere can dial the node),
	// "private" (behind a NAT or firewall: reached through relays or hole
	// punching) or "unknown" (AutoNAT has not said yet).
	Reachability string  `json:"reachability"`
	Peers        int     `json:"peers"`
	Account      string  `json:"account,omitempty"`
	ChainID      uint64  `json:"chain_id"`
	Contract     string  `json:"contract"`
	Works        int     `json:"works"`
	Downloads    int     `json:"downloads_active"`
	UpBytes      int64   `json:"up_bytes"`
	DownBytes    int64   `json:"down_bytes"`
	UpRate       float64 `json:"up_rate"`
	DownRate     float64 `json:"down_rate"`
	Uptime       float64 `json:"uptime_seconds"`
}

// Status reports the node's state now.
func (d *Daemon) Status() Status {
	t := d.node.Traffic()
	up, down := d.rates.rates()
	s := Status{
		Peer: d.peerText, Addrs: d.node.Addrs(), Reachability: d.node.Reachability(), Peers: d.node.Peers(),
		ChainID: d.cfg.ChainID, Contract: d.contractText, Works: d.node.NumWorks(),
		UpBytes: t.Up, DownBytes: t.Down, UpRate: up, DownRate: down, Uptime: time.Since(d.started).Seconds(),
	}
	if d.cfg.Prover != nil {
		s.Account = d.accountText
	}
	for _, dl := range d.dl.List() {
		if dl.State == Active {
			s.Downloads++
		}
	}
	return s
}

func (d *Daemon) handleStatus(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, d.Status())
}

// Work is one work the node serves, as the API shows it.
type Work struct {
	Work      string `json:"work"`
	Kind      string `json:"kind"` // source or download
	Path      string `json:"path"`
	Size      int64  `json:"size"`
	Chunks    int    `json:"chunks"`
	Held      int    `json:"held"`
	UpBytes   int64  `json:"up_bytes"`
	DownBytes int64  `json:"down_bytes"`
}

// Works lists the works the node serves.
func (d *Daemon) Works() []Work {
	t := d.node.Traffic()
	out := []Work{}
	for _, h := range d.node.Works() {
		wt := t.PerWork[h.Root]
		out = append(out, Work{Work: h.Root.String(), Kind: string(h.Kind), Path: h.Path, Size: h.Size,
			Chunks: h.Chunks, Held: h.Have, UpBytes: wt.Up, DownBytes: wt.Down})
	}
	return out
}

func (d *Daemon) handleWorks(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, d.Works())
}

// PinRequest is the body of POST /api/v1/pins and /api/v1/downloads.
type PinRequest struct {
	Work     string `json:"work"`
	Output   string `json:"output,omitempty"`
	Priority int    `json:"priority,omitempty"`
}

// Pin makes the node serve root: at once when it holds it, after
// downloading it into out (default: <home>/works/<root>) otherwise. It
// returns the download, nil when the work is served already.
func (d *Daemon) Pin(root content.Hash, out string, priority int) (*Download, error) {
	if d.node.Holds(root) {
		return nil, nil
	}
	if out == "" {
		out = filepath.Join(d.cfg.Home, "works", root.String())
	}
	if dl, err := d.dl.Get(root); err == nil {
		return &dl, nil
	}
	dl, err := d.dl.Add(root, out, priority)
	if errors.Is(err, ErrServed) {
		return nil, nil
	}
	return &dl, err
}

// Unpin stops serving root and drops its download, if any; files in place
// stay.
func (d *Daemon) Unpin(root content.Hash) error {
	derr := d.dl.Cancel(root)
	nerr := d.node.Unserve(root)
	if errors.Is(derr, ErrUnknownDownload) && errors.Is(nerr, node.ErrNotServed) {
		return nerr
	}
	if errors.Is(nerr, node.ErrNotServed) {
		nerr = nil
	}
	if errors.Is(derr, ErrUnknownDownload) {
		derr = nil
	}
	return errors.Join(derr, nerr)
}

func (d *Daemon) handlePin(w http.ResponseWriter, r *http.Request) {
	var req PinRequest
	root, ok := workBody(w, r, &req, &req.Work)
	if !ok {
		return
	}
	dl, err := d.Pin(root, req.Output, req.Priority)
	switch {
	case err != nil:
		writeError(w, http.StatusConflict, "pin_failed", err)
	case dl == nil:
		writeJSON(w, http.StatusOK, map[string]string{"work": root.String(), "state": string(Served)})
	default:
		writeJSON(w, http.StatusAccepted, dl)
	}
}

// workBody decodes the request's JSON body into req and parses the work
// it names, *work (a field of req); on failure it has answered already.
func workBody(w http.ResponseWriter, r *http.Request, req any, work *string) (content.Hash, bool) {
	if err := readJSON(r, req); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", err)
		return content.Hash{}, false
	}
	root, err := content.ParseHash(*work)
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_work", fmt.Errorf("work %q: want 64 hex digits", *work))
		return content.Hash{}, false
	}
	return root, true
}

func (d *Daemon) handleUnpin(w http.ResponseWriter, r *http.Request) {
	root, ok := workParam(w, r)
	if !ok {
		return
	}
	if err := d.Unpin(root); errors.Is(err, node.ErrNotServed) {
		writeError(w, http.StatusNotFound, "not_served", err)
		return
	} else if err != nil {
		writeError(w, http.StatusInternalServerError, "unpin_failed", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (d *Daemon) handleDownloads(w http.ResponseWriter, _ *http.Request) {
	list := d.dl.List()
	if list == nil {
		list = []Download{}
	}
	writeJSON(w, http.StatusOK, list)
}

func (d *Daemon) handleAddDownload(w http.ResponseWriter, r *http.Request) {
	var req PinRequest
	root, ok := workBody(w, r, &req, &req.Work)
	if !ok {
		return
	}
	if req.Output == "" {
		writeError(w, http.StatusBadRequest, "bad_request", errors.New("output: the folder to write the work under is required"))
		return
	}
	dl, err := d.dl.Add(root, req.Output, req.Priority)
	if err != nil {
		writeError(w, http.StatusConflict, downloadCode(err), err)
		return
	}
	writeJSON(w, http.StatusCreated, dl)
}

// downloadCode names a download error for programs.
func downloadCode(err error) string {
	switch {
	case errors.Is(err, ErrUnknownDownload):
		return "unknown_download"
	case errors.Is(err, ErrDownloadExists):
		return "download_exists"
	case errors.Is(err, ErrServed):
		return "served"
	}
	return "download_failed"
}

func (d *Daemon) handleDownload(w http.ResponseWriter, r *http.Request) {
	root, ok := workParam(w, r)
	if !ok {
		return
	}
	dl, err := d.dl.Get(root)
	if err != nil {
		writeError(w, http.StatusNotFound, downloadCode(err), err)
		return
	}
	writeJSON(w, http.StatusOK, dl)
}

func (d *Daemon) handleDownloadAction(w http.ResponseWriter, r *http.Request) {
	root, ok := workParam(w, r)
	if !ok {
		return
	}
	act := d.dl.Pause
	if filepath.Base(r.URL.Path) == "resume" {
		act = d.dl.Resume
	}
	dl, err := act(root)
	if err != nil {
		writeError(w, http.StatusNotFound, downloadCode(err), err)
		return
	}
	writeJSON(w, http.StatusOK, dl)
}

func (d *Daemon) handlePriority(w http.ResponseWriter, r *http.Request) {
	root, ok := workParam(w, r)
	if !ok {
		return
	}
	var req struct {
		Priority int `json:"priority"`
	}
	if err := readJSON(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", err)
		return
	}
	dl, err := d.dl.Prioritise(root, req.Priority)
	if err != nil {
		writeError(w, http.StatusNotFound, downloadCode(err), err)
		return
	}
	writeJSON(w, http.StatusOK, dl)
}

func (d *Daemon) handleCancel(w http.ResponseWriter, r *http.Request) {
	root, ok := workParam(w, r)
	if !ok {
		return
	}
	if err := d.dl.Cancel(root); errors.Is(err, ErrUnknownDownload) {
		writeError(w, http.StatusNotFound, downloadCode(err), err)
		return
	} else if err != nil {
		writeError(w, http.StatusInternalServerError, downloadCode(err), err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleEvents streams download changes as server-sent events ("event:
// download", the Download as data), after one event per download on the
// list, until the client goes away or the node stops. With ?status=1 it
// also sends the node's Status ("event: status") every statusEvery.
func (d *Daemon) handleEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "no_stream", errors.New("streaming unsupported"))
		return
	}
	c, stop := d.dl.Subscribe()
	defer stop()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	event := func(name string, v any) bool {
		b, _ := json.Marshal(v)
		_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, b)
		fl.Flush()
		return err == nil
	}
	send := func(dl Download) bool { return event("download", dl) }
	for _, dl := range d.dl.List() {
		if !send(dl) {
			return
		}
	}
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	var status <-chan time.Time
	if r.URL.Query().Get("status") == "1" {
		if !event("status", d.Status()) {
			return
		}
		t := time.NewTicker(statusEvery)
		defer t.Stop()
		status = t.C
	}
	for {
		select {
		case <-status:
			if !event("status", d.Status()) {
				return
			}
		case <-r.Context().Done():
			return
		case <-d.stopping:
			return
		case dl := <-c:
			if !send(dl) {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// statusEvery is how often an event stream that asks for it gets the
// node's status.
const statusEvery = 2 * time.Second

// serveAPI listens on addr, publishes the URL and token in the home, and
// serves until ctx ends; then it shuts the server down (streams end) and
// takes the files away.
func (d *Daemon) serveAPI(ctx context.Context, l net.Listener) error {
	token, err := newToken()
	if err != nil {
		return err
	}
	g, err := newGuard(l.Addr(), d.answers, d.scheme(), token, d.web, webPublic, d.routes())
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: g, ReadHeaderTimeout: 10 * time.Second, ErrorLog: nil}
	if d.tls != nil {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{d.tls.cert}, MinVersion: tls.VersionTLS13}
		l = tls.NewListener(l, srv.TLSConfig)
	}
	url := d.APIURL()
	if err := writeAPIFiles(d.cfg.Home, url, token); err != nil {
		return err
	}
	defer removeAPIFiles(d.cfg.Home)
	d.log.Info("api", "url", url)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	close(d.stopping)
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	<-errc
	return err
}
