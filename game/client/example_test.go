package client_test

import (
	"fmt"

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

func ExampleJoin() {
	url, err := client.WebSocketURL("http://127.0.0.1:8080")
	if err != nil {
		fmt.Println(err)
		return
	}
	conn := client.Join(url, game.Join{Code: "K7M3QX", Team: "Équipe Moutarde", Members: []game.Member{
		{FirstName: "Zoé", LastName: "Lefèvre", Collectivite: "Ville de Dijon", Direction: "DSI"},
	}}, client.Options{})
	defer conn.Close()
	screen := &teamScreen{conn: conn}
	screen.Update()
	_ = screen.choose
}
