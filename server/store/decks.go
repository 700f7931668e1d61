package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Deck is one version of a card deck. The YAML is the file as uploaded; the
// caller validates it (deckfile.ParseDeck) before AddDeck.
type Deck struct {
	Version    int64 // unique across decks; sessions point at it
	ID         string
	Title      string
	YAML       []byte // empty in lists (Decks); filled by Deck and DeckVersion
	Cards      int
	Enabled    bool // partners may create sessions with it
	Current    bool // the latest version of this deck id
	Builtin    bool // loaded from the program's embedded decks
	Uploaded   int64
	UploadedBy int64 // account id; 0 for built-in decks
}

// NewDeck is what AddDeck stores.
type NewDeck struct {
	ID         string
	Title      string
	YAML       []byte
	Cards      int
	Builtin    bool
	UploadedBy int64 // 0 for built-in decks
}

// AddDeck stores a new version of a deck and makes it current. A new deck
// id is enabled for partners; a new version keeps its deck's setting. When
// the current version already has exactly this YAML, or when a built-in
// deck would replace a version the RSO cell uploaded, nothing changes and
// added is false (so the program's decks are refreshed at start without
// overwriting the cell's edits).
func (s *DB) AddDeck(ctx context.Context, d NewDeck) (version int64, added bool, err error) {
	if d.ID == "" || d.Title == "" || len(d.YAML) == 0 {
		return 0, false, errors.New("store: deck without id, title or content")
	}
	err = s.tx(ctx, func(t *sql.Tx) error {
		version, added, err = addDeckTx(ctx, t, d)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: add deck %q: %w", d.ID, err)
	}
	return version, added, nil
}

// addDeckTx is AddDeck inside the caller's transaction.
func addDeckTx(ctx context.Context, t *sql.Tx, d NewDeck) (version int64, added bool, err error) {
	{
		var cur int64
		var yaml []byte
		enabled, builtin := 1, 0
		err := t.QueryRowContext(ctx, "SELECT version, yaml, enabled, builtin FROM decks WHERE id = ? AND current = 1",
			d.ID).Scan(&cur, &yaml, &enabled, &builtin)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return 0, false, err
		case bytes.Equal(yaml, d.YAML), d.Builtin && builtin == 0:
			return cur, false, nil
		default:
			if _, err := t.ExecContext(ctx, "UPDATE decks SET current = 0 WHERE version = ?", cur); err != nil {
				return 0, false, err
			}
		}
		var by any
		if d.UploadedBy != 0 {
			by = d.UploadedBy
		}
		r, err := t.ExecContext(ctx, `INSERT INTO decks (id, title, yaml, cards, enabled, current, builtin, uploaded, uploaded_by)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`, d.ID, d.Title, d.YAML, d.Cards, enabled, boolInt(d.Builtin), nowMs(), by)
		if err != nil {
			return 0, false, err
		}
		version, err = r.LastInsertId()
		return version, err == nil, err
	}
}

const deckCols = "version, id, title, cards, enabled, current, builtin, uploaded, COALESCE(uploaded_by, 0)"

func scanDeck(row interface{ Scan(...any) error }, withYAML bool) (Deck, error) {
	var d Deck
	var enabled, current, builtin int
	dest := []any{&d.Version, &d.ID, &d.Title, &d.Cards, &enabled, &current, &builtin, &d.Uploaded, &d.UploadedBy}
	if withYAML {
		dest = append(dest, &d.YAML)
	}
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Deck{}, ErrNotFound
		}
		return Deck{}, err
	}
	d.Enabled, d.Current, d.Builtin = enabled != 0, current != 0, builtin != 0
	return d, nil
}

// Decks lists the current version of each deck (without YAML), by title;
// with enabledOnly, only the decks partners may use.
func (s *DB) Decks(ctx context.Context, enabledOnly bool) ([]Deck, error) {
	q := "SELECT " + deckCols + " FROM decks WHERE current = 1"
	if enabledOnly {
		q += " AND enabled = 1"
	}
	rows, err := s.query(ctx, q+" ORDER BY title COLLATE NOCASE, id")
	if err != nil {
		return nil, fmt.Errorf("store: decks: %w", err)
	}
	defer rows.Close()
	var out []Deck
	for rows.Next() {
		d, err := scanDeck(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeckHead returns the current version of deck id without its YAML (a
// session's creation needs its version and state; the parsed deck comes
// from ParsedDeck's cache).
func (s *DB) DeckHead(ctx context.Context, id string) (Deck, error) {
	return scanDeck(s.queryRow(ctx, "SELECT "+deckCols+" FROM decks WHERE id = ? AND current = 1", id), false)
}

// Deck returns the current version of deck id, with its YAML.
func (s *DB) Deck(ctx context.Context, id string) (Deck, error) {
	return scanDeck(s.queryRow(ctx, "SELECT "+deckCols+", yaml FROM decks WHERE id = ? AND current = 1", id), true)
}

// DeckVersion returns one version of a deck, with its YAML.
func (s *DB) DeckVersion(ctx context.Context, version int64) (Deck, error) {
	return scanDeck(s.sql.QueryRowContext(ctx, "SELECT "+deckCols+", yaml FROM decks WHERE version = ?", version), true)
}

// SetDeckEnabled says whether partners may use deck id (all its versions).
func (s *DB) SetDeckEnabled(ctx context.Context, id string, enabled bool) error {
	return s.tx(ctx, func(t *sql.Tx) error {
		r, err := t.ExecContext(ctx, "UPDATE decks SET enabled = ? WHERE id = ?", boolInt(enabled), id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
