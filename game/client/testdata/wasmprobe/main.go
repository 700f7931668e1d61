//go:build js && wasm

// Command wasmprobe runs game/client inside a browser for browser_test.go:
// it joins through the browser's WebSocket, answers, survives a drop the
// test server makes, calls the JSON API through fetch, and reports in the
// page title ("OK ..." or "FAIL ...").
package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"syscall/js"
	"time"

	"metodd/game"
	"metodd/game/client"
)

func report(format string, args ...any) {
	js.Global().Get("document").Set("title", fmt.Sprintf(format, args...))
}

func main() {
	loc := js.Global().Get("location")
	base := loc.Get("origin").String()
	q, _ := url.ParseQuery(loc.Get("search").String()[1:])
	code := q.Get("code")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	wsURL, err := client.WebSocketURL(base)
	if err != nil {
		report("FAIL url %v", err)
		return
	}
	c := client.Join(wsURL, game.Join{Code: code, Team: "Équipe Navigateur", Members: []game.Member{
		{FirstName: "Noémie", LastName: "Bérard", Collectivite: "CCAS", Direction: "DSI"}}},
		client.Options{BackoffMin: 50 * time.Millisecond, BackoffMax: 200 * time.Millisecond})
	s, err := c.WaitFor(ctx, func(s client.State) bool { return s.Team != nil && s.Team.Card != nil })
	if err != nil {
		report("FAIL join %v %s", err, client.StatusText(s))
		return
	}
	choice := 1
	if err := c.Send(game.KindAnswer, client.Payload{Answer: &game.Answer{Card: s.Team.Card.ID, Choice: &choice}}); err != nil {
		report("FAIL send %v", err)
		return
	}
	// The test server shows the answer, then drops the link: the client
	// must come back with its resume token (checked by the server, which
	// only then sends score 999).
	if _, err := c.WaitFor(ctx, func(s client.State) bool { return s.Team.Answer != nil }); err != nil {
		report("FAIL answer %v", err)
		return
	}
	s, err = c.WaitFor(ctx, func(s client.State) bool { return s.Status == client.StatusConnected && s.Team.Score == 999 })
	if err != nil {
		report("FAIL resume %v", err)
		return
	}
	api := client.NewAPI(base)
	camp, err := api.Campaign(ctx)
	if err != nil {
		report("FAIL api %v", err)
		return
	}
	// The API through fetch: a login (POST with a JSON body), a call with
	// the Bearer token it gave, a public GET, and a refused call whose
	// French message must come through.
	login, err := api.Login(ctx, "ines", "mot de passe")
	if err != nil {
		report("FAIL login %v", err)
		return
	}
	created, err := api.CreateSession(ctx, game.SessionRequest{Deck: "metodd-bilan-2024", Format: game.FormatExpress, Mode: game.ModeTeam})
	if err != nil {
		report("FAIL create %v", err)
		return
	}
	info, err := api.JoinInfo(ctx, created.Code)
	if err != nil {
		report("FAIL joininfo %v", err)
		return
	}
	_, err = api.JoinInfo(ctx, "ZZZZZZ")
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		report("FAIL joininfo unknown %v", err)
		return
	}
	report("OK player=%s score=%d campaign=%d/%d login=%s session=%s join=%s/%d unknown=%s",
		s.Welcome.PlayerID, s.Team.Score, camp.Count, camp.Goal, login.Role, created.Code, info.Title, len(info.Teams), apiErr.Message)
	c.Close()
}
