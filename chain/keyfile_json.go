package chain

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// jsonObject is one JSON object of a keystore file, its keys folded to lower
// case (go-ethereum matches them regardless of case, so "Crypto" is
// "crypto"), each key given once.
type jsonObject struct {
	path   string // JSON path of the object: "" at the top, "crypto.kdfparams"
	fields map[string]json.RawMessage
}

// parseTop reads a whole keystore file as one JSON object.
func parseTop(data []byte) (jsonObject, *KeyFileError) {
	if !json.Valid(data) {
		return jsonObject{}, &KeyFileError{Msg: "not a JSON document"}
	}
	return parseObject(data, "")
}

// parseObject reads raw, one valid JSON value, as an object.
func parseObject(raw json.RawMessage, path string) (jsonObject, *KeyFileError) {
	o := jsonObject{path: path, fields: map[string]json.RawMessage{}}
	if k := kind(raw); k != "an object" {
		return o, &KeyFileError{Field: path, Msg: "want an object, got " + k}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening brace
		return o, &KeyFileError{Field: path, Msg: err.Error()}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return o, &KeyFileError{Field: path, Msg: err.Error()}
		}
		key := strings.ToLower(tok.(string)) // inside an object, a key is a string
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return o, &KeyFileError{Field: path, Msg: err.Error()}
		}
		if _, dup := o.fields[key]; dup {
			return o, o.errf(key, "given twice (keys are read regardless of case)")
		}
		o.fields[key] = v
	}
	return o, nil
}

// kind names the type of a valid JSON value for error messages.
func kind(raw json.RawMessage) string {
	switch b := bytes.TrimLeft(raw, " \t\r\n"); {
	case len(b) == 0:
		return "nothing"
	case b[0] == '{':
		return "an object"
	case b[0] == '[':
		return "an array"
	case b[0] == '"':
		return "a string"
	case b[0] == 't' || b[0] == 'f':
		return "a boolean"
	case b[0] == 'n':
		return "null"
	default:
		return "a number"
	}
}

func (o jsonObject) field(name string) string {
	if o.path == "" {
		return name
	}
	return o.path + "." + name
}

func (o jsonObject) errf(name, format string, args ...any) *KeyFileError {
	return fieldErr(o.field(name), format, args...)
}

func (o jsonObject) has(name string) bool {
	_, ok := o.fields[name]
	return ok
}

// get returns a field's value, which must be of JSON type want ("a
// string"); label is what the error calls the wanted value.
func (o jsonObject) get(name, want, label string) (json.RawMessage, *KeyFileError) {
	v, ok := o.fields[name]
	if !ok {
		return nil, o.errf(name, "missing")
	}
	if k := kind(v); k != want {
		return nil, o.errf(name, "want %s, got %s", label, k)
	}
	return v, nil
}

func (o jsonObject) object(name string) (jsonObject, *KeyFileError) {
	v, err := o.get(name, "an object", "an object")
	if err != nil {
		return jsonObject{}, err
	}
	return parseObject(v, o.field(name))
}

// str reads a string field of at most maxLen bytes.
func (o jsonObject) str(name string, maxLen int) (string, *KeyFileError) {
	v, err := o.get(name, "a string", "a string")
	if err != nil {
		return "", err
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", o.errf(name, "%v", err)
	}
	if len(s) > maxLen {
		return "", o.errf(name, "a string of %d bytes, longer than %d", len(s), maxLen)
	}
	return s, nil
}

// uint reads a field that must be a non-negative integer written without
// a fraction or an exponent.
func (o jsonObject) uint(name string) (uint64, *KeyFileError) {
	v, err := o.get(name, "a number", "an integer")
	if err != nil {
		return 0, err
	}
	s := string(bytes.TrimSpace(v))
	shown := s
	if len(shown) > 24 {
		shown = shown[:24] + "…"
	}
	if strings.HasPrefix(s, "-") {
		return 0, o.errf(name, "%s is negative", shown)
	}
	if strings.ContainsAny(s, ".eE") {
		return 0, o.errf(name, "want an integer, got %s", shown)
	}
	n, perr := strconv.ParseUint(s, 10, 64)
	if perr != nil {
		return 0, o.errf(name, "%s is too large", shown)
	}
	return n, nil
}

// hex reads a string of hex digits (no 0x) holding lo to hi bytes.
func (o jsonObject) hex(name string, lo, hi int) ([]byte, *KeyFileError) {
	s, err := o.str(name, MaxKeyFileSize)
	if err != nil {
		return nil, err
	}
	b, herr := hex.DecodeString(s)
	if herr != nil {
		return nil, o.errf(name, "not hex digits")
	}
	switch {
	case lo == hi && len(b) != lo:
		return nil, o.errf(name, "%d bytes, want %d", len(b), lo)
	case len(b) < lo || len(b) > hi:
		return nil, o.errf(name, "%d bytes, want %d to %d", len(b), lo, hi)
	}
	return b, nil
}

// hexInto reads a hex field of exactly len(dst) bytes into dst.
func (o jsonObject) hexInto(name string, dst []byte) *KeyFileError {
	b, err := o.hex(name, len(dst), len(dst))
	if err != nil {
		return err
	}
	copy(dst, b)
	return nil
}

// address reads a non-zero account address: 40 hex digits, 0x optional.
func (o jsonObject) address(name string) (common.Address, *KeyFileError) {
	s, err := o.str(name, 42)
	if err != nil {
		return common.Address{}, err
	}
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	b, herr := hex.DecodeString(h)
	if herr != nil || len(b) != common.AddressLength {
		return common.Address{}, o.errf(name, "not an address (40 hex digits)")
	}
	a := common.BytesToAddress(b)
	if a == (common.Address{}) {
		return a, o.errf(name, "the zero address")
	}
	return a, nil
}
