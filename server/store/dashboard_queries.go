package store

// Read-only queries the RSO cell's dashboard (server/dashboard) needs beside
// those of queries.go: counts for paging, per-partner and per-month figures,
// the decks a campaign's sessions used, and what a purge would blank.

import (
	"context"
	"fmt"
	"strings"
)

// sessionWhere builds the WHERE clause of a SessionFilter (without limit).
func sessionWhere(f SessionFilter) (string, []any) {
	var where []string
	var args []any
	if f.CampaignID != 0 {
		where, args = append(where, "s.campaign_id = ?"), append(args, f.CampaignID)
	}
	if f.PartnerID != 0 {
		where, args = append(where, "s.partner_id = ?"), append(args, f.PartnerID)
	}
	if f.State != "" {
		where, args = append(where, "s.state = ?"), append(args, f.State)
	}
	if f.Since != 0 {
		where, args = append(where, "s.created >= ?"), append(args, f.Since)
	}
	if f.Until != 0 {
		where, args = append(where, "s.created < ?"), append(args, f.Until)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// CountSessions counts the sessions a filter selects (Limit and Offset
// ignored), to page through Sessions.
func (s *DB) CountSessions(ctx context.Context, f SessionFilter) (int, error) {
	where, args := sessionWhere(f)
	var n int
	if err := s.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM sessions s"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count sessions: %w", err)
	}
	return n, nil
}

// LiveSessionsOf lists the sessions being played by one partner (partnerID
// 0: every partner's), oldest first: a partner's dashboard shows only its
// own.
func (s *DB) LiveSessionsOf(ctx context.Context, partnerID int64) ([]Session, error) {
	return s.listSessions(ctx, "live sessions", SessionFilter{PartnerID: partnerID, State: StateLive}, " ORDER BY s.created, s.id")
}

// PartnerStat is one partner account with its activity in a campaign.
type PartnerStat struct {
	Account  Account
	Sessions int   // sessions created (any state)
	Closed   int   // sessions closed (counted)
	Present  int   // members of kept teams, over closed sessions
	Added    int   // distinct agents its sessions added to the count
	Last     int64 // creation time of its latest session (Unix ms), 0 if none
}

