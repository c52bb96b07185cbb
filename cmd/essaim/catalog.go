package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/registryops"
)

var (
	worksCommand = &cli.Command{
		Name:      "works",
		Usage:     "search the local catalogue of registered works by title and tag",
		ArgsUsage: "[QUERY]",
		Description: "Brings the catalogue under <home>/catalog up to date from the registry's events, then\n" +
			"lists the works whose title contains QUERY or one of whose tags starts with it (all works\n" +
			"without QUERY), oldest first.",
		Action: runWorks,
	}
	workCommand = &cli.Command{
		Name:      "work",
		Usage:     "show one work: creator, title, tags, splits and offers",
		ArgsUsage: "WORK",
		Action:    runWork,
	}
	licensesCommand = &cli.Command{
		Name:  "licenses",
		Usage: "list the licenses an account holds (default: --account, or the keystore's first)",
		Description: "Marks the licenses that end within 7 days: renew one with `essaim buy WORK`, which\n" +
			"extends it from its expiry.",
		Flags: []cli.Flag{&cli.StringFlag{
			Name:     "of",
			Usage:    "the account whose licenses to list",
			EnvVars:  []string{"ESSAIM_LICENSES_OF"},
			Category: catChain,
		}},
		Action: runLicenses,
	}
)

type workResult struct {
	Work    string        `json:"work"`
	Title   string        `json:"title"`
	Tags    []string      `json:"tags"`
	Creator string        `json:"creator"`
	Open    bool          `json:"open"`
	Block   uint64        `json:"block"`
	Splits  []splitResult `json:"splits,omitempty"`
	Offers  []offerEntry  `json:"offers,omitempty"`
}

type offerEntry struct {
	offerResult
	Sold    uint32 `json:"sold"`
	Retired bool   `json:"retired"`
}

type heldLicense struct {
	Work         string `json:"work"`
	Title        string `json:"title"`
	Expiry       string `json:"expiry"`
	Valid        bool   `json:"valid"`
	Transferable bool   `json:"transferable"`
	EndsSoon     bool   `json:"ends_soon"`      // valid, and ends within 7 days
	Left         uint64 `json:"left,omitempty"` // seconds of validity left; absent when expired or perpetual
}

// openCatalog brings the catalogue of this chain and registry up to date
// and returns it. A catalogue that no longer matches the chain (a devnet
// started afresh, a reorganisation deeper than it keeps) is rebuilt.
func openCatalog(c *cli.Context, s *session) (*catalog.Store, error) {
	return openCatalogFile(c, s, "")
}

// openCatalogFile is openCatalog for the catalogue file with the given
// suffix: a running node keeps its own ("-node"), so that the commands can
// read theirs while it runs (a catalogue file has one writer at a time).
func openCatalogFile(c *cli.Context, s *session, suffix string) (*catalog.Store, error) {
	home, err := homeDir(c)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(home, "catalog")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%s%s.db", s.client.ChainID(), s.contract.Hex(), suffix))
	quiet := catalog.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	for attempt := 0; ; attempt++ {
		st, err := catalog.Open(path)
		if err != nil {
			return nil, fmt.Errorf("catalogue %s: %w", path, err)
		}
		err = catalog.NewFollower(s.client, s.contract, st, quiet).Sync(s.ctx)
		if err == nil {
			return st, nil
		}
		st.Close()
		if !errors.Is(err, catalog.ErrReorgTooDeep) || attempt > 0 {
			return nil, fmt.Errorf("update the catalogue: %w", err)
		}
		if err := os.Remove(path); err != nil {
			return nil, err
		}
	}
}

// withCatalog connects to the registry, brings the catalogue up to date and
// runs fn with both.
func withCatalog(c *cli.Context, fn func(*session, *catalog.Store) error) error {
	s, err := connect(c)
	if err != nil {
		return err
	}
	defer s.close()
	st, err := openCatalog(c, s)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(s, st)
}

func describeWork(w catalog.Work) workResult {
	r := workResult{Work: workHex(w.Root), Title: w.Title, Tags: w.Tags, Creator: w.Creator.Hex(), Open: w.Open, Block: w.Block}
	for _, sp := range w.Splits {
		r.Splits = append(r.Splits, splitResult{Payee: sp.Payee.Hex(), Bps: sp.Bps})
	}
	return r
}

