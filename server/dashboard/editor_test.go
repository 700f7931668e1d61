package dashboard

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"metodd/assets"
	"metodd/game"
	"metodd/game/deckfile"
)

// cardForm is a valid form of the given type, common fields filled.
func cardForm(typ, id string) url.Values {
	f := url.Values{"type": {typ}, "id": {id}, "engagement": {"11"}, "difficulty": {"2"},
		"prompt": {"Combien de pages ont été économisées ?"}, "explanation": {"Grâce au recto-verso (ODD 12)."},
		"source.axis": {"3"}, "source.section": {"Ressources"}, "source.heading": {"uniFLOW"}, "odd": {"12", "13"}}
	switch typ {
	case game.TypeQCM:
		f["choices.0"], f["choices.1"], f["choices.2"], f["answer"] = []string{"Peu"}, []string{"Beaucoup"}, []string{"Énormément"}, []string{"2"}
	case game.TypeVraiFaux:
		f["choices.0"], f["choices.1"], f["answer"] = []string{"Vrai"}, []string{"Faux"}, []string{"1"}
	case game.TypeEstimation:
		f["answer"], f["unit"] = []string{"710 405"}, []string{"pages"}
	case game.TypeClassement:
		f["items.0"], f["items.1"], f["items.2"] = []string{"Un"}, []string{"Deux"}, []string{"Trois"}
	case game.TypeAssociation:
		f["groups.0.name"], f["groups.0.items.0"], f["groups.0.items.1"] = []string{"G1"}, []string{"a"}, []string{"b"}
		f["groups.1.name"], f["groups.1.items.0"], f["groups.1.items.1"] = []string{"G2"}, []string{"c"}, []string{"d"}
	case game.TypeDefi:
		f["hints.0"], f["hints.1"] = []string{"Trier"}, []string{"Composter"}
	}
	return f
}

func revOf(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="rev" value="(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no revision in the page")
	}
	return m[1]
}

