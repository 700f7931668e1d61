package dashboard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"metodd/game/deckfile"
	"metodd/server/store"
)

// The administration pages (admin only): partners, campaigns, decks and
// personal data.

const (
	// minYear and maxYear bound a campaign's year: a typing slip, not a
	// policy (the programme started in the 2020s).
	minYear = 2000
	maxYear = 2999
	// maxCampaignNameRunes keeps a campaign's name readable in the menus.
	maxCampaignNameRunes = 100
	maxGoal              = 1_000_000
	// Retention of names, in months: the RSO cell chooses; a year is the
	// proposed default (a campaign and its report).
	defaultRetentionMonths = 12
	maxRetentionMonths     = 120
)

// newPassword draws a password for a new account (store's rule).
func newPassword() string {
	return store.GeneratePassword()
}

func (h *Handler) adminURL(s string, args ...any) string {
	return h.prefix + "/admin/" + fmt.Sprintf(s, args...)
}

// partnerAccountsTable lists the partner accounts with their activity.
func (h *Handler) partnerAccountsTable(ctx context.Context, pg *page) (*table, error) {
	ps, err := h.db.PartnerStats(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	t := &table{Title: lblPartnersTitle, Export: h.adminURL("export/partenaires.csv") + pg.CQ,
		Note:  fmt.Sprintf(lblActivityNote, pg.Campaign.Year),
		Empty: lblNoPartner,
		Cols: []column{{Label: colName}, {Label: colLogin}, {Label: colCreated}, {Label: colState},
			{Label: colSessions, Num: true}, {Label: colSessionsClosed, Short: colSessionsClosedShort, Num: true},
			{Label: colAgents, Short: colAgentsShort, Num: true}, {Label: colLastSession, Short: colLastSessionShort}}}
	for _, p := range ps {
		if p.Account.Role != store.RolePartner {
			continue
		}
		a := p.Account
		state := cell{Text: lblActive, Raw: lblActive, Tag: "closed"}
		if a.Disabled {
			state = cell{Text: lblDisabled, Raw: lblDisabled, Tag: "ended"}
		}
		id := strconv.FormatInt(a.ID, 10)
		rw := t.add(link(a.Name, h.adminURL("partenaires/%s", id)+pg.CQ), txt(a.Login), cell{Text: frDate(a.Created), Raw: isoDate(a.Created)},
			state, num(p.Sessions), num(p.Closed), num(p.Added), cell{Text: frDate(p.Last), Raw: isoDate(p.Last)})
		rw.Muted = a.Disabled
		rw.Actions = append(rw.Actions, action{Label: actPassword, URL: h.adminURL("partenaires/%s/mot-de-passe", id), Post: true,
			Confirm: sprintf(confirmPassword, a.Name)})
		if a.Disabled {
			rw.Actions = append(rw.Actions, action{Label: actEnable, URL: h.adminURL("partenaires/%s/activer", id), Post: true})
		} else {
			rw.Actions = append(rw.Actions, action{Label: actDisable, URL: h.adminURL("partenaires/%s/desactiver", id), Post: true, Danger: true,
				Confirm: sprintf(confirmDisable, a.Name)})
		}
	}
	return t, nil
}

type partnersData struct {
	Table *table
	Login string
	Name  string
}

func (h *Handler) partners(w http.ResponseWriter, r *http.Request, v *viewer) {
	h.showPartners(w, r, v, http.StatusOK, h.newPage(r, v, lblPartnersPage, "partners"), partnersData{})
}

func (h *Handler) showPartners(w http.ResponseWriter, r *http.Request, v *viewer, status int, pg *page, d partnersData) {
	var err error
	if d.Table, err = h.partnerAccountsTable(r.Context(), pg); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	pg.Data = d
	h.show(w, r, status, "partners", pg)
}

func (h *Handler) createPartner(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblPartnersPage, "partners")
	d := partnersData{Login: strings.TrimSpace(r.PostFormValue("login")), Name: strings.TrimSpace(r.PostFormValue("name"))}
	password := r.PostFormValue("password")
	generated := password == ""
	if generated {
		password = newPassword()
	}
	var refused *store.AccountError
	if err := store.CheckAccount(d.Login, d.Name, password); errors.As(err, &refused) {
		pg.Error = refused.Message
	}
	if pg.Error != "" {
		h.showPartners(w, r, v, http.StatusUnprocessableEntity, pg, d)
		return
	}
	acc, err := h.db.CreateAccount(r.Context(), store.NewAccount{Login: d.Login, Name: d.Name, Role: store.RolePartner, Password: password})
	if errors.Is(err, store.ErrExists) {
		pg.Error = msgLoginTaken
		h.showPartners(w, r, v, http.StatusConflict, pg, d)
		return
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	h.log.Info("dashboard: partner created", "login", acc.Login, "by", v.acc.Login)
	pg.Flash = sprintf(msgPartnerCreatedOwn, acc.Name)
	if generated {
		pg.Flash, pg.Secret = sprintf(msgPartnerCreated, acc.Name), password
	}
	h.showPartners(w, r, v, http.StatusOK, pg, partnersData{})
}

// found answers 404 with notFound when err is store.ErrNotFound, 500 on
// another error, and says whether the page can go on (err == nil).
func (h *Handler) found(w http.ResponseWriter, r *http.Request, v *viewer, err error, notFound string) bool {
	if errors.Is(err, store.ErrNotFound) {
		h.fail(w, r, v, http.StatusNotFound, notFound)
		return false
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return false
	}
	return true
}

// partnerByPath loads the partner account of the request's path, or
// answers 404 (or 500) and returns false.
func (h *Handler) partnerByPath(w http.ResponseWriter, r *http.Request, v *viewer) (store.Account, bool) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	acc, err := h.db.Account(r.Context(), id)
	if err == nil && acc.Role != store.RolePartner {
		err = store.ErrNotFound
	}
	return acc, h.found(w, r, v, err, msgNotFound)
}

