package game

// Every French string the rules show to a user, in one place so they can be
// reviewed together: the refusals of session commands (by stable code) and
// the deck loader's messages.

// Error codes of refused commands. They are stable: programs (server, bots,
// clients, tests) match on them; users read the Message.
const (
	CodeUnknownKind     = "unknown-kind"
	CodeNotHost         = "not-host"
	CodeNotTeam         = "not-team"
	CodeUnknownPlayer   = "unknown-player"
	CodeUnknownTeam     = "unknown-team"
	CodeDuplicatePlayer = "duplicate-player"
	CodeRemoved         = "removed"
	CodeBanned          = "banned"
	CodeWrongPhase      = "wrong-phase"
	CodeSessionOver     = "session-over"
	CodeNotOpen         = "not-open"
	CodeTooLate         = "too-late"
	CodeJoinedLate      = "joined-late"
	CodeAlreadyAnswered = "already-answered"
	CodeWrongCard       = "wrong-card"
	CodeBadAnswer       = "bad-answer"
	CodeBadName         = "bad-name"
	CodeBadColor        = "bad-color"
	CodeBadMembers      = "bad-members"
	CodeNameTaken       = "name-taken"
	CodePaused          = "paused"
	CodeNotPaused       = "not-paused"
	CodeNotDue          = "not-due"
	CodeNoTeam          = "no-team"
	CodeBadPoints       = "bad-points"
	CodeNotDefi         = "not-defi"
	CodeNotAnswered     = "not-answered"
	CodeBadSeconds      = "bad-seconds"
	CodeBadCommitment   = "bad-commitment"
	CodeFull            = "full"
	CodeBadConfig       = "bad-config"
)

// errorMessages holds the French message of each code.
var errorMessages = map[string]string{
	CodeUnknownKind:     "Commande inconnue.",
	CodeNotHost:         "Seul l’animateur peut faire cela.",
	CodeNotTeam:         "Cette commande est réservée aux équipes.",
	CodeUnknownPlayer:   "Joueur inconnu dans cette partie.",
	CodeUnknownTeam:     "Équipe inconnue dans cette partie.",
	CodeDuplicatePlayer: "Ce joueur a déjà rejoint la partie.",
	CodeRemoved:         "Votre équipe a été retirée de la partie par l’animateur.",
	CodeBanned:          "Cette équipe a été exclue de la partie par l’animateur.",
	CodeWrongPhase:      "Ce n’est pas possible à ce moment de la partie.",
	CodeSessionOver:     "La partie est terminée.",
	CodeNotOpen:         "Aucune carte n’est ouverte en ce moment.",
	CodeTooLate:         "Trop tard : le temps de cette carte est écoulé.",
	CodeJoinedLate:      "Vous avez rejoint la partie pendant cette carte : vous jouerez la suivante.",
	CodeAlreadyAnswered: "Vous avez déjà répondu à cette carte.",
	CodeWrongCard:       "Cette réponse concerne une autre carte que celle en cours.",
	CodeBadAnswer:       "Réponse invalide.",
	CodeBadName:         "Nom d’équipe invalide : de 1 à 40 caractères, sans caractères de contrôle.",
	CodeBadColor:        "Couleur invalide : attendue sous la forme #rrggbb.",
	CodeBadMembers:      "Liste des membres invalide.",
	CodeNameTaken:       "Ce nom d’équipe est déjà pris : choisissez-en un autre.",
	CodePaused:          "La partie est en pause.",
	CodeNotPaused:       "La partie n’est pas en pause.",
	CodeNotDue:          "Le temps de la carte n’est pas encore écoulé.",
	CodeNoTeam:          "Aucune équipe n’a encore rejoint la partie.",
	CodeBadPoints:       "Points invalides : 0, 500 ou 1000.",
	CodeNotDefi:         "La carte en cours n’est pas un défi.",
	CodeNotAnswered:     "Cette équipe n’a pas répondu au défi.",
	CodeBadSeconds:      "Durée invalide : de 1 à 300 secondes.",
	CodeBadCommitment:   "Engagement personnel invalide.",
	CodeFull:            "La partie est complète.",
	CodeBadConfig:       "Configuration de partie invalide.",
}

