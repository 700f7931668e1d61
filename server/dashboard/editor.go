package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"metodd/game"
	"metodd/game/deckfile"
	"metodd/server/store"
)

// The deck editor (admin only): decks are edited in a draft (store drafts,
// one per deck id, with a revision for optimistic locking), card by card,
// with one form per card type; « Publier » validates the whole deck with the
// loader's own rules (deckfile.CheckDeck) and stores a new version, as an
// upload does. Pages are plain forms: they work without JavaScript;
// static/editor.js only enhances them (reordering by drag and drop).

// Form slots per card type: how many inputs the forms offer (the rules'
// bounds are checked by deckfile; blank slots are ignored).
const (
	edChoiceSlots    = 4 // qcm: 2 to 4 choices
	edItemSlots      = 5 // classement: 3 to 5 items
	edGroupSlots     = 3 // association: 2 or 3 groups…
	edGroupItemSlots = 6 // …of 4 to 6 items in all
	edHintSlots      = 6 // défi: hints for the partner
	edCommitBlank    = 3 // blank rows offered to add personal commitments
	// edMaxCards bounds a draft: the standard deck has ~60 cards; a deck
	// file of MaxDeckBytes holds a few thousand, far more than a session
	// can use.
	edMaxCards = 2000
)

func (h *Handler) editorRoutes() {
	p, m := h.prefix, h.mux
	m.HandleFunc("POST "+p+"/admin/editeur", h.admin(h.edCreateDeck))
	m.HandleFunc("GET "+p+"/admin/editeur/{id}", h.admin(h.edDeckPage))
	m.HandleFunc("GET "+p+"/admin/editeur/{id}/yaml", h.admin(h.edExport))
	m.HandleFunc("GET "+p+"/admin/editeur/{id}/historique", h.admin(h.edHistory))
	m.HandleFunc("GET "+p+"/admin/editeur/{id}/engagements", h.admin(h.edCommitmentsPage))
	m.HandleFunc("POST "+p+"/admin/editeur/{id}/engagements", h.admin(h.edSaveCommitments))
	m.HandleFunc("POST "+p+"/admin/editeur/{id}/{action}", h.admin(h.edDeckAction))
	m.HandleFunc("POST "+p+"/admin/editeur/{id}/verifier", h.admin(h.edCheckCard))
	m.HandleFunc("GET "+p+"/admin/editeur/{id}/cartes/nouvelle", h.admin(h.edNewCard))
	m.HandleFunc("POST "+p+"/admin/editeur/{id}/cartes", h.admin(h.edSaveCard))
	m.HandleFunc("GET "+p+"/admin/editeur/{id}/cartes/{card}", h.admin(h.edCardPage))
	m.HandleFunc("POST "+p+"/admin/editeur/{id}/cartes/{card}", h.admin(h.edSaveCard))
	m.HandleFunc("POST "+p+"/admin/editeur/{id}/cartes/{card}/{action}", h.admin(h.edCardAction))
	m.HandleFunc("GET "+p+"/admin/editeur/{id}/cartes/{card}/apercu.json", h.admin(h.edPreviewJSON))
}

func (h *Handler) edURL(id string, rest ...string) string {
	u := h.adminURL("editeur/%s", url.PathEscape(id))
	for _, s := range rest {
		u += "/" + url.PathEscape(s)
	}
	return u
}

// draft is a deck's draft, decoded.
type draft struct {
	store.Draft
	Deck *game.Deck
}

// loadDraft returns deck id's draft, starting it from the current version
// when the deck has none yet.
func (h *Handler) loadDraft(ctx context.Context, id string, by int64) (draft, error) {
	d, err := h.db.Draft(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		sd, err := h.db.Deck(ctx, id)
		if err != nil {
			return draft{}, err
		}
		deck, err := h.deck(ctx, sd.Version)
		if err != nil {
			return draft{}, err
		}
		body, err := json.Marshal(deck)
		if err != nil {
			return draft{}, err
		}
		_, err = h.db.CreateDraft(ctx, store.NewDraft{ID: id, Title: deck.Title, Body: body, Cards: len(deck.Cards),
			By: by, BaseVersion: sd.Version}, false)
		if err != nil && !errors.Is(err, store.ErrExists) {
			return draft{}, err
		}
		d, err = h.db.Draft(ctx, id)
		if err != nil {
			return draft{}, err
		}
	} else if err != nil {
		return draft{}, err
	}
	deck := &game.Deck{}
	if err := json.Unmarshal(d.Body, deck); err != nil {
		return draft{}, fmt.Errorf("draft %q: %w", id, err)
	}
	return draft{Draft: d, Deck: deck}, nil
}

