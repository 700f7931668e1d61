package ui

import (
	"context"
	"errors"
	"time"

	"metodd/game"
	"metodd/game/client"
)

// NewBackend is the Backend of a real server at base ("http://host:port"),
// over game/client.
func NewBackend(base string) Backend { return &netBackend{base: base} }

type netBackend struct{ base string }

func (b *netBackend) api(token string) *client.API {
	api := client.NewAPI(b.base)
	api.Token = token
	return api
}

// fromAPI turns an API refusal into a UserError carrying its French text.
func fromAPI(err error) error {
	var ae *client.APIError
	if errors.As(err, &ae) && ae.Message != "" {
		return &UserError{Message: ae.Message}
	}
	return err
}

func (b *netBackend) Login(ctx context.Context, login, password string) (Account, error) {
	r, err := b.api("").Login(ctx, login, password)
	if err != nil {
		return Account{}, fromAPI(err)
	}
	return Account{Token: r.Token, Role: r.Role, Name: r.Name}, nil
}

func (b *netBackend) Decks(ctx context.Context, token string) ([]DeckInfo, error) {
	ds, err := b.api(token).Decks(ctx)
	if err != nil {
		return nil, fromAPI(err)
	}
	out := make([]DeckInfo, len(ds))
	for i, d := range ds {
		out[i] = DeckInfo{ID: d.ID, Title: d.Title, Cards: d.Cards}
	}
	return out, nil
}

func (b *netBackend) CreateSession(ctx context.Context, token string, req SessionRequest) (SessionCreated, error) {
	r, err := b.api(token).CreateSession(ctx, req)
	if err != nil {
		return SessionCreated{}, fromAPI(err)
	}
	return r, nil
}

func (b *netBackend) JoinTeam(ctx context.Context, code string, j game.Join) (TeamConn, error) {
	url, err := client.WebSocketURL(b.base)
	if err != nil {
		return nil, &UserError{Message: msgBadServer}
	}
	j.Code = code
	c := client.Join(url, j, client.Options{MaxAttempts: firstDialAttempts})
	if err := welcomed(ctx, c); err != nil {
		return nil, err
	}
	return &netConn{c: c}, nil
}

func (b *netBackend) ResumeTeam(ctx context.Context, code, token string) (TeamConn, error) {
	url, err := client.WebSocketURL(b.base)
	if err != nil {
		return nil, &UserError{Message: msgBadServer}
	}
	c := client.ResumeWith(url, game.Resume{Code: code, Token: token}, client.Options{MaxAttempts: firstDialAttempts})
	if err := welcomed(ctx, c); err != nil {
		return nil, err
	}
	return &netConn{c: c}, nil
}

func (b *netBackend) JoinInfo(ctx context.Context, code string) (JoinInfo, error) {
	j, err := b.api("").JoinInfo(ctx, code)
	if err != nil {
		return JoinInfo{}, fromAPI(err)
	}
	info := JoinInfo{Title: j.Title, Mode: j.Mode, Phase: j.Phase, Teams: j.Teams, Directions: j.Directions}
	if j.Campaign != nil {
		info.Year = j.Campaign.Year
	}
	return info, nil
}

func (b *netBackend) Host(ctx context.Context, code, token string) (HostConn, error) {
	url, err := client.WebSocketURL(b.base)
	if err != nil {
		return nil, &UserError{Message: msgBadServer}
	}
	c := client.Host(url, code, token, client.Options{})
	if err := welcomed(ctx, c); err != nil {
		return nil, err
	}
	return &netConn{c: c}, nil
}

// firstDialAttempts: a join that cannot reach the server after a few tries
// reports it to the person instead of spinning; once welcomed, the
// connection retries for as long as it takes.
const firstDialAttempts = 4

// welcomed waits for the server's welcome (and first view) or a refusal.
func welcomed(ctx context.Context, c *client.Conn) error {
	s, err := c.WaitFor(ctx, func(s client.State) bool {
		return s.Welcome != nil && (s.Team != nil || s.Host != nil)
	})
	if err == nil {
		return nil
	}
	c.Close()
	switch {
	case s.Error != nil && s.Error.Message != "":
		return &UserError{Message: s.Error.Message}
	case s.Bye != nil && s.Bye.Message != "":
		return &UserError{Message: s.Bye.Message}
	}
	return err
}

// netConn adapts client.Conn to TeamConn and HostConn.
type netConn struct{ c *client.Conn }

func (n *netConn) Version() uint64 { return n.c.Version() }

func (n *netConn) Send(cmd game.Command) error {
	return n.c.Send(cmd.Kind, client.Payload{
		TeamID: cmd.TeamID, Points: cmd.Points, Seconds: cmd.Seconds,
		Members: cmd.Members, Answer: cmd.Answer, Chosen: cmd.Chosen,
	})
}

func (n *netConn) State() (ConnState, string) {
	s := n.c.Snapshot()
	switch s.Status {
	case client.StatusConnected:
		return ConnOnline, ""
	case client.StatusClosed:
		return ConnClosed, client.StatusText(s)
	}
	return ConnReconnecting, client.StatusText(s)
}

func (n *netConn) Notice() (uint64, string) {
	s := n.c.Snapshot()
	if s.Error == nil {
		return uint64(s.ErrorCount), ""
	}
	return uint64(s.ErrorCount), s.Error.Message
}

// Changed is closed at the next change of the connection's state: it wakes
// a frame in Ebiten's event-driven mode (pace.go).
func (n *netConn) Changed() <-chan struct{} { return n.c.Changed() }

func (n *netConn) ViewAt() time.Time { return n.c.Snapshot().ViewAt }

func (n *netConn) Close() { n.c.Close() }

func (n *netConn) welcome() (role game.Role, code, token string) {
	if w := n.c.Snapshot().Welcome; w != nil {
		return w.Role, w.Code, w.Token
	}
	return "", "", ""
}

func (n *netConn) byeReason() game.ByeReason {
	if b := n.c.Snapshot().Bye; b != nil {
		return b.Reason
	}
	return ""
}

func (n *netConn) TeamView() game.TeamView {
	if v := n.c.Snapshot().Team; v != nil {
		return *v
	}
	return game.TeamView{}
}

func (n *netConn) HostView() game.HostView {
	if v := n.c.Snapshot().Host; v != nil {
		return *v
	}
	return game.HostView{}
}
