package announce

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"essaim/p2p/bitfield"

	"github.com/multiformats/go-multiaddr"
)

// Wire format, version 1 (all integers big-endian):
//
//	off  size  field
//	0    1     version = 1
//	1    1     flags: bit 0 = complete; bits 1-7 must be zero
//	2    32    work root
//	34   8     seq (strictly increasing per origin and work)
//	42   8     time, unix milliseconds
//	50   4     numChunks
//	54   k     bitfield, k = ceil(numChunks/8) when not complete, else 0
//	..   1     address count (0..MaxAddrs)
//	     then per address: 2-byte length L (1..MaxAddrLen), L bytes of
//	     binary multiaddr
//
// Nothing may follow the last address, and the whole message is at most
// MaxMessageSize bytes. A partial announcement whose bitfield holds every
// chunk is refused: one state has one encoding.
const (
	// Version is the only message version this package speaks.
	Version = 1
	// MaxMessageSize bounds an encoded announcement; larger ones are refused
	// before any parsing.
	MaxMessageSize = 64 << 10
	// MaxAddrs bounds the listen addresses carried by one announcement.
	MaxAddrs = 8
	// MaxAddrLen bounds the binary form of one carried address.
	MaxAddrLen = 256

	headerLen    = 54
	flagComplete = 0x01
)

var (
	// ErrMalformed reports an announcement that does not follow the wire format.
	ErrMalformed = errors.New("malformed announcement")
	// ErrTooLarge reports an announcement over MaxMessageSize.
	ErrTooLarge = errors.New("announcement too large")
)

// announcement is one decoded message. Have is nil when Complete is set.
type announcement struct {
	Root      [32]byte
	Seq       uint64
	TimeMs    uint64
	NumChunks uint32
	Complete  bool
	Have      *bitfield.Bitfield
	Addrs     []multiaddr.Multiaddr
}

// encode returns the wire form. It refuses states a decoder would refuse,
// so a peer never publishes what its own validator would reject.
func (a *announcement) encode() ([]byte, error) {
	if len(a.Addrs) > MaxAddrs {
		return nil, fmt.Errorf("%w: %d addresses", ErrMalformed, len(a.Addrs))
	}
	var flags byte
	var bf []byte
	if a.Complete {
		flags = flagComplete
	} else {
		if a.Have == nil || a.Have.Len() != int(a.NumChunks) || a.Have.Complete() {
			return nil, fmt.Errorf("%w: partial bitfield does not fit %d chunks", ErrMalformed, a.NumChunks)
		}
		bf = a.Have.Bytes()
	}
	out := make([]byte, headerLen, headerLen+len(bf)+1+MaxAddrs*(2+64))
	out[0] = Version
	out[1] = flags
	copy(out[2:34], a.Root[:])
	binary.BigEndian.PutUint64(out[34:], a.Seq)
	binary.BigEndian.PutUint64(out[42:], a.TimeMs)
	binary.BigEndian.PutUint32(out[50:], a.NumChunks)
	out = append(out, bf...)
	out = append(out, byte(len(a.Addrs)))
	for _, m := range a.Addrs {
		b := m.Bytes()
		if len(b) == 0 || len(b) > MaxAddrLen {
			return nil, fmt.Errorf("%w: address of %d bytes", ErrMalformed, len(b))
		}
		out = binary.BigEndian.AppendUint16(out, uint16(len(b)))
		out = append(out, b...)
	}
	if len(out) > MaxMessageSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(out))
	}
	return out, nil
}

// decode parses the wire form strictly: any deviation is ErrMalformed or
// ErrTooLarge, and no allocation exceeds the input's own size.
func decode(b []byte) (*announcement, error) {
	if len(b) > MaxMessageSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(b))
	}
	if len(b) < headerLen+1 {
		return nil, fmt.Errorf("%w: %d bytes, truncated", ErrMalformed, len(b))
	}
	if b[0] != Version {
		return nil, fmt.Errorf("%w: version %d", ErrMalformed, b[0])
	}
	if b[1]&^flagComplete != 0 {
		return nil, fmt.Errorf("%w: unknown flags %#x", ErrMalformed, b[1])
	}
	a := &announcement{
		Seq:       binary.BigEndian.Uint64(b[34:]),
		TimeMs:    binary.BigEndian.Uint64(b[42:]),
		NumChunks: binary.BigEndian.Uint32(b[50:]),
		Complete:  b[1]&flagComplete != 0,
	}
	copy(a.Root[:], b[2:34])
	rest := b[headerLen:]
	if !a.Complete {
		k := (uint64(a.NumChunks) + 7) / 8
		if uint64(len(rest)) < k {
			return nil, fmt.Errorf("%w: bitfield truncated", ErrMalformed)
		}
		have, err := bitfield.Decode(int(a.NumChunks), rest[:k])
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		if have.Complete() {
			return nil, fmt.Errorf("%w: partial announcement holds every chunk", ErrMalformed)
		}
		a.Have, rest = have, rest[k:]
	}
	addrs, err := decodeAddrs(rest)
	if err != nil {
		return nil, err
	}
	a.Addrs = addrs
	return a, nil
}

// decodeAddrs parses the address list, which must end the message.
func decodeAddrs(b []byte) ([]multiaddr.Multiaddr, error) {
	if len(b) < 1 {
		return nil, fmt.Errorf("%w: address count missing", ErrMalformed)
	}
	n := int(b[0])
	if n > MaxAddrs {
		return nil, fmt.Errorf("%w: %d addresses, max %d", ErrMalformed, n, MaxAddrs)
	}
	b = b[1:]
	addrs := make([]multiaddr.Multiaddr, 0, n)
	for i := 0; i < n; i++ {
		if len(b) < 2 {
			return nil, fmt.Errorf("%w: address %d truncated", ErrMalformed, i)
		}
		l := int(binary.BigEndian.Uint16(b))
		b = b[2:]
		if l == 0 || l > MaxAddrLen || l > len(b) {
			return nil, fmt.Errorf("%w: address %d of %d bytes", ErrMalformed, i, l)
		}
		m, err := multiaddr.NewMultiaddrBytes(b[:l])
		if err != nil || len(m) == 0 || !bytes.Equal(m.Bytes(), b[:l]) {
			return nil, fmt.Errorf("%w: address %d not a canonical multiaddr", ErrMalformed, i)
		}
		addrs = append(addrs, m)
		b = b[l:]
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrMalformed, len(b))
	}
	return addrs, nil
}
