package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Roles.
const (
	RoleAdmin   = "admin"   // the RSO cell: everything, names included
	RolePartner = "partner" // a partenaire mét'ODD: its own sessions
)

// PasswordCost is bcrypt's work factor: about 100 ms per login on a small
// server, slow enough against guessing from a stolen file, fast enough to
// log in. Tests lower it (bcrypt.MinCost) to run quickly; nothing else
// should change it.
var PasswordCost = 11

// Account is a login of the admin or of a partner.
type Account struct {
	ID       int64
	Login    string
	Name     string
	Role     string
	Disabled bool
	Created  int64 // Unix ms
}

// IsAdmin reports whether the account is the RSO cell's.
func (a Account) IsAdmin() bool { return a.Role == RoleAdmin }

// NewAccount is what CreateAccount needs.
type NewAccount struct {
	Login    string
	Name     string
	Role     string
	Password string // stored as a bcrypt hash
}

// CreateAccount adds an account; ErrExists when the login is taken, an
// *AccountError when it breaks the account rules (CheckAccount).
func (s *DB) CreateAccount(ctx context.Context, a NewAccount) (Account, error) {
	a.Login = strings.TrimSpace(a.Login)
	a.Name = strings.TrimSpace(a.Name)
	if err := CheckAccount(a.Login, a.Name, a.Password); err != nil {
		return Account{}, err
	}
	if a.Role != RoleAdmin && a.Role != RolePartner {
		return Account{}, fmt.Errorf("store: unknown role %q", a.Role)
	}
	if a.Name == "" {
		a.Name = a.Login
	}
	hash, err := hashPassword(a.Password)
	if err != nil {
		return Account{}, err
	}
	acc := Account{Login: a.Login, Name: a.Name, Role: a.Role, Created: nowMs()}
	err = s.tx(ctx, func(t *sql.Tx) error {
		var n int
		if err := t.QueryRowContext(ctx, "SELECT COUNT(*) FROM accounts WHERE login = ?", a.Login).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrExists
		}
		r, err := t.ExecContext(ctx, `INSERT INTO accounts (login, name, role, password_hash, created)
			VALUES (?, ?, ?, ?, ?)`, acc.Login, acc.Name, acc.Role, hash, acc.Created)
		if err != nil {
			return err
		}
		acc.ID, err = r.LastInsertId()
		return err
	})
	if err != nil {
		return Account{}, fmt.Errorf("store: create account %q: %w", a.Login, err)
	}
	return acc, nil
}

func hashPassword(p string) (string, error) {
	if utf8.RuneCountInString(p) < MinPasswordLen {
		return "", ErrWeakPassword
	}
	if len(p) > MaxPasswordBytes {
		return "", ErrLongPassword
	}
	h, err := bcrypt.GenerateFromPassword([]byte(p), PasswordCost)
	if err != nil {
		return "", fmt.Errorf("store: hash password: %w", err)
	}
	return string(h), nil
}

const accountCols = "id, login, name, role, disabled, created"

func scanAccount(row interface{ Scan(...any) error }) (Account, error) {
	var a Account
	var disabled int
	if err := row.Scan(&a.ID, &a.Login, &a.Name, &a.Role, &disabled, &a.Created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Account{}, ErrNotFound
		}
		return Account{}, err
	}
	a.Disabled = disabled != 0
	return a, nil
}

// dummyHash is compared against when the login does not exist, so a wrong
// login takes as long as a wrong password (no account enumeration by time).
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("metodd-dummy-password"), PasswordCost)
	return h
})

