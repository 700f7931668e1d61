package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Drafts of the deck editor (server/dashboard/editor.go). Each deck id has
// at most one draft: the deck being edited, kept as the caller's JSON. The
// store does not read it. Every save bumps the draft's revision, and a save
// must name the revision it started from: a second admin saving over a newer
// revision gets ErrConflict instead of overwriting the first one's work.
// Publishing turns the draft into a new version in decks, exactly as an
// upload does, so sessions keep the version they were created with.

// Draft is the deck being edited under one deck id.
type Draft struct {
	ID          string
	Title       string
	Body        []byte // the deck as the editor keeps it (JSON); empty in lists
	Cards       int
	Revision    int64 // bumped by every save
	BaseVersion int64 // the published version the draft was last in step with; 0 if never published
	Updated     int64
	UpdatedBy   int64
}

// NewDraft is what SaveDraft stores.
type NewDraft struct {
	ID    string
	Title string
	Body  []byte
	Cards int
	By    int64 // account id
	// BaseVersion, when not 0, records that Body is this published version
	// (a draft started from, or reverted to, a version).
	BaseVersion int64
}

const draftCols = "id, title, cards, revision, COALESCE(base_version, 0), updated, COALESCE(updated_by, 0)"

func scanDraft(row interface{ Scan(...any) error }, withBody bool) (Draft, error) {
	var d Draft
	dest := []any{&d.ID, &d.Title, &d.Cards, &d.Revision, &d.BaseVersion, &d.Updated, &d.UpdatedBy}
	if withBody {
		dest = append(dest, &d.Body)
	}
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Draft{}, ErrNotFound
		}
		return Draft{}, err
	}
	return d, nil
}

// Draft returns deck id's draft with its body; ErrNotFound if it has none.
func (s *DB) Draft(ctx context.Context, id string) (Draft, error) {
	return scanDraft(s.sql.QueryRowContext(ctx, "SELECT "+draftCols+", body FROM deck_drafts WHERE id = ?", id), true)
}

