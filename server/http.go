package server

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"metodd/game"
	"metodd/server/ratelimit"
	"metodd/server/statement"
	"metodd/server/store"
	"metodd/server/web"
)

// CookieName is the login cookie (HttpOnly); the same token also works as
// "Authorization: Bearer <token>".
const CookieName = "metodd_session"

// maxBody bounds an API request body: the largest (a session's options) is
// a few hundred bytes.
const maxBody = 64 << 10

// maxSessionsListed bounds GET /api/sessions: the most recent ones; the
// dashboard has the full history.
const maxSessionsListed = 500

// codeAttempts is how many codes are drawn before giving up creating a
// session: with 887 million codes, a clash twice in a row never happens.
const codeAttempts = 10

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("POST /api/login", s.handleLogin)
	m.HandleFunc("POST /api/logout", s.handleLogout)
	m.HandleFunc("GET /api/me", s.authed(s.handleMe))
	m.HandleFunc("GET /api/decks", s.authed(s.handleDecks))
	m.HandleFunc("POST /api/sessions", s.authed(s.handleCreateSession))
	m.HandleFunc("GET /api/sessions", s.authed(s.handleSessions))
	m.HandleFunc("GET /api/sessions/{code}", s.authed(s.handleSession))
	m.HandleFunc("GET /api/campaign", s.handleCampaign)
	m.HandleFunc("GET /api/join/{code}", s.handleJoinInfo)
	m.HandleFunc("POST /api/partners", s.authed(s.handleCreatePartner))
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, msgNotFound)
	})
	m.HandleFunc("GET /ws", s.serveWS)
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.Handle("GET "+statement.Path, statement.Handler())
	m.HandleFunc("GET "+game.RecapPrefix+"{id}", s.handleRecap)
	dash := s.cfg.Dashboard
	if dash == nil {
		dash = web.DashboardPlaceholder()
	}
	m.Handle("/dashboard/", dash)
	m.Handle("GET /dashboard", http.RedirectHandler("/dashboard/", http.StatusMovedPermanently))
	site := s.cfg.Web
	if site == nil {
		site = web.Handler()
	}
	m.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, msgMethodNotAllow)
			return
		}
		site.ServeHTTP(w, r)
	}))
	s.mux = m
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers {"error": "<French message>"}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// readJSON decodes a request body into v; false (and an answer sent) when
// it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if isTimeout(err) {
			// The body did not arrive within Limits.ReadTimeout.
			writeError(w, http.StatusRequestTimeout, msgSlowRequest)
			return false
		}
		writeError(w, http.StatusRequestEntityTooLarge, msgBadJSON)
		return false
	}
	if err := json.Unmarshal(body, v); err != nil {
		writeError(w, http.StatusBadRequest, msgBadJSON)
		return false
	}
	return true
}

// tokenFrom finds a login token: the Authorization header, else the cookie.
func tokenFrom(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	}
	if c, err := r.Cookie(CookieName); err == nil {
		return c.Value
	}
	return ""
}

type accountKey struct{}

// bearer reports whether the request carries its login in the
// Authorization header (a program or the game client), not in the cookie.
func bearer(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// crossSite is the API's CSRF defence: a state-changing request logged in
// by the cookie (which the browser attaches on its own, even to a request
// another site makes it send) must come from a page of this site, as
// Sec-Fetch-Site or Origin tell, and carry any body as JSON (a form or a
// text/plain body is what another site can send without asking). It
// returns the French refusal, or "" when the request may go on. Bearer
// tokens are never attached by a browser on its own: unaffected.
func (s *Server) crossSite(r *http.Request) string {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return ""
	}
	if bearer(r) {
		return ""
	}
	if _, err := r.Cookie(CookieName); err != nil {
		return "" // no cookie: nothing to forge with, the login check refuses
	}
	switch site := r.Header.Get("Sec-Fetch-Site"); {
	case site == "same-origin":
	case site != "":
		return msgCrossSite
	case r.Header.Get("Origin") == "" || !s.checkOrigin(r):
		return msgCrossSite
	}
	if r.ContentLength != 0 || r.Header.Get("Content-Type") != "" {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			return msgNeedJSON
		}
	}
	return ""
}