func (h *Handler) partnerAction(w http.ResponseWriter, r *http.Request, v *viewer) {
	acc, ok := h.partnerByPath(w, r, v)
	if !ok {
		return
	}
	ctx := r.Context()
	pg := h.newPage(r, v, lblPartnersPage, "partners")
	var err error
	switch r.PathValue("action") {
	case "desactiver":
		err = h.db.SetDisabled(ctx, acc.ID, true)
		pg.Flash = sprintf(msgPartnerOff, acc.Name)
	case "activer":
		err = h.db.SetDisabled(ctx, acc.ID, false)
		pg.Flash = sprintf(msgPartnerOn, acc.Name)
	case "mot-de-passe":
		pw := newPassword()
		err = h.db.SetPassword(ctx, acc.ID, pw)
		pg.Flash, pg.Secret = sprintf(msgPasswordReset, acc.Name), pw
	default:
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	h.log.Info("dashboard: partner "+r.PathValue("action"), "login", acc.Login, "by", v.acc.Login)
	if pg.Secret != "" {
		// The new password is shown in this answer only, never stored in a
		// cookie or a URL.
		h.showPartners(w, r, v, http.StatusOK, pg, partnersData{})
		return
	}
	h.flash(w, r, pg.Flash)
	http.Redirect(w, r, h.adminURL("partenaires"), http.StatusSeeOther)
}

func (h *Handler) partner(w http.ResponseWriter, r *http.Request, v *viewer) {
	acc, ok := h.partnerByPath(w, r, v)
	if !ok {
		return
	}
	pg := h.newPage(r, v, acc.Name, "partners")
	t, err := h.sessionTable(r.Context(), pg, v, store.SessionFilter{CampaignID: pg.Campaign.ID, PartnerID: acc.ID})
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	t.Title = fmt.Sprintf(lblCampaignSessions, pg.Campaign.Year)
	pg.Data = map[string]any{"Account": acc, "Table": t}
	h.show(w, r, http.StatusOK, "partner", pg)
}

// Campaigns.

type campaignsData struct {
	Table *table
	Edit  store.Campaign // the form's values
}

func (h *Handler) campaignsTable(ctx context.Context, pg *page) (*table, error) {
	t := &table{Title: lblCampaignsTitle, Export: h.adminURL("export/campagnes.csv"),
		Cols: []column{{Label: colYear, Num: true}, {Label: colName}, {Label: colGoal, Num: true}, {Label: colAgents, Num: true},
			{Label: colStart}, {Label: colEnd}, {Label: colCurrent}}}
	for _, c := range pg.Campaigns {
		n, err := h.db.CampaignCount(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		cur := txt("")
		if c.Current {
			cur = cell{Text: lblCurrentCampaign, Raw: lblYes, Tag: "live"}
		}
		id := strconv.FormatInt(c.ID, 10)
		rw := t.add(num(c.Year), link(c.Name, h.prefix+"/?campagne="+id), num(c.Goal), num(n),
			cell{Text: frDay(c.StartDate), Raw: c.StartDate}, cell{Text: frDay(c.EndDate), Raw: c.EndDate}, cur)
		rw.Actions = append(rw.Actions, action{Label: actEdit, URL: h.adminURL("campagnes?modifier=%s", id)})
		if !c.Current {
			rw.Actions = append(rw.Actions, action{Label: actMakeCurrent, URL: h.adminURL("campagnes/%s/courante", id), Post: true,
				Confirm: sprintf(confirmMakeCurrent, c.Name)})
		}
	}
	return t, nil
}

func (h *Handler) campaigns(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblCampaignsTitle, "campaigns")
	d := campaignsData{}
	year := time.Now().Year()
	d.Edit = store.YearCampaign(year + 1)
	if len(pg.Campaigns) == 0 {
		d.Edit = store.YearCampaign(year)
	}
	if id, _ := strconv.ParseInt(r.URL.Query().Get("modifier"), 10, 64); id != 0 {
		for _, c := range pg.Campaigns {
			if c.ID == id {
				d.Edit = c
			}
		}
	}
	h.showCampaigns(w, r, v, http.StatusOK, pg, d)
}

func (h *Handler) showCampaigns(w http.ResponseWriter, r *http.Request, v *viewer, status int, pg *page, d campaignsData) {
	var err error
	if d.Table, err = h.campaignsTable(r.Context(), pg); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	pg.Data = d
	h.show(w, r, status, "campaigns", pg)
}

func (h *Handler) saveCampaign(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblCampaignsTitle, "campaigns")
	f := r.PostForm
	c := store.Campaign{Name: strings.TrimSpace(f.Get("name")), StartDate: f.Get("start"), EndDate: f.Get("end"),
		Current: f.Get("current") != ""}
	c.ID, _ = strconv.ParseInt(f.Get("id"), 10, 64)
	var err1, err2 error
	c.Year, err1 = strconv.Atoi(strings.TrimSpace(f.Get("year")))
	c.Goal, err2 = strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(f.Get("goal")), " ", ""))
	_, e3 := time.Parse("2006-01-02", c.StartDate)
	_, e4 := time.Parse("2006-01-02", c.EndDate)
	switch {
	case err1 != nil || c.Year < minYear || c.Year > maxYear:
		pg.Error = msgBadYear
	case err2 != nil || c.Goal < 0 || c.Goal > maxGoal:
		pg.Error = msgBadGoal
	case e3 != nil || e4 != nil || c.EndDate < c.StartDate:
		pg.Error = msgBadDates
	case utf8.RuneCountInString(c.Name) > maxCampaignNameRunes:
		pg.Error = msgNameTooLong
	}
	if c.Name == "" {
		c.Name = fmt.Sprintf(lblDefaultCampaignName, c.Year)
	}
	if pg.Error != "" {
		h.showCampaigns(w, r, v, http.StatusUnprocessableEntity, pg, campaignsData{Edit: c})
		return
	}
	ctx := r.Context()
	var err error
	if c.ID != 0 {
		err = h.db.UpdateCampaign(ctx, c)
		if err == nil && c.Current {
			err = h.db.SetCurrentCampaign(ctx, c.ID)
		}
	} else {
		_, err = h.db.CreateCampaign(ctx, c)
	}
	if !h.found(w, r, v, err, msgNotFound) {
		return
	}
	h.log.Info("dashboard: campaign saved", "year", c.Year, "goal", c.Goal, "by", v.acc.Login)
	h.flash(w, r, msgCampaignSaved)
	http.Redirect(w, r, h.adminURL("campagnes"), http.StatusSeeOther)
}