// refuse builds the *Error of a code, with an optional more precise French
// message.
func refuse(code string, detail ...string) *Error {
	msg := errorMessages[code]
	if len(detail) > 0 && detail[0] != "" {
		msg = detail[0]
	}
	return &Error{Code: code, Message: msg}
}

// Precise French messages used with refuse.
const (
	msgJoinOver         = "La partie est terminée : il n’est plus possible de la rejoindre."
	msgRosterWhileOpen  = "La composition de l’équipe se modifie entre deux cartes, pas pendant une carte."
	msgTeamSize         = "Une équipe compte de 1 à 6 membres."
	msgPlenaryOne       = "En plénière, chaque agent rejoint la partie avec son propre appareil : un seul membre."
	msgMemberName       = "Chaque membre doit avoir un prénom et un nom (60 caractères au plus)."
	msgMemberColl       = "Collectivité inconnue : Ville de Dijon, CCAS ou Dijon métropole."
	msgMemberCat        = "Catégorie inconnue : A, B, C ou Autre."
	msgMemberDirection  = "Direction ou service trop long (120 caractères au plus)."
	msgAnswerChoice     = "Choisissez une des réponses proposées."
	msgAnswerNumber     = "Donnez un nombre positif (au plus mille milliards)."
	msgAnswerOrder      = "Classez chaque élément une fois et une seule."
	msgAnswerGroups     = "Placez chaque élément dans un des groupes."
	msgAnswerText       = "Écrivez une réponse de 1 à 500 caractères."
	msgAnswerMissing    = "Réponse manquante."
	msgCommitMember     = "Membre inconnu dans l’équipe."
	msgCommitUnknown    = "Cet engagement personnel ne fait pas partie du jeu."
	msgCommitTwice      = "Un même membre ne peut choisir qu’un engagement à la fois."
	msgNextCommitments  = "Dernière étape : fermez la séance pour compter les agents."
	msgCloseEarly       = "La séance se ferme après la dernière carte (podium, bilan ou engagements)."
	msgPauseNoCard      = "Il n’y a pas de carte en cours à mettre en pause."
	msgAlreadyPaused    = "La partie est déjà en pause."
	msgAwardPhase       = "Les points d’un défi s’attribuent après la fermeture de la carte."
	msgSkipPhase        = "Aucune carte à passer en ce moment."
	msgAlreadyRemoved   = "Cette équipe a déjà été retirée."
	msgAlreadyBanned    = "Cette équipe a déjà été exclue."
	msgPlayerID         = "Identifiant de joueur invalide."
	msgTooManyTeams     = "La partie a atteint le nombre maximal d’équipes."
	msgTooManyPlayers   = "La partie a atteint le nombre maximal de joueurs."
	msgAddTimeLimit     = "Le temps de cette carte ne peut plus être prolongé."
	msgUnknownFormat    = "Format de partie inconnu."
	msgUnknownMode      = "Mode de jeu inconnu."
	msgUnknownAxis      = "Axe inconnu : 1, 2 ou 3."
	msgNoCards          = "Le jeu de cartes ne contient aucune carte pour ce format."
	msgNoDeck           = "Aucun jeu de cartes."
	msgRejoinAfterPodia = "La partie est terminée : votre équipe ne peut plus y revenir."
	msgNameRemoved      = "L’animateur a retiré l’équipe de ce nom : seuls ses appareils peuvent la faire revenir. Choisissez un autre nom."
	msgNotIdle          = "La séance n’est pas restée inactive assez longtemps pour expirer."
)

// Type labels, as summaries and screens name card types.
var typeLabels = map[string]string{
	TypeQCM:         "QCM",
	TypeVraiFaux:    "Vrai/Faux",
	TypeEstimation:  "Estimation",
	TypeClassement:  "Classement",
	TypeAssociation: "Association",
	TypeDefi:        "Défi",
}

// TypeLabel is the French name of a card type ("Vrai/Faux", "Défi"...).
func TypeLabel(t string) string {
	if l, ok := typeLabels[t]; ok {
		return l
	}
	return t
}
