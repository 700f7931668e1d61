package dashboard

import (
	"encoding/json"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"

	"metodd/game"
	"metodd/game/deckfile"
)

// The card form: one per card type, in plain HTML form fields named as
// deckfile.Problem names them ("prompt", "choices.2", "groups.1.items.0"),
// so each problem shows beside its field.

// slot is one input of a list (a choice, an item, a hint).
type slot struct {
	Name  string // form name, also the problem's field
	ID    string // element id
	Label string
	Value string
	Errs  []string
	Right bool // the right choice (qcm, vrai-faux)
	Index int
}

type groupSlot struct {
	ID    string
	Name  slot
	Items []slot
	Errs  []string
	Label string
}

type oddOpt struct {
	Number  int
	Name    string
	Swatch  template.HTML
	Checked bool
}

type scoreRow struct {
	Guess  string
	Points int
}

type edCardData struct {
	Draft     draft
	Index     int // -1 for a new card
	Card      game.Card
	TypeLabel string
	Errs      map[string][]string // field → messages
	Summary   []edProblem         // every problem, linking to its field
	Raw       map[string]string   // values that could not be read (kept as typed)
	Answer    string              // the estimation's answer as typed or stored
	Time      string
	Engs      []opt
	Axes      []opt
	Diffs     []opt
	ODDs      []oddOpt
	Choices   []slot
	Items     []slot
	Groups    []groupSlot
	Hints     []slot
	Scores    []scoreRow // estimation: what a guess scores
	Conflict  bool
	PreviewOK bool
	F         map[string]slot // the common fields by short name
}

func fieldID(name string) string { return "f-" + strings.ReplaceAll(name, ".", "-") }

func (h *Handler) edNewCard(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	t := r.URL.Query().Get("type")
	if _, ok := typeSet()[t]; !ok {
		h.fail(w, r, v, http.StatusNotFound, msgEdBadType)
		return
	}
	c := game.Card{Type: t, Engagement: 1, Difficulty: 1, ID: uniqueCardID(d.Deck, "nouvelle-carte")}
	c.Source.Axis = 1
	if t == game.TypeVraiFaux {
		c.Choices = []string{"Vrai", "Faux"}
	}
	h.showCard(w, r, v, http.StatusOK, d, -1, c, nil, false)
}

func typeSet() map[string]bool {
	m := map[string]bool{}
	for _, t := range game.CardTypes {
		m[t] = true
	}
	return m
}

func (h *Handler) edCardPage(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	i, ok := cardByPath(r, d)
	if !ok {
		h.fail(w, r, v, http.StatusNotFound, msgEdCardNotFound)
		return
	}
	h.showCard(w, r, v, http.StatusOK, d, i, d.Deck.Cards[i], nil, false)
}

