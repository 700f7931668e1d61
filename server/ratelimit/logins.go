package ratelimit

import (
	"context"
	"log/slog"
	"strings"
	"unicode/utf8"
)

// Failed logins are limited twice: per (login, address), one machine
// guessing one account, and per address, one machine trying many accounts.
// Only failures count: a right password is never held back by someone
// else's failures from another address, and never spends a token itself.
const (
	// LoginPairPerMinute, LoginPairBurst: a person mistyping tries a few
	// times in a row; 10 then 5 a minute hold a guesser to about 7,000
	// tries a day against bcrypt hashes: hopeless for a generated password
	// of 16 characters, and the log shows every one.
	LoginPairPerMinute = 5
	LoginPairBurst     = 10
	// LoginAddrPerMinute, LoginAddrBurst: all logins from one address. A
	// training room behind one NAT address (several partners logging in at
	// the start of a day) mistypes more than one person; 30 then 20 a
	// minute stop one machine spraying passwords over many accounts.
	LoginAddrPerMinute = 20
	LoginAddrBurst     = 30
)

// maxLoginKey bounds the login name kept as a key and logged: logins are
// 64 characters at most, anything longer is not a login.
const maxLoginKey = 64

// Result is the outcome of a login attempt.
type Result int

const (
	Success  Result = iota // the right password: logged in; nothing counted
	Failure                // wrong login or password: counted
	Disabled               // right password, disabled account: not counted (nothing guessed)
	Broken                 // the check could not run (database): not counted
	Limited                // refused before the check: this address spent its failures
)

func (r Result) String() string {
	switch r {
	case Success:
		return "ok"
	case Failure:
		return "refused"
	case Disabled:
		return "disabled"
	case Broken:
		return "error"
	case Limited:
		return "rate-limited"
	}
	return "unknown"
}

// LoginLimits are the numbers of a Logins guard.
type LoginLimits struct {
	PairPerMinute float64
	PairBurst     int
	AddrPerMinute float64
	AddrBurst     int
}

// DefaultLoginLimits are the limits above.
func DefaultLoginLimits() LoginLimits {
	return LoginLimits{LoginPairPerMinute, LoginPairBurst, LoginAddrPerMinute, LoginAddrBurst}
}

// Logins guards every password check of the program (the API's
// /api/login and the dashboard's login form share one): it limits failures
// and logs every attempt, never the password. Safe for concurrent use.
type Logins struct {
	pair, addr *Limiter
	log        *slog.Logger
}

// NewLogins returns a guard logging to log (slog.Default() when nil).
func NewLogins(lim LoginLimits, log *slog.Logger) *Logins {
	if log == nil {
		log = slog.Default()
	}
	return &Logins{pair: New(lim.PairPerMinute, lim.PairBurst), addr: New(lim.AddrPerMinute, lim.AddrBurst), log: log}
}

// LoginKey is how a login name is kept and logged: trimmed, at most 64
// characters, lower-cased for the key (logins ignore case).
func LoginKey(login string) string {
	login = strings.TrimSpace(login)
	if utf8.RuneCountInString(login) > maxLoginKey {
		login = string([]rune(login)[:maxLoginKey])
	}
	return strings.ToValidUTF8(login, "\uFFFD")
}

// Try runs check, the password check of login from addr, unless that
// address has spent its failures (for this login, or for all logins): then
// it returns Limited without checking. Tokens are taken before the check,
// so parallel guesses cannot pass together, and given back unless the
// check failed. via says which door was used ("api", "dashboard"). Every
// attempt is logged with the login, the address and the outcome.
func (g *Logins) Try(via, login, addr string, check func() Result) Result {
	name := LoginKey(login)
	pairKey := addr + "\x00" + strings.ToLower(name)
	res := Limited
	if g.addr.Allow(addr) {
		if g.pair.Allow(pairKey) {
			res = check()
			if res != Failure {
				g.pair.Refund(pairKey)
				g.addr.Refund(addr)
			}
		} else {
			g.addr.Refund(addr)
		}
	}
	level := slog.LevelWarn
	if res == Success {
		level = slog.LevelInfo
	}
	g.log.Log(context.Background(), level, "login", "via", via, "login", name, "addr", addr, "outcome", res.String())
	return res
}
