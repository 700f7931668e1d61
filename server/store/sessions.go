package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Session states.
const (
	StateLive   = "live"   // being played (or waiting in the lobby)
	StateClosed = "closed" // closed by its partner after the last card: agents counted
	StateEnded  = "ended"  // ended early: nobody counted
)

// Session is a game session as stored.
type Session struct {
	ID          string // uuid
	Code        string // join code, unique among live sessions
	PartnerID   int64
	PartnerName string
	CampaignID  int64
	DeckVersion int64
	DeckID      string
	Config      []byte // JSON of game.Config (with the seed): replaying needs it
	Title       string
	Format      string
	Mode        string
	Axis        int
	Direction   string // direction or service visited
	Site        string
	Expected    int // agents the partner expects
	State       string
	Created     int64
	Started     int64 // first "start" command; 0 before
	Finished    int64 // closed or ended; 0 while live
	Teams       int   // at finish
	Members     int   // at finish: members of the teams kept
	Added       int   // agents this session added to its campaign's count
}

// NewSession is what CreateSession stores.
type NewSession struct {
	ID          string
	Code        string
	PartnerID   int64
	CampaignID  int64
	DeckVersion int64
	Config      []byte
	Title       string
	Format      string
	Mode        string
	Axis        int
	Direction   string
	Site        string
	Expected    int
	Created     int64 // Unix ms; 0: now
}

// CreateSession stores a new live session. ErrExists when its code is
// already used by a live session (draw another code and retry).
//
// It runs on the group writer, as FinishSession: in a transaction of its
// own it waited for SQLite's one write lock behind the writer's groups,
// and a thousand partners creating sessions while others played saw
// creations take seconds (issue 10's load run: p99 7.9 s).
func (s *DB) CreateSession(ctx context.Context, n NewSession) (Session, error) {
	created := n.Created
	if created == 0 {
		created = nowMs()
	}
	err := s.submit(&groupJob{ctx: ctx, fn: func(ctx context.Context, t *sql.Tx) error {
		count, err := s.prepared(ctx, "SELECT COUNT(*) FROM sessions WHERE code = ? AND state = 'live'")
		if err != nil {
			return err
		}
		var used int
		if err := t.StmtContext(ctx, count).QueryRowContext(ctx, n.Code).Scan(&used); err != nil {
			return err
		}
		if used > 0 {
			return ErrExists
		}
		insert, err := s.prepared(ctx, `INSERT INTO sessions (id, code, partner_id, campaign_id, deck_version, config,
			title, format, mode, axis, direction, site, expected, state, created)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live', ?)`)
		if err != nil {
			return err
		}
		_, err = t.StmtContext(ctx, insert).ExecContext(ctx,
			n.ID, n.Code, n.PartnerID, n.CampaignID, n.DeckVersion, string(n.Config),
			n.Title, n.Format, n.Mode, n.Axis, n.Direction, n.Site, n.Expected, created)
		return err
	}})
	if err != nil {
		return Session{}, fmt.Errorf("store: create session: %w", err)
	}
	return s.Session(ctx, n.ID)
}

const sessionCols = `s.id, s.code, s.partner_id, a.name, s.campaign_id, s.deck_version, d.id, s.config,
	s.title, s.format, s.mode, s.axis, s.direction, s.site, s.expected, s.state,
	s.created, COALESCE(s.started, 0), COALESCE(s.finished, 0), s.teams, s.members, s.added`

const sessionFrom = ` FROM sessions s JOIN accounts a ON a.id = s.partner_id JOIN decks d ON d.version = s.deck_version`

func scanSession(row interface{ Scan(...any) error }) (Session, error) {
	var x Session
	var cfg string
	err := row.Scan(&x.ID, &x.Code, &x.PartnerID, &x.PartnerName, &x.CampaignID, &x.DeckVersion, &x.DeckID, &cfg,
		&x.Title, &x.Format, &x.Mode, &x.Axis, &x.Direction, &x.Site, &x.Expected, &x.State,
		&x.Created, &x.Started, &x.Finished, &x.Teams, &x.Members, &x.Added)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNotFound
	}
	x.Config = []byte(cfg)
	return x, err
}

