// Package store keeps everything mét'ODD remembers in one SQLite file:
// accounts and login tokens, campaigns, card decks, sessions with their
// command log (the event log live sessions are rebuilt from), the results of
// closed sessions, and the distinct agents counted per campaign.
//
// It uses database/sql with the pure-Go driver modernc.org/sqlite (no cgo),
// in WAL mode with a busy timeout, foreign keys on and synchronous = FULL
// (a commit is on disk when it returns). The command logs of all live
// sessions are written by one group writer (group.go). The schema is created
// and upgraded by numbered migrations recorded in the schema_version table.
// Every write runs in one transaction. Times are Unix milliseconds (UTC);
// calendar dates are "YYYY-MM-DD" strings.
//
// The package does not import the game rules: callers pass commands as JSON
// and identities as already-normalised keys (game.IdentityKey), so the store
// stays a plain data layer a PostgreSQL implementation could replace.
// Identities are stored as keyed hashes (identity.go): the key is a secret
// created at the first start in the secrets table, outside every row a
// purge blanks, and copied by Backup.
//
// # API
//
// Opening and housekeeping:
//
//	Open(path) (*DB, error)           create or upgrade the file, ready to use
//	(*DB).Close()
//	(*DB).Backup(ctx, file)           online consistent copy (VACUUM INTO)
//	(*DB).Purge(ctx, before)          blank names older than a date, keep counts
//	(*DB).Empty(ctx)                  true when no account exists (first start)
//	(*DB).Ping(ctx)                   the database answers (health check)
//
// Accounts and login tokens (accounts.go):
//
//	CreateAccount, Authenticate, SetPassword, SetDisabled, Accounts, Account,
//	AccountByLogin, CreateToken, AccountByToken, DeleteToken
//
// Campaigns (campaigns.go):
//
//	CreateCampaign, UpdateCampaign, SetCurrentCampaign, CurrentCampaign,
//	Campaign, Campaigns, CampaignCount
//
// Decks (decks.go): each upload is a new version of a deck id; sessions keep
// the version they were created with, so replaying a session is exact even
// after the deck changed.
//
//	AddDeck, Decks, Deck, DeckVersion, SetDeckEnabled
//
// Deck drafts (drafts.go): the deck editor's work in progress, one per deck
// id, with a revision for optimistic locking; publishing adds a version.
//
//	Draft, Drafts, CreateDraft, SaveDraft, DeleteDraft, PublishDraft, DeckHistory
//
// Sessions and the command log (sessions.go):
//
//	CreateSession, Session, SessionByCode, LiveSessions, Sessions,
//	AppendCommand, Commands, ResumePlayer, CloseSession, EndSession
//
// Dashboard queries (queries.go): read-only, counts only unless the caller
// asks for names (admin pages):
//
//	Progress, Breakdown, SessionDetail, CardShares, EngagementShares,
//	PickCounts, Agents
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Errors callers test with errors.Is.
var (
	ErrNotFound    = errors.New("store: not found")
	ErrExists      = errors.New("store: already exists")
	ErrBadPassword = errors.New("store: wrong login or password")
	ErrDisabled    = errors.New("store: account disabled")
	ErrNotLive     = errors.New("store: session is not live")
	ErrConflict    = errors.New("store: conflicting write")
)

// busyTimeout is how long a write waits for another writer before failing:
// SQLite has one writer at a time, and a session's command commit takes well
// under a millisecond, so 5 s only passes when something is badly stuck.
const busyTimeout = 5 * time.Second

// maxOpenConns bounds the pool: WAL lets readers run beside the one writer,
// and a handful of connections is plenty for a server of this size.
const maxOpenConns = 8

// DB is an open mét'ODD database. It is safe for concurrent use.
type DB struct {
	sql         *sql.DB
	path        string
	identityKey []byte    // the key of stored identity hashes (identity.go); never printed
	decks       deckCache // parsed deck versions (rules.go)
	group       *groupWriter
	stmts       sync.Map // query text -> *sql.Stmt (prepared)
}

