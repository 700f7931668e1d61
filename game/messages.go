package game

// Every French string the rules show to a user, in one place so they can be
// reviewed together: the refusals of session commands (by stable code) and
// the deck loader's messages. The numbers of limits are formatted from their
// constants, never written by hand. Users call a game a « séance ».

import "fmt"

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
	CodeClosedByHost    = "closed-by-host"
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
	CodeBadFactor       = "bad-factor"
	CodeNotRemoved      = "not-removed"
)

// errorMessages holds the French message of each code.
var errorMessages = map[string]string{
	CodeUnknownKind:     "Commande inconnue.",
	CodeNotHost:         "Seul l’animateur peut faire cela.",
	CodeNotTeam:         "Cette commande est réservée aux équipes.",
	CodeUnknownPlayer:   "Joueur inconnu dans cette séance.",
	CodeUnknownTeam:     "Équipe inconnue dans cette séance.",
	CodeDuplicatePlayer: "Ce joueur a déjà rejoint la séance.",
	CodeRemoved:         "Votre équipe a été retirée de la séance par l’animateur.",
	CodeBanned:          "Cette équipe a été exclue de la séance par l’animateur.",
	CodeWrongPhase:      "Ce n’est pas possible à ce moment de la séance.",
	CodeSessionOver:     "La séance est terminée.",
	CodeNotOpen:         "Aucune carte n’est ouverte en ce moment.",
	CodeTooLate:         "Trop tard\u00a0: le temps de cette carte est écoulé.",
	CodeClosedByHost:    "Trop tard\u00a0: l’animateur a clos cette carte avant la fin du temps.",
	CodeJoinedLate:      "Vous avez rejoint la séance pendant cette carte\u00a0: vous jouerez la suivante.",
	CodeAlreadyAnswered: "Vous avez déjà répondu à cette carte.",
	CodeWrongCard:       "Cette réponse concerne une autre carte que celle en cours.",
	CodeBadAnswer:       "Réponse invalide.",
	CodeBadName:         fmt.Sprintf("Nom d’équipe invalide\u00a0: de 1 à %d caractères, sans caractères de contrôle.", MaxTeamNameRunes),
	CodeBadColor:        "Couleur invalide\u00a0: attendue sous la forme #rrggbb.",
	CodeBadMembers:      "Liste des membres invalide.",
	CodeNameTaken:       "Ce nom d’équipe est déjà pris\u00a0: choisissez-en un autre.",
	CodePaused:          "La séance est en pause.",
	CodeNotPaused:       "La séance n’est pas en pause.",
	CodeNotDue:          "Le temps de la carte n’est pas encore écoulé.",
	CodeNoTeam:          "Aucune équipe n’a encore rejoint la séance.",
	CodeBadPoints:       fmt.Sprintf("Points invalides\u00a0: 0, %d ou %d.", DefiHalf, MaxPoints),
	CodeNotDefi:         "La carte en cours n’est pas un défi.",
	CodeNotAnswered:     "Cette équipe n’a pas répondu au défi.",
	CodeBadSeconds:      fmt.Sprintf("Durée invalide\u00a0: de 1 à %d secondes.", MaxAddTimeSeconds),
	CodeBadCommitment:   "Engagement personnel invalide.",
	CodeFull:            "La séance est complète.",
	CodeBadConfig:       "Configuration de séance invalide.",
	CodeBadFactor:       fmt.Sprintf("Temps adapté\u00a0: le temps des cartes se multiplie par 1 à %d.", MaxTimeFactor),
	CodeNotRemoved:      "Cette équipe n’a pas été retirée\u00a0: elle est déjà dans la séance.",
}