// Session returns one session by id.
func (s *DB) Session(ctx context.Context, id string) (Session, error) {
	return scanSession(s.queryRow(ctx, "SELECT "+sessionCols+sessionFrom+" WHERE s.id = ?", id))
}

// SessionByCode returns the live session with that join code or, when none
// is live, the most recent one that had it.
func (s *DB) SessionByCode(ctx context.Context, code string) (Session, error) {
	return scanSession(s.queryRow(ctx, "SELECT "+sessionCols+sessionFrom+
		" WHERE s.code = ? ORDER BY s.state = 'live' DESC, s.created DESC LIMIT 1", strings.ToUpper(code)))
}

// SessionFilter selects sessions; zero fields select everything.
type SessionFilter struct {
	CampaignID int64
	PartnerID  int64
	State      string
	Since      int64 // created at or after (Unix ms)
	Until      int64 // created before (Unix ms)
	Limit      int   // 0: no limit
	Offset     int
}

// Sessions lists sessions, the newest first.
func (s *DB) Sessions(ctx context.Context, f SessionFilter) ([]Session, error) {
	return s.listSessions(ctx, "sessions", f, " ORDER BY s.created DESC, s.id")
}

// listSessions runs the sessions query of a filter in an order (with the
// filter's limit); what names the query in errors.
func (s *DB) listSessions(ctx context.Context, what string, f SessionFilter, order string) ([]Session, error) {
	where, args := sessionWhere(f)
	q := "SELECT " + sessionCols + sessionFrom + where + order
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	return s.querySessions(ctx, what, q, args...)
}

