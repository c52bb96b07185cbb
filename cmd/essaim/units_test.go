package main

import (
	"strings"
	"testing"
)

// Amounts take only the units the flags document: wei, gwei and ether,
// and the error says which they are.
func TestParseAmountUnits(t *testing.T) {
	for _, in := range []string{"1.5 ether", "1.5ether", "5 gwei", "100wei", "1000"} {
		if _, err := parseAmount(in); err != nil {
			t.Errorf("parseAmount(%q): %v", in, err)
		}
	}
	for _, in := range []string{"1eth", "1.5 ETH", "1Ether", "5GWEI", "5Gwei", "100WEI", "2finney", "1 szabo", "3kwei", "1e18wei", "0.1 ether ether"} {
		_, err := parseAmount(in)
		if err == nil {
			t.Errorf("parseAmount(%q) accepted an undocumented unit", in)
			continue
		}
		if !strings.Contains(err.Error(), "wei, gwei or ether") {
			t.Errorf("parseAmount(%q): %q does not name the accepted units", in, err)
		}
	}
}
