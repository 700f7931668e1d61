package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"

	"metodd/game/deckfile"
	"metodd/server/store"
)

// AdminLogin is the account created at first start.
const AdminLogin = "admin"

// SetupResult says what Setup did.
type SetupResult struct {
	FirstStart    bool           // the database was empty
	AdminPassword string         // generated at first start (shown once); "" when given
	Campaign      store.Campaign // the current campaign
	Decks         []DeckLoad     // the program's decks
}

// DeckLoad is what happened to one of the program's deck files.
type DeckLoad struct {
	File  string
	ID    string
	Title string
	Cards int
	Added bool  // a new deck or version was stored
	Err   error // the file is invalid (deckfile.DeckErrors): not stored
}

// Setup prepares a database for serving. On an empty database (first
// start) it creates the admin account (password adminPassword, or a
// generated one returned in the result) and the campaign of now's year
// (goal store.DefaultGoal). Every start, it stores the decks of fsys
// (*.yaml) that are new or changed (never over a version the RSO cell
// uploaded), and makes sure a campaign is current.
func Setup(ctx context.Context, db *store.DB, decks fs.FS, adminPassword string, now time.Time) (SetupResult, error) {
	var res SetupResult
	empty, err := db.Empty(ctx)
	if err != nil {
		return res, err
	}
	if empty {
		res.FirstStart = true
		if adminPassword == "" {
			adminPassword = NewPassword()
			res.AdminPassword = adminPassword
		}
		if _, err := db.CreateAccount(ctx, store.NewAccount{Login: AdminLogin, Name: "Cellule RSO",
			Role: store.RoleAdmin, Password: adminPassword}); err != nil {
			return res, fmt.Errorf("setup: admin account: %w", err)
		}
	}
	res.Campaign, err = db.CurrentCampaign(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return res, fmt.Errorf("setup: campaign: %w", err) // a database fault must not create a campaign
	}
	if err != nil {
		c := store.YearCampaign(now.Year())
		c.Current = true
		if res.Campaign, err = db.CreateCampaign(ctx, c); err != nil {
			return res, fmt.Errorf("setup: campaign: %w", err)
		}
	}
	if decks == nil {
		return res, nil
	}
	names, err := fs.Glob(decks, "*.yaml")
	if err != nil {
		return res, err
	}
	sort.Strings(names)
	for _, name := range names {
		l := DeckLoad{File: path.Base(name)}
		data, err := fs.ReadFile(decks, name)
		if err != nil {
			return res, err
		}
		d, err := deckfile.ParseDeck(l.File, data)
		if err != nil {
			l.Err = err
			res.Decks = append(res.Decks, l)
			continue
		}
		l.ID, l.Title, l.Cards = d.ID, d.Title, len(d.Cards)
		if _, l.Added, err = db.AddDeck(ctx, store.NewDeck{ID: d.ID, Title: d.Title, YAML: data, Cards: len(d.Cards), Builtin: true}); err != nil {
			return res, err
		}
		res.Decks = append(res.Decks, l)
	}
	return res, nil
}
