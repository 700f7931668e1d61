package client

import "fmt"

// The French strings this package gives users, in one place.
const (
	msgConnecting     = "Connexion…"
	msgConnectingN    = "Connexion… (tentative %d)"
	msgConnected      = "Connecté"
	msgReconnecting   = "Connexion perdue — reconnexion…"
	msgReconnectingN  = "Connexion perdue — reconnexion… (tentative %d)"
	msgClosed         = "Déconnecté"
	msgClosedBecause  = "Déconnecté\u00a0: %s"
	msgBadAddress     = "adresse du serveur illisible\u00a0: %w"
	msgBadScheme      = "adresse du serveur\u00a0: http:// ou https:// attendu"
	msgMissingHost    = "adresse du serveur\u00a0: hôte manquant"
	msgServerUnusable = "le serveur a envoyé une réponse illisible"
	msgUnreadable     = "Le serveur a envoyé un message illisible\u00a0: mettez le jeu à jour ou rechargez la page."
)

// StatusText is the connection status as a short French line for the
// screen: "Connexion perdue — reconnexion… (tentative 3)".
func StatusText(s State) string {
	switch s.Status {
	case StatusConnecting:
		if s.Attempt > 0 {
			return fmt.Sprintf(msgConnectingN, s.Attempt+1)
		}
		return msgConnecting
	case StatusConnected:
		return msgConnected
	case StatusReconnecting:
		if s.Attempt > 1 {
			return fmt.Sprintf(msgReconnectingN, s.Attempt)
		}
		return msgReconnecting
	}
	switch {
	case s.Bye != nil && s.Bye.Message != "":
		return fmt.Sprintf(msgClosedBecause, s.Bye.Message)
	case s.Error != nil && s.Error.Message != "":
		return fmt.Sprintf(msgClosedBecause, s.Error.Message)
	}
	return msgClosed
}
