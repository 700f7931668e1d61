package ui

import (
	"fmt"

	"metodd/game"
)

// Status sums up what the screen shows, for assistive technology (the
// browser build mirrors it into an aria-live region) and for end-to-end
// tests, which cannot read a canvas.
type Status struct {
	Screen   string     // home, login, create, setup (setup-directions: its list of directions open), team, host
	Phase    game.Phase // the session phase, on team and host screens
	Card     string     // the current card id
	Type     string     // its type
	Code     string     // the session code
	Teams    int        // teams in the session
	Answered bool       // team: this team answered the current card
	Count    int        // host: answers to the open card; after close, the campaign count
	Team     string     // team: its name
	Score    int        // team: its score
	Text     string     // a French sentence for screen readers
}

// announcer receives the status whenever it changes (platform specific).
var announcer = func(Status) {}

func (a *App) announce() {
	st := statusOf(a.scene)
	if st != a.lastStatus {
		a.lastStatus = st
		announcer(st)
	}
}

func statusOf(s scene) Status {
	switch s := s.(type) {
	case *homeScene:
		return Status{Screen: "home", Text: msgJoinTitle + " · " + msgHostTitle}
	case *loginScene:
		return Status{Screen: "login", Text: msgLoginTitle}
	case *createScene:
		return Status{Screen: "create", Text: msgCreateTitle}
	case *teamSetupScene:
		if s.pick.open { // the list of directions over the form
			return Status{Screen: "setup-directions", Code: s.code, Text: msgDirPickerTitle}
		}
		return Status{Screen: "setup", Code: s.code, Text: msgTeamTitle + " · " + fmt.Sprintf(msgSessionCode, s.code)}
	case *resumeScene:
		return Status{Screen: "resume", Code: s.code, Text: msgResuming}
	case *teamScene:
		v := s.view
		st := Status{Screen: "team", Phase: v.Session.Phase, Code: v.Session.Code, Teams: v.Teams, Answered: v.Answer != nil,
			Team: v.TeamName, Score: v.Score}
		if v.Removed {
			st.Phase = "removed"
		}
		if v.Card != nil {
			st.Card, st.Type = v.Card.ID, v.Card.Type
			st.Text = fmt.Sprintf(msgCardOf, v.Session.CardIndex, v.Session.CardCount) + " · " + typeLabel(v.Card.Type) + "\u00a0: " + v.Card.Prompt
		}
		if v.Campaign != nil {
			st.Count = v.Campaign.Count
		}
		return st
	case *hostScene:
		v := s.view
		st := Status{Screen: "host", Phase: v.Session.Phase, Code: s.created.Code, Teams: v.TeamCount, Count: v.Answered}
		if v.Card != nil {
			st.Card, st.Type = v.Card.ID, v.Card.Type
			st.Text = fmt.Sprintf(msgCardOf, v.Session.CardIndex, v.Session.CardCount) + " · " + answeredLabel(v)
		}
		if v.Session.Phase == game.PhaseCommitments {
			st.Count = v.Committed
		}
		if v.Campaign != nil {
			st.Count = v.Campaign.Count
			st.Text = fmt.Sprintf(msgCampaign, v.Campaign.Year, formatInt(v.Campaign.Count), formatInt(v.Campaign.Goal))
		}
		return st
	case *previewScene:
		if s.err != "" {
			return Status{Screen: "preview", Text: s.err}
		}
		return Status{Screen: "preview", Text: msgPreviewLoading}
	}
	return Status{Screen: "loading"}
}