// Drafts lists every draft (without bodies), by id.
func (s *DB) Drafts(ctx context.Context) ([]Draft, error) {
	rows, err := s.sql.QueryContext(ctx, "SELECT "+draftCols+" FROM deck_drafts ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("store: drafts: %w", err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		d, err := scanDraft(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CreateDraft starts the draft of deck d.ID. With fresh (a new deck), the
// id must be unused by any deck or draft; otherwise only by a draft. It
// returns the draft's first revision; ErrExists when the id is taken.
func (s *DB) CreateDraft(ctx context.Context, d NewDraft, fresh bool) (int64, error) {
	if d.ID == "" || len(d.Body) == 0 {
		return 0, errors.New("store: draft without id or content")
	}
	err := s.tx(ctx, func(t *sql.Tx) error {
		var n int
		q := "SELECT COUNT(*) FROM deck_drafts WHERE id = ?"
		if fresh {
			q = "SELECT (SELECT COUNT(*) FROM deck_drafts WHERE id = ?1) + (SELECT COUNT(*) FROM decks WHERE id = ?1)"
		}
		if err := t.QueryRowContext(ctx, q, d.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrExists
		}
		_, err := t.ExecContext(ctx, `INSERT INTO deck_drafts (id, title, body, cards, revision, base_version, updated, updated_by)
			VALUES (?, ?, ?, ?, 1, ?, ?, ?)`, d.ID, d.Title, d.Body, d.Cards, nullID(d.BaseVersion), nowMs(), nullID(d.By))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: create draft %q: %w", d.ID, err)
	}
	return 1, nil
}

// SaveDraft replaces the body of deck d.ID's draft, if its revision is
// still revision (the one the editor loaded), and returns the new revision.
// ErrConflict when someone saved in between; ErrNotFound without a draft.
func (s *DB) SaveDraft(ctx context.Context, d NewDraft, revision int64) (int64, error) {
	if len(d.Body) == 0 {
		return 0, errors.New("store: draft without content")
	}
	var next int64
	err := s.tx(ctx, func(t *sql.Tx) error {
		cur, err := draftRevision(ctx, t, d.ID)
		if err != nil {
			return err
		}
		if cur != revision {
			return ErrConflict
		}
		next = cur + 1
		q := "UPDATE deck_drafts SET title = ?, body = ?, cards = ?, revision = ?, updated = ?, updated_by = ?"
		args := []any{d.Title, d.Body, d.Cards, next, nowMs(), nullID(d.By)}
		if d.BaseVersion != 0 {
			q += ", base_version = ?"
			args = append(args, d.BaseVersion)
		}
		_, err = t.ExecContext(ctx, q+" WHERE id = ?", append(args, d.ID)...)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: save draft %q: %w", d.ID, err)
	}
	return next, nil
}

// DeleteDraft drops deck id's draft, if its revision is still revision.
func (s *DB) DeleteDraft(ctx context.Context, id string, revision int64) error {
	err := s.tx(ctx, func(t *sql.Tx) error {
		cur, err := draftRevision(ctx, t, id)
		if err != nil {
			return err
		}
		if cur != revision {
			return ErrConflict
		}
		_, err = t.ExecContext(ctx, "DELETE FROM deck_drafts WHERE id = ?", id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete draft %q: %w", id, err)
	}
	return nil
}

// PublishDraft stores deck as a new version of the draft's deck (as
// AddDeck), if the draft's revision is still revision, and records that the
// draft is in step with it. The caller has validated deck.YAML. added is
// false when the current version already has exactly this content.
func (s *DB) PublishDraft(ctx context.Context, deck NewDeck, revision int64) (version int64, added bool, err error) {
	if deck.ID == "" || deck.Title == "" || len(deck.YAML) == 0 {
		return 0, false, errors.New("store: deck without id, title or content")
	}
	err = s.tx(ctx, func(t *sql.Tx) error {
		cur, err := draftRevision(ctx, t, deck.ID)
		if err != nil {
			return err
		}
		if cur != revision {
			return ErrConflict
		}
		if version, added, err = addDeckTx(ctx, t, deck); err != nil {
			return err
		}
		_, err = t.ExecContext(ctx, "UPDATE deck_drafts SET base_version = ? WHERE id = ?", version, deck.ID)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: publish draft %q: %w", deck.ID, err)
	}
	return version, added, nil
}

func draftRevision(ctx context.Context, t *sql.Tx, id string) (int64, error) {
	var cur int64
	err := t.QueryRowContext(ctx, "SELECT revision FROM deck_drafts WHERE id = ?", id).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return cur, err
}

// DeckPublication is one version in a deck's history.
type DeckPublication struct {
	Deck
	By string // the name of the account that published or uploaded it; "" for built-in decks
}

// DeckHistory lists every version of deck id, newest first (without YAML).
func (s *DB) DeckHistory(ctx context.Context, id string) ([]DeckPublication, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT d.version, d.id, d.title, d.cards, d.enabled, d.current, d.builtin,
		d.uploaded, COALESCE(d.uploaded_by, 0), COALESCE(a.name, '')
		FROM decks d LEFT JOIN accounts a ON a.id = d.uploaded_by WHERE d.id = ? ORDER BY d.version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("store: deck history: %w", err)
	}
	defer rows.Close()
	var out []DeckPublication
	for rows.Next() {
		var p DeckPublication
		var enabled, current, builtin int
		if err := rows.Scan(&p.Version, &p.ID, &p.Title, &p.Cards, &enabled, &current, &builtin,
			&p.Uploaded, &p.UploadedBy, &p.By); err != nil {
			return nil, err
		}
		p.Enabled, p.Current, p.Builtin = enabled != 0, current != 0, builtin != 0
		out = append(out, p)
	}
	return out, rows.Err()
}

// nullID stores 0 as NULL (no account, no version).
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
