package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// Hostile decks uploaded through the real dashboard (an admin session is
// the only way in): ids with path steps, "/", NUL or a newline, and a 3 MB
// deck of 300,000 keys, are refused with the loader's French message and
// store nothing; the key bomb is refused without building its YAML tree
// (it cost 293 MB to parse before the bound).
func TestHostileDeckUploadsRefused(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	ctx := context.Background()
	std, err := a.db.Deck(ctx, a.deck.ID)
	if err != nil {
		t.Fatal(err)
	}
	decks := func() int {
		ds, err := a.db.Decks(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		return len(ds)
	}
	n := decks()
	first := "id: " + a.deck.ID + "\n"
	if !strings.Contains(string(std.YAML), first) {
		t.Fatalf("the standard deck does not start with %q", first)
	}
	for _, id := range []string{"../..", "../../etc/passwd", "jeux/mon-jeu", `"mon\0jeu"`, `"mon\njeu"`, `'mon\jeu'`} {
		yaml := strings.Replace(string(std.YAML), first, "id: "+id+"\n", 1)
		r := c.upload("/dashboard/admin/jeux", "mon-jeu.yaml", []byte(yaml))
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("deck id %s: status %d", id, r.status)
		}
		r.has(t, "n’a pas été enregistré", "identifiant de jeu invalide : lettres, chiffres")
	}

	var b strings.Builder
	for i := range 300000 {
		fmt.Fprintf(&b, "k%06d: 1\n", i)
	}
	bomb := []byte(b.String())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := c.upload("/dashboard/admin/jeux", "bombe.yaml", bomb)
	runtime.ReadMemStats(&after)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("key bomb: status %d", r.status)
	}
	r.has(t, "n’a pas été enregistré", "fichier trop complexe : 600000 lignes et séparateurs YAML, au plus 40000")
	// The budget: the upload is read (3 MB, in a multipart form) and the
	// page rendered, never parsed into a tree. Measured: 19 MB, 38 MB under
	// the race detector (which disables sync.Pool); parsing the tree cost
	// 173 MB more before the bound.
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("uploading the %d-byte key bomb allocated %d bytes in the process", len(bomb), alloc)
	if alloc > 64<<20 {
		t.Fatalf("uploading the key bomb allocated %d bytes", alloc)
	}
	if got := decks(); got != n {
		t.Fatalf("%d decks after the hostile uploads, %d before", got, n)
	}
}