// saveDraft stores deck over revision rev; store.ErrConflict when another
// save came first.
func (h *Handler) saveDraft(ctx context.Context, v *viewer, deck *game.Deck, rev, base int64) (int64, error) {
	body, err := json.Marshal(deck)
	if err != nil {
		return 0, err
	}
	return h.db.SaveDraft(ctx, store.NewDraft{ID: deck.ID, Title: deck.Title, Body: body, Cards: len(deck.Cards),
		By: v.acc.ID, BaseVersion: base}, rev)
}

// draftByPath loads the draft of the request's deck, or answers 404/500.
func (h *Handler) draftByPath(w http.ResponseWriter, r *http.Request, v *viewer) (draft, bool) {
	d, err := h.loadDraft(r.Context(), r.PathValue("id"), v.acc.ID)
	return d, h.found(w, r, v, err, msgDeckNotFound)
}

func formRev(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PostFormValue("rev"), 10, 64)
	return n
}

// The decks list (admin.go's decks page) gets the editor's actions and the
// decks that exist only as drafts.
func (h *Handler) editorDeckRows(ctx context.Context, t *table, published []store.Deck) error {
	for i := range t.Rows {
		if i < len(published) {
			t.Rows[i].Actions = append([]action{{Label: "Modifier", URL: h.edURL(published[i].ID)}}, t.Rows[i].Actions...)
		}
	}
	drafts, err := h.db.Drafts(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, d := range published {
		have[d.ID] = true
	}
	for _, d := range drafts {
		if have[d.ID] {
			continue
		}
		rw := t.add(link(d.Title, h.edURL(d.ID)), txt(d.ID), num(d.Cards), txt(msgEdNeverPublished), txt(msgEdDraftOnly),
			cell{Text: frDateTime(d.Updated), Raw: isoDateTime(d.Updated)}, cell{Text: "non", Raw: "non", Tag: "ended"})
		rw.Actions = []action{{Label: "Modifier", URL: h.edURL(d.ID)}}
	}
	return nil
}

// edCreateDeck creates an empty deck (a draft only, until published).
func (h *Handler) edCreateDeck(w http.ResponseWriter, r *http.Request, v *viewer) {
	id, title := strings.TrimSpace(r.PostFormValue("id")), strings.TrimSpace(r.PostFormValue("title"))
	deck := &game.Deck{ID: id, Title: title}
	if msgs := deckHeadProblems(deck); len(msgs) > 0 {
		pg := h.newPage(r, v, "Jeux de cartes", "decks")
		pg.Error = strings.Join(msgs, " ; ")
		h.showDecks(w, r, v, http.StatusUnprocessableEntity, pg, decksData{})
		return
	}
	h.createDeck(w, r, v, deck, sprintf(msgEdDeckCreated, title))
}

// deckHeadProblems checks a deck's id and title with the loader's rules.
func deckHeadProblems(d *game.Deck) []string {
	var out []string
	for _, p := range deckfile.CheckDeck(d) {
		if p.Card < 0 && p.Commitment < 0 && (p.Field == "id" || p.Field == "title") {
			out = append(out, p.Message)
		}
	}
	return out
}

func (h *Handler) createDeck(w http.ResponseWriter, r *http.Request, v *viewer, deck *game.Deck, msg string) {
	body, err := json.Marshal(deck)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	_, err = h.db.CreateDraft(r.Context(), store.NewDraft{ID: deck.ID, Title: deck.Title, Body: body, Cards: len(deck.Cards), By: v.acc.ID}, true)
	if errors.Is(err, store.ErrExists) {
		pg := h.newPage(r, v, "Jeux de cartes", "decks")
		pg.Error = sprintf(msgEdDeckExists, deck.ID)
		h.showDecks(w, r, v, http.StatusConflict, pg, decksData{})
		return
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	h.log.Info("dashboard: deck created", "deck", deck.ID, "by", v.acc.Login)
	h.flash(w, r, msg)
	http.Redirect(w, r, h.edURL(deck.ID), http.StatusSeeOther)
}

// The deck page: status, problems, counts, cards with filters.

type edFilter struct {
	Q          string
	Engagement int
	Type       string
	Difficulty int
	Axis       int
}

func (f edFilter) match(c game.Card) bool {
	if f.Engagement != 0 && c.Engagement != f.Engagement || f.Type != "" && c.Type != f.Type ||
		f.Difficulty != 0 && c.Difficulty != f.Difficulty || f.Axis != 0 && c.Source.Axis != f.Axis {
		return false
	}
	if f.Q == "" {
		return true
	}
	q := strings.ToLower(f.Q)
	hay := strings.ToLower(strings.Join(append([]string{c.ID, c.Prompt, c.Explanation, c.Source.Section, c.Source.Heading, c.Unit},
		append(append(c.Choices, c.Items...), c.Hints...)...), "\n"))
	for _, g := range c.Groups {
		hay += "\n" + strings.ToLower(g.Name+"\n"+strings.Join(g.Items, "\n"))
	}
	return strings.Contains(hay, q)
}

type opt struct {
	Value    string
	Label    string
	Selected bool
}

type edDeckData struct {
	Draft      draft
	Current    store.Deck // the version in service; Version 0 if never published
	BehindMsg  string     // a newer version than the draft's base was published
	Diff       deckDiff   // draft against the version in service
	Problems   []edProblem
	Counts     *table
	Cards      *table
	Filter     edFilter
	Engs, Axes []opt
	Types      []opt
	Diffs      []opt
	NewTypes   []opt
}

type edProblem struct {
	Where   string // « carte e11-x » or « engagement personnel n°2 »
	Href    string
	Field   string
	Message string
}

func (h *Handler) edDeckPage(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	h.showDeckEditor(w, r, v, http.StatusOK, d, nil)
}

func (h *Handler) showDeckEditor(w http.ResponseWriter, r *http.Request, v *viewer, status int, d draft, pg *page) {
	ctx := r.Context()
	if pg == nil {
		pg = h.newPage(r, v, d.Deck.Title, "decks")
	}
	data := edDeckData{Draft: d}
	cur, err := h.db.Deck(ctx, d.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		h.serverError(w, r, v, err)
		return
	default:
		data.Current = cur
		if cur.Version != d.BaseVersion {
			data.BehindMsg = sprintf(msgEdBaseBehind, cur.Version)
		}
		old, err := h.deck(ctx, cur.Version)
		if err != nil {
			h.serverError(w, r, v, err)
			return
		}
		data.Diff = diffDecks(old, d.Deck)
	}
	problems := deckfile.CheckDeck(d.Deck) // the deck page's main cost: run once
	data.Problems = h.edProblems(d.Deck, problems)
	q := r.URL.Query()
	data.Filter = edFilter{Q: strings.TrimSpace(q.Get("q")), Type: q.Get("type")}
	data.Filter.Engagement, _ = strconv.Atoi(q.Get("engagement"))
	data.Filter.Difficulty, _ = strconv.Atoi(q.Get("difficulte"))
	data.Filter.Axis, _ = strconv.Atoi(q.Get("axe"))
	data.Engs = []opt{{Value: "", Label: "Tous"}}
	for _, e := range game.Engagements {
		data.Engs = append(data.Engs, opt{strconv.Itoa(e.Number), sprintf("%d. %s", e.Number, e.Short), e.Number == data.Filter.Engagement})
	}
	data.Axes = []opt{{Value: "", Label: "Tous"}}
	for _, a := range game.Axes {
		data.Axes = append(data.Axes, opt{strconv.Itoa(a.Number), sprintf("Axe %d — %s", a.Number, a.Name), a.Number == data.Filter.Axis})
	}
	data.Types = []opt{{Value: "", Label: "Tous"}}
	for _, t := range game.CardTypes {
		data.Types = append(data.Types, opt{t, game.TypeLabel(t), t == data.Filter.Type})
		data.NewTypes = append(data.NewTypes, opt{t, game.TypeLabel(t), false})
	}
	data.Diffs = []opt{{Value: "", Label: "Toutes"}}
	for i := 1; i < len(edDifficultyLabels); i++ {
		data.Diffs = append(data.Diffs, opt{strconv.Itoa(i), edDifficultyLabels[i], i == data.Filter.Difficulty})
	}
	data.Counts = edCounts(d.Deck)
	data.Cards = h.edCardsTable(d, data.Filter, problems)
	pg.Data = data
	h.show(w, r, status, "editor-deck", pg)
}

// edProblems names where each problem is, with a link to the card.
func (h *Handler) edProblems(deck *game.Deck, ps []deckfile.Problem) []edProblem {
	out := make([]edProblem, 0, len(ps))
	for _, p := range ps {
		e := edProblem{Field: fieldLabel(p.Field), Message: p.Message}
		switch {
		case p.Card >= 0 && p.Card < len(deck.Cards):
			c := deck.Cards[p.Card]
			e.Where = sprintf("carte n°%d « %s »", p.Card+1, c.ID)
			e.Href = h.edURL(deck.ID, "cartes", strconv.Itoa(p.Card))
		case p.Commitment >= 0:
			e.Where = sprintf("engagement personnel n°%d", p.Commitment+1)
			e.Href = h.edURL(deck.ID, "engagements")
		default:
			e.Where = "jeu"
		}
		out = append(out, e)
	}
	return out
}

// fieldLabel names a form field in French: "choices.2" → "choix n°3".
func fieldLabel(f string) string {
	if f == "" {
		return ""
	}
	parts := strings.Split(f, ".")
	out := []string{}
	for i := 0; i < len(parts); i++ {
		s := parts[i]
		if n, err := strconv.Atoi(s); err == nil {
			out[len(out)-1] += sprintf(" n°%d", n+1)
			continue
		}
		if l, ok := edFieldLabels[s]; ok {
			s = l
		} else if s == "axis" {
			s = "axe"
		} else if s == "section" || s == "heading" {
			s = map[string]string{"section": "section", "heading": "titre"}[s]
		} else if s == "name" {
			s = "nom"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// edCounts is what the validator and the standard deck's tests count:
// cards per commitment (by axis) and per type.
func edCounts(d *game.Deck) *table {
	t := &table{Title: "Cartes par engagement et par type", Empty: "Aucune carte.",
		Note: "Une séance tire ses cartes par engagement : le jeu standard en a au moins 4 par engagement et utilise chaque type."}
	t.Cols = []column{{Label: "Engagement"}}
	for _, ty := range game.CardTypes {
		t.Cols = append(t.Cols, column{Label: game.TypeLabel(ty), Num: true})
	}
	t.Cols = append(t.Cols, column{Label: "Total", Num: true})
	per := map[int]map[string]int{}
	perType := map[string]int{}
	for _, c := range d.Cards {
		if per[c.Engagement] == nil {
			per[c.Engagement] = map[string]int{}
		}
		per[c.Engagement][c.Type]++
		perType[c.Type]++
	}
	for _, e := range game.Engagements {
		cells := []cell{txt(sprintf("%d. %s", e.Number, e.Short))}
		total := 0
		for _, ty := range game.CardTypes {
			cells = append(cells, num(per[e.Number][ty]))
			total += per[e.Number][ty]
		}
		t.add(append(cells, num(total))...)
	}
	t.Total = []cell{txt("Total")}
	for _, ty := range game.CardTypes {
		t.Total = append(t.Total, num(perType[ty]))
	}
	t.Total = append(t.Total, num(len(d.Cards)))
	return t
}

func (h *Handler) edCardsTable(d draft, f edFilter, ps []deckfile.Problem) *table {
	bad := map[int]int{}
	for _, p := range ps {
		if p.Card >= 0 {
			bad[p.Card]++
		}
	}
	t := &table{Title: "Cartes", Empty: "Aucune carte ne correspond.",
		Cols: []column{{Label: "N°", Num: true}, {Label: "Question"}, {Label: "Identifiant"}, {Label: "Engagement", Num: true},
			{Label: "Type"}, {Label: "Difficulté", Num: true}, {Label: "Problèmes", Num: true}}}
	shown := 0
	for i, c := range d.Deck.Cards {
		if !f.match(c) {
			continue
		}
		shown++
		idx := strconv.Itoa(i)
		pb := num(bad[i])
		if bad[i] > 0 {
			pb = cell{Text: strconv.Itoa(bad[i]), Raw: strconv.Itoa(bad[i]), Tag: "ended"}
		}
		prompt := c.Prompt
		if prompt == "" {
			prompt = "(sans question)"
		}
		rw := t.add(num(i+1), link(prompt, h.edURL(d.ID, "cartes", idx)), txt(c.ID), num(c.Engagement),
			txt(game.TypeLabel(c.Type)), num(c.Difficulty), pb)
		rev := "?rev=" + strconv.FormatInt(d.Revision, 10)
		rw.Actions = []action{
			{Label: "Modifier", URL: h.edURL(d.ID, "cartes", idx)},
			{Label: "Dupliquer", URL: h.edURL(d.ID, "cartes", idx, "dupliquer") + rev, Post: true},
			{Label: "Monter", URL: h.edURL(d.ID, "cartes", idx, "monter") + rev, Post: true},
			{Label: "Descendre", URL: h.edURL(d.ID, "cartes", idx, "descendre") + rev, Post: true},
			{Label: "Supprimer", URL: h.edURL(d.ID, "cartes", idx, "supprimer") + rev, Post: true, Danger: true,
				Confirm: "Supprimer la carte « " + c.ID + " » du brouillon ?"},
		}
	}
	t.Note = sprintf("%s sur %d.", plural(shown, "carte", "cartes"), len(d.Deck.Cards))
	return t
}

// edDeckAction: publish, revert, duplicate, rename.
func (h *Handler) edDeckAction(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	ctx := r.Context()
	rev := formRev(r)
	switch r.PathValue("action") {
	case "publier":
		ps := deckfile.CheckDeck(d.Deck)
		if len(ps) > 0 || rev != d.Revision {
			pg := h.newPage(r, v, d.Deck.Title, "decks")
			status := http.StatusUnprocessableEntity
			pg.Error = sprintf(msgEdPublishInvalid, plural(len(ps), "problème", "problèmes"))
			if rev != d.Revision {
				status, pg.Error = http.StatusConflict, msgEdConflictShort
			}
			h.showDeckEditor(w, r, v, status, d, pg)
			return
		}
		data, err := deckfile.MarshalDeck(d.Deck)
		if err != nil {
			h.serverError(w, r, v, err)
			return
		}
		ver, added, err := h.db.PublishDraft(ctx, store.NewDeck{ID: d.ID, Title: d.Deck.Title, YAML: data,
			Cards: len(d.Deck.Cards), UploadedBy: v.acc.ID}, rev)
		if h.edConflict(w, r, v, d, err) {
			return
		}
		msg := msgEdPublishSame
		if added {
			msg = sprintf(msgEdPublished, d.Deck.Title, ver, len(d.Deck.Cards))
			h.log.Info("dashboard: deck published", "deck", d.ID, "version", ver, "by", v.acc.Login)
		}
		h.flash(w, r, msg)
	case "revenir":
		cur, err := h.db.Deck(ctx, d.ID)
		if errors.Is(err, store.ErrNotFound) {
			h.flash(w, r, msgEdNoVersion)
			break
		}
		if err != nil {
			h.serverError(w, r, v, err)
			return
		}
		deck, err := h.deck(ctx, cur.Version)
		if err != nil {
			h.serverError(w, r, v, err)
			return
		}
		_, err = h.saveDraft(ctx, v, deck, rev, cur.Version)
		if h.edConflict(w, r, v, d, err) {
			return
		}
		h.flash(w, r, sprintf(msgEdReverted, cur.Version))
	case "dupliquer":
		cp := *d.Deck
		cp.ID = strings.TrimSpace(r.PostFormValue("id"))
		cp.Title = strings.TrimSpace(r.PostFormValue("title"))
		if msgs := deckHeadProblems(&cp); len(msgs) > 0 {
			pg := h.newPage(r, v, d.Deck.Title, "decks")
			pg.Error = strings.Join(msgs, " ; ")
			h.showDeckEditor(w, r, v, http.StatusUnprocessableEntity, d, pg)
			return
		}
		h.createDeck(w, r, v, &cp, sprintf(msgEdDeckCopied, cp.Title, d.Deck.Title))
		return
	case "titre":
		d.Deck.Title = strings.TrimSpace(r.PostFormValue("title"))
		_, err := h.saveDraft(ctx, v, d.Deck, rev, 0)
		if h.edConflict(w, r, v, d, err) {
			return
		}
		h.flash(w, r, msgEdTitleSaved)
	default:
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	http.Redirect(w, r, h.edURL(d.ID), http.StatusSeeOther)
}

// edConflict handles a store error of a draft write: a conflict shows the
// deck page with the French message; another error is a 500. It says
// whether the request is answered.
func (h *Handler) edConflict(w http.ResponseWriter, r *http.Request, v *viewer, d draft, err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, store.ErrConflict) {
		fresh, lerr := h.loadDraft(r.Context(), d.ID, v.acc.ID)
		if lerr != nil {
			h.serverError(w, r, v, lerr)
			return true
		}
		pg := h.newPage(r, v, fresh.Deck.Title, "decks")
		pg.Error = msgEdConflictShort
		h.showDeckEditor(w, r, v, http.StatusConflict, fresh, pg)
		return true
	}
	h.serverError(w, r, v, err)
	return true
}

// edExport downloads the draft as a deck file.
func (h *Handler) edExport(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	data, err := deckfile.MarshalDeck(d.Deck)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	name := d.ID + ".yaml"
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		asciiName(name), url.PathEscape(name)))
	_, _ = w.Write(data)
}

// cardByPath finds the card of the request's path (its index in the deck).
func cardByPath(r *http.Request, d draft) (int, bool) {
	i, err := strconv.Atoi(r.PathValue("card"))
	if err != nil || i < 0 || i >= len(d.Deck.Cards) {
		return 0, false
	}
	return i, true
}

// edCardAction: duplicate, move up or down, delete.
func (h *Handler) edCardAction(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	i, ok := cardByPath(r, d)
	if !ok {
		h.fail(w, r, v, http.StatusNotFound, msgEdCardNotFound)
		return
	}
	rev, _ := strconv.ParseInt(r.URL.Query().Get("rev"), 10, 64)
	if s := r.PostFormValue("rev"); s != "" {
		rev = formRev(r)
	}
	cards := d.Deck.Cards
	c := cards[i]
	var msg string
	switch r.PathValue("action") {
	case "dupliquer":
		if len(cards) >= edMaxCards {
			h.fail(w, r, v, http.StatusUnprocessableEntity, sprintf(msgTooLong, edMaxCards))
			return
		}
		cp := cloneCard(c)
		cp.ID = uniqueCardID(d.Deck, c.ID+msgEdCopySuffix)
		d.Deck.Cards = append(cards[:i+1], append([]game.Card{cp}, cards[i+1:]...)...)
		msg = sprintf(msgEdCardCopied, c.ID, cp.ID)
	case "monter":
		if i > 0 {
			cards[i-1], cards[i] = cards[i], cards[i-1]
		}
		msg = sprintf(msgEdCardMoved, c.ID)
	case "descendre":
		if i+1 < len(cards) {
			cards[i+1], cards[i] = cards[i], cards[i+1]
		}
		msg = sprintf(msgEdCardMoved, c.ID)
	case "supprimer":
		d.Deck.Cards = append(cards[:i], cards[i+1:]...)
		msg = sprintf(msgEdCardDeleted, c.ID)
	default:
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	_, err := h.saveDraft(r.Context(), v, d.Deck, rev, 0)
	if h.edConflict(w, r, v, d, err) {
		return
	}
	h.flash(w, r, msg)
	http.Redirect(w, r, h.edURL(d.ID), http.StatusSeeOther)
}

func cloneCard(c game.Card) game.Card {
	b, _ := json.Marshal(c)
	var out game.Card
	_ = json.Unmarshal(b, &out)
	return out
}

func uniqueCardID(d *game.Deck, base string) string {
	id := base
	for n := 2; ; n++ {
		if _, taken := d.CardByID(id); !taken {
			return id
		}
		id = sprintf("%s-%d", base, n)
	}
}

// edPreviewJSON serves one draft card as the game client's preview reads it.
func (h *Handler) edPreviewJSON(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	i, ok := cardByPath(r, d)
	if !ok {
		h.fail(w, r, v, http.StatusNotFound, msgEdCardNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(d.Deck.Cards[i])
}

// The diff between two versions of a deck.

type deckDiff struct {
	Title       bool
	Added       []game.Card
	Removed     []game.Card
	Changed     []cardChange
	Commitments bool
}

type cardChange struct {
	ID     string
	Fields []string // French labels of the fields that changed
}

func (d deckDiff) Empty() bool {
	return !d.Title && !d.Commitments && len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// Summary says it in one line: "2 cartes ajoutées, 1 modifiée…".
func (d deckDiff) Summary() string {
	var parts []string
	if d.Title {
		parts = append(parts, "titre modifié")
	}
	if n := len(d.Added); n > 0 {
		parts = append(parts, plural(n, "carte ajoutée", "cartes ajoutées"))
	}
	if n := len(d.Changed); n > 0 {
		parts = append(parts, plural(n, "carte modifiée", "cartes modifiées"))
	}
	if n := len(d.Removed); n > 0 {
		parts = append(parts, plural(n, "carte retirée", "cartes retirées"))
	}
	if d.Commitments {
		parts = append(parts, "engagements personnels modifiés")
	}
	return strings.Join(parts, ", ")
}

// cardFields are the fields the diff compares, in the documented order.
var cardFields = []string{"engagement", "type", "difficulty", "prompt", "explanation", "source", "odd", "time",
	"choices", "answer", "unit", "items", "groups", "hints"}

func cardField(c game.Card, f string) any {
	switch f {
	case "engagement":
		return c.Engagement
	case "type":
		return c.Type
	case "difficulty":
		return c.Difficulty
	case "prompt":
		return c.Prompt
	case "explanation":
		return c.Explanation
	case "source":
		return c.Source
	case "odd":
		return fmt.Sprint(c.ODD)
	case "time":
		return c.Time
	case "choices":
		return fmt.Sprintf("%q", c.Choices)
	case "answer":
		return c.Answer
	case "unit":
		return c.Unit
	case "items":
		return fmt.Sprintf("%q", c.Items)
	case "groups":
		return fmt.Sprintf("%q", c.Groups)
	case "hints":
		return fmt.Sprintf("%q", c.Hints)
	}
	return nil
}

// diffDecks lists what changed from old to cur, matching cards by id.
func diffDecks(old, cur *game.Deck) deckDiff {
	var d deckDiff
	d.Title = old.Title != cur.Title
	d.Commitments = !reflect.DeepEqual(old.Commitments, cur.Commitments)
	before := map[string]game.Card{}
	for _, c := range old.Cards {
		before[c.ID] = c
	}
	now := map[string]bool{}
	for _, c := range cur.Cards {
		now[c.ID] = true
		o, ok := before[c.ID]
		if !ok {
			d.Added = append(d.Added, c)
			continue
		}
		var fields []string
		for _, f := range cardFields {
			if !reflect.DeepEqual(cardField(o, f), cardField(c, f)) {
				fields = append(fields, edFieldLabels[f])
			}
		}
		if len(fields) > 0 {
			d.Changed = append(d.Changed, cardChange{ID: c.ID, Fields: fields})
		}
	}
	for _, c := range old.Cards {
		if !now[c.ID] {
			d.Removed = append(d.Removed, c)
		}
	}
	return d
}

type edVersion struct {
	store.DeckPublication
	Diff  deckDiff
	First bool
}

type edHistoryData struct {
	Draft    draft
	Pending  deckDiff
	Versions []edVersion
}

func (h *Handler) edHistory(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.draftByPath(w, r, v)
	if !ok {
		return
	}
	ctx := r.Context()
	hist, err := h.db.DeckHistory(ctx, d.ID)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	data := edHistoryData{Draft: d}
	decks := make([]*game.Deck, len(hist))
	for i, p := range hist {
		if decks[i], err = h.deck(ctx, p.Version); err != nil {
			h.serverError(w, r, v, err)
			return
		}
	}
	if len(decks) > 0 {
		data.Pending = diffDecks(decks[0], d.Deck)
	} else {
		data.Pending = diffDecks(&game.Deck{}, d.Deck)
	}
	for i, p := range hist {
		ev := edVersion{DeckPublication: p, First: i == len(hist)-1}
		if !ev.First {
			ev.Diff = diffDecks(decks[i+1], decks[i])
		}
		data.Versions = append(data.Versions, ev)
	}
	pg := h.newPage(r, v, "Historique — "+d.Deck.Title, "decks")
	pg.Data = data
	h.show(w, r, http.StatusOK, "editor-history", pg)
}
