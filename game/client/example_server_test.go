//go:build !js

package client_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/crypto/bcrypt"

	"metodd/assets"
	"metodd/game"
	"metodd/game/client"
	"metodd/server"
	"metodd/server/store"
)

// exampleAdminPassword is the password the examples' server starts with.
const exampleAdminPassword = "Exemple-mot-de-passe-42"

// exampleSetupTimeout bounds the examples' server setup: all on loopback
// over a fresh SQLite file, a second at most; ten leaves room for a loaded
// machine.
const exampleSetupTimeout = 10 * time.Second

// exampleServer runs the real server on loopback over a fresh SQLite file
// and opens one Express session as the admin: it returns the server's base
// URL, the session's code and what stops it all. An example has no
// testing.T: a failed setup panics, which fails the example.
func exampleServer() (base, code string, stop func()) {
	store.PasswordCost = bcrypt.MinCost // a quick example; production keeps the default
	dir, err := os.MkdirTemp("", "metodd-example-")
	must(err)
	db, err := store.Open(filepath.Join(dir, "metodd.db"))
	must(err)
	ctx, cancel := context.WithTimeout(context.Background(), exampleSetupTimeout)
	defer cancel()
	_, err = server.Setup(ctx, db, assets.DeckFiles(), exampleAdminPassword, time.Now())
	must(err)
	srv, err := server.New(context.Background(), server.Config{Store: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	must(err)
	hs := httptest.NewServer(srv)
	api := client.NewAPI(hs.URL)
	_, err = api.Login(ctx, "admin", exampleAdminPassword)
	must(err)
	created, err := api.CreateSession(ctx, game.SessionRequest{Format: game.FormatExpress, Mode: game.ModeTeam,
		Direction: "Direction du numérique", Site: "Bâtiment Clemenceau", Expected: 5})
	must(err)
	return hs.URL, created.Code, func() {
		ctx, cancel := context.WithTimeout(context.Background(), exampleSetupTimeout)
		defer cancel()
		srv.Shutdown(ctx)
		hs.CloseClientConnections()
		hs.Close()
		db.Close()
		os.RemoveAll(dir)
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
