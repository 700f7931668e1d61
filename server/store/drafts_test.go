package store

import (
	"context"
	"errors"
	"testing"
)

// TestDraftsLockAndPublish: a draft's revisions lock out a stale save, a
// publish makes a new version that leaves the old one to its sessions, and
// the history names who published.
func TestDraftsLockAndPublish(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	a, err := db.CreateAccount(ctx, NewAccount{Login: "rso", Name: "Cellule RSO", Role: RoleAdmin, Password: "motdepasse1"})
	if err != nil {
		t.Fatal(err)
	}
	v1, _, err := db.AddDeck(ctx, NewDeck{ID: "jeu", Title: "Jeu", YAML: []byte("v1"), Cards: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateDraft(ctx, NewDraft{ID: "jeu", Title: "Jeu", Body: []byte("{}"), By: a.ID}, true); !errors.Is(err, ErrExists) {
		t.Fatalf("new deck over a published id: %v", err)
	}
	rev, err := db.CreateDraft(ctx, NewDraft{ID: "jeu", Title: "Jeu", Body: []byte(`{"v":1}`), Cards: 1, By: a.ID, BaseVersion: v1}, false)
	if err != nil || rev != 1 {
		t.Fatalf("create: %d %v", rev, err)
	}
	// Two admins load revision 1; the first saves, the second is refused.
	rev2, err := db.SaveDraft(ctx, NewDraft{ID: "jeu", Title: "Jeu 2", Body: []byte(`{"v":2}`), Cards: 2, By: a.ID}, 1)
	if err != nil || rev2 != 2 {
		t.Fatalf("save: %d %v", rev2, err)
	}
	if _, err := db.SaveDraft(ctx, NewDraft{ID: "jeu", Title: "Autre", Body: []byte(`{"v":9}`), By: a.ID}, 1); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale save: %v", err)
	}
	d, err := db.Draft(ctx, "jeu")
	if err != nil || string(d.Body) != `{"v":2}` || d.Title != "Jeu 2" || d.Revision != 2 || d.BaseVersion != v1 {
		t.Fatalf("draft after conflict: %+v %v", d, err)
	}
	if _, _, err := db.PublishDraft(ctx, NewDeck{ID: "jeu", Title: "Jeu 2", YAML: []byte("v2"), Cards: 2, UploadedBy: a.ID}, 1); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale publish: %v", err)
	}
	v2, added, err := db.PublishDraft(ctx, NewDeck{ID: "jeu", Title: "Jeu 2", YAML: []byte("v2"), Cards: 2, UploadedBy: a.ID}, 2)
	if err != nil || !added || v2 == v1 {
		t.Fatalf("publish: %d %v %v", v2, added, err)
	}
	if old, err := db.DeckVersion(ctx, v1); err != nil || string(old.YAML) != "v1" || old.Current {
		t.Fatalf("old version: %+v %v", old, err)
	}
	if d, _ := db.Draft(ctx, "jeu"); d.BaseVersion != v2 {
		t.Fatalf("draft base after publish: %d", d.BaseVersion)
	}
	h, err := db.DeckHistory(ctx, "jeu")
	if err != nil || len(h) != 2 || h[0].Version != v2 || h[0].By != "Cellule RSO" || h[1].By != "" || !h[0].Current {
		t.Fatalf("history: %+v %v", h, err)
	}
	ds, err := db.Drafts(ctx)
	if err != nil || len(ds) != 1 || ds[0].Cards != 2 || ds[0].Body != nil {
		t.Fatalf("drafts: %+v %v", ds, err)
	}
	if err := db.DeleteDraft(ctx, "jeu", 1); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale delete: %v", err)
	}
	if err := db.DeleteDraft(ctx, "jeu", 2); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Draft(ctx, "jeu"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted draft: %v", err)
	}
}
