// Package ratelimit holds the token buckets the game server and the
// dashboard limit clients with: per connection (Bucket) and per key, such
// as a client address or a login name (Limiter).
package ratelimit

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Bucket is a token bucket: burst tokens at most, refilled at rate per
// second; its zero value is full. Not safe for concurrent use on its own.
type Bucket struct {
	tokens float64
	last   time.Time
}

// Take takes a token at now; false when the bucket is empty.
func (b *Bucket) Take(now time.Time, rate float64, burst int) bool {
	if b.last.IsZero() {
		b.tokens = float64(burst)
	} else {
		b.tokens += now.Sub(b.last).Seconds() * rate
		if b.tokens > float64(burst) {
			b.tokens = float64(burst)
		}
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// idle is how long a key's bucket is kept unused: long enough that it
// would be full again anyway, so forgetting it changes nothing.
const idle = 10 * time.Minute

// Limiter rate-limits by key, one token bucket each. Safe for concurrent
// use.
type Limiter struct {
	rate  float64 // tokens per second
	burst int

	mu      sync.Mutex
	buckets map[string]*Bucket
	swept   time.Time
}

// New returns a limiter allowing perMinute takes a minute per key, burst at
// once.
func New(perMinute float64, burst int) *Limiter {
	return &Limiter{rate: perMinute / 60, burst: burst, buckets: map[string]*Bucket{}}
}

// Allow takes a token for key; false when its bucket is empty.
func (l *Limiter) Allow(key string) bool {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > idle {
		for k, b := range l.buckets {
			if now.Sub(b.last) > idle {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &Bucket{}
		l.buckets[key] = b
	}
	return b.Take(now, l.rate, l.burst)
}

// Refund gives back a token taken by Allow (up to the burst): the caller
// took it ahead of a check whose outcome turned out not to count.
func (l *Limiter) Refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.buckets[key]; b != nil && b.tokens+1 <= float64(l.burst) {
		b.tokens++
	}
}

// trusted are the reverse proxies whose X-Forwarded-For is believed
// (SetTrustedProxies); nil: none.
var trusted atomic.Pointer[[]netip.Prefix]

// SetTrustedProxies sets the reverse proxies (addresses or CIDR ranges)
// whose X-Forwarded-For header ClientAddr believes. Behind a proxy every
// client otherwise shares the proxy's address, and per-address limits
// would then hold for the whole venue at once.
func SetTrustedProxies(list []netip.Prefix) {
	l := append([]netip.Prefix(nil), list...)
	trusted.Store(&l)
}

// ParseProxies reads a comma-separated list of addresses and CIDR ranges
// ("127.0.0.1, 10.0.0.0/8").
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, err
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, err
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func isTrusted(ip string) bool {
	list := trusted.Load()
	if list == nil || len(*list) == 0 {
		return false
	}
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range *list {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ClientAddr is the address limits are keyed by: the peer's IP, or, when
// the peer is a trusted reverse proxy (SetTrustedProxies), the nearest
// address in X-Forwarded-For that is not itself a trusted proxy (the ones
// further left are written by the client and could be anything).
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !isTrusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		a, err := netip.ParseAddr(hop)
		if err != nil {
			break // garbage: keep the proxy's own address
		}
		if !isTrusted(hop) {
			return a.Unmap().String()
		}
	}
	return host
}
