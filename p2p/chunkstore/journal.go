package chunkstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"essaim/p2p/content"
)

// The journal records which chunks are held. It is a header followed by
// fixed-size records, each written at the journal's known end, so a record
// torn by a crash is overwritten by the next one and ignored when reading.
//
//	header: "esj1" || content root (32)
//	record: chunk index u32 || CRC-32C of the index bytes u32
//
// The record with index cleanIndex, last in the file, says the store was
// closed cleanly: every held chunk had reached the disk.
const (
	journalMagic = "esj1"
	headerLen    = len(journalMagic) + 32
	recordLen    = 8
	cleanIndex   = ^uint32(0)
)

var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	// ErrCorrupt means the staging state cannot be read as this work's.
	ErrCorrupt = errors.New("partial download state is corrupt")
)

func journalHeader(root content.Hash) []byte {
	return append([]byte(journalMagic), root[:]...)
}

func appendRecord(b []byte, index uint32) []byte {
	var idx [4]byte
	binary.BigEndian.PutUint32(idx[:], index)
	b = append(b, idx[:]...)
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(idx[:], castagnoli))
}

// journalState is what a journal says.
type journalState struct {
	held  []uint32 // indexes, in the order recorded, possibly repeated
	clean bool     // the last record is the clean mark
	good  int64    // bytes up to the end of the last valid record
}

// parseJournal reads a journal for root over n chunks. A record that is
// torn, fails its checksum or names a chunk past n ends the valid part: the
// rest is dropped (its chunks are fetched again).
func parseJournal(b []byte, root content.Hash, n int) (journalState, error) {
	var st journalState
	if len(b) < headerLen || string(b[:len(journalMagic)]) != journalMagic {
		return st, fmt.Errorf("%w: bad journal header", ErrCorrupt)
	}
	if content.Hash(b[len(journalMagic):headerLen]) != root {
		return st, fmt.Errorf("%w: journal is for another work", ErrCorrupt)
	}
	st.good = int64(headerLen)
	for off := headerLen; off+recordLen <= len(b); off += recordLen {
		idx := binary.BigEndian.Uint32(b[off:])
		if crc32.Checksum(b[off:off+4], castagnoli) != binary.BigEndian.Uint32(b[off+4:]) {
			break
		}
		if idx == cleanIndex {
			st.clean = off+recordLen == len(b)
			if !st.clean {
				break
			}
			return st, nil // the mark is not part of the valid records
		}
		if int64(idx) >= int64(n) {
			break
		}
		st.held = append(st.held, idx)
		st.good = int64(off + recordLen)
	}
	return st, nil
}

// readJournal reads the whole journal file.
func readJournal(f *os.File) ([]byte, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
