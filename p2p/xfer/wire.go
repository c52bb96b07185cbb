package xfer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// Frame types. Each frame on the wire is type (1 byte) | length (4 bytes,
// big-endian) | payload. Each type has its own maximum length, checked
// before anything is allocated or read.
const (
	tChallenge   byte = 0x01 // server: nonce [32]
	tHello       byte = 0x02 // client: work [32] | access proof (may be empty)
	tRefuse      byte = 0x03 // server: code u8 | message
	tAccept      byte = 0x04 // server: chunks u32 | manifest length u32 | flags u8 | bitfield
	tGetManifest byte = 0x05 // client: empty
	tManifest    byte = 0x06 // server: the manifest bytes
	tRequest     byte = 0x07 // client: index u32
	tCancel      byte = 0x08 // client: index u32
	tChunk       byte = 0x09 // server: index u32 | data
	tMissing     byte = 0x0a // server: index u32 (not held here)
	tHave        byte = 0x0b // server: index u32 (now held here)
	tShown       byte = 0x0c // server, in turn only: bitfield, the chunks shown from now on
)

const (
	headerLen     = 5
	nonceLen      = 32
	maxMessageLen = 1024 // refusal text
	flagComplete  = 1
	// flagInTurn: the server holds the whole work but shows its chunks in
	// turn (seeding.go); a bitfield follows, as for a partial holder, any
	// chunk may still be asked, and shown frames may replace the set.
	flagInTurn = 2
	// maxBitfieldLen is the largest bitfield a frame may carry.
	maxBitfieldLen = (content.MaxChunks + 7) / 8
)

// Errors of the wire layer. A peer that breaks the protocol gets its stream
// reset; these say why.
var (
	ErrFrameTooLarge = errors.New("frame too large")
	ErrUnexpected    = errors.New("unexpected frame")
	ErrMalformed     = errors.New("malformed frame")
)

// header is a decoded frame header.
type header struct {
	typ byte
	n   uint32
}

// readHeader reads a frame header and checks its type and length against
// what limit allows at this point of the protocol, before any payload is
// read or allocated.
func readHeader(r io.Reader, limit func(typ byte) (max uint32, ok bool)) (header, error) {
	var b [headerLen]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return header{}, err
	}
	h := header{typ: b[0], n: binary.BigEndian.Uint32(b[1:])}
	max, ok := limit(h.typ)
	switch {
	case !ok:
		return h, fmt.Errorf("%w: type 0x%02x", ErrUnexpected, h.typ)
	case h.n > max:
		return h, fmt.Errorf("%w: type 0x%02x, %d bytes, at most %d", ErrFrameTooLarge, h.typ, h.n, max)
	}
	return h, nil
}

// appendHeader appends a frame header to b.
func appendHeader(b []byte, typ byte, n int) []byte {
	b = append(b, typ)
	return binary.BigEndian.AppendUint32(b, uint32(n))
}

// indexFrame encodes a frame whose payload is one chunk index.
func indexFrame(typ byte, i int) []byte {
	b := appendHeader(make([]byte, 0, headerLen+4), typ, 4)
	return binary.BigEndian.AppendUint32(b, uint32(i))
}

// haveFrames encodes a have frame for each index, back to back.
func haveFrames(idx []int) []byte {
	b := make([]byte, 0, len(idx)*(headerLen+4))
	for _, i := range idx {
		b = binary.BigEndian.AppendUint32(appendHeader(b, tHave, 4), uint32(i))
	}
	return b
}

// shownFrame encodes a shown frame carrying a bitfield.
func shownFrame(set []byte) []byte {
	return append(appendHeader(make([]byte, 0, headerLen+len(set)), tShown, len(set)), set...)
}

// readShown reads the payload of a shown frame from a server whose accept
// said whether it is in turn, for a work of chunks chunks. The length is
// checked before anything is read.
func readShown(r io.Reader, h header, chunks int, inTurn bool) (*bitfield.Bitfield, error) {
	if !inTurn {
		return nil, fmt.Errorf("%w: shown frame from a holder not in turn", ErrMalformed)
	}
	if want := (chunks + 7) / 8; int64(h.n) != int64(want) {
		return nil, fmt.Errorf("%w: shown frame of %d bytes, want %d", ErrMalformed, h.n, want)
	}
	p := make([]byte, h.n)
	if _, err := io.ReadFull(r, p); err != nil {
		return nil, err
	}
	set, err := bitfield.Decode(chunks, p)
	if err != nil {
		return nil, fmt.Errorf("%w: shown frame: %w", ErrMalformed, err)
	}
	return set, nil
}

// readIndex reads the 4-byte payload of an index frame.
func readIndex(r io.Reader, h header) (int, error) {
	if h.n != 4 {
		return 0, fmt.Errorf("%w: index frame of %d bytes", ErrMalformed, h.n)
	}
	var b [4]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint32(b[:])), nil
}

// accept is the server's answer when the requester may have the work.
type accept struct {
	chunks      uint32
	manifestLen uint32
	complete    bool
	inTurn      bool   // complete, shown in turn: the bitfield is what is shown
	bitfield    []byte // when !complete: ceil(chunks/8) bytes
}

func (a accept) encode() []byte {
	n := 9
	if !a.complete {
		n += len(a.bitfield)
	}
	b := appendHeader(make([]byte, 0, headerLen+n), tAccept, n)
	b = binary.BigEndian.AppendUint32(b, a.chunks)
	b = binary.BigEndian.AppendUint32(b, a.manifestLen)
	if a.complete {
		return append(b, flagComplete)
	}
	flags := byte(0)
	if a.inTurn {
		flags = flagInTurn
	}
	return append(append(b, flags), a.bitfield...)
}

func decodeAccept(p []byte) (accept, error) {
	if len(p) < 9 {
		return accept{}, fmt.Errorf("%w: accept of %d bytes", ErrMalformed, len(p))
	}
	a := accept{
		chunks:      binary.BigEndian.Uint32(p),
		manifestLen: binary.BigEndian.Uint32(p[4:]),
	}
	switch p[8] {
	case flagComplete:
		a.complete = true
		if len(p) != 9 {
			return accept{}, fmt.Errorf("%w: complete accept with a bitfield", ErrMalformed)
		}
	case 0, flagInTurn:
		a.inTurn = p[8] == flagInTurn
		a.bitfield = p[9:]
	default:
		return accept{}, fmt.Errorf("%w: accept flags 0x%02x", ErrMalformed, p[8])
	}
	return a, nil
}

// refusalFrame encodes a refusal.
func refusalFrame(code Code, msg string) []byte {
	if len(msg) > maxMessageLen-1 {
		msg = msg[:maxMessageLen-1]
	}
	b := appendHeader(make([]byte, 0, headerLen+1+len(msg)), tRefuse, 1+len(msg))
	return append(append(b, byte(code)), msg...)
}

// deadline is how long a frame of n bytes may take on the wire: a fixed
// allowance plus the time at a floor rate, so a peer trickling bytes is cut
// off while a large chunk on a slow but honest link still fits.
func deadline(n int) time.Duration {
	const base, floorRate = 10 * time.Second, 128 << 10 // bytes per second
	return base + time.Duration(int64(n)*int64(time.Second)/floorRate)
}
