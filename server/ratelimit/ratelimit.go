// Package ratelimit holds the token buckets the game server and the
// dashboard limit clients with: per connection (Bucket) and per key, such
// as a client address or a login name (Limiter).
package ratelimit

import (
	"net"
	"net/http"
	"sync"
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

// ClientAddr is the address limits are keyed by: the peer's IP. Behind a
// reverse proxy every client shares the proxy's address; see
// docs/operations.md.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
