package content_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"essaim/p2p/content"
)

// ctPathOfLen returns a valid path of exactly n bytes (n ≥ 1) made of
// components of at most 200 bytes.
func ctPathOfLen(n int) string {
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(strings.Repeat("p", min(200, n-b.Len())))
	}
	return b.String()
}

// ctDepth returns a path of n components "d".
func ctDepth(n int) string { return strings.TrimSuffix(strings.Repeat("d/", n), "/") }

// ctCheckPathError checks that err is the path-rule error for p.
func ctCheckPathError(t *testing.T, p string, err error) {
	t.Helper()
	if !errors.Is(err, content.ErrBadPath) {
		t.Fatalf("CheckPath(%q) = %v, want an error wrapping ErrBadPath", p, err)
	}
	var pe *content.PathError
	if !errors.As(err, &pe) {
		t.Errorf("CheckPath(%q) = %v, not a *PathError", p, err)
	} else if pe.Path != p {
		t.Errorf("PathError.Path = %q, want %q", pe.Path, p)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("%q", p)) {
		t.Errorf("error %q does not name the path %q", err.Error(), p)
	}
}

func TestCheckPathRejects(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		// non-empty, relative
		{"empty", ""},
		{"absolute", "/etc/passwd"},
		{"root", "/"},
		{"double leading slash", "//a"},
		// no empty component
		{"trailing slash", "a/"},
		{"trailing slash on a nested path", "a/b/"},
		{"doubled slash", "a//b"},
		{"tripled slash", "a///b"},
		{"only slashes", "//"},
		// no . or .. anywhere
		{"dot", "."},
		{"leading dot component", "./a"},
		{"middle dot component", "a/./b"},
		{"trailing dot component", "a/."},
		{"dot-dot", ".."},
		{"leading dot-dot", "../a"},
		{"middle dot-dot", "a/../b"},
		{"trailing dot-dot", "a/b/.."},
		{"dot-dot back to the top", "a/../../etc/passwd"},
		// control characters: C0, DEL, C1
		{"NUL", "a\x00b"},
		{"NUL at the end", "a\x00"},
		{"SOH", "\x01"},
		{"tab", "a\tb"},
		{"newline", "a\nb"},
		{"carriage return", "a\rb"},
		{"escape", "a\x1b[31mred"},
		{"unit separator", "a\x1fb"},
		{"DEL", "a\x7fb"},
		{"C1 U+0080", "a\u0080b"},
		{"C1 NEL U+0085", "a\u0085b"},
		{"C1 U+009F", "a\u009fb"},
		{"control in a deep component", "a/b/c\x07d"},
		// no backslash
		{"backslash", "a\\b"},
		{"backslash traversal", "a\\..\\x"},
		{"leading backslash", "\\a"},
		// bidirectional formatting characters
		{"U+061C ARABIC LETTER MARK", "a\u061cb"},
		{"U+200E LEFT-TO-RIGHT MARK", "a\u200eb"},
		{"U+200F RIGHT-TO-LEFT MARK", "a\u200fb"},
		{"U+202A LEFT-TO-RIGHT EMBEDDING", "a\u202ab"},
		{"U+202B RIGHT-TO-LEFT EMBEDDING", "a\u202bb"},
		{"U+202C POP DIRECTIONAL FORMATTING", "a\u202cb"},
		{"U+202D LEFT-TO-RIGHT OVERRIDE", "a\u202db"},
		{"U+202E RIGHT-TO-LEFT OVERRIDE", "invoice\u202efdp.exe"},
		{"U+2066 LEFT-TO-RIGHT ISOLATE", "a\u2066b"},
		{"U+2067 RIGHT-TO-LEFT ISOLATE", "a\u2067b"},
		{"U+2068 FIRST STRONG ISOLATE", "a\u2068b"},
		{"U+2069 POP DIRECTIONAL ISOLATE", "a\u2069b"},
		// valid UTF-8
		{"invalid byte", "a\xffb"},
		{"truncated sequence", "caf\xc3"},
		{"lone continuation byte", "\x80"},
		{"overlong slash", "a\xc0\xafb"},
		{"overlong dot-dot", "\xc0\xae\xc0\xae/x"},
		{"surrogate", "a\xed\xa0\x80b"},
		{"past U+10FFFF", "a\xf4\x90\x80\x80b"},
		// lengths and depth
		{"1025 bytes", ctPathOfLen(1025)},
		{"2000 bytes", ctPathOfLen(2000)},
		{"component of 256 bytes", strings.Repeat("c", 256)},
		{"nested component of 256 bytes", "a/" + strings.Repeat("c", 256) + "/b"},
		{"component of 256 bytes in 2-byte runes", strings.Repeat("é", 128)},
		{"33 components", ctDepth(33)},
		{"100 components", ctDepth(100)},
		// reserved top-level prefix, in any case
		{"reserved name", ".essaim"},
		{"reserved staging folder", ".essaim-partial-0123456789abcdef"},
		{"reserved prefix, file below", ".essaim-partial-x/journal"},
		{"reserved, upper case", ".ESSAIM"},
		{"reserved, mixed case", ".EsSaIm.tmp"},
		{"reserved, mixed case, below", ".eSSAIM/x/y"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctCheckPathError(t, tc.path, content.CheckPath(tc.path))
		})
	}
}