// showCard renders the form of card c (index i in the draft, -1 if new),
// with the problems the rules find in it, and raw values that could not be
// read.
func (h *Handler) showCard(w http.ResponseWriter, r *http.Request, v *viewer, status int, d draft, i int, c game.Card,
	raw map[string]string, conflict bool) {
	data := edCardData{Draft: d, Index: i, Card: c, TypeLabel: game.TypeLabel(c.Type), Errs: map[string][]string{},
		Raw: raw, Conflict: conflict, PreviewOK: i >= 0}
	for _, p := range cardProblems(d, i, c, raw) {
		f := p.Field
		data.Errs[f] = append(data.Errs[f], p.Message)
		href := "#carte"
		switch {
		case f == "answer" && (c.Type == game.TypeQCM || c.Type == game.TypeVraiFaux), f == "choices":
			href = "#f-choices"
		case f != "":
			href = "#" + fieldID(f)
		}
		data.Summary = append(data.Summary, edProblem{Field: fieldLabel(f), Message: p.Message, Href: href})
	}
	data.Answer = strconv.FormatFloat(c.Answer, 'f', -1, 64)
	if c.Type == game.TypeEstimation && c.Answer == 0 {
		data.Answer = ""
	}
	if s, ok := raw["answer"]; ok {
		data.Answer = s
	}
	if c.Time != 0 {
		data.Time = strconv.Itoa(c.Time)
	}
	if s, ok := raw["time"]; ok {
		data.Time = s
	}
	for _, e := range game.Engagements {
		data.Engs = append(data.Engs, opt{strconv.Itoa(e.Number), sprintf("%d. %s (axe %d)", e.Number, e.Short, e.Axis), e.Number == c.Engagement})
	}
	for _, a := range game.Axes {
		data.Axes = append(data.Axes, opt{strconv.Itoa(a.Number), sprintf("%d — %s", a.Number, a.Name), a.Number == c.Source.Axis})
	}
	for n := 1; n < len(edDifficultyLabels); n++ {
		data.Diffs = append(data.Diffs, opt{strconv.Itoa(n), edDifficultyLabels[n], n == c.Difficulty})
	}
	checked := map[int]bool{}
	for _, o := range c.ODD {
		checked[o] = true
	}
	for _, s := range game.SDGs {
		data.ODDs = append(data.ODDs, oddOpt{s.Number, s.Name, swatch(s.Color), checked[s.Number]})
	}
	mk := func(name, label string, n int, vals []string) []slot {
		out := make([]slot, n)
		for k := range out {
			f := sprintf("%s.%d", name, k)
			out[k] = slot{Name: f, ID: fieldID(f), Label: sprintf("%s n°%d", label, k+1), Errs: data.Errs[f], Index: k}
			if k < len(vals) {
				out[k].Value = vals[k]
			}
		}
		return out
	}
	switch c.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		n := edChoiceSlots
		if c.Type == game.TypeVraiFaux {
			n = 2
		}
		data.Choices = mk("choices", "Choix", max(n, len(c.Choices)), c.Choices)
		for k := range data.Choices {
			data.Choices[k].Right = float64(k) == c.Answer
		}
	case game.TypeEstimation:
		if c.Answer > 0 {
			for _, f := range []float64{0.5, 0.75, 0.9, 1, 1.1, 1.5, 2} {
				g := c.Answer * f
				if g >= 100 {
					g = math.Round(g) // a team types a whole number
				}
				data.Scores = append(data.Scores, scoreRow{frNumber(g), game.ScoreEstimation(g, c.Answer)})
			}
		}
	case game.TypeClassement:
		data.Items = mk("items", "Élément", max(edItemSlots, len(c.Items)), c.Items)
	case game.TypeAssociation:
		n := max(edGroupSlots, len(c.Groups))
		for g := 0; g < n; g++ {
			var grp game.Group
			if g < len(c.Groups) {
				grp = c.Groups[g]
			}
			base := sprintf("groups.%d", g)
			gs := groupSlot{ID: fieldID(base), Label: sprintf("Groupe n°%d", g+1), Errs: data.Errs[base],
				Name:  slot{Name: base + ".name", ID: fieldID(base + ".name"), Label: "Nom du groupe", Value: grp.Name, Errs: data.Errs[base+".name"]},
				Items: mk(base+".items", "Élément", max(edGroupItemSlots-2, len(grp.Items)), grp.Items)}
			data.Groups = append(data.Groups, gs)
		}
	case game.TypeDefi:
		data.Hints = mk("hints", "Élément de réponse", max(edHintSlots, len(c.Hints)), c.Hints)
	}
	data.F = map[string]slot{}
	for _, f := range []struct{ key, name, label, value string }{
		{"id", "id", "Identifiant (unique dans le jeu, sans espace)", c.ID},
		{"prompt", "prompt", "Question", c.Prompt},
		{"explanation", "explanation", "« Le saviez-vous ? » (montré à la révélation)", c.Explanation},
		{"section", "source.section", "Section du bilan", c.Source.Section},
		{"heading", "source.heading", "Titre le plus proche dans le bilan", c.Source.Heading},
		{"time", "time", "Temps en secondes (vide : celui du type)", data.Time},
		{"answer", "answer", "Nombre attendu", data.Answer},
		{"unit", "unit", "Unité (affichée à côté de la saisie)", c.Unit},
	} {
		data.F[f.key] = slot{Name: f.name, ID: fieldID(f.name), Label: f.label, Value: f.value, Errs: data.Errs[f.name]}
	}
	title := "Nouvelle carte"
	if i >= 0 {
		title = "Carte « " + c.ID + " »"
	}
	pg := h.newPage(r, v, title, "decks")
	if conflict {
		pg.Error = sprintf(msgEdConflict, d.Revision, formRev(r))
	} else if len(raw) > 0 {
		pg.Error = msgEdCardNotSaved
	}
	pg.Data = data
	h.show(w, r, status, "editor-card", pg)
}

