package server

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
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

// maxText bounds the free texts of a session (direction, site) and names.
const maxText = 120

// maxExpected bounds the expected number of agents of a session: a plenary
// of the whole organisation stays under it.
const maxExpected = 10000

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

// authed runs h for a logged-in account (in the request's context).
func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
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
	if !s.loginLim.Allow(ratelimit.ClientAddr(r)) {
		w.Header().Set("Retry-After", "60")
		writeError(w, http.StatusTooManyRequests, msgLoginRate)
		return
	}
	var in struct {
		Login    string `json:"login"`
		Password string `json:"password"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	acc, err := s.st.Authenticate(r.Context(), in.Login, in.Password)
	switch {
	case errors.Is(err, store.ErrDisabled):
		writeError(w, http.StatusForbidden, msgDisabled)
		return
	case errors.Is(err, store.ErrBadPassword):
		s.log.Info("login refused", "login", truncate(in.Login, 64), "addr", ratelimit.ClientAddr(r))
		writeError(w, http.StatusUnauthorized, msgBadLogin)
		return
	case err != nil:
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
	s.log.Info("login", "login", acc.Login, "role", acc.Role)
	writeJSON(w, http.StatusOK, map[string]string{"token": tok, "role": acc.Role, "name": acc.Name})
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
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

// createRequest is the body of POST /api/sessions.
type createRequest struct {
	Deck      string `json:"deck"`
	Format    string `json:"format"`
	Axis      int    `json:"axis"`
	Mode      string `json:"mode"`
	Direction string `json:"direction"`
	Site      string `json:"site"`
	Expected  int    `json:"expected"`
}

func (q *createRequest) check() string {
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
	if q.Expected < 0 || q.Expected > maxExpected {
		return msgBadExpected
	}
	if utf8.RuneCountInString(q.Direction) > maxText || utf8.RuneCountInString(q.Site) > maxText ||
		!utf8.ValidString(q.Direction) || !utf8.ValidString(q.Site) {
		return fmt.Sprintf(msgTooLong, maxText)
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
	var q createRequest
	if !readJSON(w, r, &q) {
		return
	}
	if msg := q.check(); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
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
			q.Deck = list[0].ID
			rec, err = s.st.Deck(ctx, q.Deck)
		}
	} else {
		rec, err = s.st.Deck(ctx, q.Deck)
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
	cfg := game.Config{Title: d.Title, Format: q.Format, Axis: q.Axis, Mode: q.Mode, Seed: randomSeed()}
	var sess store.Session
	for range codeAttempts {
		cfg.Code = newCode()
		if s.lookup(cfg.Code) != nil {
			continue
		}
		if _, err := game.NewSession(d, cfg); err != nil {
			var ge *game.Error
			if errors.As(err, &ge) {
				writeError(w, http.StatusBadRequest, ge.Message)
			} else {
				writeError(w, http.StatusBadRequest, err.Error())
			}
			return
		}
		raw, _ := json.Marshal(cfg)
		sess, err = s.st.CreateSession(ctx, store.NewSession{
			ID: uuid.NewString(), Code: cfg.Code, PartnerID: a.ID, CampaignID: camp.ID, DeckVersion: rec.Version,
			Config: raw, Title: cfg.Title, Format: q.Format, Mode: q.Mode, Axis: q.Axis,
			Direction: q.Direction, Site: q.Site, Expected: q.Expected,
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
	h, _, err := s.rebuild(ctx, sess)
	if err != nil {
		s.serverError(w, "create session", err)
		return
	}
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		writeError(w, http.StatusServiceUnavailable, byeMessages[game.ByeShutdown])
		return
	}
	s.live[sess.Code] = h
	s.mu.Unlock()
	s.startHub(h)
	s.log.Info("session created", "session", sess.ID, "code", sess.Code, "partner", a.Login,
		"format", q.Format, "mode", q.Mode, "deck", rec.ID)
	writeJSON(w, http.StatusCreated, map[string]string{"id": sess.ID, "code": sess.Code, "joinUrl": s.joinURL(r, sess.Code)})
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

// sessionJSON is a session in the API.
type sessionJSON struct {
	ID        string    `json:"id"`
	Code      string    `json:"code"`
	State     string    `json:"state"` // live, closed, ended
	Title     string    `json:"title"`
	Format    string    `json:"format"`
	Mode      string    `json:"mode"`
	Axis      int       `json:"axis,omitempty"`
	Direction string    `json:"direction"`
	Site      string    `json:"site"`
	Expected  int       `json:"expected"`
	Partner   string    `json:"partner"`
	Deck      string    `json:"deck"`
	Created   int64     `json:"created"`
	Started   int64     `json:"started,omitempty"`
	Finished  int64     `json:"finished,omitempty"`
	Teams     int       `json:"teams"`
	Members   int       `json:"members"`
	Added     int       `json:"added"`
	Live      *LiveInfo `json:"live,omitempty"`
	JoinURL   string    `json:"joinUrl,omitempty"`

	// One session only (GET /api/sessions/{code}), once finished.
	Results []teamJSON  `json:"results,omitempty"`
	Cards   []cardJSON  `json:"cards,omitempty"`
	Agents  []agentJSON `json:"agents,omitempty"` // admin only: names
}

type teamJSON struct {
	Name    string `json:"name"`
	Color   string `json:"color"`
	Score   int    `json:"score"`
	Rank    int    `json:"rank"`
	Members int    `json:"members"`
	Removed bool   `json:"removed,omitempty"`
	Banned  bool   `json:"banned,omitempty"`
}

type cardJSON struct {
	Card       string `json:"card"`
	Engagement int    `json:"engagement"`
	Answered   int    `json:"answered"`
	Good       int    `json:"good"`
	Total      int    `json:"total"`
	Percent    int    `json:"percent"`
}

type agentJSON struct {
	Team         string `json:"team"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	Collectivite string `json:"collectivite"`
	Direction    string `json:"direction"`
	Category     string `json:"category,omitempty"`
	Counted      bool   `json:"counted"`
}

