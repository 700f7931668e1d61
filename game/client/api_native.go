//go:build !(js && wasm)

package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// apiHTTP is the desktop's HTTP client; every call carries its own
// deadline (apiTimeout, in API.do).
var apiHTTP = &http.Client{}

// roundTrip sends one API call with net/http and returns the status and at
// most maxAPIBody bytes of the answer.
func roundTrip(ctx context.Context, r apiRequest) (int, []byte, error) {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.url, body)
	if err != nil {
		return 0, nil, err
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := apiHTTP.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody))
	return resp.StatusCode, raw, err
}
