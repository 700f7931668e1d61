package dashboard

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"metodd/game"
	"metodd/server/store"
)

// The figures pages: home, breakdowns, sessions, learning, indicators, and
// the CSV export of each of their tables.

// sessionsPerPage bounds the sessions list: a page of 50 lines reads well
// and stays fast with thousands of sessions (the CSV export has them all).
const sessionsPerPage = 50

// recentSessions is how many sessions the home page lists.
const recentSessions = 6

// maxPromptRunes shortens card prompts in tables (the full text is in the
// tooltip and the CSV).
const maxPromptRunes = 110

// scope is the partner whose sessions the viewer may see: 0 (all) for the
// admin, the partner's own account otherwise (-1, nobody's, for an account
// without an id). Every query that lists or opens sessions for a page or an
// export filters by it.
func (v *viewer) scope() int64 {
	switch {
	case v.admin():
		return 0
	case v == nil || v.acc.ID == 0:
		return -1
	}
	return v.acc.ID
}

func (h *Handler) exportURL(name string, pg *page) string {
	return h.prefix + "/export/" + name + ".csv" + pg.CQ
}

// exportName is the file name of a campaign's export: "metodd-2025-mois".
func exportName(c store.Campaign, name string) string {
	return fmt.Sprintf("metodd-%d-%s", c.Year, name)
}

type homeData struct {
	Progress   store.Progress
	Percent    int
	Left       int
	Pace       int
	MonthsLeft int
	Ended      bool
	NotStarted bool
	Reached    bool
	Gauge      template.HTML
	Months     *table
	Live       *table
	Recent     *table
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblHomeTitle, "home")
	if h.noCampaign(w, r, pg, "home") {
		return
	}
	ctx := r.Context()
	c := pg.Campaign
	p, err := h.db.Progress(ctx, c.ID)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	d := homeData{Progress: p, Percent: goalPercent(p.Count, c.Goal), Gauge: gauge(p.Count, c.Goal)}
	d.Left = max(c.Goal-p.Count, 0)
	d.Reached = c.Goal > 0 && p.Count >= c.Goal
	d.MonthsLeft, d.Ended, d.NotStarted = monthsLeft(c, time.Now())
	if d.MonthsLeft > 0 {
		d.Pace = int(math.Ceil(float64(d.Left) / float64(d.MonthsLeft)))
	}
	if d.Months, err = h.monthTable(ctx, pg); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	if d.Live, err = h.liveTable(ctx, pg, v); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	if !v.admin() {
		// The campaign's figures are everyone's; its live sessions, like
		// every session, are only the partner's own.
		if d.Progress.Live, err = h.db.CountSessions(ctx, store.SessionFilter{CampaignID: c.ID,
			PartnerID: v.scope(), State: store.StateLive}); err != nil {
			h.serverError(w, r, v, err)
			return
		}
	}
	if d.Recent, err = h.sessionTable(ctx, pg, v, store.SessionFilter{CampaignID: c.ID, PartnerID: v.scope(), Limit: recentSessions}); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	d.Recent.Title = lblRecentSessions
	d.Recent.Export = ""
	pg.Data = d
	h.show(w, r, http.StatusOK, "home", pg)
}

// noCampaign shows the page's template with a notice, and says so, when
// there is no campaign yet to show figures of.
func (h *Handler) noCampaign(w http.ResponseWriter, r *http.Request, pg *page, tmpl string) bool {
	if pg.Campaign.ID != 0 {
		return false
	}
	pg.Error = msgNoCampaign
	h.show(w, r, http.StatusOK, tmpl, pg)
	return true
}

// monthsLeft counts the calendar months from now (or the campaign's start,
// if later) to its end, both included: the months left to reach the goal.
func monthsLeft(c store.Campaign, now time.Time) (n int, ended, notStarted bool) {
	start, err1 := time.ParseInLocation("2006-01-02", c.StartDate, time.Local)
	end, err2 := time.ParseInLocation("2006-01-02", c.EndDate, time.Local)
	if err1 != nil || err2 != nil {
		return 0, false, false
	}
	if now.After(end.AddDate(0, 0, 1)) {
		return 0, true, false
	}
	from := now
	if start.After(now) {
		from, notStarted = start, true
	}
	n = (end.Year()-from.Year())*12 + int(end.Month()-from.Month()) + 1
	return max(n, 1), false, notStarted
}

