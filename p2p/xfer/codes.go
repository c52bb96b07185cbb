package xfer

import (
	"errors"
	"fmt"
)

// Code says why a server refused a stream. Codes are part of the wire
// format: never renumber them.
type Code uint8

// Refusal codes.
const (
	CodeNoLicense     Code = 1 // the proven address holds no valid license
	CodeNeedProof     Code = 2 // the work is not open and no access proof came
	CodeBadProof      Code = 3 // the access proof does not verify
	CodeUnavailable   Code = 4 // rights cannot be checked now (chain unreachable)
	CodeNotHeld       Code = 5 // this node does not serve that work
	CodeNotRegistered Code = 6 // the work is not registered on the contract
	CodeBusy          Code = 7 // too many streams from this peer
	CodeExpired       Code = 8 // the proven address's license has expired
)

var codeText = map[Code]string{
	CodeNoLicense:     "no valid license",
	CodeNeedProof:     "license proof required",
	CodeBadProof:      "invalid license proof",
	CodeUnavailable:   "license cannot be checked now",
	CodeNotHeld:       "work not held",
	CodeNotRegistered: "work not registered",
	CodeBusy:          "too many streams",
	CodeExpired:       "license expired",
}

func (c Code) String() string {
	if t, ok := codeText[c]; ok {
		return t
	}
	return fmt.Sprintf("refusal code %d", uint8(c))
}

// ErrRefused matches every *RefusedError.
var ErrRefused = errors.New("refused")

// RefusedError is a typed refusal from a serving peer. Not a byte of the
// work came with it.
type RefusedError struct {
	Code    Code
	Message string // the server's detail, untrusted text from the peer
}

func (e *RefusedError) Error() string {
	if e.Message == "" {
		return "refused: " + e.Code.String()
	}
	return fmt.Sprintf("refused: %s (%s)", e.Code, sanitize(e.Message))
}

// Is lets errors.Is(err, ErrRefused) match.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

// Retryable reports whether another attempt later, or at another peer, may
// succeed without the requester doing anything.
func (e *RefusedError) Retryable() bool {
	return e.Code == CodeUnavailable || e.Code == CodeBusy || e.Code == CodeNotHeld
}

// sanitize keeps a peer's text printable and short before it reaches a
// terminal or a log.
func sanitize(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\uFFFD' {
			r = '?'
		}
		out = append(out, r)
		if len(out) == 200 {
			break
		}
	}
	return string(out)
}
