//go:build js

package main

import (
	"net/url"
	"syscall/js"
)

// In the browser the server is the page's origin, and the join URL (or
// the QR code) carries the session code: https://serveur/?code=K7PM3Q.
const askServer = false

func defaultServer() string {
	return js.Global().Get("location").Get("origin").String()
}

func defaultCode() string {
	u, err := url.Parse(js.Global().Get("location").Get("href").String())
	if err != nil {
		return ""
	}
	return u.Query().Get("code")
}