// cardProblems are card c's problems (index i in the draft, -1 if new):
// its own, those only the deck sees (a repeated id), and the values that
// could not be read. Fields are named as the form names them (an SDG's
// problem is the "odd" fieldset's).
func cardProblems(d draft, i int, c game.Card, raw map[string]string) []deckfile.Problem {
	var ps []deckfile.Problem
	if i >= 0 && i < len(d.Deck.Cards) {
		deck := *d.Deck
		deck.Cards = append([]game.Card(nil), d.Deck.Cards...)
		deck.Cards[i] = c
		for _, p := range deckfile.CheckDeck(&deck) {
			if p.Card == i {
				ps = append(ps, p)
			}
		}
	} else {
		ps = deckfile.CheckCard(c)
	}
	for _, f := range []string{"engagement", "difficulty", "source.axis", "time", "answer"} {
		if val, ok := raw[f]; ok {
			ps = append(ps, deckfile.Problem{Card: i, Field: f, Message: deckfile.FieldNumberMessage(f, val, f != "answer")})
		}
	}
	for k := range ps {
		if strings.HasPrefix(ps[k].Field, "odd") {
			ps[k].Field = "odd"
		}
	}
	return ps
}

// edCheckCard answers the card form's live check (static/editor.js): the
// problems of the card as typed, by field, without saving anything.
func (h *Handler) edCheckCard(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	typ := r.PostFormValue("type")
	if !typeSet()[typ] {
		http.Error(w, msgEdBadType, http.StatusUnprocessableEntity)
		return
	}
	i, err := strconv.Atoi(r.PostFormValue("card"))
	if err != nil || i < 0 || i >= len(d.Deck.Cards) {
		i = -1
	}
	c, raw := parseCardForm(r, typ)
	out := map[string][]string{}
	for _, p := range cardProblems(d, i, c, raw) {
		f := p.Field
		if f == "answer" && (typ == game.TypeQCM || typ == game.TypeVraiFaux) || f == "choices" {
			f = "choices"
		}
		out[f] = append(out[f], p.Message)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(out)
}

// frNumber writes a number the French way, for the scoring table.
func frNumber(f float64) string {
	if f == float64(int64(f)) && f < 1e15 {
		return frInt(int(f))
	}
	return strings.ReplaceAll(strconv.FormatFloat(f, 'f', -1, 64), ".", ",")
}

// parseCardForm reads a card form. Values that are not numbers where one
// is expected come back in raw (field → as typed).
func parseCardForm(r *http.Request, typ string) (game.Card, map[string]string) {
	f := r.PostForm
	raw := map[string]string{}
	c := game.Card{Type: typ, ID: strings.TrimSpace(f.Get("id")), Prompt: f.Get("prompt"), Explanation: f.Get("explanation")}
	c.Source.Section = f.Get("source.section")
	c.Source.Heading = f.Get("source.heading")
	integer := func(name string, dst *int, optional bool) {
		s := strings.TrimSpace(f.Get(name))
		if s == "" && optional {
			return
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			raw[name] = s
			return
		}
		*dst = n
	}
	integer("engagement", &c.Engagement, false)
	integer("difficulty", &c.Difficulty, false)
	integer("source.axis", &c.Source.Axis, false)
	integer("time", &c.Time, true)
	for _, s := range f["odd"] {
		if n, err := strconv.Atoi(s); err == nil {
			c.ODD = append(c.ODD, n)
		}
	}
	// list keeps the filled slots name.0…name.n-1 and maps a slot index to
	// its position among them.
	list := func(name string, n int) ([]string, map[int]int) {
		var out []string
		pos := map[int]int{}
		for k := 0; k < n; k++ {
			s := f.Get(sprintf("%s.%d", name, k))
			if strings.TrimSpace(s) == "" {
				continue
			}
			pos[k] = len(out)
			out = append(out, s)
		}
		return out, pos
	}
	switch typ {
	case game.TypeQCM, game.TypeVraiFaux:
		var pos map[int]int
		c.Choices, pos = list("choices", edChoiceSlots+4)
		c.Answer = -1
		if k, err := strconv.Atoi(f.Get("answer")); err == nil {
			if p, ok := pos[k]; ok {
				c.Answer = float64(p)
			}
		}
	case game.TypeEstimation:
		s := strings.TrimSpace(f.Get("answer"))
		clean := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", ",", ".").Replace(s)
		if s != "" {
			n, err := strconv.ParseFloat(clean, 64)
			if err != nil {
				raw["answer"] = s
			} else {
				c.Answer = n
			}
		}
		c.Unit = f.Get("unit")
	case game.TypeClassement:
		c.Items, _ = list("items", edItemSlots+4)
		if mv := f.Get("move"); mv != "" {
			moveItem(c.Items, mv)
		}
	case game.TypeAssociation:
		for g := 0; g < edGroupSlots+2; g++ {
			base := sprintf("groups.%d", g)
			items, _ := list(base+".items", edGroupItemSlots+4)
			name := f.Get(base + ".name")
			if strings.TrimSpace(name) == "" && len(items) == 0 {
				continue
			}
			c.Groups = append(c.Groups, game.Group{Name: name, Items: items})
		}
	case game.TypeDefi:
		c.Hints, _ = list("hints", edHintSlots+4)
	}
	return c, raw
}

// moveItem applies a classement's move button: "items.2.up" or
// "items.2.down" (the slot index, which is the position once blanks are
// dropped only if no blank precedes it; items are filled from the top).
func moveItem(items []string, mv string) {
	parts := strings.Split(mv, ".")
	if len(parts) != 3 {
		return
	}
	k, err := strconv.Atoi(parts[1])
	if err != nil || k < 0 || k >= len(items) {
		return
	}
	switch parts[2] {
	case "up":
		if k > 0 {
			items[k-1], items[k] = items[k], items[k-1]
		}
	case "down":
		if k+1 < len(items) {
			items[k+1], items[k] = items[k], items[k+1]
		}
	}
}

// edSaveCard saves a new or edited card into the draft, problems and all:
// a card with problems is kept as a draft; only publishing needs a valid
// deck. A stale revision saves nothing and shows the form again, as typed.
func (h *Handler) edSaveCard(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	i := -1
	if r.PathValue("card") != "" {
		if i, ok = cardByPath(r, d); !ok {
			h.fail(w, r, v, http.StatusNotFound, msgEdCardNotFound)
			return
		}
	}
	typ := r.PostFormValue("type")
	if !typeSet()[typ] {
		h.fail(w, r, v, http.StatusUnprocessableEntity, msgEdBadType)
		return
	}
	c, raw := parseCardForm(r, typ)
	rev := formRev(r)
	if rev != d.Revision {
		h.showCard(w, r, v, http.StatusConflict, d, i, c, raw, true)
		return
	}
	if len(raw) > 0 {
		h.showCard(w, r, v, http.StatusUnprocessableEntity, d, i, c, raw, false)
		return
	}
	if i < 0 {
		if len(d.Deck.Cards) >= edMaxCards {
			h.fail(w, r, v, http.StatusUnprocessableEntity, sprintf(msgTooLong, edMaxCards))
			return
		}
		d.Deck.Cards = append(d.Deck.Cards, c)
		i = len(d.Deck.Cards) - 1
	} else {
		d.Deck.Cards[i] = c
	}
	_, err := h.saveDraft(r.Context(), v, d.Deck, rev, 0)
	if err != nil {
		if h.edConflict(w, r, v, d, err) {
			return
		}
	}
	n := 0
	for _, p := range deckfile.CheckDeck(d.Deck) {
		if p.Card == i {
			n++
		}
	}
	if n > 0 {
		h.flash(w, r, sprintf(msgEdCardSavedBad, c.ID, plural(n, "problème", "problèmes")))
	} else {
		h.flash(w, r, sprintf(msgEdCardSaved, c.ID))
	}
	target := h.edURL(d.ID, "cartes", strconv.Itoa(i))
	if mv := r.PostFormValue("move"); mv != "" {
		target += "#" + fieldID("items")
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// Personal commitments of the draft.

type commitRow struct {
	Index      int
	Legend     string
	ID, Text   slot
	Engagement string
	Engs       []opt
	Errs       []string
}

type edCommitsData struct {
	Draft draft
	Rows  []commitRow
}

func (h *Handler) edCommitmentsPage(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	h.showCommitments(w, r, v, http.StatusOK, d, nil)
}

func (h *Handler) showCommitments(w http.ResponseWriter, r *http.Request, v *viewer, status int, d draft, pg *page) {
	errs := map[int]map[string][]string{}
	for _, p := range deckfile.CheckDeck(d.Deck) {
		if p.Commitment >= 0 {
			if errs[p.Commitment] == nil {
				errs[p.Commitment] = map[string][]string{}
			}
			errs[p.Commitment][p.Field] = append(errs[p.Commitment][p.Field], p.Message)
		}
	}
	data := edCommitsData{Draft: d}
	for k := 0; k < len(d.Deck.Commitments)+edCommitBlank; k++ {
		var c game.Commitment
		if k < len(d.Deck.Commitments) {
			c = d.Deck.Commitments[k]
		}
		e := errs[k]
		base := sprintf("commit.%d", k)
		row := commitRow{Index: k, Legend: sprintf(msgEdCommitLegend, k+1),
			ID:   slot{Name: base + ".id", ID: fieldID(base + ".id"), Label: "Identifiant", Value: c.ID, Errs: e["id"]},
			Text: slot{Name: base + ".text", ID: fieldID(base + ".text"), Label: "Texte", Value: c.Text, Errs: e["text"]},
			Errs: append(e[""], e["engagement"]...)}
		for _, en := range game.Engagements {
			row.Engs = append(row.Engs, opt{strconv.Itoa(en.Number), sprintf("%d. %s", en.Number, en.Short), en.Number == c.Engagement})
		}
		data.Rows = append(data.Rows, row)
	}
	if pg == nil {
		pg = h.newPage(r, v, "Engagements personnels — "+d.Deck.Title, "decks")
	}
	pg.Data = data
	h.show(w, r, status, "editor-commitments", pg)
}

func (h *Handler) edSaveCommitments(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	var out []game.Commitment
	for k := 0; k < len(d.Deck.Commitments)+edCommitBlank; k++ {
		base := sprintf("commit.%d", k)
		id, text := strings.TrimSpace(r.PostFormValue(base+".id")), r.PostFormValue(base+".text")
		if id == "" && strings.TrimSpace(text) == "" {
			continue
		}
		eng, _ := strconv.Atoi(r.PostFormValue(base + ".engagement"))
		out = append(out, game.Commitment{ID: id, Text: text, Engagement: eng})
	}
	d.Deck.Commitments = out
	_, err := h.saveDraft(r.Context(), v, d.Deck, formRev(r), 0)
	if h.edConflict(w, r, v, d, err) {
		return
	}
	h.flash(w, r, msgEdCommitsSaved)
	http.Redirect(w, r, h.edURL(d.ID, "engagements"), http.StatusSeeOther)
}
