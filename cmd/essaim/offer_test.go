package main

import (
	"strings"
	"testing"
)

func TestParseRoyalty(t *testing.T) {
	for in, want := range map[string]uint16{"10%": 1000, "2.5%": 250, "0.01%": 1, "100%": 10_000, "100.00%": 10_000,
		"0": 0, "0%": 0, "250bps": 250, " 7 % ": 700, "10000bps": 10_000} {
		if got, err := parseRoyalty(in); err != nil || got != want {
			t.Errorf("parseRoyalty(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "10", "%", "1.234%", "100.01%", "10001bps", "-1%", "1e1%", ".5%", "5.%", "ten%", "1000%", "bps"} {
		if got, err := parseRoyalty(in); err == nil {
			t.Errorf("parseRoyalty(%q) = %d, want an error", in, got)
		}
	}
	for bps, want := range map[uint16]string{0: "0%", 1: "0.01%", 250: "2.5%", 1000: "10%", 1234: "12.34%", 10_000: "100%"} {
		if got := formatRoyalty(bps); got != want {
			t.Errorf("formatRoyalty(%d) = %q, want %q", bps, got, want)
		}
	}
}

// The new commands check their command lines before any chain is
// contacted: exit 2 and one line.
func TestOfferAndResaleUsageErrors(t *testing.T) {
	addr := "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"offer", "add"}, "got 0 arguments"},
		{[]string{"offer", "add", someWork}, "--price"},
		{[]string{"offer", "add", someWork, "--price", "1", "--royalty", "10%"}, "--transferable"},
		{[]string{"offer", "add", someWork, "--price", "1", "--transferable", "--royalty", "120%"}, "more than the whole price"},
		{[]string{"offer", "add", someWork, "--price", "1", "--transferable", "--royalty", "10"}, "10%"},
		{[]string{"offer", "retire", someWork}, "got 1 argument"},
		{[]string{"offer", "retire", someWork, "first"}, "not an offer id"},
		{[]string{"offers"}, "got 0 arguments"},
		{[]string{"open", someWork, "x"}, "got 2 arguments"},
		{[]string{"close", "zz"}, "is not a work"},
		{[]string{"register", someWork, "--title", "t", "--royalty", "5%"}, "--price"},
		{[]string{"license", "transfer", someWork}, "WORK and TO, got 1 argument"},
		{[]string{"license", "transfer", someWork, "0x12"}, "TO"},
		{[]string{"license", "sell", someWork}, "--price"},
		{[]string{"license", "sell", someWork, "--price", "1ETH"}, "wei, gwei or ether"},
		{[]string{"license", "unlist"}, "got 0 arguments"},
		{[]string{"license", "buy-resale", someWork}, "WORK and SELLER, got 1 argument"},
		{[]string{"license", "buy-resale", someWork, addr, "--max-price", "x"}, "--max-price"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr, code := run(t, offline, tt.args...)
			wantOneLine(t, stdout, stderr, code, exitUsage, tt.want)
		})
	}
}

// TestCreatorChangesOffers runs the offer commands with real processes on
// the devnet and on a real Anvil: a creator adds an offer with a royalty
// and a supply, retires the first one, opens and closes the work; the
// catalogue (`essaim offers`) shows each change with the sold counts; the
// license bought before the changes is the same after them.
func TestCreatorChangesOffers(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		chain func(*testing.T) *testChain
	}{
		{"devnet", func(t *testing.T) *testChain { return startChain(t, true) }},
		{"anvil", startAnvil},
	} {
		t.Run(c.name, func(t *testing.T) { creatorChangesOffers(t, c.chain(t)) })
	}
}

