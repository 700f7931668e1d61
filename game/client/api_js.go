//go:build js && wasm

package client

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
)

// roundTrip sends one API call with the browser's fetch (same origin, so
// the page's connection, HTTP/2 and TLS are the browser's) and returns the
// status and at most maxAPIBody bytes of the answer. The context aborts the
// request through an AbortController.
//
// The promise callbacks run on the browser's event loop: they only send
// on a buffered channel, never block.
func roundTrip(ctx context.Context, r apiRequest) (int, []byte, error) {
	fetch := js.Global().Get("fetch")
	if fetch.Type() != js.TypeFunction {
		return 0, nil, errors.New("fetch: not supported by this browser")
	}
	headers := js.Global().Get("Headers").New()
	headers.Call("set", "Accept", "application/json")
	init := js.Global().Get("Object").New()
	init.Set("method", r.method)
	init.Set("credentials", "same-origin")
	if r.body != nil {
		headers.Call("set", "Content-Type", "application/json")
		init.Set("body", string(r.body))
	}
	if r.token != "" {
		headers.Call("set", "Authorization", "Bearer "+r.token)
	}
	init.Set("headers", headers)
	var abort js.Value
	if ctor := js.Global().Get("AbortController"); ctor.Type() == js.TypeFunction {
		abort = ctor.New()
		init.Set("signal", abort.Get("signal"))
	}

	type result struct {
		status int
		body   []byte
		err    error
	}
	done := make(chan result, 1)
	status := 0
	var onResp, onBody, onErr js.Func
	onErr = js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "fetch failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: fmt.Errorf("%s %s: %s", r.method, r.url, msg)}
		return nil
	})
	onBody = js.FuncOf(func(this js.Value, args []js.Value) any {
		buf := js.Global().Get("Uint8Array").New(args[0])
		n := buf.Get("byteLength").Int()
		if n > maxAPIBody {
			buf = buf.Call("subarray", 0, maxAPIBody)
			n = maxAPIBody
		}
		b := make([]byte, n)
		js.CopyBytesToGo(b, buf)
		done <- result{status: status, body: b}
		return nil
	})
	onResp = js.FuncOf(func(this js.Value, args []js.Value) any {
		resp := args[0]
		status = resp.Get("status").Int()
		resp.Call("arrayBuffer").Call("then", onBody, onErr)
		return nil
	})
	defer onResp.Release()
	defer onBody.Release()
	defer onErr.Release()

	var promise js.Value
	if err := catch(func() { promise = fetch.Invoke(r.url, init) }); err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", r.method, r.url, err)
	}
	promise.Call("then", onResp, onErr)
	select {
	case res := <-done:
		return res.status, res.body, res.err
	case <-ctx.Done():
		if abort.Truthy() {
			abort.Call("abort")
		}
		// The promise settles (rejected) after abort: wait for it so the
		// callbacks are not released while still referenced.
		<-done
		return 0, nil, ctx.Err()
	}
}
