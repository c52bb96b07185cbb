package chain

import (
	"fmt"
	"math/big"
	"strings"
)

// FormatEther renders wei exactly in ether, for people: "0.01 ETH". A nil
// amount is zero.
func FormatEther(wei *big.Int) string {
	if wei == nil {
		wei = new(big.Int)
	}
	s := wei.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) <= 18 {
		s = strings.Repeat("0", 19-len(s)) + s
	}
	whole, frac := s[:len(s)-18], strings.TrimRight(s[len(s)-18:], "0")
	if frac != "" {
		whole += "." + frac
	}
	if neg {
		whole = "-" + whole
	}
	return whole + " ETH"
}

// FormatWei renders an amount in ether and exactly in wei:
// "0.01 ETH (10000000000000000 wei)".
func FormatWei(wei *big.Int) string {
	if wei == nil {
		wei = new(big.Int)
	}
	return fmt.Sprintf("%s (%s wei)", FormatEther(wei), wei)
}
