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
