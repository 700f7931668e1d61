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
	// Without trusted proxies, X-Forwarded-For is anybody's word: ignored.
	r.RemoteAddr = "192.0.2.7:5555"
	r.Header.Set("X-Forwarded-For", "203.0.113.9")
	if got := ClientAddr(r); got != "192.0.2.7" {
		t.Errorf("untrusted X-Forwarded-For believed: %q", got)
	}
}

func TestClientAddrBehindTrustedProxy(t *testing.T) {
	list, err := ParseProxies(" 127.0.0.1, 10.0.0.0/8 ,::1")
	if err != nil || len(list) != 3 {
		t.Fatalf("ParseProxies: %v %v", list, err)
	}
	if _, err := ParseProxies("proxy.example"); err == nil {
		t.Error("a host name accepted as a proxy address")
	}
	SetTrustedProxies(list)
	defer SetTrustedProxies(nil)
	for _, c := range []struct{ peer, xff, want string }{
		{"127.0.0.1:80", "203.0.113.9", "203.0.113.9"},           // one proxy
		{"127.0.0.1:80", "1.2.3.4, 203.0.113.9", "203.0.113.9"},  // the client's own claim (left) is not believed
		{"127.0.0.1:80", "203.0.113.9, 10.1.2.3", "203.0.113.9"}, // two trusted proxies
		{"127.0.0.1:80", "", "127.0.0.1"},                        // no header: the proxy itself
		{"127.0.0.1:80", "garbage", "127.0.0.1"},                 // unreadable: the proxy itself
		{"192.0.2.7:80", "203.0.113.9", "192.0.2.7"},             // not a proxy: header ignored
		{"[::1]:80", "2001:db8::1", "2001:db8::1"},               // IPv6
		{"127.0.0.1:80", "::ffff:203.0.113.9", "203.0.113.9"},    // mapped IPv4
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := ClientAddr(r); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %q, want %q", c.peer, c.xff, got, c.want)
		}
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
