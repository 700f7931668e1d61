package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Campaign is a year's goal of agents sensitised. Exactly one campaign is
// current: new sessions count for it.
type Campaign struct {
	ID        int64
	Year      int
	Name      string
	Goal      int
	StartDate string // "YYYY-MM-DD"
	EndDate   string // "YYYY-MM-DD"
	Current   bool
	Created   int64
}

// DefaultGoal is the goal of the campaign created at first start: the
// programme's 2025 goal of 200 agents sensitised.
const DefaultGoal = 200

// YearCampaign is the default campaign for a year: the calendar year, goal
// DefaultGoal.
func YearCampaign(year int) Campaign {
	return Campaign{
		Year:      year,
		Name:      fmt.Sprintf("Campagne %d", year),
		Goal:      DefaultGoal,
		StartDate: fmt.Sprintf("%d-01-01", year),
		EndDate:   fmt.Sprintf("%d-12-31", year),
	}
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func checkCampaign(c Campaign) error {
	if c.Year < 2000 || c.Year > 2999 {
		return fmt.Errorf("store: campaign year %d out of range", c.Year)
	}
	if c.Goal < 0 {
		return errors.New("store: negative campaign goal")
	}
	if !validDate(c.StartDate) || !validDate(c.EndDate) || c.EndDate < c.StartDate {
		return fmt.Errorf("store: campaign dates %q..%q invalid", c.StartDate, c.EndDate)
	}
	return nil
}

// CreateCampaign adds a campaign; when c.Current it becomes the current one.
func (s *DB) CreateCampaign(ctx context.Context, c Campaign) (Campaign, error) {
	if err := checkCampaign(c); err != nil {
		return Campaign{}, err
	}
	c.Created = nowMs()
	err := s.tx(ctx, func(t *sql.Tx) error {
		if c.Current {
			if _, err := t.ExecContext(ctx, "UPDATE campaigns SET current = 0 WHERE current = 1"); err != nil {
				return err
			}
		}
		r, err := t.ExecContext(ctx, `INSERT INTO campaigns (year, name, goal, start_date, end_date, current, created)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.Year, c.Name, c.Goal, c.StartDate, c.EndDate, boolInt(c.Current), c.Created)
		if err != nil {
			return err
		}
		c.ID, err = r.LastInsertId()
		return err
	})
	if err != nil {
		return Campaign{}, fmt.Errorf("store: create campaign: %w", err)
	}
	return c, nil
}

// UpdateCampaign changes a campaign's year, name, goal and dates (not which
// one is current: see SetCurrentCampaign).
func (s *DB) UpdateCampaign(ctx context.Context, c Campaign) error {
	if err := checkCampaign(c); err != nil {
		return err
	}
	return s.tx(ctx, func(t *sql.Tx) error {
		r, err := t.ExecContext(ctx, `UPDATE campaigns SET year = ?, name = ?, goal = ?, start_date = ?, end_date = ?
			WHERE id = ?`, c.Year, c.Name, c.Goal, c.StartDate, c.EndDate, c.ID)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// SetCurrentCampaign makes campaign id the current one.
func (s *DB) SetCurrentCampaign(ctx context.Context, id int64) error {
	return s.tx(ctx, func(t *sql.Tx) error {
		var n int
		if err := t.QueryRowContext(ctx, "SELECT COUNT(*) FROM campaigns WHERE id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		if _, err := t.ExecContext(ctx, "UPDATE campaigns SET current = 0 WHERE current = 1"); err != nil {
			return err
		}
		_, err := t.ExecContext(ctx, "UPDATE campaigns SET current = 1 WHERE id = ?", id)
		return err
	})
}

const campaignCols = "id, year, name, goal, start_date, end_date, current, created"

func scanCampaign(row interface{ Scan(...any) error }) (Campaign, error) {
	var c Campaign
	var cur int
	err := row.Scan(&c.ID, &c.Year, &c.Name, &c.Goal, &c.StartDate, &c.EndDate, &cur, &c.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return Campaign{}, ErrNotFound
	}
	c.Current = cur != 0
	return c, err
}

// CurrentCampaign returns the current campaign; ErrNotFound if none.
func (s *DB) CurrentCampaign(ctx context.Context) (Campaign, error) {
	return scanCampaign(s.queryRow(ctx, "SELECT "+campaignCols+" FROM campaigns WHERE current = 1"))
}

// Campaign returns one campaign.
func (s *DB) Campaign(ctx context.Context, id int64) (Campaign, error) {
	return scanCampaign(s.sql.QueryRowContext(ctx, "SELECT "+campaignCols+" FROM campaigns WHERE id = ?", id))
}

// Campaigns lists every campaign, the most recent year first.
func (s *DB) Campaigns(ctx context.Context) ([]Campaign, error) {
	rows, err := s.sql.QueryContext(ctx, "SELECT "+campaignCols+" FROM campaigns ORDER BY year DESC, id DESC")
	if err != nil {
		return nil, fmt.Errorf("store: campaigns: %w", err)
	}
	defer rows.Close()
	var out []Campaign
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CampaignCount is the number of distinct agents counted for a campaign.
func (s *DB) CampaignCount(ctx context.Context, campaignID int64) (int, error) {
	var n int
	err := s.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM agents WHERE campaign_id = ?", campaignID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: campaign count: %w", err)
	}
	return n, nil
}
