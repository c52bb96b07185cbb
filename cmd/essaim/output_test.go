package main

import (
	"fmt"
	"strings"
	"testing"

	"essaim/chain/simtest"
)

// TestDescribeEveryRegistryError: every custom error of the registry's ABI
// reaches the user in its own words, never as the generic revert text.
func TestDescribeEveryRegistryError(t *testing.T) {
	for name, rev := range simtest.RevertErrors(t) {
		msg := describe(fmt.Errorf("buy: %w", rev))
		if msg == rev.Error() || strings.Contains(msg, "transaction reverted") || strings.Contains(msg, "refused the registration: ") {
			t.Errorf("%s falls through to the generic text: %q", name, msg)
		}
	}
}
