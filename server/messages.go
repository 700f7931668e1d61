package server

// The French strings this package sends to users, in one place so they can
// be reviewed together. Error codes (the stable part, for programs) are
// beside them.

import "metodd/game"

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
	msgBadExpected    = "Le nombre d’agents attendus doit être compris entre 0 et 10 000."
	msgTooLong        = "Texte trop long (%d caractères au plus)."
	msgLoginTaken     = "Cet identifiant est déjà pris."
	msgBadLoginName   = "Identifiant invalide : lettres, chiffres, point, tiret ou souligné, 64 caractères au plus."
	msgWeakPassword   = "Mot de passe trop court (8 caractères au moins)."
	msgLongPassword   = "Mot de passe trop long (72 octets au plus)."
	msgServerError    = "Erreur du serveur : réessayez dans un instant."
	msgNoCode         = "Impossible de créer un code de séance : réessayez."
	msgMethodNotAllow = "Méthode non autorisée."
	msgNotFound       = "Page introuvable."
	msgHealthDatabase = "base de données indisponible"
	msgJoinInfoRate   = "Trop de demandes depuis cette adresse : patientez un instant."
	msgTooManyLive    = "Vous avez déjà %d séances en cours : terminez-en une avant d’en créer une autre."
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
	wsMsgNotHost        = "Seul l’animateur peut faire cela."
	wsMsgNotTeam        = "Cette action est réservée aux équipes."
	wsMsgNotLoggedIn    = "Connectez-vous comme animateur pour piloter une séance."
	wsMsgNotYours       = "Seul le partenaire qui a créé la séance (ou la cellule RSO) peut l’animer."
	wsMsgCodeRate       = "Trop de codes essayés : patientez une minute."
	wsMsgSessionOver    = "Cette séance est terminée."
	wsMsgServerError    = "Erreur du serveur : la commande n’a pas été enregistrée, réessayez."
	wsMsgBanned         = "Votre équipe a été exclue de cette séance."
	wsMsgRemoved        = "Votre équipe a été retirée de la séance : vous pouvez la rejoindre à nouveau."
	wsMsgBinary         = "Messages binaires refusés : le protocole est en JSON texte."
	wsMsgServerOnly     = "Cette commande est réservée au serveur."
	wsMsgPlayerLogFull  = "Cet appareil a envoyé trop de modifications pendant cette séance : les suivantes ne sont plus enregistrées."
	wsMsgSessionLogFull = "Le journal de cette séance a atteint sa taille maximale : les équipes ne peuvent plus rien y enregistrer, l’animateur peut encore la mener à son terme."
)

// Bye messages, by reason (game.Bye*).
var byeMessages = map[game.ByeReason]string{
	"slow":      "Connexion trop lente : reconnexion…",
	"shutdown":  "Le serveur redémarre : reconnexion dans un instant…",
	"removed":   wsMsgRemoved,
	"banned":    wsMsgBanned,
	"replaced":  "Cette équipe s’est connectée depuis un autre appareil.",
	"flood":     "Trop de messages envoyés : connexion fermée.",
	"protocol":  "Messages illisibles : connexion fermée.",
	"closed":    "La séance est terminée. Merci d’avoir joué !",
	"too-large": "Message trop long (64 Kio au plus) : connexion fermée.",
}
