// Package client connects a program (the Ebiten client, the bots, the
// end-to-end tests) to a mét'ODD server.
//
// Conn is one websocket connection to a live session, as a team, an agent
// or the host. It never blocks its caller: a goroutine reads the server's
// messages and keeps only the latest view (TeamView or HostView), the
// Welcome, the last error and the connection status, all behind Snapshot;
// Version and Changed tell a game loop when to redraw. Send queues a command
// (bounded) for the connection's writer goroutine. After a drop the Conn
// reconnects by itself with exponential backoff, jitter and the resume
// token from the Welcome; commands queued before the drop are discarded,
// never re-sent stale. It stops for good on Close, or when the server says
// the player was removed, banned, replaced, or the session is over.
//
// The websocket transport depends on the platform: gorilla/websocket on
// desktop (socket_native.go), the browser's WebSocket through syscall/js on
// js/wasm (socket_js.go). The rest of the package is shared.
//
// API is a small client of the server's JSON API (login, sessions,
// campaign, partners, join info). Its transport depends on the platform
// too: net/http on desktop (api_native.go), the browser's fetch through
// syscall/js on js/wasm (api_js.go), so the browser bundle links neither
// net/http nor crypto/tls (megabytes the browser already has).
//
// Concurrency: every exported method of Conn and API is safe to call from
// any goroutine. A State returned by Snapshot is a copy; the views it points
// to are never modified after they are published, so they may be read
// freely, but must not be modified by the caller.
package client
