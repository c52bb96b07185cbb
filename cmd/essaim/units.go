package main

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40},
	{"B", 1},
}

// parseSize reads a byte count: a plain integer, or an integer followed by a
// unit (KiB, MiB, GiB, TiB are powers of 1024; kB, MB, GB, TB of 1000; K, M,
// G, T alone mean the binary units).
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a size (examples: 262144, 256KiB, 4MiB)", s)
	}
	if n > 0 && mult > (1<<62)/n {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return n * mult, nil
}

// formatSize renders n bytes with a binary unit, for people.
func formatSize(n int64) string {
	const units = "KMGTPE"
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n)/1024, 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	s := strconv.FormatFloat(f, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + string(units[i]) + "iB"
}

// amountUnits are the ether denominations parseAmount accepts, with their
// number of decimals: exactly the ones amountHelp documents.
var amountUnits = []struct {
	suffix   string
	decimals int
}{
	{"gwei", 9}, {"wei", 0}, {"ether", 18},
}

// amountHelp documents the amounts parseAmount reads; the flags that take
// an amount show it in their usage.
const amountHelp = "wei (1000) or a number with a unit: wei, gwei or ether (100wei, 5gwei, 0.01ether)"

// parseAmount reads an amount of ether as wei: a plain integer is wei;
// otherwise a decimal followed by a unit, in lower case ("0.01ether",
// "5 gwei", "100wei"). The arithmetic is exact: more decimals than the
// unit allows is an error, never a rounding.
func parseAmount(s string) (*big.Int, error) {
	bad := fmt.Errorf("%q is not an amount: want %s", s, amountHelp)
	t := strings.TrimSpace(s)
	unit, decimals := "wei", 0
	for _, u := range amountUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, unit, decimals = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.suffix, u.decimals
			break
		}
	}
	whole, frac, dot := strings.Cut(t, ".")
	if whole == "" && frac == "" || !digits(whole) || !digits(frac) || dot && frac == "" {
		return nil, bad
	}
	if len(frac) > decimals {
		return nil, fmt.Errorf("%q has more decimals than %s allows (%d): want %s", s, unit, decimals, amountHelp)
	}
	n, ok := new(big.Int).SetString("0"+whole+frac+strings.Repeat("0", decimals-len(frac)), 10)
	if !ok {
		return nil, bad
	}
	if n.BitLen() > 256 {
		return nil, fmt.Errorf("%q is too large", s)
	}
	return n, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var durationUnits = map[byte]uint64{'s': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 7 * 86400}

// parseDuration reads a license duration in seconds: "30d", "12h", "90m",
// "3600s", "2w", or a plain number of seconds; "0" means perpetual.
func parseDuration(s string) (uint64, error) {
	t := strings.TrimSpace(s)
	mult := uint64(1)
	if n := len(t); n > 0 {
		if m, ok := durationUnits[t[n-1]]; ok {
			t, mult = strings.TrimSpace(t[:n-1]), m
		}
	}
	n, err := strconv.ParseUint(t, 10, 64)
	if err != nil || !digits(t) {
		return 0, fmt.Errorf("%q is not a duration (examples: 30d, 12h, 90m, 3600s, 0 for perpetual)", s)
	}
	if n > math.MaxUint64/mult {
		return 0, fmt.Errorf("%q is too long", s)
	}
	return n * mult, nil
}

// formatDuration renders seconds for people; 0 is perpetual.
func formatDuration(sec uint64) string {
	if sec == 0 {
		return "perpetual"
	}
	for _, u := range []struct {
		name string
		n    uint64
	}{{"d", 86400}, {"h", 3600}, {"m", 60}} {
		if sec%u.n == 0 {
			return fmt.Sprintf("%d%s", sec/u.n, u.name)
		}
	}
	return fmt.Sprintf("%ds", sec)
}

// plural writes n with the singular or plural form that follows it: "1
// chunk was", "2 chunks were".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// royaltyHelp documents the royalties parseRoyalty reads.
const royaltyHelp = "a percentage with at most two decimals (10%, 2.5%) or basis points (250bps), at most 100%"

// parseRoyalty reads a share of a resale price as basis points: "10%"
// (1000), "2.5%" (250), "0.01%" (1), "250bps", or "0".
func parseRoyalty(s string) (uint16, error) {
	bad := fmt.Errorf("%q is not a royalty: want %s", s, royaltyHelp)
	t := strings.TrimSpace(s)
	var bps uint64
	switch {
	case t == "0":
	case strings.HasSuffix(t, "bps"):
		n, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(t, "bps")), 10, 32)
		if err != nil {
			return 0, bad
		}
		bps = n
	case strings.HasSuffix(t, "%"):
		whole, frac, dot := strings.Cut(strings.TrimSpace(strings.TrimSuffix(t, "%")), ".")
		if whole == "" || !digits(whole) || !digits(frac) || dot && frac == "" || len(frac) > 2 || len(whole) > 3 {
			return 0, bad
		}
		n, _ := strconv.ParseUint(whole+frac+strings.Repeat("0", 2-len(frac)), 10, 32)
		bps = n
	default:
		return 0, bad
	}
	if bps > 10_000 {
		return 0, fmt.Errorf("%q is more than the whole price: want %s", s, royaltyHelp)
	}
	return uint16(bps), nil
}

// formatRoyalty renders basis points as a percentage: 1000 is "10%",
// 250 "2.5%".
func formatRoyalty(bps uint16) string {
	s := fmt.Sprintf("%d.%02d", bps/100, bps%100)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + "%"
}
