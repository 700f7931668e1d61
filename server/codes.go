package server

import (
	"strings"

	"metodd/server/store"
)

// codeAlphabet has no look-alikes (no I, L, O, 0, 1): a code read off a
// projector at the back of a room is typed right.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// codeLen gives 31^6 ≈ 887 million codes: with a few live sessions and
// guessing rate-limited per address, a code cannot be found by trying.
const codeLen = 6

// newCode draws a random join code.
func newCode() string {
	return store.RandomString(codeAlphabet, codeLen)
}

// normalizeCode folds what a person types into a code: case, spaces and
// dashes ignored.
func normalizeCode(s string) string {
	s = strings.ToUpper(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// validCode reports whether s could be a join code.
func validCode(s string) bool {
	if len(s) != codeLen {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune(codeAlphabet, r) {
			return false
		}
	}
	return true
}

// Error codes the server adds to the rules' (game.Code*) for connections
// and messages: stable, for programs; the French messages are in
// messages.go. Where the rules have the code (not-host, not-team,
// session-over), the server uses theirs, with their message.
const (
	codeBadJSON        = "bad-json"
	codeBadData        = "bad-data"
	codeBadVersion     = "bad-version"
	codeUnknownType    = "unknown-type"
	codeNotJoined      = "not-joined"
	codeAlreadyJoined  = "already-joined"
	codeNoSession      = "no-session"
	codeBadToken       = "bad-token"
	codeForbidden      = "forbidden"
	codeRateLimited    = "rate-limited"
	codeServerError    = "server-error"
	codeBinary         = "binary"
	codeServerOnlyKind = "server-only"
	codeLogFull        = "log-full" // a player's or the session's command log budget is spent
)
