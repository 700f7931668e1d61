package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"metodd/game"
)

// The RSO cell's list of directions (migration 4): the team form offers it
// as a picker (GET /api/join), the dashboard counts agents under its names
// (Breakdown by direction). The admin edits it in the dashboard: add,
// rename, remove, move up or down. Its limits are the game's
// (game.MaxDirections entries of at most game.MaxDirectionRunes), so the
// list always fits the form that shows it.

// Direction is one entry of the list.
type Direction struct {
	ID       int64
	Name     string
	Position int // 1 = first
}

// DirectionError is a refused edit of the list: Message is French, for the
// admin who typed it.
type DirectionError struct {
	Message string
}

func (e *DirectionError) Error() string { return "store: " + e.Message }

// The refusals of the list's edits, formatted from the limits.
var (
	ErrDirectionEmpty   = &DirectionError{"Indiquez le nom de la direction."}
	ErrDirectionLong    = &DirectionError{fmt.Sprintf("Nom de direction trop long (%d caractères au plus).", game.MaxDirectionRunes)}
	ErrDirectionBad     = &DirectionError{"Nom de direction invalide : texte illisible."}
	ErrDirectionTwice   = &DirectionError{"Cette direction est déjà dans la liste (les majuscules, accents et espaces ne comptent pas)."}
	ErrDirectionsFull   = &DirectionError{fmt.Sprintf("La liste compte déjà %d directions, le maximum : retirez-en une d’abord.", game.MaxDirections)}
	ErrDirectionMissing = &DirectionError{"Cette direction n’est plus dans la liste : la page a été rechargée."}
)

// checkDirectionName trims a name and applies the list's rules to it.
func checkDirectionName(name string) (string, error) {
	name = strings.TrimSpace(game.StripInvisible(name))
	switch {
	case name == "":
		return "", ErrDirectionEmpty
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", ErrDirectionBad
	case utf8.RuneCountInString(name) > game.MaxDirectionRunes:
		return "", ErrDirectionLong
	}
	return name, nil
}

// Directions returns the list in its order.
func (s *DB) Directions(ctx context.Context) ([]Direction, error) {
	return directionsIn(ctx, s.sql)
}

// DirectionNames returns the list's names in its order.
func (s *DB) DirectionNames(ctx context.Context) ([]string, error) {
	ds, err := s.Directions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Name
	}
	return out, nil
}

func directionsIn(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]Direction, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, name, position FROM directions ORDER BY position, id")
	if err != nil {
		return nil, fmt.Errorf("store: directions: %w", err)
	}
	defer rows.Close()
	var out []Direction
	for rows.Next() {
		var d Direction
		if err := rows.Scan(&d.ID, &d.Name, &d.Position); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// sameDirection reports another entry than id whose name folds like name.
func sameDirection(ds []Direction, id int64, name string) bool {
	f := game.Fold(name)
	for _, d := range ds {
		if d.ID != id && game.Fold(d.Name) == f {
			return true
		}
	}
	return false
}

// AddDirection appends a direction at the end of the list.
func (s *DB) AddDirection(ctx context.Context, name string) (Direction, error) {
	name, err := checkDirectionName(name)
	if err != nil {
		return Direction{}, err
	}
	var d Direction
	err = s.tx(ctx, func(t *sql.Tx) error {
		ds, err := directionsIn(ctx, t)
		if err != nil {
			return err
		}
		if len(ds) >= game.MaxDirections {
			return ErrDirectionsFull
		}
		if sameDirection(ds, 0, name) {
			return ErrDirectionTwice
		}
		d = Direction{Name: name, Position: len(ds) + 1}
		r, err := t.ExecContext(ctx, "INSERT INTO directions (name, position) VALUES (?, ?)", d.Name, d.Position)
		if err != nil {
			return err
		}
		d.ID, err = r.LastInsertId()
		return err
	})
	return d, err
}

// RenameDirection changes a direction's name; agents already counted keep
// the name they gave (the dashboard counts them under the new name only
// if it folds alike).
func (s *DB) RenameDirection(ctx context.Context, id int64, name string) error {
	name, err := checkDirectionName(name)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(t *sql.Tx) error {
		ds, err := directionsIn(ctx, t)
		if err != nil {
			return err
		}
		if sameDirection(ds, id, name) {
			return ErrDirectionTwice
		}
		r, err := t.ExecContext(ctx, "UPDATE directions SET name = ? WHERE id = ?", name, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrDirectionMissing
		}
		return nil
	})
}

// RemoveDirection takes a direction out of the list; the agents who gave
// it keep it (the dashboard then lists it as typed).
func (s *DB) RemoveDirection(ctx context.Context, id int64) error {
	return s.tx(ctx, func(t *sql.Tx) error {
		r, err := t.ExecContext(ctx, "DELETE FROM directions WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrDirectionMissing
		}
		return renumber(ctx, t, nil)
	})
}

// MoveDirection moves a direction one place up (delta -1) or down (+1);
// at either end it stays.
func (s *DB) MoveDirection(ctx context.Context, id int64, delta int) error {
	if delta != -1 && delta != 1 {
		return errors.New("store: a direction moves one place at a time")
	}
	return s.tx(ctx, func(t *sql.Tx) error {
		ds, err := directionsIn(ctx, t)
		if err != nil {
			return err
		}
		i := -1
		for k, d := range ds {
			if d.ID == id {
				i = k
			}
		}
		if i < 0 {
			return ErrDirectionMissing
		}
		if j := i + delta; j >= 0 && j < len(ds) {
			ds[i], ds[j] = ds[j], ds[i]
		}
		return renumber(ctx, t, ds)
	})
}

// renumber writes positions 1..n in the order of ds (nil: the stored order).
func renumber(ctx context.Context, t *sql.Tx, ds []Direction) error {
	if ds == nil {
		var err error
		if ds, err = directionsIn(ctx, t); err != nil {
			return err
		}
	}
	for i, d := range ds {
		if d.Position == i+1 {
			continue
		}
		if _, err := t.ExecContext(ctx, "UPDATE directions SET position = ? WHERE id = ?", i+1, d.ID); err != nil {
			return err
		}
	}
	return nil
}
