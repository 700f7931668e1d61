// Command metodd is the mét'ODD game client: the partner's projected board
// and the teams' screens. The same program runs on desktop (Windows, Linux,
// macOS) and in the browser (GOOS=js GOARCH=wasm, served by the server).
package main

import (
	"flag"
	"log"

	"github.com/hajimehoshi/ebiten/v2"

	"metodd/game/ui"
)

func main() {
	server := flag.String("server", defaultServer(), "adresse du serveur mét'ODD (ex. http://serveur:8080)")
	code := flag.String("code", defaultCode(), "code de la séance à rejoindre directement")
	width := flag.Int("width", 1280, "largeur de la fenêtre")
	height := flag.Int("height", 800, "hauteur de la fenêtre")
	full := flag.Bool("fullscreen", false, "démarrer en plein écran (F11 bascule)")
	flag.Parse()

	ebiten.SetWindowTitle("mét’ODD")
	ebiten.SetWindowSize(*width, *height)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(*full)
	// Draw only when something changed: the last frame stays on screen.
	ebiten.SetScreenClearedEveryFrame(false)
	framePacing()

	preview, role := defaultPreview()
	app := ui.New(ui.Options{
		Server:        *server,
		Code:          *code,
		AskServer:     askServer,
		Connect:       ui.NewBackend,
		Store:         ui.DefaultTeamStore(),
		Preview:       preview,
		PreviewRole:   role,
		IdleAfter:     idleAfter,
		ResumeOnStart: resumeOnStart,
		Prefs:         ui.DefaultPrefStore(),
		Sound:         true,
	})
	if err := ebiten.RunGame(app); err != nil {
		log.Fatal(err)
	}
}
