package content

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits on a single path in a file list.
const (
	MaxPathBytes      = 1024 // the whole slash-separated path
	MaxComponentBytes = 255  // one name, as on common filesystems
	MaxPathDepth      = 32   // components in one path
)

// ReservedPrefix starts the names essaim keeps for its own use at the top of
// an output directory (the staging folder of a partial download). No work
// may put an entry there.
const ReservedPrefix = ".essaim"

// ErrBadPath is wrapped by every path-rule violation.
var ErrBadPath = errors.New("invalid path")

// PathError names the entry that broke a path rule and the rule it broke.
type PathError struct {
	Path   string
	Reason string
}

func (e *PathError) Error() string { return fmt.Sprintf("invalid path %q: %s", e.Path, e.Reason) }

// Unwrap lets errors.Is(err, ErrBadPath) match.
func (e *PathError) Unwrap() error { return ErrBadPath }

// CheckPath reports whether p may name an entry of a work: a relative path
// with '/' separators, valid UTF-8, whose components are neither empty nor
// "." or "..", with no control characters, backslashes or bidirectional
// formatting characters, within the length and depth limits, and not under a
// reserved name.
func CheckPath(p string) error {
	bad := func(reason string) error { return &PathError{Path: p, Reason: reason} }
	switch {
	case p == "":
		return bad("empty")
	case len(p) > MaxPathBytes:
		return bad(fmt.Sprintf("longer than %d bytes", MaxPathBytes))
	case !utf8.ValidString(p):
		return bad("not valid UTF-8")
	case p[0] == '/':
		return bad("absolute")
	}
	for _, r := range p {
		switch {
		case r == '\\':
			return bad("contains a backslash")
		case unicode.IsControl(r):
			return bad(fmt.Sprintf("contains control character %U", r))
		case isBidiControl(r):
			return bad(fmt.Sprintf("contains bidirectional formatting character %U", r))
		}
	}
	comps := strings.Split(p, "/")
	if len(comps) > MaxPathDepth {
		return bad(fmt.Sprintf("deeper than %d components", MaxPathDepth))
	}
	for _, c := range comps {
		switch {
		case c == "":
			return bad("empty component")
		case c == "." || c == "..":
			return bad(fmt.Sprintf("%q component", c))
		case len(c) > MaxComponentBytes:
			return bad(fmt.Sprintf("component longer than %d bytes", MaxComponentBytes))
		}
	}
	if strings.HasPrefix(foldKey(comps[0]), foldKey(ReservedPrefix)) {
		return bad(fmt.Sprintf("names starting with %q are reserved at the top level", ReservedPrefix))
	}
	return nil
}

// isBidiControl reports the explicit directional formatting characters
// (embeddings, overrides, isolates, marks) that can disguise a file name,
// such as "invoice\u202Efdp.exe" shown as "invoiceexe.pdf".
func isBidiControl(r rune) bool {
	switch {
	case r == 0x200E || r == 0x200F || r == 0x061C:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// foldKey maps a path to the key under which case-insensitive or
// normalising filesystems (macOS, Windows) would see it: NFC, then Unicode
// simple case folding. Two entries with the same key are duplicates.
func foldKey(p string) string {
	return strings.Map(foldRune, norm.NFC.String(p))
}

// foldRune maps r to the smallest rune of its simple case-folding orbit, so
// that 'K', 'k' and the Kelvin sign share one key.
func foldRune(r rune) rune {
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}
