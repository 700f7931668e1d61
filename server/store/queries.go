package store

// Read-only queries for the RSO cell's dashboard. Counts are over closed
// sessions (the ones that count) unless said otherwise; names only come out
// of SessionDetail(withNames) and Agents, for admin pages.

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"metodd/game"
)

// Progress is a campaign at a glance.
type Progress struct {
	Campaign       Campaign
	Count          int // distinct agents sensitised
	Closed         int // sessions closed (counted)
	Ended          int // sessions ended early
	Live           int // sessions being played now
	ActivePartners int // partners with at least one closed session
	Present        int // members of the kept teams of closed sessions (an agent playing twice counts twice)
	Expected       int // agents expected, over the closed sessions that gave a number
	PresentOfExp   int // members present in those same sessions
	// Participation is PresentOfExp / Expected in percent (0 when nothing
	// was expected).
	Participation int
}

// Progress returns the figures of one campaign.
func (s *DB) Progress(ctx context.Context, campaignID int64) (Progress, error) {
	var p Progress
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return p, err
	}
	p.Campaign = c
	err = s.sql.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM agents WHERE campaign_id = ?1),
			COALESCE(SUM(state = 'closed'), 0),
			COALESCE(SUM(state = 'ended'), 0),
			COALESCE(SUM(state = 'live'), 0),
			COUNT(DISTINCT CASE WHEN state = 'closed' THEN partner_id END),
			COALESCE(SUM(CASE WHEN state = 'closed' THEN members END), 0),
			COALESCE(SUM(CASE WHEN state = 'closed' AND expected > 0 THEN expected END), 0),
			COALESCE(SUM(CASE WHEN state = 'closed' AND expected > 0 THEN members END), 0)
		FROM sessions WHERE campaign_id = ?1`, campaignID).Scan(
		&p.Count, &p.Closed, &p.Ended, &p.Live, &p.ActivePartners, &p.Present, &p.Expected, &p.PresentOfExp)
	if err != nil {
		return p, fmt.Errorf("store: progress: %w", err)
	}
	if p.Expected > 0 {
		p.Participation = (p.PresentOfExp*100 + p.Expected/2) / p.Expected
	}
	return p, nil
}

// Dimension is what Breakdown groups agents by.
type Dimension string

// Breakdown dimensions.
const (
	ByCollectivite Dimension = "collectivite"
	ByDirection    Dimension = "direction"
	ByCategory     Dimension = "category" // "" when not given
	ByPartner      Dimension = "partner"  // the partner of the session that first counted the agent
	ByMonth        Dimension = "month"    // "YYYY-MM" (server local time) the agent was first counted
)

// Count is one line of a breakdown.
type Count struct {
	Key   string
	Count int
}

// Breakdown counts a campaign's distinct agents by one dimension, largest
// first.
func (s *DB) Breakdown(ctx context.Context, campaignID int64, by Dimension) ([]Count, error) {
	var q string
	switch by {
	case ByCollectivite, ByDirection, ByCategory:
		q = fmt.Sprintf("SELECT %s, COUNT(*) FROM agents WHERE campaign_id = ? GROUP BY 1 ORDER BY 2 DESC, 1", string(by))
	case ByPartner:
		q = `SELECT a.name, COUNT(*) FROM agents g JOIN sessions s ON s.id = g.first_session
			JOIN accounts a ON a.id = s.partner_id WHERE g.campaign_id = ? GROUP BY a.id ORDER BY 2 DESC, 1`
	case ByMonth:
		q = `SELECT strftime('%Y-%m', counted_at / 1000, 'unixepoch', 'localtime'), COUNT(*) FROM agents
			WHERE campaign_id = ? GROUP BY 1 ORDER BY 1`
	default:
		return nil, fmt.Errorf("store: unknown breakdown %q", by)
	}
	rows, err := s.sql.QueryContext(ctx, q, campaignID)
	if err != nil {
		return nil, fmt.Errorf("store: breakdown: %w", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Key, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if by == ByDirection {
		names, err := s.DirectionNames(ctx)
		if err != nil {
			return nil, err
		}
		out = groupDirections(out, names)
	}
	return out, nil
}

// groupDirections merges the directions agents gave that name the same
// one once folded (game.CanonicalDirection): under the list's entry when
// it has one, else under the spelling most agents used. Largest first.
func groupDirections(counts []Count, list []string) []Count {
	type group struct {
		name  string
		best  int // agents under the spelling shown
		count int
	}
	byKey := map[string]*group{}
	var order []*group
	for _, c := range counts {
		name := game.CanonicalDirection(list, c.Key)
		k := game.Fold(name)
		g := byKey[k]
		if g == nil {
			g = &group{name: name, best: c.Count}
			byKey[k] = g
			order = append(order, g)
		} else if c.Count > g.best && !slices.Contains(list, g.name) {
			g.name, g.best = name, c.Count
		}
		g.count += c.Count
	}
	out := make([]Count, len(order))
	for i, g := range order {
		out[i] = Count{Key: g.name, Count: g.count}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// Share is the share of good answers to a card or a commitment.
type Share struct {
	CardID     string // empty in EngagementShares
	Engagement int
	Total      int // players who had the card
	Answered   int
	Good       int
	Percent    int // game.GoodShare(Good, Total): the board's figure for the card
}

func scanShares(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
}) ([]Share, error) {
	var out []Share
	for rows.Next() {
		var x Share
		if err := rows.Scan(&x.CardID, &x.Engagement, &x.Total, &x.Answered, &x.Good); err != nil {
			return nil, err
		}
		x.Percent = game.GoodShare(x.Good, x.Total)
		out = append(out, x)
	}
	return out, rows.Err()
}

// closedIn is the WHERE condition on sessions s selecting the closed
// sessions of a campaign (campaignID 0: every campaign), with its
// arguments. The campaign test is left out rather than written
// "(? = 0 OR s.campaign_id = ?)": SQLite cannot use the
// sessions(campaign_id, state) index through the OR.
func closedIn(campaignID int64) (string, []any) {
	if campaignID == 0 {
		return "s.state = 'closed'", nil
	}
	return "s.state = 'closed' AND s.campaign_id = ?", []any{campaignID}
}

// CardShares returns, per card played in the campaign's closed sessions
// (campaignID 0: every campaign), the share of good answers, the least
// known first.
func (s *DB) CardShares(ctx context.Context, campaignID int64) ([]Share, error) {
	where, args := closedIn(campaignID)
	rows, err := s.sql.QueryContext(ctx, `SELECT r.card_id, MIN(r.engagement), COUNT(*), SUM(r.answered), SUM(r.good)
		FROM card_results r JOIN sessions s ON s.id = r.session_id
		WHERE `+where+`
		GROUP BY r.card_id ORDER BY CAST(SUM(r.good) AS REAL) / COUNT(*), r.card_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: card shares: %w", err)
	}
	defer rows.Close()
	return scanShares(rows)
}