// prepared is the statement of query, prepared once on the database (then
// on each pool connection as it is used) and kept. Parsing a statement is
// most of a small query's CPU with this SQLite (transpiled C): a session
// creation's reads were a fifth of its cost. For the hot paths' fixed
// query texts only: the cache is never emptied before Close.
func (s *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.sql.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if old, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

// queryRow is QueryRowContext with query prepared once (prepared).
func (s *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return s.sql.QueryRowContext(ctx, query, args...) // reports the error
	}
	return st.QueryRowContext(ctx, args...)
}

// query is QueryContext with query prepared once (prepared).
func (s *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// Open opens (creating when needed) the database file at path and brings its
// schema up to date. The directory is created if missing.
func Open(path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create directory: %w", err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// FULL: every commit syncs the WAL to disk before it returns, so an
	// acknowledged answer survives a power cut, not only a crash of the
	// process. The command logs' commits are grouped (group.go), so the
	// sync is paid once per group, not once per answer.
	q.Add("_pragma", "synchronous(FULL)")
	// Write transactions take the write lock at BEGIN, so two writers never
	// deadlock upgrading a read lock.
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &DB{sql: db, path: path}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadIdentityKey(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.startWriter(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database; a WAL checkpoint folds the log into the file.
func (s *DB) Close() error {
	s.group.close()
	s.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	_, _ = s.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return s.sql.Close()
}

// Path is the database file.
func (s *DB) Path() string { return s.path }

// tx runs fn in one write transaction, committed when fn returns nil.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	t, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(t); err != nil {
		_ = t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Backup writes an online, consistent copy of the database to file (which
// must not exist): other connections keep reading and writing meanwhile.
func (s *DB) Backup(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("store: backup: %s: %w", file, ErrExists)
	}
	if dir := filepath.Dir(file); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
	}
	if _, err := s.sql.ExecContext(ctx, "VACUUM INTO ?", file); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// Empty reports whether the database holds no account yet: the first start.
func (s *DB) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM accounts").Scan(&n); err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return n == 0, nil
}

// Purge blanks the names (first and last name) of agents and session
// members recorded before the given time, keeping every count: the agents
// stay counted (their identity is only kept as a keyed hash, which a staff
// list cannot be matched against without the file's key: identity.go), the
// breakdowns by collectivité, direction and category stay right. It returns
// how many rows lost their names.
func (s *DB) Purge(ctx context.Context, before time.Time) (int64, error) {
	cut := before.UnixMilli()
	var n int64
	err := s.tx(ctx, func(t *sql.Tx) error {
		r, err := t.ExecContext(ctx, `UPDATE agents SET first_name = '', last_name = '', purged = 1
			WHERE counted_at < ? AND purged = 0`, cut)
		if err != nil {
			return err
		}
		a, _ := r.RowsAffected()
		r, err = t.ExecContext(ctx, `UPDATE session_members SET first_name = '', last_name = '', purged = 1
			WHERE purged = 0 AND session_id IN (SELECT id FROM sessions WHERE created < ? AND state <> 'live')`, cut)
		if err != nil {
			return err
		}
		b, _ := r.RowsAffected()
		// The command log of a finished session holds the rosters too; its
		// results are kept in card_results, so the log itself can go.
		if _, err := t.ExecContext(ctx, `DELETE FROM session_commands
			WHERE session_id IN (SELECT id FROM sessions WHERE created < ? AND state <> 'live')`, cut); err != nil {
			return err
		}
		n = a + b
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: purge: %w", err)
	}
	return n, nil
}

func nowMs() int64 { return time.Now().UnixMilli() }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Ping checks that the database answers (for /healthz).
func (s *DB) Ping(ctx context.Context) error {
	var one int
	return s.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}
