package announce

import (
	"encoding/hex"
	"strconv"
	"strings"
)

const topicPrefix = "/essaim/avail/1/"

// Lengths of a topic name: the prefix, a chain id of 1 to 20 digits, then
// "/0x", 40 hex digits, "/" and 64 hex digits.
const (
	topicTailLen = len("/0x") + 40 + len("/") + 64
	minTopicLen  = len(topicPrefix) + 1 + topicTailLen
	maxTopicLen  = len(topicPrefix) + 20 + topicTailLen
)

// parseTopic reads a topic name as TopicName writes it. Only the canonical
// form is accepted (decimal chain id without leading zeros, lowercase hex),
// so every accepted name is TopicName of what it returns.
func parseTopic(name string) (ns Namespace, root [32]byte, ok bool) {
	if len(name) < minTopicLen || len(name) > maxTopicLen {
		return ns, root, false
	}
	rest, ok := strings.CutPrefix(name, topicPrefix)
	if !ok {
		return ns, root, false
	}
	digits := rest[:len(rest)-topicTailLen]
	tail := rest[len(digits):]
	if digits[0] == '0' && len(digits) > 1 {
		return ns, root, false
	}
	if ns.ChainID, ok = parseDecimal(digits); !ok {
		return ns, root, false
	}
	if tail[:3] != "/0x" || tail[43] != '/' ||
		!decodeLowerHex(ns.Contract[:], tail[3:43]) || !decodeLowerHex(root[:], tail[44:]) {
		return ns, root, false
	}
	return ns, root, true
}

func parseDecimal(s string) (uint64, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false // ParseUint would take a sign
		}
	}
	v, err := strconv.ParseUint(s, 10, 64)
	return v, err == nil
}

// decodeLowerHex fills dst from exactly 2·len(dst) lowercase hex digits.
func decodeLowerHex(dst []byte, s string) bool {
	if len(s) != 2*len(dst) || !isLowerHex(s) {
		return false
	}
	_, err := hex.Decode(dst, []byte(s))
	return err == nil
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// topicMatcher returns the test a topic name must pass to be tracked or
// joined: a topic of ns when ns is given, else a topic of any deployment.
func topicMatcher(ns *Namespace) func(string) bool {
	if ns == nil {
		return func(name string) bool {
			_, _, ok := parseTopic(name)
			return ok
		}
	}
	full := TopicName(*ns, [32]byte{})
	prefix := full[:len(full)-64]
	return func(name string) bool {
		return len(name) == len(full) && strings.HasPrefix(name, prefix) && isLowerHex(name[len(prefix):])
	}
}