// TestEditorFlow: create a deck, one card of each type, a problem shown on
// its field, fixed, publish, and the new version is a deck sessions can use.
func TestEditorFlow(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	r := c.post("/dashboard/admin/editeur", url.Values{"id": {"jeu-2025"}, "title": {"Bilan 2025"}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/dashboard/admin/editeur/jeu-2025" {
		t.Fatalf("create: %d %s", r.status, r.header.Get("Location"))
	}
	if r := c.post("/dashboard/admin/editeur", url.Values{"id": {"metodd-bilan-2024"}, "title": {"X"}}); r.status != http.StatusConflict {
		t.Fatalf("create over an existing id: %d", r.status)
	}
	r = c.get("/dashboard/admin/editeur/jeu-2025")
	r.has(t, "Bilan 2025", "2 problèmes à corriger", "le jeu ne contient aucune carte")
	for i, typ := range game.CardTypes {
		r = c.get("/dashboard/admin/editeur/jeu-2025/cartes/nouvelle?type=" + typ)
		f := cardForm(typ, "carte-"+typ)
		f.Set("rev", revOf(t, r.body))
		r = c.post("/dashboard/admin/editeur/jeu-2025/cartes", f)
		if r.status != http.StatusSeeOther || !strings.HasSuffix(r.header.Get("Location"), "/cartes/"+string(rune('0'+i))) {
			t.Fatalf("%s: %d %s\n%s", typ, r.status, r.header.Get("Location"), text(r.body))
		}
		r = c.get(r.header.Get("Location"))
		r.has(t, "Carte « carte-"+typ+" » enregistrée dans le brouillon.")
		r.hasNot(t, "1 problème dans cette carte", "problèmes dans cette carte")
	}
	// A problem is saved in the draft and shown beside its field.
	r = c.get("/dashboard/admin/editeur/jeu-2025/cartes/0")
	f := cardForm(game.TypeQCM, "carte-qcm")
	f.Set("choices.2", "Peu")
	f.Set("rev", revOf(t, r.body))
	r = c.get(c.post("/dashboard/admin/editeur/jeu-2025/cartes/0", f).header.Get("Location"))
	r.has(t, "enregistrée dans le brouillon, avec 1 problème à corriger")
	if !regexp.MustCompile(`id="f-choices-2"[^>]*aria-invalid="true"[^>]*>\s*<p class="field-error"><span>le choix « Peu » est répété</span>`).MatchString(r.body) {
		t.Fatalf("error not beside choices.2:\n%s", r.body)
	}
	// Publishing is refused while the deck has problems (and no commitment).
	rev := revOf(t, r.body)
	r = c.post("/dashboard/admin/editeur/jeu-2025/publier", url.Values{"rev": {rev}})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("publish invalid: %d", r.status)
	}
	r.has(t, "Le jeu n’a pas été publié", "le choix « Peu » est répété", "aucun engagement personnel")
	f.Set("choices.2", "Énormément")
	f.Set("rev", rev)
	if r := c.post("/dashboard/admin/editeur/jeu-2025/cartes/0", f); r.status != http.StatusSeeOther {
		t.Fatalf("fix: %d", r.status)
	}
	r = c.get("/dashboard/admin/editeur/jeu-2025/engagements")
	r = c.post("/dashboard/admin/editeur/jeu-2025/engagements", url.Values{"rev": {revOf(t, r.body)},
		"commit.0.id": {"je-trie"}, "commit.0.text": {"Je trie mes papiers."}, "commit.0.engagement": {"15"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("commitments: %d\n%s", r.status, text(r.body))
	}
	r = c.get("/dashboard/admin/editeur/jeu-2025")
	r.has(t, "Aucun problème : le jeu peut être publié.")
	r = c.post("/dashboard/admin/editeur/jeu-2025/publier", url.Values{"rev": {revOf(t, r.body)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", r.status, text(r.body))
	}
	sd, err := a.db.Deck(t.Context(), "jeu-2025")
	if err != nil {
		t.Fatal(err)
	}
	d, err := deckfile.ParseDeck("jeu-2025.yaml", sd.YAML)
	if err != nil || len(d.Cards) != len(game.CardTypes) || d.Cards[2].Answer != 710405 || d.Cards[0].Answer != 2 || d.Cards[1].Answer != 1 {
		t.Fatalf("published deck: %+v %v", d, err)
	}
	c.get("/dashboard/admin/jeux").has(t, "Bilan 2025")
	r = c.get("/dashboard/admin/editeur/jeu-2025/historique")
	r.has(t, "Version", "par Cellule RSO", "Première version")
}

// TestEditorConflict: a second admin saving over a newer revision gets the
// French message and nothing is overwritten.
func TestEditorConflict(t *testing.T) {
	a := newApp(t)
	c1, c2 := a.as(t, "admin"), a.as(t, "admin")
	p1 := c1.get("/dashboard/admin/editeur/metodd-bilan-2024/cartes/0")
	p2 := c2.get("/dashboard/admin/editeur/metodd-bilan-2024/cartes/0")
	card := a.deck.Cards[0]
	f := cardForm(card.Type, card.ID)
	f.Set("prompt", "Première version de la question ?")
	f.Set("rev", revOf(t, p1.body))
	if r := c1.post("/dashboard/admin/editeur/metodd-bilan-2024/cartes/0", f); r.status != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.status)
	}
	f.Set("prompt", "Seconde version de la question ?")
	f.Del("csrf") // post added c1's token
	f.Set("rev", revOf(t, p2.body))
	r := c2.post("/dashboard/admin/editeur/metodd-bilan-2024/cartes/0", f)
	if r.status != http.StatusConflict {
		t.Fatalf("stale save: %d\n%s", r.status, text(r.body))
	}
	r.has(t, "Quelqu’un d’autre a enregistré ce jeu", "Seconde version de la question ?")
	c1.get("/dashboard/admin/editeur/metodd-bilan-2024/cartes/0").has(t, "Première version de la question ?")
}

// TestEditorExportImport: export the standard deck from the editor, import
// the file, and the deck is the same; the draft's diff is empty.
func TestEditorExportImport(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	r := c.get("/dashboard/admin/editeur/metodd-bilan-2024/yaml")
	if r.status != http.StatusOK {
		t.Fatalf("export: %d", r.status)
	}
	d, err := deckfile.ParseDeck("export.yaml", []byte(r.body))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := assets.Deck(assets.StandardDeckFile)
	std, _ := deckfile.ParseDeck("std", data)
	if !reflect.DeepEqual(d, std) {
		t.Fatal("exported deck differs from the standard deck")
	}
	c.get("/dashboard/admin/jeux")
	if r := c.upload("/dashboard/admin/jeux", "export.yaml", []byte(r.body)); r.status != http.StatusSeeOther {
		t.Fatalf("import: %d\n%s", r.status, text(r.body))
	}
	sd, _ := a.db.Deck(t.Context(), std.ID)
	back, err := deckfile.ParseDeck("back", sd.YAML)
	if err != nil || !reflect.DeepEqual(back, std) {
		t.Fatalf("imported deck differs: %v", err)
	}
	c.get("/dashboard/admin/editeur/metodd-bilan-2024").has(t, "identique à la version en service")
}

// TestEditorAccessAndCheck: the editor is the admin's; the live check
// answers the rules' problems by field without saving.
func TestEditorAccessAndCheck(t *testing.T) {
	a := newApp(t)
	p := a.as(t, "cmartin")
	for _, path := range []string{"/dashboard/admin/editeur/metodd-bilan-2024", "/dashboard/admin/editeur/metodd-bilan-2024/cartes/0/apercu.json",
		"/dashboard/admin/editeur/metodd-bilan-2024/yaml"} {
		if r := p.get(path); r.status != http.StatusForbidden {
			t.Errorf("partner on %s: %d", path, r.status)
		}
	}
	c := a.as(t, "admin")
	r := c.get("/dashboard/admin/editeur/metodd-bilan-2024/cartes/0")
	rev := revOf(t, r.body)
	f := cardForm(game.TypeClassement, "x")
	f.Set("items.1", "Un")
	f.Set("card", "0")
	r = c.post("/dashboard/admin/editeur/metodd-bilan-2024/verifier", f)
	if r.status != http.StatusOK || !strings.Contains(r.body, `"items.1":["l’élément « Un » est répété"]`) {
		t.Fatalf("check: %d %s", r.status, r.body)
	}
	if d, _ := a.db.Draft(t.Context(), "metodd-bilan-2024"); strconv.FormatInt(d.Revision, 10) != rev {
		t.Fatalf("the check saved: revision %d, was %s", d.Revision, rev)
	}
	r = c.get("/dashboard/admin/editeur/metodd-bilan-2024/cartes/0/apercu.json")
	var card game.Card
	if err := json.Unmarshal([]byte(r.body), &card); err != nil || card.ID != a.deck.Cards[0].ID {
		t.Fatalf("preview JSON: %v %s", err, r.body)
	}
}
