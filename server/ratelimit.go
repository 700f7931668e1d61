package server

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// bucket is a token bucket: burst tokens at most, refilled at rate per
// second. Not safe for concurrent use on its own.
type bucket struct {
	tokens float64
	last   time.Time
}

func (b *bucket) take(now time.Time, rate float64, burst int) bool {
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

// limiterIdle is how long an address's bucket is kept unused: long enough
// that it would be full again anyway, so forgetting it changes nothing.
const limiterIdle = 10 * time.Minute

// limiter rate-limits by key (a client address), one token bucket each.
type limiter struct {
	rate  float64 // tokens per second
	burst int

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

func newLimiter(perMinute float64, burst int) *limiter {
	return &limiter{rate: perMinute / 60, burst: burst, buckets: map[string]*bucket{}}
}

// allow takes a token for key; false when its bucket is empty.
func (l *limiter) allow(key string) bool {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > limiterIdle {
		for k, b := range l.buckets {
			if now.Sub(b.last) > limiterIdle {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{}
		l.buckets[key] = b
	}
	return b.take(now, l.rate, l.burst)
}

// clientAddr is the address limits are keyed by: the peer's IP. Behind a
// reverse proxy every client shares the proxy's address; see
// docs/operations.md.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
