package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"metodd/game"
)

// TestDirectionsAdmin: the admin adds, renames, moves and removes entries
// of the list; a bad name is refused in French with the typed text kept;
// a partner, a logged-out visitor and a form without its CSRF token change
// nothing; the breakdown by direction counts spellings of a listed
// direction under the list's name.
func TestDirectionsAdmin(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	names := func() []string {
		t.Helper()
		n, err := a.db.DirectionNames(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := names()

	// Nobody but the admin edits it.
	anon := a.client(t)
	if r := anon.post("/dashboard/admin/directions", url.Values{"csrf": {"x"}, "name": {"Pirates"}}); r.status != http.StatusForbidden {
		t.Errorf("logged out: %d", r.status)
	}
	p := a.as(t, "cmartin")
	if r := p.post("/dashboard/admin/directions", url.Values{"name": {"Pirates"}}); r.status != http.StatusForbidden {
		t.Errorf("partner: %d", r.status)
	}
	c := a.as(t, "admin")
	r := c.get("/dashboard/admin/directions")
	r.has(t, "Directions", "Liste proposée aux équipes", "Direction du numérique", "Ajouter une direction",
		fmt.Sprintf("Au plus %d directions de %d caractères", game.MaxDirections, game.MaxDirectionRunes))
	if !strings.Contains(r.body, `<label for="name">`) || !strings.Contains(r.body, fmt.Sprintf(`maxlength="%d"`, game.MaxDirectionRunes)) {
		t.Error("the name field has no label or no maxlength")
	}
	if r := c.post("/dashboard/admin/directions", url.Values{"csrf": {"-"}, "name": {"Pirates"}}); r.status != http.StatusForbidden {
		t.Errorf("without CSRF: %d", r.status)
	}

	// Bad input: French reasons, the typed name kept, nothing stored.
	for _, bad := range []struct{ name, want string }{
		{"  ", "Indiquez le nom de la direction."},
		{strings.Repeat("é", game.MaxDirectionRunes+1), fmt.Sprintf("trop long (%d caractères au plus)", game.MaxDirectionRunes)},
		{"direction du NUMERIQUE", "déjà dans la liste"},
	} {
		r := c.post("/dashboard/admin/directions", url.Values{"name": {bad.name}})
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("%q: status %d", bad.name, r.status)
		}
		r.has(t, bad.want)
		if strings.TrimSpace(bad.name) != "" && !strings.Contains(r.body, `value="`+bad.name+`"`) {
			t.Errorf("%q: the typed name is lost", bad.name)
		}
	}
	if got := names(); len(got) != len(before) {
		t.Fatalf("a refused name was stored: %q", got)
	}

	// Add, rename, move, remove.
	if r := c.post("/dashboard/admin/directions", url.Values{"name": {"Direction de l’eau"}}); r.status != http.StatusSeeOther {
		t.Fatalf("add: %d %s", r.status, text(r.body))
	}
	c.get("/dashboard/admin/directions").has(t, "Direction « Direction de l’eau » enregistrée.")
	ds, _ := a.db.Directions(ctx)
	last := ds[len(ds)-1]
	c.get(fmt.Sprintf("/dashboard/admin/directions?modifier=%d", last.ID)).has(t, "Renommer une direction", `Direction de l’eau`)
	if r := c.post("/dashboard/admin/directions", url.Values{"id": {fmt.Sprint(last.ID)}, "name": {"Direction du cycle de l’eau"}}); r.status != http.StatusSeeOther {
		t.Fatalf("rename: %d %s", r.status, text(r.body))
	}
	if r := c.post(fmt.Sprintf("/dashboard/admin/directions/%d/monter", last.ID), nil); r.status != http.StatusSeeOther {
		t.Fatalf("up: %d", r.status)
	}
	got := names()
	if got[len(got)-2] != "Direction du cycle de l’eau" || got[len(got)-1] != before[len(before)-1] {
		t.Fatalf("after rename and move up: %q", got)
	}
	if r := c.post(fmt.Sprintf("/dashboard/admin/directions/%d/retirer", ds[0].ID), nil); r.status != http.StatusSeeOther {
		t.Fatalf("remove: %d", r.status)
	}
	if got := names(); got[0] != before[1] || len(got) != len(before) {
		t.Fatalf("after removing the first: %q", got)
	}
	r = c.post(fmt.Sprintf("/dashboard/admin/directions/%d/retirer", ds[0].ID), nil)
	if r.status != http.StatusUnprocessableEntity {
		t.Errorf("removing twice: %d", r.status)
	}
	r.has(t, "n’est plus dans la liste")
	if r := c.post(fmt.Sprintf("/dashboard/admin/directions/%d/effacer", last.ID), nil); r.status != http.StatusNotFound {
		t.Errorf("unknown action: %d", r.status)
	}

	// The breakdown counts by the list: with « MOBILITÉS » in it, the
	// agents who typed « Mobilités » (Paul, Nora, Karim, Anne) count under
	// the list's spelling, once.
	before = find(t, parseCSV(t, c.get("/dashboard/export/directions.csv")), "Mobilités")
	if _, err := a.db.AddDirection(ctx, "MOBILITÉS"); err != nil {
		t.Fatal(err)
	}
	rows := parseCSV(t, c.get("/dashboard/export/directions.csv"))
	if row := find(t, rows, "MOBILITÉS"); row[1] != "4" || row[1] != before[1] {
		t.Errorf("« MOBILITÉS » row %q, want the 4 agents of « Mobilités » %q", row, before)
	}
	for _, row := range rows {
		if row[0] == "Mobilités" {
			t.Errorf("« Mobilités » still counted apart: %q", row)
		}
	}
	c.get("/dashboard/repartitions").has(t, "Par direction ou service", "MOBILITÉS")
}
