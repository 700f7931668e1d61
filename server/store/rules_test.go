package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestAccountRules(t *testing.T) {
	long := strings.Repeat("é", MaxNameRunes)
	for _, tc := range []struct {
		login, name, password string
		want                  error
	}{
		{"cmartin", "Claire Martin", "motdepasse", nil},
		{"c.martin-2_b", long, strings.Repeat("x", MaxPasswordBytes), nil},
		{strings.Repeat("a", MaxLoginLen), "", strings.Repeat("x", MinPasswordLen), nil},
		{strings.Repeat("a", MaxLoginLen+1), "", "motdepasse", ErrBadLogin},
		{"", "", "motdepasse", ErrBadLogin},
		{"a b", "", "motdepasse", ErrBadLogin},
		{"<script>", "", "motdepasse", ErrBadLogin},
		{"cmartin", long + "é", "motdepasse", ErrNameTooLong},
		{"cmartin", "\xff", "motdepasse", ErrBadName},
		{"cmartin", "", strings.Repeat("x", MinPasswordLen-1), ErrWeakPassword},
		{"cmartin", "", strings.Repeat("x", MaxPasswordBytes+1), ErrLongPassword},
		{"cmartin", "", strings.Repeat("é", MaxPasswordBytes/2+1), ErrLongPassword}, // bytes, not characters
	} {
		if got := CheckAccount(tc.login, tc.name, tc.password); got != tc.want {
			t.Errorf("CheckAccount(%q, %q, %d bytes) = %v, want %v", tc.login, tc.name, len(tc.password), got, tc.want)
		}
	}
	for _, e := range []*AccountError{ErrBadLogin, ErrNameTooLong, ErrWeakPassword, ErrLongPassword, ErrBadName} {
		if e.Message == "" || strings.Contains(e.Message, "%") {
			t.Errorf("message %q", e.Message)
		}
	}
	if p := GeneratePassword(); len(p) != GeneratedPasswordLen || CheckAccount("x", "", p) != nil {
		t.Errorf("generated password %q", p)
	}
}

// TestCreateAccountAppliesTheRules checks that the store itself refuses what
// the rules refuse, whoever calls it, with the French message.
func TestCreateAccountAppliesTheRules(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	_, err := db.CreateAccount(ctx, NewAccount{Login: "cmartin", Name: strings.Repeat("n", MaxNameRunes+1), Role: RolePartner, Password: "motdepasse"})
	var ae *AccountError
	if !errors.As(err, &ae) || ae != ErrNameTooLong {
		t.Fatalf("long name: %v", err)
	}
	if _, err := db.CreateAccount(ctx, NewAccount{Login: "cmartin", Name: "Claire", Role: RolePartner, Password: "court"}); !errors.Is(err, ErrWeakPassword) {
		t.Fatalf("weak password: %v", err)
	}
	if _, err := db.CreateAccount(ctx, NewAccount{Login: "cmartin", Name: "Claire", Role: RolePartner, Password: "motdepasse"}); err != nil {
		t.Fatal(err)
	}
}
