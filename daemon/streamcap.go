package daemon

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"sync"
	"time"

	"essaim/p2p/content"
)

// Stream URLs carry a capability instead of the API's bearer token, since
// a media player (VLC, mpv, a browser's <video>) cannot send a header:
//
//	cap = base64url(expiry as 8 bytes big-endian || HMAC-SHA256(key, "essaim/stream/v1" || root || expiry)[:16])
//
// It names one work, so a URL copied out of a player opens that work's
// files and nothing else; it is only good on the node that made it, with
// the key that node drew at start (a restart revokes every URL), until its
// expiry (StreamURLLife), or until the key is replaced (POST
// /api/v1/streams/revoke). Checking it costs one HMAC; a forged, altered
// or expired one is refused before any file is looked at.

// StreamURLLife is how long a stream URL stays good.
const StreamURLLife = 12 * time.Hour

var (
	errCapMissing = errors.New("this stream URL lacks its cap parameter")
	errCapBad     = errors.New("this stream URL is not valid for this work on this node (altered, revoked, or from before the node's restart)")
	errCapExpired = errors.New("this stream URL has expired: ask for a new one (essaim stream WORK)")
)

// streamCaps mints and checks capabilities; safe for concurrent use.
type streamCaps struct {
	mu  sync.Mutex
	key [32]byte
}

func newStreamCaps() (*streamCaps, error) {
	c := &streamCaps{}
	return c, c.revoke()
}

// revoke draws a new key: every URL minted so far stops working.
func (c *streamCaps) revoke() error {
	var k [32]byte
	if _, err := rand.Read(k[:]); err != nil {
		return err
	}
	c.mu.Lock()
	c.key = k
	c.mu.Unlock()
	return nil
}

func (c *streamCaps) mac(root content.Hash, expiry uint64) []byte {
	c.mu.Lock()
	h := hmac.New(sha256.New, c.key[:])
	c.mu.Unlock()
	h.Write([]byte("essaim/stream/v1"))
	h.Write(root[:])
	h.Write(binary.BigEndian.AppendUint64(nil, expiry))
	return h.Sum(nil)[:16]
}

// mint returns a capability for root good until expiry.
func (c *streamCaps) mint(root content.Hash, expiry time.Time) string {
	e := uint64(expiry.Unix())
	b := binary.BigEndian.AppendUint64(nil, e)
	return base64.RawURLEncoding.EncodeToString(append(b, c.mac(root, e)...))
}

// check verifies cap for root at now.
func (c *streamCaps) check(root content.Hash, cap string, now time.Time) error {
	if cap == "" {
		return errCapMissing
	}
	b, err := base64.RawURLEncoding.DecodeString(cap)
	if err != nil || len(b) != 8+16 {
		return errCapBad
	}
	e := binary.BigEndian.Uint64(b[:8])
	if !hmac.Equal(b[8:], c.mac(root, e)) {
		return errCapBad
	}
	if now.Unix() >= int64(min(e, 1<<62)) {
		return errCapExpired
	}
	return nil
}
