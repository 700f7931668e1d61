package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations upgrade the schema in order; migrations[i] brings the schema
// to version i+1. Never edit a released migration: append a new one.
var migrations = []string{
	// 1: the whole first schema.
	`
CREATE TABLE accounts (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('admin', 'partner')),
	password_hash TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created       INTEGER NOT NULL
);

-- Login tokens, stored as SHA-256 hashes: a copy of the file gives no login.
CREATE TABLE auth_tokens (
	token_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	created    INTEGER NOT NULL,
	expires    INTEGER NOT NULL
);
CREATE INDEX auth_tokens_expires ON auth_tokens(expires);

CREATE TABLE campaigns (
	id         INTEGER PRIMARY KEY,
	year       INTEGER NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	goal       INTEGER NOT NULL CHECK (goal >= 0),
	start_date TEXT NOT NULL,
	end_date   TEXT NOT NULL,
	current    INTEGER NOT NULL DEFAULT 0,
	created    INTEGER NOT NULL
);
CREATE UNIQUE INDEX campaigns_one_current ON campaigns(current) WHERE current = 1;

-- Each upload of a deck is a new version; current = 1 marks the latest of
-- each deck id. Sessions point at the version they were created with.
CREATE TABLE decks (
	version     INTEGER PRIMARY KEY,
	id          TEXT NOT NULL,
	title       TEXT NOT NULL,
	yaml        BLOB NOT NULL,
	cards       INTEGER NOT NULL,
	enabled     INTEGER NOT NULL DEFAULT 1,
	current     INTEGER NOT NULL DEFAULT 1,
	builtin     INTEGER NOT NULL DEFAULT 0,
	uploaded    INTEGER NOT NULL,
	uploaded_by INTEGER REFERENCES accounts(id)
);
CREATE UNIQUE INDEX decks_current ON decks(id) WHERE current = 1;

CREATE TABLE sessions (
	id           TEXT PRIMARY KEY,
	code         TEXT NOT NULL,
	partner_id   INTEGER NOT NULL REFERENCES accounts(id),
	campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
	deck_version INTEGER NOT NULL REFERENCES decks(version),
	config       TEXT NOT NULL,
	title        TEXT NOT NULL DEFAULT '',
	format       TEXT NOT NULL DEFAULT '',
	mode         TEXT NOT NULL DEFAULT '',
	axis         INTEGER NOT NULL DEFAULT 0,
	direction    TEXT NOT NULL DEFAULT '',
	site         TEXT NOT NULL DEFAULT '',
	expected     INTEGER NOT NULL DEFAULT 0,
	state        TEXT NOT NULL DEFAULT 'live' CHECK (state IN ('live', 'closed', 'ended')),
	created      INTEGER NOT NULL,
	started      INTEGER,
	finished     INTEGER,
	teams        INTEGER NOT NULL DEFAULT 0,
	members      INTEGER NOT NULL DEFAULT 0,
	added        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sessions_live_code ON sessions(code) WHERE state = 'live';
CREATE INDEX sessions_campaign ON sessions(campaign_id, state);
CREATE INDEX sessions_partner ON sessions(partner_id);

-- The event log: every accepted command of a session, in order, appended
-- before its effect is broadcast.
CREATE TABLE session_commands (
	session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	at         INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	command    TEXT NOT NULL,
	PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;

-- Resume tokens (hashed) of a live session's players.
CREATE TABLE resume_tokens (
	token_hash TEXT PRIMARY KEY,
	session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	player_id  TEXT NOT NULL
);
CREATE INDEX resume_tokens_session ON resume_tokens(session_id);

-- What a finished session leaves for the dashboard.
CREATE TABLE session_teams (
	session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	team_id    TEXT NOT NULL,
	name       TEXT NOT NULL,
	color      TEXT NOT NULL,
	score      INTEGER NOT NULL,
	rank       INTEGER NOT NULL,
	removed    INTEGER NOT NULL DEFAULT 0,
	banned     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (session_id, team_id)
);

CREATE TABLE session_members (
	id           INTEGER PRIMARY KEY,
	session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	team_id      TEXT NOT NULL,
	first_name   TEXT NOT NULL,
	last_name    TEXT NOT NULL,
	collectivite TEXT NOT NULL,
	direction    TEXT NOT NULL,
	category     TEXT NOT NULL,
	identity     TEXT NOT NULL,
	counted      INTEGER NOT NULL DEFAULT 0,
	purged       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX session_members_session ON session_members(session_id);

CREATE TABLE card_results (
	session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	card_id    TEXT NOT NULL,
	engagement INTEGER NOT NULL,
	team_id    TEXT NOT NULL,
	player_id  TEXT NOT NULL,
	answered   INTEGER NOT NULL,
	good       INTEGER NOT NULL,
	points     INTEGER NOT NULL,
	answer_ms  INTEGER NOT NULL
);
CREATE INDEX card_results_session ON card_results(session_id);
CREATE INDEX card_results_card ON card_results(card_id);

CREATE TABLE picks (
	session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	member_id     INTEGER REFERENCES session_members(id) ON DELETE SET NULL,
	team_id       TEXT NOT NULL,
	commitment_id TEXT NOT NULL,
	engagement    INTEGER NOT NULL
);
CREATE INDEX picks_session ON picks(session_id);

-- Distinct agents reached per campaign. identity is the SHA-256 of the
-- normalised identity (game.IdentityKey): the dedupe key survives a purge
-- of the names. (Since migration 2: a keyed hash, see identityHash.)
CREATE TABLE agents (
	id            INTEGER PRIMARY KEY,
	campaign_id   INTEGER NOT NULL REFERENCES campaigns(id),
	identity      TEXT NOT NULL,
	first_name    TEXT NOT NULL,
	last_name     TEXT NOT NULL,
	collectivite  TEXT NOT NULL,
	direction     TEXT NOT NULL,
	category      TEXT NOT NULL,
	first_session TEXT NOT NULL REFERENCES sessions(id),
	counted_at    INTEGER NOT NULL,
	purged        INTEGER NOT NULL DEFAULT 0,
	UNIQUE (campaign_id, identity)
);
`,
	// 2: keyed identity hashes. The secrets table holds keys the server
	// creates once, outside every row a purge blanks; a backup (VACUUM
	// INTO) copies it with the rest. The Go step keyIdentities creates the
	// identity key and re-keys the stored hashes.
	`
CREATE TABLE secrets (
	name    TEXT PRIMARY KEY,
	value   BLOB NOT NULL,
	created INTEGER NOT NULL
);
`,
	// 3: the deck editor's drafts (server/dashboard/editor.go). One draft
	// per deck id: the deck being edited, as JSON (game.Deck), with a
	// revision bumped by every save so that two admins editing at once
	// cannot overwrite each other (optimistic locking). Publishing writes
	// a new row in decks, as an upload does.
	`
CREATE TABLE deck_drafts (
	id           TEXT PRIMARY KEY,
	title        TEXT NOT NULL,
	body         BLOB NOT NULL,
	cards        INTEGER NOT NULL,
	revision     INTEGER NOT NULL,
	base_version INTEGER REFERENCES decks(version),
	updated      INTEGER NOT NULL,
	updated_by   INTEGER REFERENCES accounts(id)
);
`,
	// 4: the RSO cell's list of directions (directions.go), offered by the
	// team form's picker and used by the dashboard to count one direction
	// under one name. Seeded with the directions and services the 2024
	// RSO report names (shared/source/bilan-rso-2024.txt, the line of each
	// in the comment); the report ties none of them to one collectivité
	// (the Ville and the métropole share their services), so the list is
	// one for the three. Names are unique once folded (game.Fold): the
	// Go code checks that, as SQL cannot fold accents.
	`
CREATE TABLE directions (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE,
	position INTEGER NOT NULL
);
INSERT INTO directions (name, position) VALUES
	('Direction générale', 1),                           -- l. 169-170: « collectif de Direction générale (DGS…) »
	('Cabinet', 2),                                      -- l. 171-172: « Directrice de Cabinet »
	('Direction RSO et performance publique', 3),        -- l. 189-190
	('Direction des ressources humaines', 4),            -- l. 1134: « directions Mobilités et Ressources humaines »; l. 925: service formation
	('Direction enfance-éducation', 5),                  -- l. 651, l. 1381: « Directions Enfance Education »
	('Direction des sports', 6),                         -- l. 728-729: « la Direction des Sports »
	('Direction de la culture', 7),                      -- l. 1254: « la Direction de la Culture »
	('Direction des mobilités', 8),                      -- l. 1134, l. 1249: « le service Mobilités »
	('Direction valorisation des déchets', 9),           -- l. 1310, l. 1226, l. 1254
	('Espaces verts', 10),                               -- l. 1254-1255: « les Espaces verts »
	('Direction paysage et espace public', 11),          -- l. 1382: « Paysage Espace public »
	('Direction bâtiments et énergie', 12),              -- l. 1382-1383: « Bâtiments et Énergie »; l. 922: service énergie
	('Direction du numérique', 13);                      -- l. 1350, l. 1382, l. 1446
`,
}

