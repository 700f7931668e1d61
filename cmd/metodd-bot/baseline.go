package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// The bare gorilla baseline: the library's floor for a fan-out on this
// machine, measured in the same run as the server (same load, same cores).
// A minimal gorilla server in this process (one reader and one writer
// goroutine per connection, as in gorilla's chat example) broadcasts the
// same bytes as the server's card opening to the same number of client
// sockets, dialled as the lean players dial; the fan-out of a round is from
// the broadcast's start to the last client holding the message.

// baselineRounds: as many broadcasts as an Express game opens cards, so
// the two percentile lines have as many samples.
const baselineRounds = 8

// baselineWait bounds one round: a socket that never receives is a
// failure of the baseline, not a long tail.
const baselineWait = 30 * time.Second

// runBaseline measures baselineRounds broadcasts of msg to n sockets.
func runBaseline(ctx context.Context, n int, msg []byte) ([]time.Duration, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	var (
		mu      sync.Mutex
		outs    []chan []byte
		arrived = make(chan struct{}, n)
	)
	up := websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 4096, WriteBufferPool: &sync.Pool{}}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		out := make(chan []byte, 1)
		mu.Lock()
		outs = append(outs, out)
		mu.Unlock()
		arrived <- struct{}{}
		go func() { // the writer
			for m := range out {
				ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
				if ws.WriteMessage(websocket.TextMessage, m) != nil {
					break
				}
			}
			ws.Close()
		}()
		for { // the reader (the handler's goroutine)
			if _, _, err := ws.NextReader(); err != nil {
				return
			}
		}
	})}
	go srv.Serve(ln)
	defer srv.Close()

	var got sync.WaitGroup
	recv := make([]time.Time, n)
	clients := make([]*websocket.Conn, 0, n)
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	d := websocket.Dialer{HandshakeTimeout: 10 * time.Second, ReadBufferSize: 4096, WriteBufferSize: 1024}
	url := "ws://" + ln.Addr().String() + "/"
	for i := range n {
		c, _, err := d.DialContext(ctx, url, nil)
		if err != nil {
			return nil, fmt.Errorf("socket %d of the baseline: %w", i, err)
		}
		clients = append(clients, c)
		go func() {
			for {
				if _, _, err := c.ReadMessage(); err != nil {
					return
				}
				recv[i] = time.Now()
				got.Done()
			}
		}()
	}
	for range n {
		select {
		case <-arrived:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	var fan []time.Duration
	for range baselineRounds {
		got.Add(n)
		start := time.Now()
		mu.Lock()
		for _, out := range outs {
			out <- msg
		}
		mu.Unlock()
		done := make(chan struct{})
		go func() { got.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(baselineWait):
			return fan, errors.New("baseline: a socket did not receive its broadcast")
		}
		last := start
		for _, t := range recv {
			if t.After(last) {
				last = t
			}
		}
		fan = append(fan, last.Sub(start))
	}
	mu.Lock()
	for _, out := range outs {
		close(out)
	}
	mu.Unlock()
	return fan, nil
}
