package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"metodd/game"
)

func TestJoinInfo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/join/K7M3QX":
			w.Write([]byte(`{"code":"K7M3QX","title":"mét'ODD — bilan RSO 2024","mode":"pleniere","phase":"lobby","teams":["Les Sobres","Les Vélos"]}`))
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"error":"Aucune séance ne porte ce code."}`))
		}
	}))
	defer srv.Close()
	api := NewAPI(srv.URL)
	got, err := api.JoinInfo(context.Background(), "K7M3QX")
	if err != nil {
		t.Fatal(err)
	}
	want := game.JoinInfo{Code: "K7M3QX", Title: "mét'ODD — bilan RSO 2024", Mode: "pleniere", Phase: "lobby", Teams: []string{"Les Sobres", "Les Vélos"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("JoinInfo = %+v, want %+v", got, want)
	}
	_, err = api.JoinInfo(context.Background(), "ZZZZZZ")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusNotFound || ae.Message != "Aucune séance ne porte ce code." {
		t.Fatalf("unknown code: %v", err)
	}
}
