package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"metodd/game"
)

func TestAPILoginBearerAndFrenchErrors(t *testing.T) {
	var gotAuth, gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/login":
			var in map[string]string
			json.NewDecoder(r.Body).Decode(&in)
			if in["password"] != "bon" {
				w.WriteHeader(http.StatusUnauthorized)
				w.Write([]byte(`{"error":"Identifiant ou mot de passe incorrect."}`))
				return
			}
			json.NewEncoder(w).Encode(LoginResult{Token: "tok", Role: "partner", Name: "Marie"})
		case "/api/sessions":
			gotAuth = r.Header.Get("Authorization")
			var o game.SessionRequest
			json.NewDecoder(r.Body).Decode(&o)
			gotBody = o.Format + "/" + string(o.Mode)
			w.WriteHeader(http.StatusCreated)
			json.NewEncoder(w).Encode(game.SessionCreated{ID: "1", Code: "K7M3QX", JoinURL: "http://x/?code=K7M3QX"})
		case "/api/campaign":
			w.Write([]byte(`{"year":2025,"goal":200,"count":137}`))
		case "/healthz":
			w.Write([]byte("ok"))
		default:
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte("panne"))
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	api := NewAPI(srv.URL + "/")

	_, err := api.Login(ctx, "marie", "mauvais")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 401 || ae.Message != "Identifiant ou mot de passe incorrect." {
		t.Fatalf("bad login = %v", err)
	}
	if api.Token != "" {
		t.Fatal("a failed login set a token")
	}
	if r, err := api.Login(ctx, "marie", "bon"); err != nil || r.Role != "partner" || api.Token != "tok" {
		t.Fatalf("login = %+v, %v, token %q", r, err, api.Token)
	}
	s, err := api.CreateSession(ctx, game.SessionRequest{Deck: "d", Format: "standard", Mode: "equipe"})
	if err != nil || s.Code != "K7M3QX" {
		t.Fatalf("create = %+v, %v", s, err)
	}
	if gotAuth != "Bearer tok" || gotBody != "standard/equipe" {
		t.Errorf("sent auth %q body %q", gotAuth, gotBody)
	}
	if c, err := api.Campaign(ctx); err != nil || c.Count != 137 || c.Goal != 200 {
		t.Errorf("campaign = %+v, %v", c, err)
	}
	if err := api.Healthz(ctx); err != nil {
		t.Errorf("healthz: %v", err)
	}
	if _, err := api.Me(ctx); !errors.As(err, &ae) || ae.Status != 500 || ae.Message != "panne" {
		t.Errorf("non-JSON error = %v", err)
	}
	if u, err := api.WebSocketURL(); err != nil || u != "ws"+srv.URL[len("http"):]+"/ws" {
		t.Errorf("WebSocketURL = %q, %v", u, err)
	}
}
