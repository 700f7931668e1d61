package game

import "strings"

// The shapes of the HTTP API (docs/architecture.md) that the server and its
// clients share: declared once here so that the server's answers and the
// clients' reading of them cannot drift.

// Limits of a session's creation form, with their reasons. The direction is
// bounded by MaxDirectionRunes, like a member's.
const (
	// MaxSiteRunes bounds a session's site: a building's name and address.
	MaxSiteRunes = 120
	// MaxExpected bounds the expected number of agents of a session: a
	// plenary of the whole organisation stays under it.
	MaxExpected = 10000
	// MaxDirections bounds the RSO cell's list of directions (the team
	// form's picker, GET /api/join's directions): the three collectivités
	// count a few dozen directions and services; past that a list is
	// slower to pick from than typing. Each name is at most
	// MaxDirectionRunes.
	MaxDirections = 60
)

// SessionRequest is the body of POST /api/sessions: what a partner chooses
// when creating a session.
type SessionRequest struct {
	Deck      string `json:"deck"`           // a deck id of GET /api/decks; "" is the standard deck
	Format    string `json:"format"`         // Format*; "" is FormatStandard
	Axis      int    `json:"axis,omitempty"` // FormatAxis only: 1 to len(Axes)
	Mode      Mode   `json:"mode"`           // "" is ModeTeam
	Direction string `json:"direction"`      // at most MaxDirectionRunes
	Site      string `json:"site"`           // at most MaxSiteRunes
	Expected  int    `json:"expected"`       // agents expected, 0 to MaxExpected (0: unknown)
	// TimeFactor: « temps adapté », every card's time times it, 1 to
	// MaxTimeFactor (0: 1).
	TimeFactor int `json:"timeFactor,omitempty"`
}

// SessionCreated answers POST /api/sessions.
type SessionCreated struct {
	ID      string `json:"id"`
	Code    string `json:"code"`
	JoinURL string `json:"joinUrl"`
	// LANJoinURL is set when JoinURL names this machine only (localhost,
	// 127.0.0.1: the board was opened on the server, without a public URL)
	// and the server has an address on the local network: the join URL
	// there, for phones.
	LANJoinURL string `json:"lanJoinUrl,omitempty"`
}

// SessionRecord is a session in GET /api/sessions (a list, newest first)
// and GET /api/sessions/{code} (one, with Results, Cards and, for an admin,
// Agents once finished).
type SessionRecord struct {
	ID        string       `json:"id"`
	Code      string       `json:"code"`
	State     string       `json:"state"` // "live", "closed" or "ended"
	Title     string       `json:"title"`
	Format    string       `json:"format"`
	Mode      Mode         `json:"mode"`
	Axis      int          `json:"axis,omitempty"`
	Direction string       `json:"direction"`
	Site      string       `json:"site"`
	Expected  int          `json:"expected"`
	Partner   string       `json:"partner"` // the partner's display name
	Deck      string       `json:"deck"`
	Created   int64        `json:"created"` // Unix ms
	Started   int64        `json:"started,omitempty"`
	Finished  int64        `json:"finished,omitempty"`
	Teams     int          `json:"teams"`
	Members   int          `json:"members"` // roster entries
	Added     int          `json:"added"`   // agents this session added to the campaign count (closed sessions)
	Live      *LiveSession `json:"live,omitempty"`
	JoinURL   string       `json:"joinUrl,omitempty"` // live sessions

	// One session only (GET /api/sessions/{code}), once finished.
	Results []SessionTeam  `json:"results,omitempty"`
	Cards   []SessionCard  `json:"cards,omitempty"`
	Agents  []SessionAgent `json:"agents,omitempty"` // admin only: names
}

// LiveSession is a live session at a glance (for the API and the
// dashboard).
type LiveSession struct {
	ID      string `json:"id"`
	Code    string `json:"code"`
	Phase   Phase  `json:"phase"`
	Teams   int    `json:"teams"`
	Members int    `json:"members"` // roster entries
	Online  int    `json:"online"`  // connected team devices
	Hosts   int    `json:"hosts"`   // connected host screens
}

// SessionTeam is one team's result in a finished session.
type SessionTeam struct {
	Name    string `json:"name"`
	Color   string `json:"color"`
	Score   int    `json:"score"`
	Rank    int    `json:"rank"`
	Members int    `json:"members"`
	Removed bool   `json:"removed,omitempty"`
	Banned  bool   `json:"banned,omitempty"`
}

// SessionCard is how one card of a finished session was answered.
type SessionCard struct {
	Card       string `json:"card"`
	Engagement int    `json:"engagement"`
	Answered   int    `json:"answered"`
	Good       int    `json:"good"`
	Total      int    `json:"total"`
	Percent    int    `json:"percent"`
}

// SessionAgent is one agent of a finished session (admin only).
type SessionAgent struct {
	Team         string `json:"team"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	Collectivite string `json:"collectivite"`
	Direction    string `json:"direction"`
	Category     string `json:"category,omitempty"`
	Counted      bool   `json:"counted"`
}

// JoinInfo answers GET /api/join/{code}: what a join form needs to know
// before joining, and no personal data (the team names are already on the
// projected board).
type JoinInfo struct {
	Code  string   `json:"code"`
	Title string   `json:"title"`
	Mode  Mode     `json:"mode"`
	Phase Phase    `json:"phase"`
	Teams []string `json:"teams"` // names of the teams in play (at most MaxHostList)
	// Campaign is the current campaign's year and goal (absent when there
	// is none): the join form says which campaign the names count for.
	Campaign *CampaignGoal `json:"campaign,omitempty"`
	// Directions is the RSO cell's list of directions, in its order (at
	// most MaxDirections, each at most MaxDirectionRunes): the team form
	// offers them, and « Autre (préciser) » for any other.
	Directions []string `json:"directions,omitempty"`
}

// CanonicalDirection is the entry of list that s names once folded (Fold:
// case, accents, spaces, hyphens and apostrophes do not count), or s
// trimmed when none does: « direction du NUMERIQUE » counts under
// « Direction du numérique ».
func CanonicalDirection(list []string, s string) string {
	f := Fold(s)
	for _, d := range list {
		if Fold(d) == f {
			return d
		}
	}
	return strings.TrimSpace(s)
}

// CampaignGoal is a campaign as a join form names it.
type CampaignGoal struct {
	Year int `json:"year"`
	Goal int `json:"goal"`
}
