//go:build js && wasm

package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"syscall/js"
)

// jsSocket is the browser transport: the page's WebSocket through
// syscall/js (gorilla/websocket compiles for js/wasm but cannot connect:
// Go's wasm net package is a stub). The browser answers the server's pings
// itself.
//
// The callbacks run on the browser's event loop and must never block, so
// onmessage appends to a slice under a mutex and signals a 1-slot channel
// that Read waits on.
type jsSocket struct {
	ws    js.Value
	funcs []js.Func

	mu      sync.Mutex
	frames  [][]byte
	err     error // set once the socket closed or failed
	signal  chan struct{}
	closeMu sync.Once
}

// errSocketClosed is returned by Read and Write once the socket is closed.
var errSocketClosed = errors.New("websocket closed")

func dial(ctx context.Context, url string) (socket, error) {
	ctor := js.Global().Get("WebSocket")
	if ctor.IsUndefined() {
		return nil, errors.New("websocket: not supported by this browser")
	}
	var ws js.Value
	if err := catch(func() { ws = ctor.New(url) }); err != nil {
		return nil, fmt.Errorf("websocket %s: %w", url, err)
	}
	s := &jsSocket{ws: ws, signal: make(chan struct{}, 1)}
	opened := make(chan struct{}, 1)
	on := func(event string, f func(js.Value)) {
		fn := js.FuncOf(func(this js.Value, args []js.Value) any {
			var ev js.Value
			if len(args) > 0 {
				ev = args[0]
			}
			f(ev)
			return nil
		})
		s.funcs = append(s.funcs, fn)
		ws.Set(event, fn)
	}
	on("onopen", func(js.Value) {
		select {
		case opened <- struct{}{}:
		default:
		}
	})
	on("onmessage", func(ev js.Value) {
		data := ev.Get("data")
		if data.Type() != js.TypeString {
			return // binary frames are not part of the protocol
		}
		s.mu.Lock()
		s.frames = append(s.frames, []byte(data.String()))
		s.mu.Unlock()
		s.wake()
	})
	on("onerror", func(js.Value) { s.fail(errors.New("websocket error")) })
	on("onclose", func(ev js.Value) {
		code := 0
		if !ev.IsUndefined() && !ev.IsNull() {
			code = ev.Get("code").Int()
		}
		s.fail(fmt.Errorf("%w (code %d)", errSocketClosed, code))
	})

	ctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	for {
		select {
		case <-opened:
			return s, nil
		case <-s.signal:
			s.mu.Lock()
			err := s.err
			s.mu.Unlock()
			if err != nil {
				s.Close()
				return nil, fmt.Errorf("websocket %s: %w", url, err)
			}
		case <-ctx.Done():
			s.Close()
			return nil, fmt.Errorf("websocket %s: %w", url, ctx.Err())
		}
	}
}

// catch runs f and turns a JavaScript exception into an error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}

func (s *jsSocket) wake() {
	select {
	case s.signal <- struct{}{}:
	default:
	}
}

func (s *jsSocket) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.wake()
}

func (s *jsSocket) Read() ([]byte, error) {
	for {
		s.mu.Lock()
		if len(s.frames) > 0 {
			f := s.frames[0]
			s.frames[0] = nil
			s.frames = s.frames[1:]
			s.mu.Unlock()
			return f, nil
		}
		err := s.err
		s.mu.Unlock()
		if err != nil {
			return nil, err
		}
		<-s.signal
	}
}

func (s *jsSocket) Write(frame []byte) error {
	s.mu.Lock()
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return catch(func() { s.ws.Call("send", string(frame)) })
}

func (s *jsSocket) Close() error {
	s.closeMu.Do(func() {
		s.fail(errSocketClosed)
		catch(func() { s.ws.Call("close") })
		// Detach the handlers before releasing them: an event that fires
		// after Release would call a dead function.
		for _, ev := range []string{"onopen", "onmessage", "onerror", "onclose"} {
			s.ws.Set(ev, js.Null())
		}
		for _, f := range s.funcs {
			f.Release()
		}
	})
	return nil
}