func (s *Server) sessionOut(r *http.Request, x store.Session) sessionJSON {
	j := sessionJSON{
		ID: x.ID, Code: x.Code, State: x.State, Title: x.Title, Format: x.Format, Mode: x.Mode, Axis: x.Axis,
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
	out := make([]sessionJSON, 0, len(list))
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
			j.Results = append(j.Results, teamJSON{Name: t.Name, Color: t.Color, Score: t.Score, Rank: t.Rank,
				Members: len(t.Members), Removed: t.Removed, Banned: t.Banned})
			if a.IsAdmin() {
				for _, m := range t.Members {
					j.Agents = append(j.Agents, agentJSON{Team: t.Name, FirstName: m.FirstName, LastName: m.LastName,
						Collectivite: m.Collectivite, Direction: m.Direction, Category: m.Category, Counted: m.Counted})
				}
			}
		}
		for _, c := range d.Cards {
			j.Cards = append(j.Cards, cardJSON{Card: c.CardID, Engagement: c.Engagement, Answered: c.Answered, Good: c.Good, Total: c.Total, Percent: c.Percent})
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

// loginPattern is what a login may hold: it is typed on a keyboard and
// shown in logs.
var loginPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

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
	if !loginPattern.MatchString(in.Login) {
		writeError(w, http.StatusBadRequest, msgBadLoginName)
		return
	}
	if utf8.RuneCountInString(in.Name) > maxText {
		writeError(w, http.StatusBadRequest, fmt.Sprintf(msgTooLong, maxText))
		return
	}
	generated := ""
	if in.Password == "" {
		generated = NewPassword()
		in.Password = generated
	}
	acc, err := s.st.CreateAccount(r.Context(), store.NewAccount{Login: in.Login, Name: in.Name, Role: store.RolePartner, Password: in.Password})
	switch {
	case errors.Is(err, store.ErrExists):
		writeError(w, http.StatusConflict, msgLoginTaken)
		return
	case errors.Is(err, store.ErrWeakPassword):
		writeError(w, http.StatusBadRequest, msgWeakPassword)
		return
	case err != nil && len(in.Password) > 72:
		writeError(w, http.StatusBadRequest, msgLongPassword)
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

// NewPassword generates a password of 16 characters (about 92 bits).
func NewPassword() string {
	return store.NewPassword(16)
}

// maxJoinTeams bounds the team names /api/join lists: enough for the
// largest plenary room, small enough to show as choices on a phone.
const maxJoinTeams = 50

// joinInfoJSON is what a join form needs to know before joining: no
// personal data, only the session's title, mode, phase and team names
// (already shown on the projected board).
type joinInfoJSON struct {
	Code  string   `json:"code"`
	Title string   `json:"title"`
	Mode  string   `json:"mode"`
	Phase string   `json:"phase"`
	Teams []string `json:"teams"`
}

// joinKinds are the logged commands that make and unmake teams: replaying
// only these gives the team list without the game's answers.
var joinKinds = map[string]bool{game.KindJoin: true, game.KindRemoveTeam: true, game.KindBanTeam: true}

// handleJoinInfo answers GET /api/join/{code} (public). An unknown code
// counts against the same per-address limit as a wrong code on /ws, so the
// endpoint cannot be used to guess codes.
func (s *Server) handleJoinInfo(w http.ResponseWriter, r *http.Request) {
	code := normalizeCode(r.PathValue("code"))
	var h *live
	if validCode(code) {
		h = s.lookup(code)
	}
	var phase string
	if h != nil {
		phase = h.info().Phase
	}
	if h == nil || phase == game.PhaseClosed || phase == game.PhaseEnded {
		if !s.codeLim.Allow(ratelimit.ClientAddr(r)) {
			writeError(w, http.StatusTooManyRequests, wsMsgCodeRate)
			return
		}
		writeError(w, http.StatusNotFound, msgNoSession)
		return
	}
	// The hub owns the live state; the team list is rebuilt from the log
	// (deck and config are set once before the hub starts).
	sess, err := game.NewSession(h.deck, h.cfg)
	if err != nil {
		s.serverError(w, "join info", err)
		return
	}
	cmds, err := s.st.Commands(r.Context(), h.id)
	if err != nil {
		s.serverError(w, "join info", err)
		return
	}
	var now int64
	for _, lc := range cmds {
		if !joinKinds[lc.Kind] {
			continue
		}
		var c game.Command
		if json.Unmarshal(lc.Data, &c) != nil {
			continue
		}
		_, _ = sess.Apply(c) // accepted once; a refusal now only drops that team
		now = max(now, lc.At)
	}
	out := joinInfoJSON{Code: code, Title: h.cfg.Title, Mode: h.cfg.Mode, Phase: phase, Teams: []string{}}
	for _, t := range sess.HostView(now).Teams {
		if !t.Removed && !t.Banned && len(out.Teams) < maxJoinTeams {
			out.Teams = append(out.Teams, t.Name)
		}
	}
	sort.Strings(out.Teams)
	writeJSON(w, http.StatusOK, out)
}
