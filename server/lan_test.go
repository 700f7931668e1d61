package server

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

// TestLANJoinURL: a board opened on the server machine (a loopback host)
// gets, beside its join URL, the one on the server's local network
// address, an IPv4 first; link-local and loopback addresses never; a
// public URL needs none.
func TestLANJoinURL(t *testing.T) {
	addrs := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1"), net.ParseIP("fe80::1"),
		net.ParseIP("2001:db8::5"), net.ParseIP("192.168.1.10")}
	e := newEnvConfig(t, func(_ *env, c *Config) { c.LANAddrs = func() []net.IP { return addrs } })
	var c struct{ Code, JoinURL, LANJoinURL string }
	c.LANJoinURL = ""
	if st := e.api("POST", "/api/sessions", e.partner, map[string]any{"format": "express", "mode": "equipe", "direction": "DRH"}, &c); st != 201 {
		t.Fatalf("create: %d", st)
	}
	u, _ := url.Parse(e.hs.URL)
	if want := "http://192.168.1.10:" + u.Port() + "/?code=" + c.Code; c.LANJoinURL != want {
		t.Errorf("LAN join URL %q, want %q (join URL %q)", c.LANJoinURL, want, c.JoinURL)
	}
	if !strings.Contains(c.JoinURL, "127.0.0.1") {
		t.Errorf("join URL %q: the test reaches the server by loopback", c.JoinURL)
	}

	// Only IPv6 on the network: bracketed.
	addrs = []net.IP{net.ParseIP("::1"), net.ParseIP("2001:db8::5")}
	c.LANJoinURL = ""
	if st := e.api("POST", "/api/sessions", e.partner, map[string]any{"format": "express", "mode": "equipe", "direction": "DRH"}, &c); st != 201 {
		t.Fatalf("create: %d", st)
	}
	if want := "http://[2001:db8::5]:" + u.Port() + "/?code=" + c.Code; c.LANJoinURL != want {
		t.Errorf("LAN join URL %q, want %q", c.LANJoinURL, want)
	}

	// No address on a network: none.
	addrs = []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("fe80::1")}
	c.LANJoinURL = ""
	if st := e.api("POST", "/api/sessions", e.partner, map[string]any{"format": "express", "mode": "equipe", "direction": "DRH"}, &c); st != 201 {
		t.Fatalf("create: %d", st)
	}
	if c.LANJoinURL != "" {
		t.Errorf("LAN join URL %q without a network address", c.LANJoinURL)
	}

	// A public URL: phones open it, no LAN URL.
	pub := newEnvConfig(t, func(_ *env, c *Config) {
		c.PublicURL = "https://metodd.example.fr"
		c.LANAddrs = func() []net.IP { return []net.IP{net.ParseIP("192.168.1.10")} }
	})
	c.LANJoinURL = ""
	if st := pub.api("POST", "/api/sessions", pub.partner, map[string]any{"format": "express", "mode": "equipe", "direction": "DRH"}, &c); st != 201 {
		t.Fatalf("create: %d", st)
	}
	if c.LANJoinURL != "" || !strings.HasPrefix(c.JoinURL, "https://metodd.example.fr/") {
		t.Errorf("public: join %q, LAN %q", c.JoinURL, c.LANJoinURL)
	}
}

// TestInterfaceIPs: this machine's addresses are listed (at least its
// loopback one).
func TestInterfaceIPs(t *testing.T) {
	found := false
	for _, ip := range interfaceIPs() {
		found = found || ip.IsLoopback()
	}
	if !found {
		t.Error("no loopback address among the interfaces")
	}
}