func TestCheckPathAccepts(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"simple", "a"},
		{"nested", "a/b/c.txt"},
		{"accents", "été/naïve.txt"},
		{"decomposed accents", "e\u0301te\u0301"},
		{"CJK", "日本語/ファイル.txt"},
		{"emoji", "photos/🎉 party.jpg"},
		{"spaces", "my documents/a file.txt"},
		{"leading and trailing spaces", " a / b "},
		{"dots inside names", "archive.tar.gz"},
		{"three dots", "..."},
		{"dot-dot prefix", "..a"},
		{"dot-dot suffix", "a.."},
		{"hidden file", ".hidden"},
		{"hidden folder", ".config/app.toml"},
		{"trailing dot", "name."},
		{"windows device name", "CON"},
		{"no-break space", "a\u00a0b"},
		{"U+00A0 neighbour of C1: U+00A1", "\u00a1"},
		{"U+FFFD", "\ufffd"},
		{"U+10FFFF", "a\U0010ffff"},
		{"reserved name below the top", "a/.essaim"},
		{"reserved name deep below", "a/b/.ESSAIM-partial/c"},
		{"not the reserved prefix", ".essai"},
		{"reserved name without its dot", "essaim"},
		{"reserved name not at the start", "x.essaim"},
		{"exactly 1024 bytes", ctPathOfLen(1024)},
		{"component of exactly 255 bytes", strings.Repeat("c", 255)},
		{"nested component of exactly 255 bytes", "a/" + strings.Repeat("c", 255)},
		{"component of 255 bytes in 2-byte runes", strings.Repeat("é", 127) + "e"},
		{"exactly 32 components", ctDepth(32)},
		{"32 components, 1024 bytes, three of 255", func() string {
			comps := strings.Split(ctDepth(32), "/") // 32 + 31 = 63 bytes
			for i := range 3 {
				comps[i] = strings.Repeat("c", 255) // +762
			}
			comps[3] = strings.Repeat("c", 200) // +199
			return strings.Join(comps, "/")
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := content.CheckPath(tc.path); err != nil {
				t.Errorf("CheckPath(%q) = %v, want nil", tc.path, err)
			}
		})
	}
	// The helpers make what they claim.
	if p := ctPathOfLen(1024); len(p) != 1024 {
		t.Fatalf("ctPathOfLen(1024) has %d bytes", len(p))
	}
	if p := ctDepth(32); strings.Count(p, "/") != 31 {
		t.Fatalf("ctDepth(32) = %q", p)
	}
	for _, tc := range tests {
		if strings.HasPrefix(tc.name, "32 components, 1024 bytes") && (len(tc.path) != 1024 || strings.Count(tc.path, "/") != 31) {
			t.Fatalf("%s: %d bytes, %d slashes", tc.name, len(tc.path), strings.Count(tc.path, "/"))
		}
	}
}

// TestCheckPathReservedCaseFolding checks the reserved prefix "in any case"
// under the case folding the file list uses (§2: simple case folding):
// U+017F LATIN SMALL LETTER LONG S folds to "s", so ".eſſaim-partial-…" is
// the staging folder's name on a filesystem that folds case.
func TestCheckPathReservedCaseFolding(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"long s", ".e\u017f\u017faim"},
		{"long s, staging folder", ".e\u017f\u017faim-partial-0123456789abcdef"},
		{"one long s, upper case", ".ES\u017fAIM"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if first := []rune(tc.path)[:len(content.ReservedPrefix)]; !strings.EqualFold(string(first), content.ReservedPrefix) {
				t.Fatalf("test case %q does not fold to the reserved prefix", tc.path)
			}
			ctCheckPathError(t, tc.path, content.CheckPath(tc.path))
		})
	}
}
