package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
	"metodd/game/client"
)

// The deck editor's preview (server/dashboard/editor.go): the client opened
// on /?preview=<deck>/<card>&vue=plateau|equipe fetches that draft card
// from the dashboard and plays it in a one-card session run here, with the
// rules' own views (game.Session) drawn by the real host and team scenes.
// So the preview is the game's drawing, never an imitation of it. The
// partner may click through to the reveal; nothing is sent to the server.

// Preview roles (the vue parameter).
const (
	PreviewBoard = "plateau"
	PreviewTeam  = "equipe"
)

// previewCode is the code shown on the preview's board: not a real session.
const previewCode = "APERCU"

// previewPlayer is the one team's player id in the preview session.
const previewPlayer = "apercu-equipe"

// previewScene waits for the card, then hands over to the host or team
// scene; it shows the error when the card cannot be read.
type previewScene struct {
	err string
}

func newPreview(a *App) scene {
	s := &previewScene{}
	ref, role := a.opts.Preview, a.opts.PreviewRole
	a.async(func(ctx context.Context) func() {
		card, err := client.NewAPI(a.opts.Server).PreviewCard(ctx, ref)
		return func() {
			if err != nil {
				s.err = fmt.Sprintf(msgPreviewError, err)
				a.invalidate()
				return
			}
			conn, err := newPreviewConn(card, a.now)
			if err != nil {
				s.err = fmt.Sprintf(msgPreviewError, err)
				a.invalidate()
				return
			}
			if role == PreviewTeam {
				a.goTo(newTeamScene(a, conn, nil))
			} else {
				a.goTo(newHostScene(a, conn, SessionCreated{Code: previewCode}))
			}
		}
	})
	return s
}

func (s *previewScene) update(a *App) {}

func (s *previewScene) draw(a *App, c *canvas) {
	msg := msgPreviewLoading
	if s.err != "" {
		msg = s.err
	}
	box := a.screen().centered(900, 200)
	c.card(box, colCard)
	c.text(box.inset(30), msg, textStyle{size: 30, bold: true, col: colInk, align: text.AlignCenter, valign: text.AlignCenter})
}

// previewConn is a one-card session played locally: the host and the one
// team's commands apply to it at once.
type previewConn struct {
	s       *game.Session
	now     func() time.Time
	version uint64
	at      time.Time
}

func newPreviewConn(card game.Card, now func() time.Time) (*previewConn, error) {
	deck := &game.Deck{ID: "apercu", Title: msgPreviewTitle, Cards: []game.Card{card},
		Commitments: []game.Commitment{{ID: "apercu", Text: msgPreviewTitle, Engagement: card.Engagement}}}
	s, err := game.NewSession(deck, game.Config{Code: previewCode, Title: msgPreviewTitle, Format: game.FormatExpress, Mode: game.ModeTeam})
	if err != nil {
		return nil, err
	}
	p := &previewConn{s: s, now: now, version: 1, at: now()}
	member := game.Member{FirstName: msgPreviewFirst, LastName: msgPreviewLast, Collectivite: game.Collectivites[0], Category: "A"}
	for _, c := range []game.Command{
		{Kind: game.KindJoin, Actor: previewPlayer, Join: &game.Join{Code: previewCode, Team: msgPreviewTeam, Members: []game.Member{member}}},
		{Kind: game.KindStart, Actor: game.HostActor},
	} {
		c.At = now().UnixMilli()
		if _, err := s.Apply(c); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *previewConn) Version() uint64 { return p.version }

// Send applies the command as the host's, or the team's when it is an
// answer or a commitment.
func (p *previewConn) Send(c game.Command) error {
	c.Actor = game.HostActor
	if c.Kind == game.KindAnswer || c.Kind == game.KindCommit {
		c.Actor = previewPlayer
	}
	c.At = p.now().UnixMilli()
	if _, err := p.s.Apply(c); err == nil {
		p.version++
		p.at = p.now()
	}
	return nil
}

func (p *previewConn) State() (ConnState, string) { return ConnOnline, "" }
func (p *previewConn) Notice() (uint64, string)   { return 0, "" }
func (p *previewConn) ViewAt() time.Time          { return p.at }
func (p *previewConn) Close()                     {}
func (p *previewConn) HostView() game.HostView    { return p.s.HostView(p.at.UnixMilli()) }
func (p *previewConn) TeamView() game.TeamView {
	v, _ := p.s.TeamView(previewPlayer, p.at.UnixMilli())
	return v
}
