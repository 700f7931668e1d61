//go:build !js

package client_test

import (
	"context"
	"fmt"
	"time"

	"metodd/game"
	"metodd/game/client"
)

// teamScreen is how a game loop uses a Conn: poll Version in Update (an
// atomic load, never blocking), take a Snapshot only when it moved, and
// send commands without waiting.
type teamScreen struct {
	conn  *client.Conn
	seen  uint64
	state client.State
	dirty bool
}

// Update is called 60 times a second by the game loop.
func (s *teamScreen) Update() {
	if v := s.conn.Version(); v != s.seen {
		s.seen, s.state, s.dirty = v, s.conn.Snapshot(), true
	}
}

// choose is called when a player clicks an answer button.
func (s *teamScreen) choose(i int) string {
	card := s.state.Team.Card
	err := s.conn.Send(game.KindAnswer, client.Payload{Answer: &game.Answer{Card: card.ID, Choice: &i}})
	if err != nil {
		return client.StatusText(s.state) // "Connexion perdue — reconnexion…"
	}
	return ""
}

// ExampleJoin joins a session open on a real server (example_server_test.go
// starts one on loopback) and waits for the team's first view.
func ExampleJoin() {
	base, code, stop := exampleServer()
	defer stop()

	url, err := client.WebSocketURL(base)
	if err != nil {
		fmt.Println(err)
		return
	}
	conn := client.Join(url, game.Join{Code: code, Team: "Équipe Moutarde", Members: []game.Member{
		{FirstName: "Zoé", LastName: "Lefèvre", Collectivite: "Ville de Dijon", Direction: "DSI"},
	}}, client.Options{})
	defer conn.Close()

	// A game loop polls (teamScreen.Update); here, wait for the first view.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := conn.WaitFor(ctx, func(s client.State) bool { return s.Team != nil }); err != nil {
		fmt.Println(err)
		return
	}
	screen := &teamScreen{conn: conn}
	screen.Update()
	_ = screen.choose // once a card is open, a click on an answer calls it
	v := screen.state.Team
	fmt.Println(client.StatusText(screen.state))
	fmt.Printf("%s, %d membre, phase %s, %d équipe\n", v.TeamName, len(v.Members), v.Session.Phase, v.Teams)
	// Output:
	// Connecté
	// Équipe Moutarde, 1 membre, phase lobby, 1 équipe
}
