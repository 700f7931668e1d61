package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"metodd/game"
)

// A new file holds the seeded list (the 2024 report's directions), in its
// order; the admin's edits (add, rename, move, remove) are kept across a
// reopen of the file, and every refusal says in French what is wrong.
func TestDirectionsList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	names, err := db.DirectionNames(ctx)
	if err != nil || len(names) != 13 || names[0] != "Direction générale" || names[12] != "Direction du numérique" {
		t.Fatalf("seeded list %q, %v", names, err)
	}
	d, err := db.AddDirection(ctx, "  Direction de l’eau  ")
	if err != nil || d.Name != "Direction de l’eau" || d.Position != 14 {
		t.Fatalf("added %+v, %v", d, err)
	}
	for _, c := range []struct {
		name string
		want error
	}{
		{"", ErrDirectionEmpty},
		{"   ", ErrDirectionEmpty},
		{strings.Repeat("x", game.MaxDirectionRunes+1), ErrDirectionLong},
		{"Bad\x01name", ErrDirectionBad},
		{"direction du NUMERIQUE", ErrDirectionTwice},
		{"Direction  de l'eau", ErrDirectionTwice},
	} {
		if _, err := db.AddDirection(ctx, c.name); err != c.want {
			t.Errorf("add %q: %v, want %v", c.name, err, c.want)
		}
	}
	ds, _ := db.Directions(ctx)
	if err := db.RenameDirection(ctx, ds[1].ID, "Direction générale"); err != ErrDirectionTwice {
		t.Fatalf("rename onto another entry: %v", err)
	}
	if err := db.RenameDirection(ctx, ds[1].ID, "Cabinet du maire"); err != nil {
		t.Fatal(err)
	}
	if err := db.RenameDirection(ctx, ds[1].ID, "cabinet du Maire"); err != nil {
		t.Fatalf("a direction may change its own case: %v", err)
	}
	if err := db.MoveDirection(ctx, ds[1].ID, -1); err != nil {
		t.Fatal(err)
	}
	if err := db.MoveDirection(ctx, ds[1].ID, -1); err != nil { // already first: stays
		t.Fatal(err)
	}
	if err := db.RemoveDirection(ctx, ds[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveDirection(ctx, ds[2].ID); err != ErrDirectionMissing {
		t.Fatalf("removing twice: %v", err)
	}
	if err := db.MoveDirection(ctx, 9999, 1); err != ErrDirectionMissing {
		t.Fatalf("moving an unknown entry: %v", err)
	}
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ds, _ = db.Directions(ctx)
	var got []string
	for i, d := range ds {
		if d.Position != i+1 {
			t.Errorf("%q at position %d, index %d", d.Name, d.Position, i)
		}
		got = append(got, d.Name)
	}
	want := []string{"cabinet du Maire", "Direction générale", "Direction des ressources humaines"}
	if len(got) != 13 || !reflect.DeepEqual(got[:3], want) || got[12] != "Direction de l’eau" {
		t.Fatalf("after the edits and a reopen: %q", got)
	}
	for i := len(got); i < game.MaxDirections; i++ {
		if _, err := db.AddDirection(ctx, fmt.Sprintf("Service %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.AddDirection(ctx, "Une de trop"); err != ErrDirectionsFull {
		t.Fatalf("past %d directions: %v", game.MaxDirections, err)
	}
	var de *DirectionError
	if !errors.As(ErrDirectionsFull, &de) || !strings.Contains(de.Message, "60") {
		t.Fatalf("the limit is named in the message: %v", ErrDirectionsFull)
	}
}

// A file of schema 1 (an older server) upgrades to the list, seeded, and
// keeps its agents: the breakdown by direction then counts the spellings
// of a listed direction under the list's name, and those of an unlisted
// one under its most used spelling.
func TestDirectionsUpgradeAndBreakdown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	oldDatabase(t, path) // schema 1, four agents all at 'DRH'
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != len(migrations) {
		t.Fatalf("schema %d after the upgrade", v)
	}
	names, err := db.DirectionNames(ctx)
	if err != nil || len(names) != 13 {
		t.Fatalf("list after the upgrade %q, %v", names, err)
	}
	spell := map[string]string{"Léo": "direction du NUMERIQUE", "Zoé": "Direction  du numérique ", "Jules": "Voirie"}
	for first, dir := range spell {
		if _, err := db.sql.Exec("UPDATE agents SET direction = ? WHERE first_name = ?", dir, first); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Breakdown(ctx, 1, ByDirection)
	if err != nil {
		t.Fatal(err)
	}
	want := []Count{{"Direction du numérique", 2}, {"DRH", 1}, {"Voirie", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("breakdown %+v, want %+v", got, want)
	}
	if _, err := db.sql.Exec("UPDATE agents SET direction = 'DRH ' WHERE first_name = 'Jules'"); err != nil {
		t.Fatal(err)
	}
	// Unlisted: two spellings of one direction count once, under one.
	got, _ = db.Breakdown(ctx, 1, ByDirection)
	if want := []Count{{"DRH", 2}, {"Direction du numérique", 2}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("breakdown %+v", got)
	}
}