// PartnerStats lists every partner account (disabled ones too) with its
// activity in the campaign (campaignID 0: every campaign), by name.
func (s *DB) PartnerStats(ctx context.Context, campaignID int64) ([]PartnerStat, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT a.id, a.login, a.name, a.role, a.disabled, a.created,
			COUNT(s.id), COALESCE(SUM(s.state = 'closed'), 0),
			COALESCE(SUM(CASE WHEN s.state = 'closed' THEN s.members END), 0),
			COALESCE(SUM(s.added), 0), COALESCE(MAX(s.created), 0)
		FROM accounts a LEFT JOIN sessions s ON s.partner_id = a.id AND (?1 = 0 OR s.campaign_id = ?1)
		WHERE a.role = 'partner'
		GROUP BY a.id ORDER BY a.name COLLATE NOCASE, a.id`, campaignID)
	if err != nil {
		return nil, fmt.Errorf("store: partner stats: %w", err)
	}
	defer rows.Close()
	var out []PartnerStat
	for rows.Next() {
		var p PartnerStat
		var disabled int
		if err := rows.Scan(&p.Account.ID, &p.Account.Login, &p.Account.Name, &p.Account.Role, &disabled,
			&p.Account.Created, &p.Sessions, &p.Closed, &p.Present, &p.Added, &p.Last); err != nil {
			return nil, err
		}
		p.Account.Disabled = disabled != 0
		out = append(out, p)
	}
	return out, rows.Err()
}

// MonthStat is a campaign's activity in one calendar month (server local
// time), by the month sessions were closed.
type MonthStat struct {
	Month    string // "YYYY-MM"
	Closed   int    // sessions closed that month
	Present  int    // members present in them
	Expected int    // agents expected in those that gave a number
	Agents   int    // distinct agents first counted that month
}

// MonthStats returns a campaign's activity per month, in month order; a
// month appears when a session was closed or an agent counted in it.
func (s *DB) MonthStats(ctx context.Context, campaignID int64) ([]MonthStat, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT m, SUM(closed), SUM(present), SUM(expected), SUM(agents) FROM (
			SELECT strftime('%Y-%m', finished / 1000, 'unixepoch', 'localtime') AS m, 1 AS closed,
				members AS present, expected, 0 AS agents
			FROM sessions WHERE campaign_id = ?1 AND state = 'closed'
			UNION ALL
			SELECT strftime('%Y-%m', counted_at / 1000, 'unixepoch', 'localtime'), 0, 0, 0, 1
			FROM agents WHERE campaign_id = ?1)
		GROUP BY m ORDER BY m`, campaignID)
	if err != nil {
		return nil, fmt.Errorf("store: month stats: %w", err)
	}
	defer rows.Close()
	var out []MonthStat
	for rows.Next() {
		var m MonthStat
		if err := rows.Scan(&m.Month, &m.Closed, &m.Present, &m.Expected, &m.Agents); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// DeckVersionsUsed lists the deck versions the campaign's sessions were
// played with (campaignID 0: every campaign), newest first: the dashboard
// reads card prompts and commitment texts from them.
func (s *DB) DeckVersionsUsed(ctx context.Context, campaignID int64) ([]int64, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT DISTINCT deck_version FROM sessions
		WHERE ?1 = 0 OR campaign_id = ?1 ORDER BY deck_version DESC`, campaignID)
	if err != nil {
		return nil, fmt.Errorf("store: deck versions: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// NamedRows says how many rows still hold names.
type NamedRows struct {
	Agents  int // counted agents with their names
	Members int // session roster lines with their names (finished sessions)
	Oldest  int64
}

// NamedBefore counts the rows Purge(before) would blank, and gives the
// time of the oldest named row overall (Unix ms, 0 when none), so the admin
// sees what a purge would do before doing it.
func (s *DB) NamedBefore(ctx context.Context, beforeMs int64) (NamedRows, error) {
	var n NamedRows
	err := s.sql.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM agents WHERE purged = 0 AND counted_at < ?1),
			(SELECT COUNT(*) FROM session_members WHERE purged = 0 AND session_id IN
				(SELECT id FROM sessions WHERE created < ?1 AND state <> 'live')),
			COALESCE((SELECT MIN(counted_at) FROM agents WHERE purged = 0), 0)`, beforeMs).Scan(&n.Agents, &n.Members, &n.Oldest)
	if err != nil {
		return n, fmt.Errorf("store: named rows: %w", err)
	}
	return n, nil
}

// SessionsByDate lists sessions like Sessions, but by the time they were
// played (started, else created), the newest first: the order the RSO cell
// reads a list of sessions in.
func (s *DB) SessionsByDate(ctx context.Context, f SessionFilter) ([]Session, error) {
	return s.listSessions(ctx, "sessions by date", f, " ORDER BY COALESCE(s.started, s.created) DESC, s.id")
}

// CardEngagementShares returns the good answers of the campaign's closed
// sessions grouped by card and commitment, in one pass over the results
// (CardShares and EngagementShares each make their own): the dashboard sums
// them per card and per commitment. Unordered.
func (s *DB) CardEngagementShares(ctx context.Context, campaignID int64) ([]Share, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT r.card_id, r.engagement, COUNT(*), SUM(r.answered), SUM(r.good)
		FROM card_results r WHERE r.session_id IN (SELECT id FROM sessions WHERE campaign_id = ? AND state = 'closed')
		GROUP BY r.card_id, r.engagement`, campaignID)
	if err != nil {
		return nil, fmt.Errorf("store: card and engagement shares: %w", err)
	}
	defer rows.Close()
	return scanShares(rows)
}

// ClosedVersion changes whenever a session of the campaign is closed: the
// number of closed sessions and the latest close time. Results of closed
// sessions never change, so figures computed from them can be kept until
// the version changes.
func (s *DB) ClosedVersion(ctx context.Context, campaignID int64) (closed int, last int64, err error) {
	err = s.sql.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(finished), 0) FROM sessions
		WHERE campaign_id = ? AND state = 'closed'`, campaignID).Scan(&closed, &last)
	if err != nil {
		return 0, 0, fmt.Errorf("store: closed version: %w", err)
	}
	return closed, last, nil
}