// querySessions runs a query of sessionCols and scans its rows.
func (s *DB) querySessions(ctx context.Context, what, q string, args ...any) ([]Session, error) {
	rows, err := s.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		x, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// LiveSessions lists the sessions being played, oldest first (the order
// they are rebuilt in at start).
func (s *DB) LiveSessions(ctx context.Context) ([]Session, error) {
	return s.querySessions(ctx, "live sessions", "SELECT "+sessionCols+sessionFrom+" WHERE s.state = 'live' ORDER BY s.created")
}

// LoggedCommand is one entry of a session's command log.
type LoggedCommand struct {
	Seq  int64  // 1, 2, 3... in the order applied
	At   int64  // server time, Unix ms
	Kind string // the command kind ("join", "answer", ...)
	Data []byte // the whole command, JSON (game.Command)
}

// ResumeToken ties a resume token (stored hashed) to a player.
type ResumeToken struct {
	Hash     string // HashToken(token)
	PlayerID string
}

// AppendCommand appends one accepted command to a live session's log, with
// the resume token of a joining player when rt is not nil: AppendCommands
// with one command.
func (s *DB) AppendCommand(ctx context.Context, sessionID string, c LoggedCommand, rt *ResumeToken) error {
	return s.AppendCommands(ctx, sessionID, []PendingCommand{{LoggedCommand: c, Token: rt}})
}

// Commands returns a session's command log in order (tests and tools; the
// server streams it with EachCommand).
func (s *DB) Commands(ctx context.Context, sessionID string) ([]LoggedCommand, error) {
	var out []LoggedCommand
	err := s.EachCommand(ctx, sessionID, func(c LoggedCommand) error {
		c.Data = append([]byte(nil), c.Data...)
		out = append(out, c)
		return nil
	})
	return out, err
}

// EachCommand streams a session's command log in order: fn sees one row at
// a time (its Data is only valid during the call), so replaying a log of
// any size holds one command in memory. An error from fn stops the scan
// and is returned.
func (s *DB) EachCommand(ctx context.Context, sessionID string, fn func(LoggedCommand) error) error {
	rows, err := s.query(ctx, "SELECT seq, at, kind, command FROM session_commands WHERE session_id = ? ORDER BY seq", sessionID)
	if err != nil {
		return fmt.Errorf("store: commands: %w", err)
	}
	defer rows.Close()
	var data []byte
	for rows.Next() {
		var c LoggedCommand
		var raw sql.RawBytes
		if err := rows.Scan(&c.Seq, &c.At, &c.Kind, &raw); err != nil {
			return fmt.Errorf("store: commands: %w", err)
		}
		data = append(data[:0], raw...)
		c.Data = data
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: commands: %w", err)
	}
	return nil
}

// ResumePlayer returns the player a resume token belongs to in a session;
// ErrNotFound when the token is unknown there.
func (s *DB) ResumePlayer(ctx context.Context, sessionID, tokenHash string) (string, error) {
	var p string
	err := s.queryRow(ctx, "SELECT player_id FROM resume_tokens WHERE token_hash = ? AND session_id = ?",
		tokenHash, sessionID).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return p, err
}

// Team is a team of a finished session.
type Team struct {
	ID      string
	Name    string
	Color   string
	Score   int
	Rank    int
	Removed bool
	Banned  bool
	Members []Member
}

// Member is one agent of a team's roster.
type Member struct {
	FirstName    string
	LastName     string
	Collectivite string
	Direction    string
	Category     string
	Identity     string // the normalised identity (game.IdentityKey); stored as a keyed hash (IdentityHash)
	Counted      bool   // counted for the campaign (closed session, team kept)
}

// CardResult is one player's outcome on one card.
type CardResult struct {
	CardID     string
	Engagement int
	TeamID     string
	PlayerID   string
	Answered   bool
	Good       bool
	Points     int
	AnswerMs   int64
}

// Pick is one member's personal commitment.
type Pick struct {
	TeamID     string
	Identity   string // the member's normalised identity, to find its row
	Commitment string // the commitment id in the deck
	Engagement int
}

// Outcome is everything a finished session leaves, written by FinishSession.
type Outcome struct {
	SessionID string
	Final     LoggedCommand // the close or end command, appended to the log
	Closed    bool          // closed after the last card (count agents) or ended early
	Teams     []Team
	Results   []CardResult
	Picks     []Pick
}

// Progress of a campaign after a session closed.
type Total struct {
	Campaign Campaign
	Count    int // distinct agents counted for the campaign
	Added    int // of which this session added
}

// FinishSession writes a finished session in one transaction: its final
// command, teams, members, results and picks; when o.Closed, the distinct
// agents it adds to its campaign (each counted once per campaign). It
// marks the session closed or ended, forgets its resume tokens, and
// returns the campaign's count. The commit is synced to disk, as every
// commit (synchronous = FULL). ErrNotLive if the session was already
// finished.
//
// It runs on the group writer (store/group.go), in a savepoint of the group
// transaction: a transaction of its own on another connection competed with
// the writer for SQLite's one write lock, and with a thousand sessions
// closing at once it failed with SQLITE_BUSY or timed out.
func (s *DB) FinishSession(ctx context.Context, o Outcome) (Total, error) {
	var total Total
	err := s.submit(&groupJob{ctx: ctx, fn: func(ctx context.Context, t *sql.Tx) error {
		total = Total{}
		return finish(ctx, t, o, s.IdentityHash, &total)
	}})
	if err != nil {
		return Total{}, fmt.Errorf("store: finish session %s: %w", o.SessionID, err)
	}
	return total, nil
}

func finish(ctx context.Context, t *sql.Tx, o Outcome, identityHash func(string) string, total *Total) error {
	var state string
	var campaignID int64
	err := t.QueryRowContext(ctx, "SELECT state, campaign_id FROM sessions WHERE id = ?", o.SessionID).Scan(&state, &campaignID)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if state != StateLive {
		return ErrNotLive
	}
	if o.Final.Kind != "" {
		if _, err := t.ExecContext(ctx, "INSERT INTO session_commands (session_id, seq, at, kind, command) VALUES (?, ?, ?, ?, ?)",
			o.SessionID, o.Final.Seq, o.Final.At, o.Final.Kind, string(o.Final.Data)); err != nil {
			return err
		}
	}
	now := o.Final.At
	if now == 0 {
		now = nowMs()
	}
	type key struct{ team, identity string }
	memberRow := map[key]int64{}
	members, added := 0, 0
	for _, tm := range o.Teams {
		if _, err := t.ExecContext(ctx, `INSERT INTO session_teams (session_id, team_id, name, color, score, rank, removed, banned)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.SessionID, tm.ID, tm.Name, tm.Color, tm.Score, tm.Rank,
			boolInt(tm.Removed), boolInt(tm.Banned)); err != nil {
			return err
		}
		for _, m := range tm.Members {
			counted := o.Closed && m.Counted && m.Identity != ""
			id := identityHash(m.Identity)
			r, err := t.ExecContext(ctx, `INSERT INTO session_members (session_id, team_id, first_name, last_name,
				collectivite, direction, category, identity, counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				o.SessionID, tm.ID, m.FirstName, m.LastName, m.Collectivite, m.Direction, m.Category, id, boolInt(counted))
			if err != nil {
				return err
			}
			rowID, _ := r.LastInsertId()
			memberRow[key{tm.ID, m.Identity}] = rowID
			if !tm.Removed && !tm.Banned {
				members++
			}
			if !counted {
				continue
			}
			r, err = t.ExecContext(ctx, `INSERT OR IGNORE INTO agents (campaign_id, identity, first_name, last_name,
				collectivite, direction, category, first_session, counted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				campaignID, id, m.FirstName, m.LastName, m.Collectivite, m.Direction, m.Category, o.SessionID, now)
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			added += int(n)
		}
	}
	for _, c := range o.Results {
		if _, err := t.ExecContext(ctx, `INSERT INTO card_results (session_id, card_id, engagement, team_id, player_id,
			answered, good, points, answer_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.SessionID, c.CardID, c.Engagement,
			c.TeamID, c.PlayerID, boolInt(c.Answered), boolInt(c.Good), c.Points, c.AnswerMs); err != nil {
			return err
		}
	}
	for _, p := range o.Picks {
		var member any
		if id, ok := memberRow[key{p.TeamID, p.Identity}]; ok {
			member = id
		}
		if _, err := t.ExecContext(ctx, `INSERT INTO picks (session_id, member_id, team_id, commitment_id, engagement)
			VALUES (?, ?, ?, ?, ?)`, o.SessionID, member, p.TeamID, p.Commitment, p.Engagement); err != nil {
			return err
		}
	}
	state = StateEnded
	if o.Closed {
		state = StateClosed
	}
	teams := 0
	for _, tm := range o.Teams {
		if !tm.Removed && !tm.Banned {
			teams++
		}
	}
	if _, err := t.ExecContext(ctx, `UPDATE sessions SET state = ?, finished = ?, teams = ?, members = ?, added = ?
		WHERE id = ?`, state, now, teams, members, added, o.SessionID); err != nil {
		return err
	}
	if _, err := t.ExecContext(ctx, "DELETE FROM resume_tokens WHERE session_id = ?", o.SessionID); err != nil {
		return err
	}
	c, err := scanCampaign(t.QueryRowContext(ctx, "SELECT "+campaignCols+" FROM campaigns WHERE id = ?", campaignID))
	if err != nil {
		return err
	}
	total.Campaign = c
	total.Added = added
	return t.QueryRowContext(ctx, "SELECT COUNT(*) FROM agents WHERE campaign_id = ?", campaignID).Scan(&total.Count)
}
