package server

// The French strings this package sends to users, in one place so they can
// be reviewed together. Error codes (the stable part, for programs) are
// beside them.

import (
	"fmt"
	"reflect"

	"metodd/game"
)

// HTTP API errors.
const (
	msgBadJSON        = "Requête illisible : JSON attendu."
	msgBadLogin       = "Identifiant ou mot de passe incorrect."
	msgDisabled       = "Ce compte est désactivé : contactez la cellule RSO."
	msgLoginRate      = "Trop de tentatives de connexion : patientez une minute avant de réessayer."
	msgNotLoggedIn    = "Connectez-vous d’abord."
	msgForbidden      = "Vous n’avez pas accès à cette page."
	msgNoSession      = "Aucune séance ne porte ce code."
	msgNoDeck         = "Ce jeu de cartes n’existe pas ou n’est pas ouvert aux partenaires."
	msgNoCampaign     = "Aucune campagne en cours : la cellule RSO doit en créer une."
	msgBadDeck        = "Le jeu de cartes enregistré est invalide : contactez la cellule RSO."
	msgBadFormat      = "Format de séance inconnu."
	msgBadMode        = "Mode de jeu inconnu."
	msgBadAxis        = "Axe inconnu : choisissez 1, 2 ou 3."
	msgTooLong        = "Texte trop long (%d caractères au plus)."
	msgLoginTaken     = "Cet identifiant est déjà pris."
	msgServerError    = "Erreur du serveur : réessayez dans un instant."
	msgNoCode         = "Impossible de créer un code de séance : réessayez."
	msgMethodNotAllow = "Méthode non autorisée."
	msgNotFound       = "Page introuvable."
	msgHealthDatabase = "base de données indisponible"
	msgJoinInfoRate   = "Trop de demandes depuis cette adresse : patientez un instant."
	msgTooManyLive    = "Vous avez déjà %d séances en cours : terminez-en une avant d’en créer une autre."
	msgConnsFull      = "Le serveur accueille déjà le maximum de connexions : réessayez dans un instant."
	msgPreHelloFull   = "Trop de connexions en attente depuis votre adresse : réessayez dans un instant."
	msgCrossSite      = "Requête refusée : elle ne vient pas du site mét’ODD (en-tête Origin ou Sec-Fetch-Site)."
	msgSlowRequest    = "Requête trop lente : l’envoi n’est pas arrivé à temps, réessayez."
	msgNeedJSON       = "Requête refusée : type de contenu application/json attendu."
)

// Websocket error messages (game.ErrorMsg); the codes are in codes.go.
const (
	wsMsgBadJSON        = "Message illisible : JSON invalide (NaN et les nombres hors limites ne sont pas du JSON)."
	wsMsgBadData        = "Donnée invalide dans le message : %s."
	wsMsgBadVersion     = "Version du protocole non prise en charge : mettez le jeu à jour."
	wsMsgUnknownType    = "Type de message inconnu : « %s »."
	wsMsgNotJoined      = "Rejoignez d’abord une séance."
	wsMsgAlreadyJoined  = "Vous êtes déjà connecté à une séance."
	wsMsgNoSession      = "Aucune séance en cours ne porte ce code."
	wsMsgBadToken       = "Jeton de reprise inconnu : rejoignez la séance à nouveau."
	wsMsgNotLoggedIn    = "Connectez-vous comme animateur pour piloter une séance."
	wsMsgNotYours       = "Seul le partenaire qui a créé la séance (ou la cellule RSO) peut l’animer."
	wsMsgCodeRate       = "Trop de codes essayés : patientez une minute."
	wsMsgServerError    = "Erreur du serveur : la commande n’a pas été enregistrée, réessayez."
	wsMsgBanned         = "Votre équipe a été exclue de cette séance."
	wsMsgRemoved        = "Votre équipe a été retirée de la séance par l’animateur : revenez-y depuis cet appareil."
	wsMsgBinary         = "Messages binaires refusés : le protocole est en JSON texte."
	wsMsgServerOnly     = "Cette commande est réservée au serveur."
	wsMsgPlayerLogFull  = "Cet appareil a envoyé trop de modifications pendant cette séance : les suivantes ne sont plus enregistrées."
	wsMsgSessionLogFull = "Le journal de cette séance a atteint sa taille maximale : les équipes ne peuvent plus rien y enregistrer, l’animateur peut encore la mener à son terme."
)

// What a field of a message should have been (wsMsgBadData's detail).
const (
	wsMsgField     = "champ « %s » : %s"
	wsMsgBadNumber = "nombre invalide ou hors limites"
	wsMsgWrongType = "type inattendu"
)

var wsMsgWant = map[reflect.Kind]string{
	reflect.String:  "texte attendu",
	reflect.Int:     "nombre attendu",
	reflect.Int64:   "nombre attendu",
	reflect.Float64: "nombre attendu",
	reflect.Slice:   "liste attendue",
	reflect.Struct:  "objet attendu",
	reflect.Pointer: "objet attendu",
	reflect.Bool:    "vrai ou faux attendu",
}

// Bye messages, by reason (game.Bye*).
var byeMessages = map[game.ByeReason]string{
	game.ByeSlow:     "Connexion trop lente : reconnexion…",
	game.ByeShutdown: "Le serveur redémarre : reconnexion dans un instant…",
	game.ByeRemoved:  wsMsgRemoved,
	game.ByeBanned:   wsMsgBanned,
	game.ByeReplaced: "Cette équipe s’est connectée depuis un autre appareil.",
	game.ByeFlood:    "Trop de messages envoyés : connexion fermée.",
	game.ByeProtocol: "Messages illisibles : connexion fermée.",
	game.ByeClosed:   "La séance est terminée. Merci d’avoir joué !",
	game.ByeTooLarge: fmt.Sprintf("Message trop long (%d Kio au plus) : connexion fermée.", maxMessage>>10),
	game.ByeNoHello:  "Aucune séance rejointe à temps après la connexion : connexion fermée.",
	game.ByeRevoked:  "Votre connexion d’animateur a pris fin (connexion expirée, déconnexion, nouveau mot de passe ou compte désactivé) : reconnectez-vous.",
}

// Messages that format a limit.
var (
	msgBadExpected = fmt.Sprintf("Le nombre d’agents attendus doit être compris entre 0 et %s.", game.FrenchNumber(game.MaxExpected))
)