// EngagementShares returns the share of good answers per commitment (1–15)
// over the campaign's closed sessions, in commitment order.
func (s *DB) EngagementShares(ctx context.Context, campaignID int64) ([]Share, error) {
	where, args := closedIn(campaignID)
	rows, err := s.sql.QueryContext(ctx, `SELECT '', r.engagement, COUNT(*), SUM(r.answered), SUM(r.good)
		FROM card_results r JOIN sessions s ON s.id = r.session_id
		WHERE `+where+`
		GROUP BY r.engagement ORDER BY r.engagement`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: engagement shares: %w", err)
	}
	defer rows.Close()
	return scanShares(rows)
}

// PickCount is how many agents chose one personal commitment.
type PickCount struct {
	Commitment string
	Engagement int
	Count      int
}

// PickCounts counts the personal commitments chosen in the campaign's
// closed sessions, the most chosen first.
func (s *DB) PickCounts(ctx context.Context, campaignID int64) ([]PickCount, error) {
	where, args := closedIn(campaignID)
	rows, err := s.sql.QueryContext(ctx, `SELECT p.commitment_id, MIN(p.engagement), COUNT(*)
		FROM picks p JOIN sessions s ON s.id = p.session_id
		WHERE `+where+`
		GROUP BY p.commitment_id ORDER BY 3 DESC, 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: picks: %w", err)
	}
	defer rows.Close()
	var out []PickCount
	for rows.Next() {
		var p PickCount
		if err := rows.Scan(&p.Commitment, &p.Engagement, &p.Count); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SessionDetail is one finished session for its dashboard page.
type SessionDetail struct {
	Session Session
	Teams   []Team  // ranked; Members' names blank unless asked for; Identity is the stored hash
	Cards   []Share // per card of this session, in play order
	Picks   []PickCount
}

// SessionDetail returns a session with its teams, per-card shares and
// picks. Names are filled only with withNames (admin pages).
func (s *DB) SessionDetail(ctx context.Context, id string, withNames bool) (SessionDetail, error) {
	var d SessionDetail
	var err error
	if d.Session, err = s.Session(ctx, id); err != nil {
		return d, err
	}
	rows, err := s.sql.QueryContext(ctx, `SELECT team_id, name, color, score, rank, removed, banned
		FROM session_teams WHERE session_id = ? ORDER BY removed OR banned, rank, name`, id)
	if err != nil {
		return d, fmt.Errorf("store: session detail: %w", err)
	}
	index := map[string]int{}
	for rows.Next() {
		var t Team
		var removed, banned int
		if err := rows.Scan(&t.ID, &t.Name, &t.Color, &t.Score, &t.Rank, &removed, &banned); err != nil {
			rows.Close()
			return d, err
		}
		t.Removed, t.Banned = removed != 0, banned != 0
		index[t.ID] = len(d.Teams)
		d.Teams = append(d.Teams, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, err
	}
	rows, err = s.sql.QueryContext(ctx, `SELECT team_id, first_name, last_name, collectivite, direction, category,
		identity, counted FROM session_members WHERE session_id = ? ORDER BY id`, id)
	if err != nil {
		return d, fmt.Errorf("store: session detail: %w", err)
	}
	for rows.Next() {
		var team string
		var m Member
		var counted int
		if err := rows.Scan(&team, &m.FirstName, &m.LastName, &m.Collectivite, &m.Direction, &m.Category,
			&m.Identity, &counted); err != nil {
			rows.Close()
			return d, err
		}
		m.Counted = counted != 0
		if !withNames {
			m.FirstName, m.LastName = "", ""
		}
		if i, ok := index[team]; ok {
			d.Teams[i].Members = append(d.Teams[i].Members, m)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, err
	}
	rows, err = s.sql.QueryContext(ctx, `SELECT card_id, MIN(engagement), COUNT(*), SUM(answered), SUM(good)
		FROM card_results WHERE session_id = ? GROUP BY card_id ORDER BY MIN(rowid)`, id)
	if err != nil {
		return d, fmt.Errorf("store: session detail: %w", err)
	}
	d.Cards, err = scanShares(rows)
	rows.Close()
	if err != nil {
		return d, err
	}
	rows, err = s.sql.QueryContext(ctx, `SELECT commitment_id, MIN(engagement), COUNT(*) FROM picks
		WHERE session_id = ? GROUP BY commitment_id ORDER BY 3 DESC, 1`, id)
	if err != nil {
		return d, fmt.Errorf("store: session detail: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p PickCount
		if err := rows.Scan(&p.Commitment, &p.Engagement, &p.Count); err != nil {
			return d, err
		}
		d.Picks = append(d.Picks, p)
	}
	return d, rows.Err()
}

// Agent is one distinct agent counted for a campaign (admin only: names).
type Agent struct {
	FirstName    string // "" once purged
	LastName     string
	Collectivite string
	Direction    string
	Category     string
	FirstSession string // the session that counted the agent
	CountedAt    int64
	Purged       bool
}

// Agents lists a campaign's counted agents, by last then first name.
func (s *DB) Agents(ctx context.Context, campaignID int64) ([]Agent, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT first_name, last_name, collectivite, direction, category,
		first_session, counted_at, purged FROM agents WHERE campaign_id = ?
		ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id`, campaignID)
	if err != nil {
		return nil, fmt.Errorf("store: agents: %w", err)
	}
	defer rows.Close()
	var out []Agent
	for rows.Next() {
		var a Agent
		var purged int
		if err := rows.Scan(&a.FirstName, &a.LastName, &a.Collectivite, &a.Direction, &a.Category,
			&a.FirstSession, &a.CountedAt, &purged); err != nil {
			return nil, err
		}
		a.Purged = purged != 0
		out = append(out, a)
	}
	return out, rows.Err()
}