func (h *Handler) setCurrentCampaign(w http.ResponseWriter, r *http.Request, v *viewer) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	c, err := h.db.Campaign(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	if err == nil {
		err = h.db.SetCurrentCampaign(r.Context(), id)
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	h.log.Info("dashboard: current campaign", "year", c.Year, "by", v.acc.Login)
	h.flash(w, r, sprintf(msgCampaignCurrent, c.Name))
	http.Redirect(w, r, h.adminURL("campagnes"), http.StatusSeeOther)
}

// Decks.

type decksData struct {
	Table    *table
	File     string
	Problems []deckfile.DeckError
}

func (h *Handler) decksTable(ctx context.Context) (*table, error) {
	ds, err := h.db.Decks(ctx, false)
	if err != nil {
		return nil, err
	}
	accounts, err := h.db.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, a := range accounts {
		names[a.ID] = a.Name
	}
	t := &table{Title: lblDecksTitle, Export: h.adminURL("export/jeux.csv"), Empty: lblNoDeck,
		Cols: []column{{Label: colTitle}, {Label: colLogin}, {Label: colCards, Num: true}, {Label: colVersion, Num: true},
			{Label: colOrigin}, {Label: colUpdated}, {Label: colOffered}}}
	for _, d := range ds {
		origin := lblBuiltin
		if !d.Builtin {
			origin = sprintf(lblUploadedBy, names[d.UploadedBy])
		}
		on := cell{Text: lblYes, Raw: lblYes, Tag: "closed"}
		if !d.Enabled {
			on = cell{Text: lblNo, Raw: lblNo, Tag: "ended"}
		}
		id := url.PathEscape(d.ID)
		rw := t.add(txt(d.Title), txt(d.ID), num(d.Cards), num(int(d.Version)), txt(origin),
			cell{Text: frDateTime(d.Uploaded), Raw: isoDateTime(d.Uploaded)}, on)
		rw.Muted = !d.Enabled
		rw.Actions = append(rw.Actions, action{Label: actDownload, URL: h.adminURL("jeux/%s/yaml", id)})
		if d.Enabled {
			rw.Actions = append(rw.Actions, action{Label: actWithdraw, URL: h.adminURL("jeux/%s/retirer", id), Post: true,
				Confirm: sprintf(confirmWithdraw, d.Title)})
		} else {
			rw.Actions = append(rw.Actions, action{Label: actOffer, URL: h.adminURL("jeux/%s/proposer", id), Post: true})
		}
	}
	return t, h.editorDeckRows(ctx, t, ds)
}

func (h *Handler) decksPage(w http.ResponseWriter, r *http.Request, v *viewer) {
	h.showDecks(w, r, v, http.StatusOK, h.newPage(r, v, lblDecksTitle, "decks"), decksData{})
}

func (h *Handler) showDecks(w http.ResponseWriter, r *http.Request, v *viewer, status int, pg *page, d decksData) {
	var err error
	if d.Table, err = h.decksTable(r.Context()); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	pg.Data = d
	h.show(w, r, status, "decks", pg)
}

func (h *Handler) uploadDeck(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblDecksTitle, "decks")
	f, hdr, err := r.FormFile("deck")
	if err != nil {
		pg.Error = msgDeckNoFile
		h.showDecks(w, r, v, http.StatusUnprocessableEntity, pg, decksData{})
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, deckfile.MaxDeckBytes+1))
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	file := path.Base(strings.ReplaceAll(hdr.Filename, "\\", "/"))
	deck, err := deckfile.ParseDeck(file, data)
	if err != nil {
		var des deckfile.DeckErrors
		if !errors.As(err, &des) {
			des = deckfile.DeckErrors{{File: file, Line: 1, Message: err.Error()}}
		}
		pg.Error = sprintf(msgDeckInvalid, file, plural(len(des), "problème", "problèmes"))
		h.showDecks(w, r, v, http.StatusUnprocessableEntity, pg, decksData{File: file, Problems: des})
		return
	}
	_, added, err := h.db.AddDeck(r.Context(), store.NewDeck{ID: deck.ID, Title: deck.Title, YAML: data,
		Cards: len(deck.Cards), UploadedBy: v.acc.ID})
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	msg := sprintf(msgDeckSame, deck.Title)
	if added {
		msg = sprintf(msgDeckAdded, deck.Title, len(deck.Cards), len(deck.Commitments))
		h.log.Info("dashboard: deck uploaded", "deck", deck.ID, "cards", len(deck.Cards), "by", v.acc.Login)
	}
	h.flash(w, r, msg)
	http.Redirect(w, r, h.adminURL("jeux"), http.StatusSeeOther)
}