// Authenticate checks a login and password: ErrBadPassword when either is
// wrong, ErrDisabled when the account is disabled.
func (s *DB) Authenticate(ctx context.Context, login, password string) (Account, error) {
	var hash string
	var a Account
	var disabled int
	err := s.sql.QueryRowContext(ctx, "SELECT "+accountCols+", password_hash FROM accounts WHERE login = ?",
		strings.TrimSpace(login)).Scan(&a.ID, &a.Login, &a.Name, &a.Role, &disabled, &a.Created, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return Account{}, ErrBadPassword
	}
	if err != nil {
		return Account{}, fmt.Errorf("store: authenticate: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		return Account{}, ErrBadPassword
	}
	a.Disabled = disabled != 0
	if a.Disabled {
		return Account{}, ErrDisabled
	}
	return a, nil
}

// Revocation says which logins just ended: every token of AccountID (the
// account was disabled or given a new password), or the one token whose
// hash is TokenHash (a logout). Whoever holds a connection opened with
// such a login (the server's host websockets) must end it.
type Revocation struct {
	AccountID int64
	TokenHash string
}

// revokeHooks are the functions OnRevoke registered, by database handle.
var revokeHooks struct {
	sync.Mutex
	by map[*DB][]func(Revocation)
}

// OnRevoke registers fn to be called, after the change is committed, each
// time logins end: SetDisabled(true), SetPassword, DeleteToken. fn must
// not block.
func (s *DB) OnRevoke(fn func(Revocation)) {
	revokeHooks.Lock()
	defer revokeHooks.Unlock()
	if revokeHooks.by == nil {
		revokeHooks.by = map[*DB][]func(Revocation){}
	}
	revokeHooks.by[s] = append(revokeHooks.by[s], fn)
}

func (s *DB) revoked(r Revocation) {
	revokeHooks.Lock()
	fns := revokeHooks.by[s]
	revokeHooks.Unlock()
	for _, fn := range fns {
		fn(r)
	}
}

// SetPassword replaces an account's password and logs it out everywhere.
func (s *DB) SetPassword(ctx context.Context, id int64, password string) (err error) {
	hash, herr := hashPassword(password)
	if herr != nil {
		return herr
	}
	defer func() {
		if err == nil {
			s.revoked(Revocation{AccountID: id})
		}
	}()
	return s.tx(ctx, func(t *sql.Tx) error {
		r, err := t.ExecContext(ctx, "UPDATE accounts SET password_hash = ? WHERE id = ?", hash, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		_, err = t.ExecContext(ctx, "DELETE FROM auth_tokens WHERE account_id = ?", id)
		return err
	})
}

// SetDisabled disables (or enables again) an account; disabling logs it out.
func (s *DB) SetDisabled(ctx context.Context, id int64, disabled bool) (err error) {
	defer func() {
		if err == nil && disabled {
			s.revoked(Revocation{AccountID: id})
		}
	}()
	return s.tx(ctx, func(t *sql.Tx) error {
		r, err := t.ExecContext(ctx, "UPDATE accounts SET disabled = ? WHERE id = ?", boolInt(disabled), id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if disabled {
			_, err = t.ExecContext(ctx, "DELETE FROM auth_tokens WHERE account_id = ?", id)
		}
		return err
	})
}

// Account returns the account with that id.
func (s *DB) Account(ctx context.Context, id int64) (Account, error) {
	return scanAccount(s.sql.QueryRowContext(ctx, "SELECT "+accountCols+" FROM accounts WHERE id = ?", id))
}

// AccountByLogin returns the account with that login (case ignored).
func (s *DB) AccountByLogin(ctx context.Context, login string) (Account, error) {
	return scanAccount(s.sql.QueryRowContext(ctx, "SELECT "+accountCols+" FROM accounts WHERE login = ?", strings.TrimSpace(login)))
}

// Accounts lists every account, admins first, then by name.
func (s *DB) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.sql.QueryContext(ctx, "SELECT "+accountCols+" FROM accounts ORDER BY role = 'partner', name COLLATE NOCASE")
	if err != nil {
		return nil, fmt.Errorf("store: accounts: %w", err)
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// NewToken returns a fresh random token (256 bits, URL-safe) for logins
// and resume tokens.
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// passwordAlphabet has no look-alikes (no i, l, o, I, L, O, 0, 1): a
// generated password is read off a screen or dictated, and typed.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewPassword draws a password of n characters without look-alikes.
func NewPassword(n int) string {
	return RandomString(passwordAlphabet, n)
}

// RandomString draws n characters of alphabet (ASCII), each equally likely,
// from crypto/rand.
func RandomString(alphabet string, n int) string {
	var b strings.Builder
	size := big.NewInt(int64(len(alphabet)))
	for range n {
		i, _ := rand.Int(rand.Reader, size) // crypto/rand never fails
		b.WriteByte(alphabet[i.Int64()])
	}
	return b.String()
}

// HashToken is how tokens are stored: SHA-256, hex. Tokens are random and
// long, so a plain hash is enough (no salt or slow hash needed).
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// CreateToken starts a login session for the account, valid for ttl, and
// returns its token (only its hash is stored).
func (s *DB) CreateToken(ctx context.Context, accountID int64, ttl time.Duration) (string, error) {
	tok := NewToken()
	now := nowMs()
	err := s.tx(ctx, func(t *sql.Tx) error {
		// Forget expired tokens while we are writing anyway.
		if _, err := t.ExecContext(ctx, "DELETE FROM auth_tokens WHERE expires < ?", now); err != nil {
			return err
		}
		_, err := t.ExecContext(ctx, "INSERT INTO auth_tokens (token_hash, account_id, created, expires) VALUES (?, ?, ?, ?)",
			HashToken(tok), accountID, now, now+ttl.Milliseconds())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store: create token: %w", err)
	}
	return tok, nil
}

// AccountByToken returns the account logged in with token: ErrNotFound when
// the token is unknown or expired, ErrDisabled when the account is disabled.
func (s *DB) AccountByToken(ctx context.Context, token string) (Account, error) {
	if token == "" {
		return Account{}, ErrNotFound
	}
	a, err := scanAccount(s.queryRow(ctx, `SELECT a.id, a.login, a.name, a.role, a.disabled, a.created
		FROM auth_tokens t JOIN accounts a ON a.id = t.account_id
		WHERE t.token_hash = ? AND t.expires > ?`, HashToken(token), nowMs()))
	if err != nil {
		return Account{}, err
	}
	if a.Disabled {
		return Account{}, ErrDisabled
	}
	return a, nil
}

// TokenExpiry is when a login token stops being valid: ErrNotFound when
// it is unknown or already expired. A host websocket opened with it ends
// then (the server's revocation).
func (s *DB) TokenExpiry(ctx context.Context, token string) (time.Time, error) {
	var ms int64
	err := s.sql.QueryRowContext(ctx, "SELECT expires FROM auth_tokens WHERE token_hash = ? AND expires > ?",
		HashToken(token), nowMs()).Scan(&ms)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, ErrNotFound
	}
	if err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(ms), nil
}

// DeleteToken ends a login session (logout). Unknown tokens are ignored.
func (s *DB) DeleteToken(ctx context.Context, token string) (err error) {
	defer func() {
		if err == nil {
			s.revoked(Revocation{TokenHash: HashToken(token)})
		}
	}()
	return s.tx(ctx, func(t *sql.Tx) error {
		_, err := t.ExecContext(ctx, "DELETE FROM auth_tokens WHERE token_hash = ?", HashToken(token))
		return err
	})
}