func runWorks(c *cli.Context) error {
	if c.NArg() > 1 {
		return usageErrorf("works takes at most one QUERY, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	res := []workResult{}
	err := withCatalog(c, func(_ *session, st *catalog.Store) error {
		found, err := st.Search(c.Args().First())
		for _, w := range found {
			res = append(res, describeWork(w))
		}
		return err
	})
	if err != nil {
		return err
	}
	return output(c, res, func(p *printer) {
		if len(res) == 0 {
			fmt.Fprintln(p.w, "no work matches")
		}
		for _, w := range res {
			fmt.Fprintf(p.w, "%s  %s  [%s]\n", w.Work, w.Title, strings.Join(w.Tags, ", "))
		}
	})
}

func runWork(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("work takes one WORK, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	root, err := parseWork(c.Args().First())
	if err != nil {
		return err
	}
	var res workResult
	var offers []catalog.Offer
	err = withCatalog(c, func(_ *session, st *catalog.Store) error {
		w, ok, err := st.Work(root)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: %s", errUnknownWork, workHex(root))
		}
		res = describeWork(w)
		offers, err = st.Offers(root)
		return err
	})
	if err != nil {
		return err
	}
	for _, o := range offers {
		res.Offers = append(res.Offers, newOfferEntry(o))
	}
	return output(c, res, func(p *printer) {
		p.field("work", res.Work)
		p.field("title", res.Title)
		p.field("tags", strings.Join(res.Tags, ", "))
		p.field("creator", res.Creator)
		if res.Open {
			p.field("access", "open to all")
		}
		for _, sp := range res.Splits {
			p.field("split", fmt.Sprintf("%s %d.%02d%%", sp.Payee, sp.Bps/100, sp.Bps%100))
		}
		for i, o := range offers {
			state := ""
			if o.Retired {
				state = " (retired)"
			}
			p.field("offer", fmt.Sprintf("%d: %s, %s, %d sold%s", o.ID, chain.FormatEther(o.Price), offerTerms(res.Offers[i]), o.Sold, state))
		}
	})
}

func offerTerms(o offerEntry) string {
	terms := "perpetual"
	if o.Duration != 0 {
		terms = formatDuration(o.Duration)
	}
	if o.Supply != 0 {
		terms += fmt.Sprintf(", %d available", o.Supply)
	}
	if o.Transferable {
		terms += ", transferable, royalty " + formatRoyalty(o.RoyaltyBps)
	}
	return terms
}

func runLicenses(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("licenses takes no arguments, got %s (name the account with --of)", plural(c.NArg(), "argument", "arguments"))
	}
	who, err := licenseHolder(c)
	if err != nil {
		return err
	}
	var held []registryops.HeldLicense
	err = withCatalog(c, func(s *session, st *catalog.Store) error {
		held, err = s.ops.HeldLicenses(s.ctx, st, who)
		return err
	})
	if err != nil {
		return err
	}
	res := []heldLicense{}
	for _, l := range held {
		h := heldLicense{Work: workHex(l.Root), Title: l.Title, Expiry: formatExpiry(l.Expiry),
			Valid: l.Valid, Transferable: l.Transferable, EndsSoon: l.EndsWithin(registryops.RenewalWindow)}
		if l.Valid && l.Left != chain.PerpetualExpiry {
			h.Left = l.Left
		}
		res = append(res, h)
	}
	return output(c, res, func(p *printer) {
		if len(res) == 0 {
			fmt.Fprintf(p.w, "%s holds no license\n", who.Hex())
		}
		for _, l := range res {
			state := "valid until " + l.Expiry
			switch {
			case !l.Valid:
				state = "expired at " + l.Expiry
			case l.Expiry == "perpetual":
				state = "perpetual"
			case l.EndsSoon:
				state += fmt.Sprintf(": ends in %s, renew with `essaim buy %s`", formatLeft(l.Left), l.Work)
			}
			fmt.Fprintf(p.w, "%s  %s  %s\n", l.Work, l.Title, state)
		}
	})
}

// formatLeft renders a time left, in seconds, to the minute: "6d 23h",
// "5h 2m", "42m", "under a minute".
func formatLeft(sec uint64) string {
	d, h, m := sec/86400, sec%86400/3600, sec%3600/60
	switch {
	case d > 0:
		return fmt.Sprintf("%dd %dh", d, h)
	case h > 0:
		return fmt.Sprintf("%dh %dm", h, m)
	case m > 0:
		return fmt.Sprintf("%dm", m)
	}
	return "under a minute"
}

// licenseHolder is --of, else --account, else the keystore's first account.
func licenseHolder(c *cli.Context) (common.Address, error) {
	if of := c.String("of"); of != "" {
		return parseAddress(of, "--of")
	}
	return defaultAccount(c)
}
