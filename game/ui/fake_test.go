package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"metodd/game"
)

// fakeConn hands fixed views to a scene and records what it sends.
type fakeConn struct {
	mu      sync.Mutex
	version uint64
	team    game.TeamView
	host    game.HostView
	sent    []game.Command
	state   ConnState
	at      time.Time
	notice  uint64
	msg     string

	role        game.Role // the Welcome and the last bye
	code, token string
	bye         game.ByeReason
}

func (f *fakeConn) Version() uint64 { f.mu.Lock(); defer f.mu.Unlock(); return f.version }
func (f *fakeConn) Send(c game.Command) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, c)
	return nil
}
func (f *fakeConn) State() (ConnState, string) { return f.state, "" }
func (f *fakeConn) Notice() (uint64, string)   { return f.notice, f.msg }
func (f *fakeConn) ViewAt() time.Time          { return f.at }
func (f *fakeConn) Close()                     {}
func (f *fakeConn) TeamView() game.TeamView    { f.mu.Lock(); defer f.mu.Unlock(); return f.team }
func (f *fakeConn) HostView() game.HostView    { f.mu.Lock(); defer f.mu.Unlock(); return f.host }

func (f *fakeConn) setTeam(v game.TeamView) { f.mu.Lock(); f.team = v; f.version++; f.mu.Unlock() }
func (f *fakeConn) setHost(v game.HostView) { f.mu.Lock(); f.host = v; f.version++; f.mu.Unlock() }

// fakeBackend answers the API from memory.
type fakeBackend struct {
	joined  *game.Join
	resumed []string // tokens given to ResumeTeam
	info    JoinInfo // what JoinInfo answers for K7PM3Q
	infoErr error    // JoinInfo fails so (a network failure) when set
	team    *fakeConn
	host    *fakeConn
}

func (b *fakeBackend) Login(_ context.Context, login, password string) (Account, error) {
	if password != "secret" {
		return Account{}, &UserError{Message: "Identifiant ou mot de passe incorrect."}
	}
	return Account{Token: "t", Role: "partner", Name: "Camille Martin"}, nil
}
func (b *fakeBackend) Decks(context.Context, string) ([]DeckInfo, error) {
	return []DeckInfo{{ID: "bilan-rso-2024", Title: "mét'ODD — bilan RSO 2024", Cards: 64}}, nil
}
func (b *fakeBackend) CreateSession(_ context.Context, _ string, req SessionRequest) (SessionCreated, error) {
	return SessionCreated{ID: "1", Code: "K7PM3Q", JoinURL: "http://metodd.dijon.local/?code=K7PM3Q"}, nil
}
func (b *fakeBackend) JoinTeam(_ context.Context, code string, j game.Join) (TeamConn, error) {
	if code != "K7PM3Q" {
		return nil, &UserError{Message: "Code inconnu."}
	}
	b.joined = &j
	return b.team, nil
}
func (b *fakeBackend) Host(context.Context, string, string) (HostConn, error) {
	if b.host == nil {
		return nil, errors.New("no host")
	}
	return b.host, nil
}

// ResumeTeam accepts the token "tok-1" for K7PM3Q and refuses any other.
func (b *fakeBackend) ResumeTeam(_ context.Context, code, token string) (TeamConn, error) {
	b.resumed = append(b.resumed, token)
	if code != "K7PM3Q" || token != "tok-1" {
		return nil, &UserError{Message: "Reprise refusée : rejoignez la partie à nouveau."}
	}
	return b.team, nil
}

// welcome and byeReason make fakeConn a teamSession.
func (f *fakeConn) welcome() (role game.Role, code, token string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.role, f.code, f.token
}
func (f *fakeConn) byeReason() game.ByeReason { f.mu.Lock(); defer f.mu.Unlock(); return f.bye }

// memStore is a TeamStore in memory.
type memStore struct {
	t  SavedTeam
	ok bool
}

func (m *memStore) Load() (SavedTeam, bool) { return m.t, m.ok }
func (m *memStore) Save(t SavedTeam) error  { m.t, m.ok = t, true; return nil }
func (m *memStore) Clear() error            { m.t, m.ok = SavedTeam{}, false; return nil }

func (b *fakeBackend) JoinInfo(_ context.Context, code string) (JoinInfo, error) {
	if b.infoErr != nil {
		return JoinInfo{}, b.infoErr
	}
	if code != "K7PM3Q" {
		return JoinInfo{}, &UserError{Message: "Aucune séance ne porte ce code."}
	}
	return b.info, nil
}
