package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// Stored identities are keyed hashes. An agent's normalised identity
// (game.IdentityKey: first name, last name and collectivité, folded) is
// stored as
//
//	hex(HMAC-SHA256(key, SHA-256(identity)))
//
// where key is a random secret the server creates once (secrets table,
// name identityKeyName). The dedupe key survives a purge of the names, but
// a purged row cannot be matched from a staff list: without the key,
// hashing names gives nothing to compare with. The inner SHA-256 is the
// hash versions before schema 2 stored; keying it lets the migration
// re-key the existing rows without the names (which a purge may have
// blanked), so no count changes.
//
// The key is in the same file as the rows: it protects what leaves the
// file without it (a table export, rows copied elsewhere, a purged extract),
// not a whole copy of the file or a backup, which carry the key. It is
// never printed or logged.

// identityKeyName names the identity key in the secrets table.
const identityKeyName = "identity"

// identityKeyBytes is the key's length: 32 random bytes, the HMAC-SHA256
// block-safe size recommended for its security level.
const identityKeyBytes = 32

// legacyIdentityDigest is the unkeyed SHA-256 of an identity: what schema 1
// stored (hex), and the message the keyed hash is taken of.
func legacyIdentityDigest(identity string) []byte {
	h := sha256.Sum256([]byte(identity))
	return h[:]
}

// keyedIdentity is the stored form of an identity digest.
func keyedIdentity(key, digest []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write(digest)
	return hex.EncodeToString(m.Sum(nil))
}

// IdentityHash is how an agent's normalised identity is stored in this
// database (keyed with its identity key).
func (s *DB) IdentityHash(identity string) string {
	return keyedIdentity(s.identityKey, legacyIdentityDigest(identity))
}

// loadIdentityKey reads the identity key the migrations created.
func (s *DB) loadIdentityKey(ctx context.Context) error {
	var key []byte
	err := s.sql.QueryRowContext(ctx, "SELECT value FROM secrets WHERE name = ?", identityKeyName).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && len(key) != identityKeyBytes) {
		return fmt.Errorf("store: the identity key is missing or damaged in %s: restore the file from a backup", s.path)
	}
	if err != nil {
		return fmt.Errorf("store: identity key: %w", err)
	}
	s.identityKey = key
	return nil
}

// keyIdentities is migration 2's step: it creates the identity key and
// re-keys every stored identity hash (agents and session members) from
// hex(SHA-256(identity)) to hex(HMAC-SHA256(key, SHA-256(identity))), in the
// migration's transaction: the file is either all old or all new.
func keyIdentities(ctx context.Context, t *sql.Tx) error {
	key := make([]byte, identityKeyBytes)
	if _, err := rand.Read(key); err != nil {
		return fmt.Errorf("identity key: %w", err)
	}
	if _, err := t.ExecContext(ctx, "INSERT INTO secrets (name, value, created) VALUES (?, ?, ?)",
		identityKeyName, key, nowMs()); err != nil {
		return err
	}
	for _, table := range []string{"agents", "session_members"} {
		if err := rekeyTable(ctx, t, table, key); err != nil {
			return fmt.Errorf("re-key %s: %w", table, err)
		}
	}
	return nil
}

// rekeyTable replaces each row's unkeyed identity hash by its keyed form.
func rekeyTable(ctx context.Context, t *sql.Tx, table string, key []byte) error {
	rows, err := t.QueryContext(ctx, "SELECT id, identity FROM "+table)
	if err != nil {
		return err
	}
	type row struct {
		id       int64
		identity string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.identity); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	up, err := t.PrepareContext(ctx, "UPDATE "+table+" SET identity = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer up.Close()
	for _, r := range all {
		digest, err := hex.DecodeString(r.identity)
		if err != nil || len(digest) != sha256.Size {
			return fmt.Errorf("row %d: identity %q is not a SHA-256 hash", r.id, r.identity)
		}
		if _, err := up.ExecContext(ctx, keyedIdentity(key, digest), r.id); err != nil {
			return err
		}
	}
	return nil
}