func creatorChangesOffers(t *testing.T, tc *testChain) {
	creator, buyer, stranger := newUser(t, tc, 0), newUser(t, tc, 1), newUser(t, tc, 2)
	var reg registerResult
	creator.runJSON(t, &reg, "register", newWork(t, "offers"), "--title", "Offers", "--price", "1000", "--duration", "30d")
	work := reg.Work
	var held licenseResult
	buyer.runJSON(t, &held, "buy", work)

	offers := func(u *user) offersResult {
		t.Helper()
		var o offersResult
		u.runJSON(t, &o, "offers", work)
		return o
	}
	unchanged := func(when string) {
		t.Helper()
		var now licenseResult
		buyer.runJSON(t, &now, "license", "check", work, buyer.addr.Hex())
		if now.State != "valid" || now.Expiry != held.Expiry || now.Transferable != held.Transferable {
			t.Fatalf("%s: the license held is %+v, was %+v", when, now, held)
		}
	}

	var added offerAdded
	creator.runJSON(t, &added, "offer", "add", work, "--price", "2gwei", "--duration", "1d", "--supply", "2",
		"--transferable", "--royalty", "12.5%")
	if added.ID != 1 || added.Price != "2000000000" || added.Duration != 86400 || added.Supply != 2 ||
		!added.Transferable || added.RoyaltyBps != 1250 || added.Tx == "" {
		t.Fatalf("offer add = %+v", added)
	}
	o := offers(stranger)
	if o.Title != "Offers" || len(o.Offers) != 2 || o.Offers[0].Sold != 1 || o.Offers[1].Sold != 0 ||
		o.Offers[1].RoyaltyBps != 1250 || o.Offers[0].Retired {
		t.Fatalf("offers after add = %+v", o)
	}
	unchanged("after offer add")

	var bought licenseResult
	stranger.runJSON(t, &bought, "buy", work, "--offer", "1")
	if !bought.Transferable || bought.Price != "2000000000" {
		t.Fatalf("buy offer 1 = %+v", bought)
	}
	var retired offerRetired
	creator.runJSON(t, &retired, "offer", "retire", work, "0")
	o = offers(buyer)
	if !o.Offers[0].Retired || o.Offers[0].Sold != 1 || o.Offers[1].Sold != 1 || o.Offers[1].Retired {
		t.Fatalf("offers after retire = %+v", o)
	}
	stdout, stderr, code := buyer.run(t, "buy", work, "--offer", "0")
	wantOneLine(t, stdout, stderr, code, exitFailure, "offer 0 of work "+work+" is retired")
	unchanged("after offer retire")

	// Human output: each offer with its sales.
	stdout, _, _ = buyer.run(t, "offers", work)
	for _, want := range []string{"0: 0.000000000000001 ETH (1000 wei), 30d, supply unlimited; 1 sold, retired",
		"1: 0.000000002 ETH (2000000000 wei), 1d, supply 2, transferable, royalty 12.5% on resales; 1 sold of 2"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("offers lacks %q:\n%s", want, stdout)
		}
	}

	// Open, then closed again: the stranger's own license is the only one
	// that counts once closed.
	outsider := newUser(t, tc, 3)
	var opened openResult
	creator.runJSON(t, &opened, "open", work)
	if stdout, _, code := outsider.run(t, "license", "check", work, outsider.addr.Hex()); code != 0 || !strings.Contains(stdout, "open work") {
		t.Fatalf("check after open: exit %d, %q", code, stdout)
	}
	if !offers(outsider).Open {
		t.Fatal("offers does not show the work open")
	}
	creator.runJSON(t, &opened, "close", work)
	stdout, stderr, code = outsider.run(t, "license", "check", work, outsider.addr.Hex())
	wantOneLine(t, stdout, stderr, code, exitFailure, "no license")
	unchanged("after open and close")

	// Only the creator: the registry's words.
	stdout, stderr, code = buyer.run(t, "offer", "add", work, "--price", "1")
	wantOneLine(t, stdout, stderr, code, exitFailure, "not the creator")
	stdout, stderr, code = buyer.run(t, "close", work)
	wantOneLine(t, stdout, stderr, code, exitFailure, "not the creator")
}
