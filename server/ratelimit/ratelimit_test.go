package ratelimit

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestBucket(t *testing.T) {
	var b Bucket
	now := time.Unix(1000, 0)
	for i := range 3 {
		if !b.Take(now, 1, 3) {
			t.Fatalf("take %d of a full bucket of 3 refused", i+1)
		}
	}
	if b.Take(now, 1, 3) {
		t.Fatal("fourth take at once allowed")
	}
	if !b.Take(now.Add(time.Second), 1, 3) {
		t.Fatal("no token a second later at 1/s")
	}
	// A long pause refills to burst, not beyond.
	later := now.Add(time.Hour)
	for i := range 3 {
		if !b.Take(later, 1, 3) {
			t.Fatalf("take %d after a pause refused", i+1)
		}
	}
	if b.Take(later, 1, 3) {
		t.Fatal("bucket refilled beyond its burst")
	}
}

func TestLimiterPerKey(t *testing.T) {
	l := New(1, 2)
	if first, second := l.Allow("a"), l.Allow("a"); !first || !second {
		t.Fatal("burst of 2 refused")
	}
	if l.Allow("a") {
		t.Fatal("third attempt at once allowed")
	}
	if !l.Allow("b") {
		t.Fatal("another key is limited by the first")
	}
}

func TestClientAddr(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "192.0.2.7:5555"
	if got := ClientAddr(r); got != "192.0.2.7" {
		t.Errorf("ClientAddr = %q", got)
	}
	r.RemoteAddr = "not-an-address"
	if got := ClientAddr(r); got != "not-an-address" {
		t.Errorf("ClientAddr without port = %q", got)
	}
}

func TestLoginsCountFailuresOnly(t *testing.T) {
	g := NewLogins(LoginLimits{PairPerMinute: 1, PairBurst: 3, AddrPerMinute: 1, AddrBurst: 5}, nil)
	fail := func() Result { return Failure }
	ok := func() Result { return Success }
	// Successes never spend anything.
	for i := range 20 {
		if r := g.Try("test", "admin", "192.0.2.1", ok); r != Success {
			t.Fatalf("success %d: %v", i, r)
		}
	}
	// Failures for one login from one address: the pair's burst.
	for i := range 3 {
		if r := g.Try("test", "Admin", "192.0.2.1", fail); r != Failure {
			t.Fatalf("failure %d: %v", i, r)
		}
	}
	called := false
	if r := g.Try("test", "admin", "192.0.2.1", func() Result { called = true; return Success }); r != Limited || called {
		t.Fatalf("after the pair's burst: %v (checked: %v)", r, called)
	}
	// Another address is not concerned, right password or not.
	if r := g.Try("test", "admin", "198.51.100.7", ok); r != Success {
		t.Fatalf("from another address: %v", r)
	}
	// Per address, over all logins: 2 more failures spend the address's 5.
	for i, login := range []string{"a", "b"} {
		if r := g.Try("test", login, "192.0.2.1", fail); r != Failure {
			t.Fatalf("failure %d on another login: %v", i, r)
		}
	}
	if r := g.Try("test", "c", "192.0.2.1", ok); r != Limited {
		t.Fatalf("after the address's burst: %v", r)
	}
}