// authed runs h for a logged-in account (in the request's context).
func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if msg := s.crossSite(r); msg != "" {
			s.log.Warn("cross-site API request refused", "path", r.URL.Path, "addr", ratelimit.ClientAddr(r),
				"origin", truncate(r.Header.Get("Origin"), 100), "fetchSite", r.Header.Get("Sec-Fetch-Site"))
			writeError(w, http.StatusForbidden, msg)
			return
		}
		acc, err := s.st.AccountByToken(r.Context(), tokenFrom(r))
		switch {
		case errors.Is(err, store.ErrDisabled):
			writeError(w, http.StatusForbidden, msgDisabled)
			return
		case err != nil:
			writeError(w, http.StatusUnauthorized, msgNotLoggedIn)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), accountKey{}, acc)))
	}
}

func accountOf(r *http.Request) store.Account {
	a, _ := r.Context().Value(accountKey{}).(store.Account)
	return a
}

func (s *Server) secure(r *http.Request) bool { return r.TLS != nil || s.cfg.SecureCookies }

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Login    string `json:"login"`
		Password string `json:"password"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	// Only failures are limited, per (login, address) and per address, by
	// the guard shared with the dashboard; it logs every attempt.
	var acc store.Account
	var err error
	res := s.logins.Try("api", in.Login, ratelimit.ClientAddr(r), func() ratelimit.Result {
		acc, err = s.st.Authenticate(r.Context(), in.Login, in.Password)
		switch {
		case err == nil:
			return ratelimit.Success
		case errors.Is(err, store.ErrDisabled):
			return ratelimit.Disabled
		case errors.Is(err, store.ErrBadPassword):
			return ratelimit.Failure
		}
		return ratelimit.Broken
	})
	switch res {
	case ratelimit.Limited:
		w.Header().Set("Retry-After", "60")
		writeError(w, http.StatusTooManyRequests, msgLoginRate)
		return
	case ratelimit.Disabled:
		writeError(w, http.StatusForbidden, msgDisabled)
		return
	case ratelimit.Failure:
		writeError(w, http.StatusUnauthorized, msgBadLogin)
		return
	case ratelimit.Broken:
		s.serverError(w, "login", err)
		return
	}
	tok, err := s.st.CreateToken(r.Context(), acc.ID, s.lim.LoginTTL)
	if err != nil {
		s.serverError(w, "login", err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: tok, Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.lim.LoginTTL.Seconds()),
	})
	writeJSON(w, http.StatusOK, map[string]string{"token": tok, "role": acc.Role, "name": acc.Name})
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if msg := s.crossSite(r); msg != "" {
		writeError(w, http.StatusForbidden, msg)
		return
	}
	if tok := tokenFrom(r); tok != "" {
		if err := s.st.DeleteToken(r.Context(), tok); err != nil {
			s.serverError(w, "logout", err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	a := accountOf(r)
	writeJSON(w, http.StatusOK, map[string]string{"login": a.Login, "role": a.Role, "name": a.Name})
}

func (s *Server) handleDecks(w http.ResponseWriter, r *http.Request) {
	a := accountOf(r)
	decks, err := s.st.Decks(r.Context(), !a.IsAdmin())
	if err != nil {
		s.serverError(w, "decks", err)
		return
	}
	type deckJSON struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Cards int    `json:"cards"`
	}
	out := make([]deckJSON, 0, len(decks))
	for _, d := range decks {
		out = append(out, deckJSON{d.ID, d.Title, d.Cards})
	}
	writeJSON(w, http.StatusOK, out)
}

// checkCreate normalises a creation request and says what is wrong with it
// (a French message), or "".
func checkCreate(q *game.SessionRequest) string {
	q.Direction, q.Site = strings.TrimSpace(q.Direction), strings.TrimSpace(q.Site)
	if q.Format == "" {
		q.Format = game.FormatStandard
	}
	if q.Mode == "" {
		q.Mode = game.ModeTeam
	}
	switch q.Format {
	case game.FormatExpress, game.FormatStandard, game.FormatComplet:
		q.Axis = 0
	case game.FormatAxis:
		if q.Axis < 1 || q.Axis > len(game.Axes) {
			return msgBadAxis
		}
	default:
		return msgBadFormat
	}
	if q.Mode != game.ModeTeam && q.Mode != game.ModePlenary {
		return msgBadMode
	}
	if q.Expected < 0 || q.Expected > game.MaxExpected {
		return msgBadExpected
	}
	if !utf8.ValidString(q.Direction) || !utf8.ValidString(q.Site) {
		return fmt.Sprintf(msgTooLong, game.MaxDirectionRunes)
	}
	if utf8.RuneCountInString(q.Direction) > game.MaxDirectionRunes {
		return fmt.Sprintf(msgTooLong, game.MaxDirectionRunes)
	}
	if utf8.RuneCountInString(q.Site) > game.MaxSiteRunes {
		return fmt.Sprintf(msgTooLong, game.MaxSiteRunes)
	}
	return ""
}

func randomSeed() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1)
}

func (s *Server) handleCreateSession(w http.ResponseWriter, r *http.Request) {
	a := accountOf(r)
	var q game.SessionRequest
	if !readJSON(w, r, &q) {
		return
	}
	if msg := checkCreate(&q); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if n, ok := s.reserveLive(a.ID); !ok {
		writeError(w, http.StatusConflict, fmt.Sprintf(msgTooManyLive, n))
		return
	}
	live := false // the place is the session's once it is live (goLive)
	defer func() {
		if !live {
			s.releaseLive(a.ID)
		}
	}()
	ctx := r.Context()
	var rec store.Deck
	var err error
	if q.Deck == "" {
		var list []store.Deck
		list, err = s.st.Decks(ctx, true)
		if err == nil && len(list) == 0 {
			err = store.ErrNotFound
		}
		if err == nil {
			rec = list[0]
			q.Deck = rec.ID
		}
	} else {
		rec, err = s.st.DeckHead(ctx, q.Deck)
	}
	if err == nil && !rec.Enabled && !a.IsAdmin() {
		err = store.ErrNotFound
	}
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusBadRequest, msgNoDeck)
		return
	} else if err != nil {
		s.serverError(w, "create session", err)
		return
	}
	d, err := s.deck(ctx, rec.Version)
	if err != nil {
		s.log.Error("stored deck invalid", "deck", rec.ID, "version", rec.Version, "err", err)
		writeError(w, http.StatusInternalServerError, msgBadDeck)
		return
	}
	camp, err := s.st.CurrentCampaign(ctx)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusConflict, msgNoCampaign)
		return
	} else if err != nil {
		s.serverError(w, "create session", err)
		return
	}
	cfg := game.Config{Title: d.Title, Format: q.Format, Axis: q.Axis, Mode: q.Mode, TimeFactor: q.TimeFactor, Seed: randomSeed()}
	var sess store.Session
	var gs *game.Session
	for range codeAttempts {
		cfg.Code = newCode()
		if s.lookup(cfg.Code) != nil {
			continue
		}
		// The session's creation time, as a rebuild takes it from the
		// stored session (not from its config), so both make this session.
		cfg.Created = time.Now().UnixMilli()
		if gs, err = game.NewSession(d, cfg); err != nil {
			var ge *game.Error
			if errors.As(err, &ge) {
				writeError(w, http.StatusBadRequest, ge.Message)
			} else {
				writeError(w, http.StatusBadRequest, err.Error())
			}
			return
		}
		stored := cfg
		stored.Created = 0
		raw, _ := json.Marshal(stored)
		sess, err = s.st.CreateSession(ctx, store.NewSession{
			ID: uuid.NewString(), Code: cfg.Code, PartnerID: a.ID, CampaignID: camp.ID, DeckVersion: rec.Version,
			Config: raw, Title: cfg.Title, Format: q.Format, Mode: string(q.Mode), Axis: q.Axis,
			Direction: q.Direction, Site: q.Site, Expected: q.Expected, Created: cfg.Created,
		})
		if errors.Is(err, store.ErrExists) {
			continue
		}
		break
	}
	if err != nil || sess.ID == "" {
		if err == nil {
			err = errors.New("no free code")
		}
		s.log.Error("session not created", "err", err)
		writeError(w, http.StatusServiceUnavailable, msgNoCode)
		return
	}
	h := s.fresh(sess, d, cfg, gs)
	if live = s.goLive(h); !live {
		writeError(w, http.StatusServiceUnavailable, byeMessages[game.ByeShutdown])
		return
	}
	s.startHub(h)
	s.log.Info("session created", "session", sess.ID, "code", sess.Code, "partner", a.Login,
		"format", q.Format, "mode", q.Mode, "deck", rec.ID)
	writeJSON(w, http.StatusCreated, game.SessionCreated{ID: sess.ID, Code: sess.Code,
		JoinURL: s.joinURL(r, sess.Code), LANJoinURL: s.lanJoinURL(r, sess.Code)})
}

// lanJoinURL is the join URL on this machine's local network address when
// the board reached the server by a loopback name (a join URL phones
// cannot open), without a public URL; "" otherwise or without such an
// address.
func (s *Server) lanJoinURL(r *http.Request, code string) string {
	if s.public != nil {
		return ""
	}
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, ""
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return ""
	}
	addrs := s.cfg.LANAddrs
	if addrs == nil {
		addrs = interfaceIPs
	}
	var best net.IP
	for _, ip := range addrs() {
		if ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
			continue
		}
		if best == nil || (best.To4() == nil && ip.To4() != nil) {
			best = ip // an IPv4 address first: the one people type
		}
	}
	if best == nil {
		return ""
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	h := best.String()
	if port != "" {
		h = net.JoinHostPort(h, port)
	} else if best.To4() == nil {
		h = "[" + h + "]"
	}
	return scheme + "://" + h + "/?code=" + code
}

// interfaceIPs are the addresses of this machine's network interfaces.
func interfaceIPs() []net.IP {
	as, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []net.IP
	for _, a := range as {
		if n, ok := a.(*net.IPNet); ok {
			out = append(out, n.IP)
		}
	}
	return out
}

// reserveLive takes one of the partner's live places for a session being
// created, unless the cap is reached; n is how many are taken (live and
// being created). goLive turns it into the live session; releaseLive gives
// it back when the session was not made.
func (s *Server) reserveLive(partnerID int64) (n int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n = s.liveOf(partnerID) + s.creating[partnerID]
	if n >= s.lim.Room.LivePerPartner {
		return n, false
	}
	if s.creating == nil {
		s.creating = map[int64]int{}
	}
	s.creating[partnerID]++
	return n + 1, true
}

func (s *Server) releaseLive(partnerID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unreserve(partnerID)
}

// unreserve gives back a reserved place; s.mu is held.
func (s *Server) unreserve(partnerID int64) {
	if s.creating[partnerID]--; s.creating[partnerID] <= 0 {
		delete(s.creating, partnerID)
	}
}

// goLive makes a created session live and turns its partner's reserved
// place into the live session, in one step: counted in both for a moment,
// it made a creation at the same time refused one place early. False when
// the server is shutting down (the place is still reserved).
func (s *Server) goLive(h *live) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.live[h.code] = h
	s.unreserve(h.partnerID)
	return true
}

// liveOf counts a partner's live sessions that are not finished; s.mu is
// held.
func (s *Server) liveOf(partnerID int64) int {
	n := 0
	for _, h := range s.live {
		if p := h.info().Phase; h.partnerID == partnerID && p != game.PhaseClosed && p != game.PhaseEnded {
			n++
		}
	}
	return n
}

// joinURL is the address a team opens to join: the public URL when set,
// else the request's host.
func (s *Server) joinURL(r *http.Request, code string) string {
	base := ""
	if s.public != nil {
		base = s.public.Scheme + "://" + s.public.Host + s.public.Path
	} else {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/?code=" + code
}

func (s *Server) sessionOut(r *http.Request, x store.Session) game.SessionRecord {
	j := game.SessionRecord{
		ID: x.ID, Code: x.Code, State: x.State, Title: x.Title, Format: x.Format, Mode: game.Mode(x.Mode), Axis: x.Axis,
		Direction: x.Direction, Site: x.Site, Expected: x.Expected, Partner: x.PartnerName, Deck: x.DeckID,
		Created: x.Created, Started: x.Started, Finished: x.Finished, Teams: x.Teams, Members: x.Members, Added: x.Added,
	}
	if x.State == store.StateLive {
		if h := s.lookup(x.Code); h != nil && h.id == x.ID {
			info := h.info()
			j.Live = &info
			j.Teams, j.Members = info.Teams, info.Members
		}
		j.JoinURL = s.joinURL(r, x.Code)
	}
	return j
}

func (s *Server) handleSessions(w http.ResponseWriter, r *http.Request) {
	a := accountOf(r)
	f := store.SessionFilter{Limit: maxSessionsListed, State: r.URL.Query().Get("state")}
	if !a.IsAdmin() {
		f.PartnerID = a.ID
	}
	list, err := s.st.Sessions(r.Context(), f)
	if err != nil {
		s.serverError(w, "sessions", err)
		return
	}
	out := make([]game.SessionRecord, 0, len(list))
	for _, x := range list {
		out = append(out, s.sessionOut(r, x))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleSession(w http.ResponseWriter, r *http.Request) {
	a := accountOf(r)
	key := r.PathValue("code")
	var x store.Session
	var err error
	if validCode(normalizeCode(key)) {
		x, err = s.st.SessionByCode(r.Context(), normalizeCode(key))
	} else {
		x, err = s.st.Session(r.Context(), key)
	}
	// Another partner's session is "not found", not "forbidden": its
	// existence is none of their business.
	if errors.Is(err, store.ErrNotFound) || (err == nil && !a.IsAdmin() && x.PartnerID != a.ID) {
		writeError(w, http.StatusNotFound, msgNoSession)
		return
	}
	if err != nil {
		s.serverError(w, "session", err)
		return
	}
	j := s.sessionOut(r, x)
	if x.State != store.StateLive {
		d, err := s.st.SessionDetail(r.Context(), x.ID, a.IsAdmin())
		if err != nil {
			s.serverError(w, "session", err)
			return
		}
		for _, t := range d.Teams {
			j.Results = append(j.Results, game.SessionTeam{Name: t.Name, Color: t.Color, Score: t.Score, Rank: t.Rank,
				Members: len(t.Members), Removed: t.Removed, Banned: t.Banned})
			if a.IsAdmin() {
				for _, m := range t.Members {
					j.Agents = append(j.Agents, game.SessionAgent{Team: t.Name, FirstName: m.FirstName, LastName: m.LastName,
						Collectivite: m.Collectivite, Direction: m.Direction, Category: m.Category, Counted: m.Counted})
				}
			}
		}
		for _, c := range d.Cards {
			j.Cards = append(j.Cards, game.SessionCard{Card: c.CardID, Engagement: c.Engagement, Answered: c.Answered, Good: c.Good, Total: c.Total, Percent: c.Percent})
		}
	}
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) handleCampaign(w http.ResponseWriter, r *http.Request) {
	c, err := s.st.CurrentCampaign(r.Context())
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, msgNoCampaign)
		return
	} else if err != nil {
		s.serverError(w, "campaign", err)
		return
	}
	n, err := s.st.CampaignCount(r.Context(), c.ID)
	if err != nil {
		s.serverError(w, "campaign", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": c.Year, "goal": c.Goal, "count": n, "name": c.Name})
}

func (s *Server) handleCreatePartner(w http.ResponseWriter, r *http.Request) {
	if !accountOf(r).IsAdmin() {
		writeError(w, http.StatusForbidden, msgForbidden)
		return
	}
	var in struct {
		Login    string `json:"login"`
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	in.Login, in.Name = strings.TrimSpace(in.Login), strings.TrimSpace(in.Name)
	generated := ""
	if in.Password == "" {
		generated = NewPassword()
		in.Password = generated
	}
	acc, err := s.st.CreateAccount(r.Context(), store.NewAccount{Login: in.Login, Name: in.Name, Role: store.RolePartner, Password: in.Password})
	var refused *store.AccountError
	switch {
	case errors.Is(err, store.ErrExists):
		writeError(w, http.StatusConflict, msgLoginTaken)
		return
	case errors.As(err, &refused):
		writeError(w, http.StatusBadRequest, refused.Message)
		return
	case err != nil:
		s.serverError(w, "create partner", err)
		return
	}
	s.log.Info("partner created", "login", acc.Login, "by", accountOf(r).Login)
	out := map[string]string{"login": acc.Login, "name": acc.Name, "role": acc.Role}
	if generated != "" {
		out["password"] = generated
	}
	writeJSON(w, http.StatusCreated, out)
}

// healthTimeout bounds the database check of /healthz: a monitor probing
// every few seconds must get an answer.
const healthTimeout = 2 * time.Second

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.st.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, msgHealthDatabase+"\n")
		return
	}
	io.WriteString(w, "ok")
}

func (s *Server) serverError(w http.ResponseWriter, what string, err error) {
	s.log.Error(what, "err", err)
	writeError(w, http.StatusInternalServerError, msgServerError)
}

// NewPassword generates a password for a new account (store's rule).
func NewPassword() string {
	return store.GeneratePassword()
}

// maxJoinTeams bounds the team names /api/join lists: enough for the
// largest plenary room, small enough to show as choices on a phone.
const maxJoinTeams = 50

// handleJoinInfo answers GET /api/join/{code} (public) from the live
// session's memory: the hub publishes the join form's team list on each
// change, so an answer costs the same whatever the log's size. An unknown
// code counts against the same per-address limit as a wrong code on /ws,
// so the endpoint cannot be used to guess codes; a right one against its
// own, more generous limit (RoomLimits.JoinInfoRate).
func (s *Server) handleJoinInfo(w http.ResponseWriter, r *http.Request) {
	code := normalizeCode(r.PathValue("code"))
	var h *live
	if validCode(code) {
		h = s.lookup(code)
	}
	var phase game.Phase
	if h != nil {
		phase = h.info().Phase
	}
	addr := ratelimit.ClientAddr(r)
	if h == nil || phase == game.PhaseClosed || phase == game.PhaseEnded {
		if !s.codeLim.Allow(addr) {
			writeError(w, http.StatusTooManyRequests, wsMsgCodeRate)
			return
		}
		writeError(w, http.StatusNotFound, msgNoSession)
		return
	}
	if !s.joinLim.Allow(addr) {
		writeError(w, http.StatusTooManyRequests, msgJoinInfoRate)
		return
	}
	info := game.JoinInfo{Code: code, Title: h.cfg.Title, Mode: h.cfg.Mode, Phase: phase, Teams: *h.joinTeams.Load()}
	if c, err := s.st.CurrentCampaign(r.Context()); err == nil {
		info.Campaign = &game.CampaignGoal{Year: c.Year, Goal: c.Goal}
	} else if !errors.Is(err, store.ErrNotFound) {
		s.log.Warn("join info: campaign", "err", err) // the form does without it
	}
	if names, err := s.st.DirectionNames(r.Context()); err == nil {
		info.Directions = names
	} else {
		s.log.Warn("join info: directions", "err", err) // the form takes a typed direction
	}
	writeJSON(w, http.StatusOK, info)
}
