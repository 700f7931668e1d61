//go:build !js

package main

import "os"

// On desktop the server address comes from --server, METODD_SERVER or the
// home screen's field.
const askServer = true

func defaultServer() string {
	if s := os.Getenv("METODD_SERVER"); s != "" {
		return s
	}
	return "http://localhost:8080"
}

func defaultCode() string { return os.Getenv("METODD_CODE") }