// migrationSteps are Go code a migration runs in its transaction, after its
// SQL, for what SQL alone cannot do; keyed by the version they bring.
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	2: keyIdentities,
}

// migrate applies the migrations the file has not seen yet, each in its
// own transaction with its version number.
func (s *DB) migrate(ctx context.Context) error {
	if _, err := s.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, applied INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: schema_version: %w", err)
	}
	var have int
	if err := s.sql.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&have); err != nil {
		return fmt.Errorf("store: schema_version: %w", err)
	}
	if have > len(migrations) {
		return fmt.Errorf("store: the database is at schema version %d, newer than this program (%d): use a newer metodd-server", have, len(migrations))
	}
	for v := have + 1; v <= len(migrations); v++ {
		err := s.tx(ctx, func(t *sql.Tx) error {
			if _, err := t.ExecContext(ctx, migrations[v-1]); err != nil {
				return err
			}
			if step := migrationSteps[v]; step != nil {
				if err := step(ctx, t); err != nil {
					return err
				}
			}
			_, err := t.ExecContext(ctx, "INSERT INTO schema_version (version, applied) VALUES (?, ?)", v, nowMs())
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %d: %w", v, err)
		}
	}
	return nil
}

// SchemaVersion is the schema version of the open file.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.sql.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v)
	return v, err
}