// deckByPath loads the deck of the request's path, or answers 404 (or
// 500) and returns false.
func (h *Handler) deckByPath(w http.ResponseWriter, r *http.Request, v *viewer) (store.Deck, bool) {
	d, err := h.db.Deck(r.Context(), r.PathValue("id"))
	return d, h.found(w, r, v, err, msgDeckNotFound)
}

func (h *Handler) downloadDeck(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.deckByPath(w, r, v)
	if !ok {
		return
	}
	name := d.ID + ".yaml"
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		asciiName(name), url.PathEscape(name)))
	_, _ = w.Write(d.YAML)
}

func (h *Handler) deckAction(w http.ResponseWriter, r *http.Request, v *viewer) {
	d, ok := h.deckByPath(w, r, v)
	if !ok {
		return
	}
	ctx := r.Context()
	var err error
	var msg string
	switch r.PathValue("action") {
	case "proposer":
		err, msg = h.db.SetDeckEnabled(ctx, d.ID, true), sprintf(msgDeckOn, d.Title)
	case "retirer":
		err, msg = h.db.SetDeckEnabled(ctx, d.ID, false), sprintf(msgDeckOff, d.Title)
	default:
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	h.flash(w, r, msg)
	http.Redirect(w, r, h.adminURL("jeux"), http.StatusSeeOther)
}

// Personal data.

type dataData struct {
	Months  int
	Before  string
	Named   store.NamedRows
	Oldest  string
	Agents  int
	Options []int
}

func (h *Handler) dataPage(w http.ResponseWriter, r *http.Request, v *viewer) {
	months, err := strconv.Atoi(r.URL.Query().Get("mois"))
	if err != nil || months < 1 || months > maxRetentionMonths {
		months = defaultRetentionMonths
	}
	h.showData(w, r, v, http.StatusOK, h.newPage(r, v, lblDataTitle, "data"), months)
}

func (h *Handler) showData(w http.ResponseWriter, r *http.Request, v *viewer, status int, pg *page, months int) {
	before := time.Now().AddDate(0, -months, 0)
	named, err := h.db.NamedBefore(r.Context(), before.UnixMilli())
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	d := dataData{Months: months, Before: frDate(before.UnixMilli()), Named: named, Oldest: frDate(named.Oldest),
		Options: []int{3, 6, 12, 18, 24, 36}}
	if pg.Campaign.ID != 0 {
		if d.Agents, err = h.db.CampaignCount(r.Context(), pg.Campaign.ID); err != nil {
			h.serverError(w, r, v, err)
			return
		}
	}
	pg.Data = d
	h.show(w, r, status, "data", pg)
}

func (h *Handler) purge(w http.ResponseWriter, r *http.Request, v *viewer) {
	months, err := strconv.Atoi(r.PostFormValue("months"))
	if err != nil || months < 1 || months > maxRetentionMonths {
		pg := h.newPage(r, v, lblDataTitle, "data")
		pg.Error = msgBadRetention
		h.showData(w, r, v, http.StatusUnprocessableEntity, pg, defaultRetentionMonths)
		return
	}
	before := time.Now().AddDate(0, -months, 0)
	n, err := h.db.Purge(r.Context(), before)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	h.log.Info("dashboard: names purged", "before", before.Format(time.DateOnly), "rows", n, "by", v.acc.Login)
	h.flash(w, r, sprintf(msgPurged, plural(int(n), "ligne a perdu", "lignes ont perdu")))
	http.Redirect(w, r, h.adminURL("donnees?mois=%d", months), http.StatusSeeOther)
}

// agentsTable is the campaign's counted agents, with names (admin only).
func (h *Handler) agentsTable(ctx context.Context, pg *page) (*table, error) {
	as, err := h.db.Agents(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	t := &table{Cols: []column{{Label: colLastName}, {Label: colFirstName}, {Label: colCollectivite}, {Label: colDirection},
		{Label: colCategory}, {Label: colCounted}, {Label: colSession}}}
	for _, a := range as {
		last, first := a.LastName, a.FirstName
		if a.Purged {
			last, first = purgedName, ""
		}
		t.add(txt(last), txt(first), txt(a.Collectivite), txt(a.Direction), txt(a.Category),
			cell{Raw: isoDateTime(a.CountedAt)}, txt(a.FirstSession))
	}
	return t, nil
}

func (h *Handler) adminExport(w http.ResponseWriter, r *http.Request, v *viewer) {
	name, _ := strings.CutSuffix(r.PathValue("name"), ".csv")
	ctx := r.Context()
	pg := h.newPage(r, v, "", "")
	var t *table
	var err error
	switch name {
	case "agents":
		t, err = h.agentsTable(ctx, pg)
	case "partenaires":
		t, err = h.partnerAccountsTable(ctx, pg)
	case "campagnes":
		t, err = h.campaignsTable(ctx, pg)
	case "jeux":
		t, err = h.decksTable(ctx)
	default:
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	serveCSV(w, exportName(pg.Campaign, name), t)
}
