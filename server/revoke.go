package server

import (
	"time"

	"metodd/game"
	"metodd/server/store"
)

// Revocation: a host websocket is opened with a login token. When that
// login ends (the account is disabled or given a new password: all its
// tokens; a logout: that token), the store says so (store.DB.OnRevoke) and
// every host websocket opened with it gets bye "revoked" at once; its
// reader stops applying anything from then on (readLoop). The store has
// already deleted the tokens, so a reconnection is refused.

// revoker is the store's side (*store.DB implements it).
type revoker interface {
	OnRevoke(fn func(store.Revocation))
}

// hostAttached records a host websocket whose hello was accepted, and
// ends it when its login token expires (a token is worth loginTTL; the
// socket opened with it is worth no more).
func (s *Server) hostAttached(c *conn) {
	code := c.hub.code
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.hostConns[c]; ok {
		old.expiry.Stop() // a second hello on the same socket
	}
	s.hostConns[c] = &hostConn{expiry: time.AfterFunc(time.Until(c.tokenUntil), func() {
		s.log.Info("host connection expired", "account", c.account, "addr", c.addr, "session", code)
		c.bye(game.ByeRevoked)
	})}
}

// hostConn is what the server keeps of a host websocket.
type hostConn struct {
	expiry *time.Timer // ends it when its token expires
}

// hostDetached forgets a connection that ended (any role).
func (s *Server) hostDetached(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h, ok := s.hostConns[c]; ok {
		h.expiry.Stop()
		delete(s.hostConns, c)
	}
}

// revoke ends the host websockets of a login that ended. Called by the
// store after the change is committed; it only queues byes, so it never
// blocks.
func (s *Server) revoke(r store.Revocation) {
	s.mu.Lock()
	var ended []*conn
	for c := range s.hostConns {
		if (r.AccountID != 0 && c.account == r.AccountID) || (r.TokenHash != "" && c.token == r.TokenHash) {
			ended = append(ended, c)
		}
	}
	s.mu.Unlock()
	for _, c := range ended {
		s.log.Info("host connection revoked", "account", c.account, "addr", c.addr, "session", c.hub.code)
		c.bye(game.ByeRevoked)
	}
}
