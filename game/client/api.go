package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"metodd/game"
)

// apiTimeout bounds one API call: every call is a small JSON exchange on
// the organisation's network; a minute-long wait is a dead server.
const apiTimeout = 15 * time.Second

// maxAPIBody bounds an API answer we read (the sessions list of a busy year
// is well under that).
const maxAPIBody = 8 << 20

// API is a client of the server's JSON API (docs/architecture.md).
type API struct {
	// Base is the server's address, "http://host:port" (no trailing path).
	Base string
	// Token is the login token, sent as a Bearer; Login sets it.
	Token string
}

// NewAPI returns a client of the server at base ("http://host:port",
// "https://host", or a bare "host:port").
func NewAPI(base string) *API {
	return &API{Base: normalizeBase(base)}
}

// APIError is a refused API call: Message is the server's French message.
type APIError struct {
	Status  int
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("HTTP %d: %s", e.Status, e.Message)
}

// LoginResult answers a login.
type LoginResult struct {
	Token string `json:"token"`
	Role  string `json:"role"`
	Name  string `json:"name"`
}

// Me is the logged-in account.
type Me struct {
	Login string `json:"login"`
	Role  string `json:"role"`
	Name  string `json:"name"`
}

// DeckInfo is a deck a partner may use.
type DeckInfo struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Cards int    `json:"cards"`
}

// Campaign is the campaign progress (counts only).
type Campaign struct {
	Year  int `json:"year"`
	Goal  int `json:"goal"`
	Count int `json:"count"`
}

// Login logs in and keeps the token for the next calls.
func (a *API) Login(ctx context.Context, login, password string) (LoginResult, error) {
	var r LoginResult
	err := a.do(ctx, methodPost, "/api/login", map[string]string{"login": login, "password": password}, &r)
	if err == nil {
		a.Token = r.Token
	}
	return r, err
}

// Logout ends the login.
func (a *API) Logout(ctx context.Context) error {
	err := a.do(ctx, methodPost, "/api/logout", nil, nil)
	if err == nil {
		a.Token = ""
	}
	return err
}

// Me returns the logged-in account.
func (a *API) Me(ctx context.Context) (Me, error) {
	var m Me
	return m, a.do(ctx, methodGet, "/api/me", nil, &m)
}

// Decks lists the decks a partner may use.
func (a *API) Decks(ctx context.Context) ([]DeckInfo, error) {
	var ds []DeckInfo
	return ds, a.do(ctx, methodGet, "/api/decks", nil, &ds)
}

// CreateSession creates a session and returns its join code and URL.
func (a *API) CreateSession(ctx context.Context, o game.SessionRequest) (game.SessionCreated, error) {
	var s game.SessionCreated
	return s, a.do(ctx, methodPost, "/api/sessions", o, &s)
}

// Sessions lists the sessions the account may see (a partner its own, an
// admin all), newest first.
func (a *API) Sessions(ctx context.Context) ([]game.SessionRecord, error) {
	var ss []game.SessionRecord
	return ss, a.do(ctx, methodGet, "/api/sessions", nil, &ss)
}

// Session returns one session by its code, with its results once finished.
func (a *API) Session(ctx context.Context, code string) (game.SessionRecord, error) {
	var s game.SessionRecord
	return s, a.do(ctx, methodGet, "/api/sessions/"+url.PathEscape(code), nil, &s)
}

// JoinInfo describes the live session with that join code (public); an
// unknown code is an *APIError with a French message (404, or 429 after
// too many wrong codes).
func (a *API) JoinInfo(ctx context.Context, code string) (game.JoinInfo, error) {
	var j game.JoinInfo
	return j, a.do(ctx, methodGet, "/api/join/"+url.PathEscape(code), nil, &j)
}

// PreviewCard returns a card of the deck editor's draft ("deck/card"), for
// the client's preview mode; the dashboard answers only the RSO cell's
// logged-in browser (its session cookie goes with the request).
func (a *API) PreviewCard(ctx context.Context, ref string) (game.Card, error) {
	deck, card, _ := strings.Cut(ref, "/")
	var c game.Card
	path := "/dashboard/admin/editeur/" + url.PathEscape(deck) + "/cartes/" + url.PathEscape(card) + "/apercu.json"
	return c, a.do(ctx, methodGet, path, nil, &c)
}

// Campaign returns the current campaign's progress.
func (a *API) Campaign(ctx context.Context) (Campaign, error) {
	var c Campaign
	return c, a.do(ctx, methodGet, "/api/campaign", nil, &c)
}

// CreatePartner creates a partner account (admin only).
func (a *API) CreatePartner(ctx context.Context, login, name, password string) error {
	return a.do(ctx, methodPost, "/api/partners",
		map[string]string{"login": login, "name": name, "password": password}, nil)
}

// Healthz checks that the server answers.
func (a *API) Healthz(ctx context.Context) error {
	return a.do(ctx, methodGet, "/healthz", nil, nil)
}

// WebSocketURL is the websocket endpoint of the server at base.
func (a *API) WebSocketURL() (string, error) { return WebSocketURL(a.Base) }

// HTTP methods the API uses (net/http's names without linking net/http
// into the browser build).
const (
	methodGet  = "GET"
	methodPost = "POST"
)

// apiRequest is one call as the platform transport sends it
// (roundTrip: net/http on desktop, api_native.go; the browser's fetch in
// the browser, api_js.go, so the js/wasm build links neither net/http nor
// crypto/tls).
type apiRequest struct {
	method, url string
	body        []byte // JSON, nil for none
	token       string // Bearer token, "" for none
}

// do runs one call: in is sent as JSON when not nil, the answer decoded into
// out when not nil. A 4xx/5xx answer becomes an *APIError.
func (a *API) do(ctx context.Context, method, path string, in, out any) error {
	req := apiRequest{method: method, url: strings.TrimRight(a.Base, "/") + path, token: a.Token}
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return err
		}
		req.body = raw
	}
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	status, raw, err := roundTrip(ctx, req)
	if err != nil {
		return err
	}
	if status >= 400 {
		var e struct {
			Error string `json:"error"`
		}
		msg := strings.TrimSpace(string(raw))
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		if len(msg) > 500 {
			msg = msg[:500]
		}
		return &APIError{Status: status, Message: msg}
	}
	if out == nil || len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s (%s %s) : %w", msgServerUnusable, method, path, err)
	}
	return nil
}

// normalizeBase adds http:// to a bare "host:port".
func normalizeBase(base string) string {
	base = strings.TrimSpace(base)
	if !strings.Contains(base, "://") {
		base = "http://" + base
	}
	return strings.TrimRight(base, "/")
}

// WebSocketURL turns a server address ("http://host:port", "https://host",
// "host:port", or already "ws://host/ws") into its websocket endpoint.
func WebSocketURL(base string) (string, error) {
	u, err := url.Parse(normalizeBase(base))
	if err != nil {
		return "", fmt.Errorf(msgBadAddress, err)
	}
	switch u.Scheme {
	case "http", "ws":
		u.Scheme = "ws"
	case "https", "wss":
		u.Scheme = "wss"
	default:
		return "", errors.New(msgBadScheme)
	}
	if u.Host == "" {
		return "", errors.New(msgMissingHost)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/ws"
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String(), nil
}
