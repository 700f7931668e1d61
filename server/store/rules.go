package store

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"unicode/utf8"

	"metodd/game"
	"metodd/game/deckfile"
)

// The rules of accounts, one definition for every way to create one (the
// JSON API, the dashboard, the command line): CreateAccount enforces them
// and says what is wrong in French (*AccountError).

// Account limits, with their reasons.
const (
	// MinPasswordLen is the shortest password accepted: with bcrypt and a
	// rate-limited login, 8 characters resist online guessing.
	MinPasswordLen = 8
	// MaxPasswordBytes is bcrypt's limit: it ignores what follows, so a
	// longer password would be silently cut.
	MaxPasswordBytes = 72
	// MaxLoginLen keeps a login typable and readable in logs.
	MaxLoginLen = 64
	// MaxNameRunes bounds an account's display name: it fits the
	// dashboard's tables and the sessions list.
	MaxNameRunes = 100
	// GeneratedPasswordLen: 12 characters of a 54-symbol alphabet is about
	// 69 bits, far out of reach of guessing behind bcrypt and a
	// rate-limited login, and short enough to dictate on the phone.
	GeneratedPasswordLen = 12
)

// loginPattern is what a login may hold: it is typed on a keyboard and
// appears in URLs and logs.
var loginPattern = regexp.MustCompile(fmt.Sprintf(`^[A-Za-z0-9._-]{1,%d}$`, MaxLoginLen))

// ValidLogin reports whether s may be a login.
func ValidLogin(s string) bool { return loginPattern.MatchString(s) }

// GeneratePassword draws a password for a new account (GeneratedPasswordLen
// characters without look-alikes).
func GeneratePassword() string { return NewPassword(GeneratedPasswordLen) }

// AccountError is a refused account: Message is French, for the person
// who typed it.
type AccountError struct {
	Message string
}

func (e *AccountError) Error() string { return "store: " + e.Message }

// The refusals of CheckAccount, formatted from the limits.
var (
	ErrBadLogin = &AccountError{fmt.Sprintf(
		"Identifiant invalide : lettres, chiffres, point, tiret ou souligné, %d caractères au plus.", MaxLoginLen)}
	ErrNameTooLong  = &AccountError{fmt.Sprintf("Nom trop long (%d caractères au plus).", MaxNameRunes)}
	ErrWeakPassword = &AccountError{fmt.Sprintf("Mot de passe trop court (%d caractères au moins).", MinPasswordLen)}
	ErrLongPassword = &AccountError{fmt.Sprintf("Mot de passe trop long (%d octets au plus).", MaxPasswordBytes)}
	ErrBadName      = &AccountError{"Nom invalide : texte illisible."}
)

// CheckAccount applies the account rules to what CreateAccount would store
// (login and name already trimmed) and returns the first refusal, or nil.
func CheckAccount(login, name, password string) error {
	switch {
	case !ValidLogin(login):
		return ErrBadLogin
	case !utf8.ValidString(name):
		return ErrBadName
	case utf8.RuneCountInString(name) > MaxNameRunes:
		return ErrNameTooLong
	case utf8.RuneCountInString(password) < MinPasswordLen:
		return ErrWeakPassword
	case len(password) > MaxPasswordBytes:
		return ErrLongPassword
	}
	return nil
}

// deckCache holds parsed deck versions: a stored version never changes, so
// it is parsed once for the server and the dashboard alike.
type deckCache struct {
	mu sync.Mutex
	m  map[int64]*game.Deck
}

// ParsedDeck returns the parsed deck of a stored version, parsing it once.
func (s *DB) ParsedDeck(ctx context.Context, version int64) (*game.Deck, error) {
	s.decks.mu.Lock()
	d := s.decks.m[version]
	s.decks.mu.Unlock()
	if d != nil {
		return d, nil
	}
	rec, err := s.DeckVersion(ctx, version)
	if err != nil {
		return nil, err
	}
	d, err = deckfile.ParseDeck(rec.ID+".yaml", rec.YAML)
	if err != nil {
		return nil, err
	}
	s.decks.mu.Lock()
	if s.decks.m == nil {
		s.decks.m = map[int64]*game.Deck{}
	}
	s.decks.m[version] = d
	s.decks.mu.Unlock()
	return d, nil
}