// MessageOf is the French message of an error code of the rules ("" for
// another code). The server sends it when it refuses a command early for
// the rules' reason, so one code always reads the same.
func MessageOf(code string) string { return errorMessages[code] }

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
var (
	msgJoinOver         = "La séance est terminée\u00a0: il n’est plus possible de la rejoindre."
	msgRosterWhileOpen  = "La composition de l’équipe se modifie entre deux cartes, pas pendant une carte."
	msgTeamSize         = fmt.Sprintf("Une équipe compte de 1 à %d membres.", MaxTeamMembers)
	msgPlenaryOne       = "En plénière, chaque agent rejoint la séance avec son propre appareil\u00a0: un seul membre."
	msgMemberName       = fmt.Sprintf("Chaque membre doit avoir un prénom et un nom (%d caractères au plus).", MaxMemberNameRunes)
	msgMemberColl       = "Collectivité inconnue\u00a0: Ville de Dijon, CCAS ou Dijon métropole."
	msgMemberCat        = "Catégorie inconnue\u00a0: A, B, C ou Autre."
	msgMemberDirection  = fmt.Sprintf("Direction ou service trop long (%d caractères au plus).", MaxDirectionRunes)
	msgAnswerChoice     = "Choisissez une des réponses proposées."
	msgAnswerNumber     = "Donnez un nombre positif (au plus " + FrenchNumber(MaxGuess) + ")."
	msgAnswerOrder      = "Classez chaque élément une fois et une seule."
	msgAnswerGroups     = "Placez chaque élément dans un des groupes."
	msgAnswerText       = fmt.Sprintf("Écrivez une réponse de 1 à %d caractères.", MaxDefiRunes)
	msgAnswerMissing    = "Réponse manquante."
	msgCommitMember     = "Membre inconnu dans l’équipe."
	msgCommitUnknown    = "Cet engagement personnel ne fait pas partie du jeu."
	msgCommitTwice      = "Un même membre ne peut choisir qu’un engagement à la fois."
	msgNextCommitments  = "Dernière étape\u00a0: fermez la séance pour compter les agents."
	msgCloseEarly       = "La séance se ferme après la dernière carte (podium, bilan ou engagements)."
	msgPauseNoCard      = "Il n’y a pas de carte en cours à mettre en pause."
	msgAlreadyPaused    = "La séance est déjà en pause."
	msgAwardPhase       = "Les points d’un défi s’attribuent après la fermeture de la carte."
	msgSkipPhase        = "Aucune carte à passer en ce moment."
	msgAlreadyRemoved   = "Cette équipe a déjà été retirée."
	msgAlreadyBanned    = "Cette équipe a déjà été exclue."
	msgPlayerID         = "Identifiant de joueur invalide."
	msgTooManyTeams     = "La séance a atteint le nombre maximal d’équipes."
	msgTooManyPlayers   = "La séance a atteint le nombre maximal de joueurs."
	msgAddTimeLimit     = "Le temps de cette carte ne peut plus être prolongé."
	msgUnknownFormat    = "Format de séance inconnu."
	msgUnknownMode      = "Mode de jeu inconnu."
	msgUnknownAxis      = "Axe inconnu\u00a0: 1, 2 ou 3."
	msgNoCards          = "Le jeu de cartes ne contient aucune carte pour ce format."
	msgNoDeck           = "Aucun jeu de cartes."
	msgRejoinAfterPodia = "La séance est terminée\u00a0: votre équipe ne peut plus y revenir."
	msgNameRemoved      = "L’animateur a retiré l’équipe de ce nom\u00a0: seuls ses appareils ou l’animateur peuvent la faire revenir. Choisissez un autre nom."
	msgRestoreLate      = "Le podium est passé\u00a0: une équipe retirée ne peut plus revenir dans la séance."
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

// FrenchNumber writes a whole number the French way, its digits grouped by
// three with no-break spaces: 1e12 is "1 000 000 000 000". Messages format
// their limits with it.
func FrenchNumber(v float64) string {
	d := fmt.Sprintf("%.0f", v)
	var b []byte
	for i := range len(d) {
		if i > 0 && (len(d)-i)%3 == 0 && d[i-1] != '-' {
			b = append(b, "\u00a0"...)
		}
		b = append(b, d[i])
	}
	return string(b)
}
