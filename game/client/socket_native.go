//go:build !js

package client

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// The desktop transport's limits (the browser's WebSocket manages its own).
const (
	// readLimit bounds one incoming frame. A host view holds at most
	// game.MaxHostList teams and the top 10, a few KiB; 1 MiB is far above
	// any legitimate view and stops a broken server from exhausting memory.
	readLimit = 1 << 20
	// writeTimeout bounds one frame write; a link that cannot take a small
	// frame in that time is dead, and the Conn reconnects.
	writeTimeout = 10 * time.Second
	// pingInterval is how often the desktop transport pings the server;
	// pongWait is how long it waits for any frame or pong before it treats
	// the link as dead (a laptop lid closed, a Wi-Fi gone) and reconnects.
	pingInterval = 20 * time.Second
	pongWait     = 45 * time.Second
)

// nativeSocket is the desktop transport: gorilla/websocket, with the
// discipline of its chat example (one reader, one writer, a read limit, a
// read deadline pushed back by every frame and pong, a write deadline before
// every write). Pings go out from a small goroutine so a dead link is seen
// within pongWait even when the server is silent.
type nativeSocket struct {
	ws      *websocket.Conn
	writeMu sync.Mutex // the writer and the pinger share the connection's write side
	once    sync.Once
	stop    chan struct{}
}

func dial(ctx context.Context, url string) (socket, error) {
	d := websocket.Dialer{HandshakeTimeout: dialTimeout}
	ws, resp, err := d.DialContext(ctx, url, nil)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("websocket %s: %w (HTTP %d)", url, err, resp.StatusCode)
		}
		return nil, fmt.Errorf("websocket %s: %w", url, err)
	}
	ws.SetReadLimit(readLimit)
	s := &nativeSocket{ws: ws, stop: make(chan struct{})}
	extend := func() { ws.SetReadDeadline(time.Now().Add(pongWait)) }
	extend()
	ws.SetPongHandler(func(string) error { extend(); return nil })
	ws.SetPingHandler(func(data string) error {
		extend()
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		err := ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(writeTimeout))
		if err == websocket.ErrCloseSent {
			return nil
		}
		return err
	})
	go s.ping()
	return s, nil
}

func (s *nativeSocket) ping() {
	t := time.NewTicker(pingInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.writeMu.Lock()
			err := s.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeTimeout))
			s.writeMu.Unlock()
			if err != nil {
				s.Close()
				return
			}
		}
	}
}

func (s *nativeSocket) Read() ([]byte, error) {
	for {
		kind, data, err := s.ws.ReadMessage()
		if err != nil {
			return nil, err
		}
		s.ws.SetReadDeadline(time.Now().Add(pongWait))
		if kind == websocket.TextMessage {
			return data, nil
		}
	}
}

func (s *nativeSocket) Write(frame []byte) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return s.ws.WriteMessage(websocket.TextMessage, frame)
}

func (s *nativeSocket) Close() error {
	s.once.Do(func() {
		close(s.stop)
		// A polite close frame, best effort, then the TCP close that
		// unblocks the reader.
		if s.writeMu.TryLock() {
			s.ws.WriteControl(websocket.CloseMessage,
				websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
			s.writeMu.Unlock()
		}
		s.ws.Close()
	})
	return nil
}