// liveTable lists the sessions being played: all of them for the admin, a
// partner's own for a partner.
func (h *Handler) liveTable(ctx context.Context, pg *page, v *viewer) (*table, error) {
	live, err := h.db.LiveSessionsOf(ctx, v.scope())
	if err != nil {
		return nil, err
	}
	t := &table{Title: lblLiveSessions, Empty: lblNoLiveSession,
		Cols: []column{{Label: colSince}, {Label: colPartner}, {Label: colDirection}, {Label: colSite},
			{Label: colFormat}, {Label: colMode}, {Label: colTeams, Num: true}, {Label: colAgentsShort, Num: true}}}
	for _, s := range live {
		teams, members := txt("—"), txt("—")
		if h.opts.Live != nil {
			if n, m, ok := h.opts.Live.LiveTeams(s.ID); ok {
				teams, members = num(n), num(m)
			}
		}
		first := cell{Text: frDateTime(s.Created), Raw: isoDateTime(s.Created), Tag: "live",
			Href: h.prefix + "/seances/" + url.PathEscape(s.ID)}
		t.add(first, txt(s.PartnerName), txt(s.Direction), txt(s.Site), txt(label(formatLabels, s.Format)), txt(label(modeLabels, s.Mode)), teams, members)
	}
	t.Export = h.exportURL("en-cours", pg)
	return t, nil
}

