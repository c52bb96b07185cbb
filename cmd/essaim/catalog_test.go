package main

import (
	"strings"
	"testing"
)

func TestCatalogCommands(t *testing.T) {
	t.Parallel()
	tc := startChain(t, true)
	creator, buyer := newUser(t, tc, 3), newUser(t, tc, 8)
	var song, film registerResult
	creator.runJSON(t, &song, "register", newWork(t, "song"), "--title", "River Song", "--tag", "music", "--tag", "live",
		"--price", "1gwei", "--duration", "30d")
	creator.runJSON(t, &film, "register", newWork(t, "film"), "--title", "Harbour Film", "--tag", "video", "--open")

	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{song.Work, film.Work}},
		{"river", []string{song.Work}},
		{"mus", []string{song.Work}}, // tag prefix
		{"FILM", []string{film.Work}},
		{"nothing-like-this", nil},
	}
	for _, tt := range tests {
		var got []workResult
		buyer.runJSON(t, &got, "works", tt.query)
		var works []string
		for _, w := range got {
			works = append(works, w.Work)
		}
		if strings.Join(works, ",") != strings.Join(tt.want, ",") {
			t.Errorf("works %q = %v, want %v", tt.query, works, tt.want)
		}
	}

	var w workResult
	buyer.runJSON(t, &w, "work", song.Work)
	if w.Title != "River Song" || len(w.Offers) != 1 || w.Offers[0].Price != "1000000000" || w.Offers[0].Sold != 0 {
		t.Fatalf("work %s = %+v", song.Work, w)
	}
	stdout, stderr, code := buyer.run(t, "work", strings.Repeat("ab", 32))
	wantOneLine(t, stdout, stderr, code, exitFailure, "unknown work")

	var none []heldLicense
	buyer.runJSON(t, &none, "licenses")
	if len(none) != 0 {
		t.Fatalf("licenses before buying: %+v", none)
	}
	buyer.run(t, "buy", song.Work)
	var held []heldLicense
	buyer.runJSON(t, &held, "licenses")
	if len(held) != 1 || held[0].Work != song.Work || !held[0].Valid || held[0].Title != "River Song" {
		t.Fatalf("licenses after buying: %+v", held)
	}
	buyer.runJSON(t, &w, "work", song.Work)
	if w.Offers[0].Sold != 1 {
		t.Errorf("sold after one purchase: %d", w.Offers[0].Sold)
	}
	if stdout, _, code := buyer.run(t, "licenses", "--of", creator.addr.Hex()); code != 0 || !strings.Contains(stdout, "holds no license") {
		t.Errorf("licenses --of creator: exit %d, %q", code, stdout)
	}
}