func (h *Handler) monthTable(ctx context.Context, pg *page) (*table, error) {
	ms, err := h.db.MonthStats(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	ms = allMonths(ms, pg.Campaign, time.Now())
	t := &table{Title: lblByMonth, Empty: lblNoClosedSession,
		Note: lblByMonthNote,
		Cols: []column{{Label: colMonth}, {Label: colSessions, Num: true}, {Label: colPresent, Num: true},
			{Label: colExpected, Num: true}, {Label: colNewAgents, Num: true},
			{Label: colCumulative, Num: true}},
		Export: h.exportURL("mois", pg)}
	var bars []bar
	cum := 0
	var tot store.MonthStat
	for _, m := range ms {
		cum += m.Agents
		t.add(cell{Text: frMonth(m.Month, false), Raw: m.Month}, num(m.Closed), num(m.Present), num(m.Expected), num(m.Agents), num(cum))
		bars = append(bars, bar{Label: frMonth(m.Month, true), Value: m.Agents})
		tot.Closed += m.Closed
		tot.Present += m.Present
		tot.Expected += m.Expected
		tot.Agents += m.Agents
	}
	if len(ms) > 0 {
		t.Total = []cell{txt(lblTotal), num(tot.Closed), num(tot.Present), num(tot.Expected), num(tot.Agents), num(cum)}
	}
	t.Chart = columns(chartNewAgentsByMonth, bars)
	return t, nil
}

// allMonths fills the months without activity, from the campaign's start
// to this month (or its end), so the chart reads as a calendar.
func allMonths(ms []store.MonthStat, c store.Campaign, now time.Time) []store.MonthStat {
	first, err1 := time.Parse("2006-01-02", c.StartDate)
	last, err2 := time.Parse("2006-01-02", c.EndDate)
	if err1 != nil || err2 != nil {
		return ms
	}
	if cur := now.Format("2006-01"); cur < last.Format("2006-01") {
		last, _ = time.Parse("2006-01", cur)
	}
	have := map[string]store.MonthStat{}
	for _, m := range ms {
		have[m.Month] = m
	}
	var out []store.MonthStat
	for t := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); t.Format("2006-01") <= last.Format("2006-01"); t = t.AddDate(0, 1, 0) {
		k := t.Format("2006-01")
		m, ok := have[k]
		if !ok {
			m = store.MonthStat{Month: k}
		}
		delete(have, k)
		out = append(out, m)
	}
	for _, m := range ms { // activity outside the campaign's dates
		if _, ok := have[m.Month]; ok {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

// breakdownTable is a distinct-agents breakdown with its share of the total.
func (h *Handler) breakdownTable(ctx context.Context, pg *page, by store.Dimension) (*table, error) {
	counts, err := h.db.Breakdown(ctx, pg.Campaign.ID, by)
	if err != nil {
		return nil, err
	}
	var title, col, name string
	colors := map[string]string{}
	switch by {
	case store.ByCollectivite:
		title, col, name, colors = lblByCollectivite, colCollectivite, "collectivites", collectiviteColors
		counts = withKeys(counts, game.Collectivites)
	case store.ByDirection:
		title, col, name = lblByDirection, colDirection, "directions"
	case store.ByCategory:
		title, col, name = lblByCategory, colCategory, "categories"
		counts = withKeys(counts, game.Categories)
		for i, k := range game.Categories {
			colors[k] = palette[i%len(palette)]
		}
	}
	total := 0
	for _, c := range counts {
		total += c.Count
	}
	t := &table{Title: title, Empty: lblNoAgent,
		Cols:   []column{{Label: col}, {Label: colAgents, Num: true}, {Label: colShare, Unit: "%", Num: true}},
		Export: h.exportURL(name, pg)}
	var bars []bar
	for _, c := range counts {
		k := orNotGiven(c.Key)
		t.add(txt(k), num(c.Count), pct(percent(c.Count, total)))
		bars = append(bars, bar{Label: k, Value: c.Count, Color: colors[c.Key]})
	}
	if total > 0 {
		t.Total = []cell{txt(lblTotal), num(total), pct(100)}
		t.Chart = hbars(title, bars)
	} else {
		t.Rows = nil
	}
	return t, nil
}

// withKeys adds the expected keys missing from a breakdown with 0, keeping
// the expected order first (A, B, C, Autre; the three collectivités).
func withKeys(counts []store.Count, keys []string) []store.Count {
	have := map[string]int{}
	for _, c := range counts {
		have[c.Key] = c.Count
	}
	out := make([]store.Count, 0, len(keys)+2)
	known := map[string]bool{}
	for _, k := range keys {
		out = append(out, store.Count{Key: k, Count: have[k]})
		known[k] = true
	}
	for _, c := range counts {
		if !known[c.Key] {
			out = append(out, c)
		}
	}
	return out
}

func (h *Handler) partnerTable(ctx context.Context, pg *page) (*table, error) {
	ps, err := h.db.PartnerStats(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	t := &table{Title: lblByPartner, Empty: lblNoPartnerSession,
		Note: lblByPartnerNote,
		Cols: []column{{Label: colPartner}, {Label: colSessionsClosed, Num: true}, {Label: colPresent, Num: true},
			{Label: colAgents, Num: true}},
		Export: h.exportURL("partenaires", pg)}
	var bars []bar
	var tc, tp, ta int
	for _, p := range ps {
		// A partner's row with no closed session would only tell another
		// partner that it has sessions being played: the admin sees it.
		if p.Sessions == 0 || (!pg.Admin && p.Closed == 0) {
			continue
		}
		name := cell{Text: p.Account.Name, Raw: p.Account.Name}
		if pg.Admin {
			name.Href = h.prefix + "/admin/partenaires/" + strconv.FormatInt(p.Account.ID, 10) + pg.CQ
		}
		t.add(name, num(p.Closed), num(p.Present), num(p.Added))
		bars = append(bars, bar{Label: p.Account.Name, Value: p.Added})
		tc, tp, ta = tc+p.Closed, tp+p.Present, ta+p.Added
	}
	sortBars(bars)
	if len(t.Rows) > 0 {
		t.Total = []cell{txt(lblTotal), num(tc), num(tp), num(ta)}
		t.Chart = hbars(chartAgentsByPartner, bars)
	}
	return t, nil
}

func sortBars(b []bar) {
	for i := 1; i < len(b); i++ { // insertion sort: a few dozen partners
		for j := i; j > 0 && b[j].Value > b[j-1].Value; j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

func (h *Handler) breakdowns(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblBreakdownsTitle, "breakdowns")
	if h.noCampaign(w, r, pg, "tables") {
		return
	}
	ts, err := h.figureTables(r.Context(), pg, v, r.URL.Query(), "collectivites", "directions", "categories", "partenaires", "mois")
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	pg.Data = map[string]any{
		"Intro":  lblBreakdownsIntro,
		"Tables": ts,
	}
	h.show(w, r, http.StatusOK, "tables", pg)
}

// figureTable builds one exportable table of the figures pages by name.
func (h *Handler) figureTable(ctx context.Context, pg *page, v *viewer, name string, q url.Values) (*table, error) {
	switch name {
	case "collectivites":
		return h.breakdownTable(ctx, pg, store.ByCollectivite)
	case "directions":
		return h.breakdownTable(ctx, pg, store.ByDirection)
	case "categories":
		return h.breakdownTable(ctx, pg, store.ByCategory)
	case "partenaires":
		return h.partnerTable(ctx, pg)
	case "mois":
		return h.monthTable(ctx, pg)
	case "en-cours":
		return h.liveTable(ctx, pg, v)
	case "seances":
		f := h.sessionFilter(pg, v, q)
		return h.sessionTable(ctx, pg, v, f)
	case "cartes":
		return h.cardTable(ctx, pg)
	case "engagements":
		return h.engagementTable(ctx, pg)
	case "engagements-personnels":
		return h.pickTable(ctx, pg)
	case "indicateurs":
		return h.indicatorTable(ctx, pg)
	}
	return nil, errNoTable
}

// figureTables builds several tables of the figures pages by name.
func (h *Handler) figureTables(ctx context.Context, pg *page, v *viewer, q url.Values, names ...string) ([]*table, error) {
	ts := make([]*table, 0, len(names))
	for _, name := range names {
		t, err := h.figureTable(ctx, pg, v, name, q)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, nil
}

var errNoTable = errors.New("dashboard: no such table")

func (h *Handler) export(w http.ResponseWriter, r *http.Request, v *viewer) {
	name, ok := strings.CutSuffix(r.PathValue("name"), ".csv")
	pg := h.newPage(r, v, "", "")
	if !ok || pg.Campaign.ID == 0 {
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	t, err := h.figureTable(r.Context(), pg, v, name, r.URL.Query())
	if errors.Is(err, errNoTable) {
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	serveCSV(w, exportName(pg.Campaign, name), t)
}

// sessionFilter reads the sessions list's filters; a partner only ever sees
// its own sessions.
func (h *Handler) sessionFilter(pg *page, v *viewer, q url.Values) store.SessionFilter {
	f := store.SessionFilter{CampaignID: pg.Campaign.ID}
	switch q.Get("etat") {
	case store.StateLive, store.StateClosed, store.StateEnded:
		f.State = q.Get("etat")
	}
	f.PartnerID = v.scope()
	if v.admin() {
		f.PartnerID, _ = strconv.ParseInt(q.Get("partenaire"), 10, 64)
	}
	return f
}

func (h *Handler) sessionTable(ctx context.Context, pg *page, v *viewer, f store.SessionFilter) (*table, error) {
	ss, err := h.db.SessionsByDate(ctx, f)
	if err != nil {
		return nil, err
	}
	t := &table{Title: colSessions, Empty: lblNoSessionFound,
		Cols: []column{{Label: colDate}, {Label: colPartner}, {Label: colDirection, Short: colDirectionShort}, {Label: colSite},
			{Label: colFormat}, {Label: colMode}, {Label: colTeams, Num: true}, {Label: colPresent, Short: colPresentShort, Num: true},
			{Label: colExpected, Short: colExpectedShort, Num: true}, {Label: colNewCounted, Short: colNewCountedShort, Num: true},
			{Label: colState}}}
	for _, s := range ss {
		when := playedAt(s)
		date := cell{Text: frDateTime(when), Raw: isoDateTime(when), Href: h.prefix + "/seances/" + url.PathEscape(s.ID) + pg.CQ}
		state := cell{Text: label(stateLabels, s.State), Raw: label(stateLabels, s.State), Tag: s.State}
		teams, present, expected := num(s.Teams), num(s.Members), num(s.Expected)
		if s.Expected == 0 {
			expected = cell{Text: "—", Raw: ""}
		}
		if s.State == store.StateLive {
			// Teams and members are stored when the session finishes; while
			// it is live, the server says how many there are now.
			teams, present = cell{Text: "—", Raw: ""}, cell{Text: "—", Raw: ""}
			if h.opts.Live != nil {
				if n, m, ok := h.opts.Live.LiveTeams(s.ID); ok {
					teams, present = num(n), num(m)
				}
			}
		}
		rw := t.add(date, txt(s.PartnerName), txt(s.Direction), txt(s.Site), txt(label(formatLabels, s.Format)),
			txt(label(modeLabels, s.Mode)), teams, present, expected, num(s.Added), state)
		rw.Muted = s.State == store.StateEnded
	}
	q := url.Values{}
	if f.State != "" {
		q.Set("etat", f.State)
	}
	if v.admin() && f.PartnerID != 0 {
		q.Set("partenaire", strconv.FormatInt(f.PartnerID, 10))
	}
	t.Export = h.exportURL("seances", pg)
	if len(q) > 0 {
		t.Export = funcs["join"].(func(string, string) string)(t.Export, "?"+q.Encode())
	}
	return t, nil
}

type sessionsData struct {
	Table    *table
	State    string
	Partner  int64
	Partners []store.PartnerStat
	Total    int
	Page     int
	Pages    int
	Prev     string
	Next     string
}

func (h *Handler) sessions(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, colSessions, "sessions")
	if h.noCampaign(w, r, pg, "sessions") {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	f := h.sessionFilter(pg, v, q)
	total, err := h.db.CountSessions(ctx, f)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	d := sessionsData{State: f.State, Partner: f.PartnerID, Total: total}
	d.Pages = max(1, (total+sessionsPerPage-1)/sessionsPerPage)
	d.Page, _ = strconv.Atoi(q.Get("page"))
	d.Page = min(max(d.Page, 1), d.Pages)
	f.Limit, f.Offset = sessionsPerPage, (d.Page-1)*sessionsPerPage
	if d.Table, err = h.sessionTable(ctx, pg, v, f); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	if v.admin() {
		if d.Partners, err = h.db.PartnerStats(ctx, pg.Campaign.ID); err != nil {
			h.serverError(w, r, v, err)
			return
		}
	}
	pageURL := func(n int) string {
		qq := url.Values{}
		for k, vs := range q {
			qq[k] = vs
		}
		qq.Set("page", strconv.Itoa(n))
		return h.prefix + "/seances?" + qq.Encode()
	}
	if d.Page > 1 {
		d.Prev = pageURL(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.Next = pageURL(d.Page + 1)
	}
	pg.Data = d
	h.show(w, r, http.StatusOK, "sessions", pg)
}

// deck returns a parsed deck version (parsed once, store's cache).
func (h *Handler) deck(ctx context.Context, version int64) (*game.Deck, error) {
	return h.db.ParsedDeck(ctx, version)
}

// texts finds card prompts and commitment texts in the decks a campaign
// used (campaignID 0: all), the newest version first.
type texts struct {
	cards   map[string]game.Card
	commits map[string]game.Commitment
}

func (h *Handler) texts(ctx context.Context, versions []int64) texts {
	tx := texts{cards: map[string]game.Card{}, commits: map[string]game.Commitment{}}
	for _, ver := range versions {
		d, err := h.deck(ctx, ver)
		if err != nil {
			h.log.Warn("dashboard: deck version unreadable", "version", ver, "err", err)
			continue
		}
		for _, c := range d.Cards {
			if _, ok := tx.cards[c.ID]; !ok {
				tx.cards[c.ID] = c
			}
		}
		for _, c := range d.Commitments {
			if _, ok := tx.commits[c.ID]; !ok {
				tx.commits[c.ID] = c
			}
		}
	}
	return tx
}

func engagementName(n int) string {
	if e, ok := game.EngagementByNumber(n); ok {
		return fmt.Sprintf("%d. %s", n, e.Short)
	}
	return strconv.Itoa(n)
}

func axisColor(engagement int) string {
	if a := game.AxisOf(engagement); a > 0 {
		return game.Axes[a-1].Color
	}
	return palette[len(palette)-1]
}

func promptCell(tx texts, id string) cell {
	c, ok := tx.cards[id]
	if !ok {
		return cell{Text: id, Raw: id}
	}
	return cell{Text: shorten(c.Prompt, maxPromptRunes), Raw: c.Prompt}
}

func (h *Handler) cardRows(t *table, tx texts, shares []store.Share) {
	for _, s := range shares {
		typ := ""
		if c, ok := tx.cards[s.CardID]; ok {
			typ = game.TypeLabel(c.Type)
		}
		t.add(txt(s.CardID), promptCell(tx, s.CardID), txt(typ), txt(engagementName(s.Engagement)),
			num(s.Total), num(s.Good), goodPct(s.Percent))
	}
}

var cardCols = []column{{Label: colCardID, CSV: true}, {Label: colQuestion, Wrap: true}, {Label: colType}, {Label: colEngagement},
	{Label: colAnswersExpected, Num: true}, {Label: colGoodAnswers, Num: true}, {Label: colGoodShare, Unit: "%", Num: true}}

func (h *Handler) cardTable(ctx context.Context, pg *page) (*table, error) {
	shares, _, err := h.shares(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	vers, err := h.db.DeckVersionsUsed(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	t := &table{Title: lblByCard, Cols: cardCols, Export: h.exportURL("cartes", pg),
		Note:  lblByCardNote,
		Empty: lblNoCardPlayed}
	h.cardRows(t, h.texts(ctx, vers), shares)
	return t, nil
}

func (h *Handler) engagementTable(ctx context.Context, pg *page) (*table, error) {
	_, shares, err := h.shares(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	t := &table{Title: lblByEngagement, Export: h.exportURL("engagements", pg),
		Empty: lblNoCardPlayed,
		Cols: []column{{Label: colEngagement}, {Label: colAxis}, {Label: colAnswersExpected, Num: true},
			{Label: colGoodAnswers, Num: true}, {Label: colGoodShare, Unit: "%", Num: true}}}
	var bars []bar
	for _, s := range shares {
		axis := ""
		if a := game.AxisOf(s.Engagement); a > 0 {
			axis = fmt.Sprintf("%d. %s", a, game.Axes[a-1].Name)
		}
		t.add(txt(engagementName(s.Engagement)), txt(axis), num(s.Total), num(s.Good), goodPct(s.Percent))
		bars = append(bars, bar{Label: engagementName(s.Engagement), Value: s.Percent, Color: axisColor(s.Engagement)})
	}
	if len(bars) > 0 {
		t.Chart = hbarsPercent(chartGoodShareByEngagement, bars)
	}
	return t, nil
}

func (h *Handler) pickTable(ctx context.Context, pg *page) (*table, error) {
	picks, err := h.db.PickCounts(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	vers, err := h.db.DeckVersionsUsed(ctx, pg.Campaign.ID)
	if err != nil {
		return nil, err
	}
	return h.pickRows(pg, h.texts(ctx, vers), picks, h.exportURL("engagements-personnels", pg)), nil
}

func (h *Handler) pickRows(pg *page, tx texts, picks []store.PickCount, export string) *table {
	t := &table{Title: lblPicks, Export: export,
		Note:  lblPicksNote,
		Empty: lblNoPick,
		Cols: []column{{Label: colPick, Wrap: true}, {Label: colCommitID, CSV: true}, {Label: colMetoddEngagement},
			{Label: colAgentsShort, Num: true}, {Label: colShare, Unit: "%", Num: true}}}
	total := 0
	for _, p := range picks {
		total += p.Count
	}
	var bars []bar
	for _, p := range picks {
		text := p.Commitment
		if c, ok := tx.commits[p.Commitment]; ok {
			text = c.Text
		}
		t.add(txt(text), txt(p.Commitment), txt(engagementName(p.Engagement)), num(p.Count), pct(percent(p.Count, total)))
		bars = append(bars, bar{Label: text, Value: p.Count, Color: axisColor(p.Engagement)})
	}
	if total > 0 {
		t.Total = []cell{txt(lblTotal), txt(""), txt(""), num(total), pct(100)}
		t.Chart = hbars(lblPicks, bars)
	}
	return t
}

func (h *Handler) learning(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblLearningTitle, "learning")
	if h.noCampaign(w, r, pg, "tables") {
		return
	}
	ts, err := h.figureTables(r.Context(), pg, v, nil, "engagements", "cartes", "engagements-personnels")
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	pg.Data = map[string]any{
		"Intro":  lblLearningIntro,
		"Tables": ts,
	}
	h.show(w, r, http.StatusOK, "tables", pg)
}

// indicatorTable is the report's "Volet 1 : gouvernance du projet" lines
// this tool measures, one column per campaign (oldest first), so the yearly
// report can compare years.
func (h *Handler) indicatorTable(ctx context.Context, pg *page) (*table, error) {
	cs := make([]store.Campaign, 0, len(pg.Campaigns))
	for i := len(pg.Campaigns) - 1; i >= 0; i-- {
		cs = append(cs, pg.Campaigns[i])
	}
	ps := make([]store.Progress, len(cs))
	for i, c := range cs {
		p, err := h.db.Progress(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		ps[i] = p
	}
	accounts, err := h.db.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	partners := 0
	for _, a := range accounts {
		if a.Role == store.RolePartner && !a.Disabled {
			partners++
		}
	}
	t := &table{Title: lblIndicatorsTable,
		Note:   lblIndicatorsNote,
		Export: h.exportURL("indicateurs", pg)}
	t.Cols = []column{{Label: colIndicator}, {Label: colIssue}}
	for _, c := range cs {
		t.Cols = append(t.Cols, column{Label: strconv.Itoa(c.Year), Num: true})
	}
	line := func(name, enjeu string, val func(store.Progress) cell) {
		cells := []cell{txt(name), txt(enjeu)}
		for _, p := range ps {
			cells = append(cells, val(p))
		}
		t.add(cells...)
	}
	line(indSessions, indCultureRSO,
		func(p store.Progress) cell { return num(p.Closed) })
	line(indAgents, indCultureRSO,
		func(p store.Progress) cell { return num(p.Count) })
	line(indGoal, indCultureRSO,
		func(p store.Progress) cell { return num(p.Campaign.Goal) })
	line(indGoalShare, indCultureRSO,
		func(p store.Progress) cell { return pct(goalPercent(p.Count, p.Campaign.Goal)) })
	line(indParticipation, indCultureRSO,
		func(p store.Progress) cell {
			if p.Expected == 0 {
				return cell{Text: "—", Raw: ""}
			}
			return pct(p.Participation)
		})
	line(indPartners, indCultureRSO,
		func(p store.Progress) cell { return num(p.ActivePartners) })
	t.Note += fmt.Sprintf(lblOpenAccounts, frInt(partners))
	return t, nil
}

func (h *Handler) indicators(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblIndicatorsTitle, "indicators")
	if h.noCampaign(w, r, pg, "tables") {
		return
	}
	t, err := h.indicatorTable(r.Context(), pg)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	pg.Data = map[string]any{
		"Intro": lblIndicatorsIntro1 +
			lblIndicatorsIntro2,
		"Tables": []*table{t},
	}
	h.show(w, r, http.StatusOK, "tables", pg)
}

// playedAt is when a session was played: its start, else its creation.
func playedAt(s store.Session) int64 {
	if s.Started != 0 {
		return s.Started
	}
	return s.Created
}

type sessionData struct {
	When    int64
	S       store.Session
	Teams   *table
	Members *table
	Cards   *table
	Picks   *table
	Deck    string
	Live    bool
}

// sessionFor loads a session the viewer may see: a partner only its own.
func (h *Handler) sessionFor(ctx context.Context, v *viewer, id string) (store.SessionDetail, bool, error) {
	d, err := h.db.SessionDetail(ctx, id, v.admin())
	if errors.Is(err, store.ErrNotFound) {
		return d, false, nil
	}
	if err != nil {
		return d, false, err
	}
	if p := v.scope(); p != 0 && d.Session.PartnerID != p {
		return d, false, nil
	}
	return d, true, nil
}

// sessionByPath loads the session of the request's path for the viewer,
// or answers 404 (or 500) and returns false.
func (h *Handler) sessionByPath(w http.ResponseWriter, r *http.Request, v *viewer) (store.SessionDetail, bool) {
	d, ok, err := h.sessionFor(r.Context(), v, r.PathValue("id"))
	if err != nil {
		h.serverError(w, r, v, err)
		return d, false
	}
	if !ok {
		h.fail(w, r, v, http.StatusNotFound, msgSessionNotFound)
	}
	return d, ok
}

func (h *Handler) sessionTables(ctx context.Context, v *viewer, d store.SessionDetail) sessionData {
	base := h.prefix + "/seances/" + url.PathEscape(d.Session.ID) + "/export/"
	sd := sessionData{S: d.Session, When: playedAt(d.Session), Live: d.Session.State == store.StateLive}
	tx := h.texts(ctx, []int64{d.Session.DeckVersion})
	if dk, err := h.deck(ctx, d.Session.DeckVersion); err == nil {
		sd.Deck = dk.Title
	}
	sd.Teams = &table{Title: colTeams, Export: base + "equipes.csv", Empty: lblNoTeam,
		Cols: []column{{Label: colRank, Num: true}, {Label: colTeam}, {Label: colScore, Num: true},
			{Label: colMembers, Num: true}, {Label: colAgentsCounted, Num: true}, {Label: colRemark}}}
	sd.Members = &table{Title: lblSignInSheet, Export: h.prefix + "/admin/seances/" + url.PathEscape(d.Session.ID) + "/emargement",
		Note:  lblPersonalDataNote,
		Empty: lblNoMember,
		Cols: []column{{Label: colTeam}, {Label: colFirstName}, {Label: colName}, {Label: colCollectivite},
			{Label: colDirection}, {Label: colCategory}, {Label: colCountedShort}}}
	for _, tm := range d.Teams {
		counted := 0
		for _, m := range tm.Members {
			if m.Counted {
				counted++
			}
			first, last := m.FirstName, m.LastName
			if first == "" && last == "" {
				first = purgedName
			}
			yes := "oui"
			if !m.Counted {
				yes = "non"
			}
			sd.Members.add(txt(tm.Name), txt(first), txt(last), txt(m.Collectivite), txt(m.Direction), txt(m.Category), txt(yes))
		}
		note := ""
		switch {
		case tm.Banned:
			note = lblTeamBanned
		case tm.Removed:
			note = lblTeamRemoved
		}
		name := cell{Text: tm.Name, Raw: tm.Name, HTML: swatch(tm.Color) + template.HTML(template.HTMLEscapeString(tm.Name))}
		rw := sd.Teams.add(num(tm.Rank), name, num(tm.Score), num(len(tm.Members)), num(counted), txt(note))
		rw.Muted = tm.Banned || tm.Removed
	}
	sd.Cards = &table{Title: lblCardsPlayed, Export: base + "cartes.csv", Cols: cardCols,
		Empty: lblNoCard}
	h.cardRows(sd.Cards, tx, d.Cards)
	sd.Picks = h.pickRows(nil, tx, d.Picks, base+"engagements-personnels.csv")
	return sd
}

func (h *Handler) session(w http.ResponseWriter, r *http.Request, v *viewer) {
	ctx := r.Context()
	d, ok := h.sessionByPath(w, r, v)
	if !ok {
		return
	}
	pg := h.newPage(r, v, lblSessionOf+frDate(playedAt(d.Session)), "sessions")
	pg.Data = h.sessionTables(ctx, v, d)
	h.show(w, r, http.StatusOK, "session", pg)
}

func (h *Handler) sessionExport(w http.ResponseWriter, r *http.Request, v *viewer) {
	ctx := r.Context()
	d, ok := h.sessionByPath(w, r, v)
	if !ok {
		return
	}
	sd := h.sessionTables(ctx, v, d)
	name, _ := strings.CutSuffix(r.PathValue("name"), ".csv")
	var t *table
	switch name {
	case "equipes":
		t = sd.Teams
	case "cartes":
		t = sd.Cards
	case "engagements-personnels":
		t = sd.Picks
	default:
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	serveCSV(w, "metodd-seance-"+isoDate(d.Session.Created)+"-"+d.Session.Code+"-"+name, t)
}

func (h *Handler) attendanceCSV(w http.ResponseWriter, r *http.Request, v *viewer) {
	ctx := r.Context()
	d, ok := h.sessionByPath(w, r, v)
	if !ok {
		return
	}
	sd := h.sessionTables(ctx, v, d)
	serveCSV(w, "metodd-emargement-"+isoDate(d.Session.Created)+"-"+d.Session.Code, sd.Members)
}
