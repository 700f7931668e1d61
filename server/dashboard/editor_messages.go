package dashboard

// The French strings of the deck editor (editor*.go). The rules' own
// messages (a field empty, out of range…) come from game/deckfile, the one
// source of the deck rules.

const (
	msgEdConflict = "Quelqu’un d’autre a enregistré ce jeu depuis que vous l’avez ouvert (révision %d, vous étiez sur la %d) : " +
		"vos changements n’ont pas été enregistrés, pour ne pas écraser les siens. Ils sont encore dans le formulaire : " +
		"copiez-les, rechargez la page, puis reportez-les."
	msgEdConflictShort  = "Quelqu’un d’autre a enregistré ce jeu depuis que vous l’avez ouvert : rien n’a été fait. Rechargez la page et recommencez."
	msgEdCardSaved      = "Carte « %s » enregistrée dans le brouillon."
	msgEdCardSavedBad   = "Carte « %s » enregistrée dans le brouillon, avec %s à corriger avant de publier."
	msgEdCardNotSaved   = "La carte n’a pas été enregistrée : corrigez les valeurs signalées."
	msgEdCardNotFound   = "Cette carte n’existe pas (ou plus) dans le brouillon."
	msgEdCardDeleted    = "Carte « %s » supprimée du brouillon."
	msgEdCardCopied     = "Carte « %s » dupliquée en « %s »."
	msgEdCardMoved      = "Carte « %s » déplacée."
	msgEdBadType        = "Type de carte inconnu."
	msgEdDeckCreated    = "Jeu « %s » créé : ajoutez ses cartes et ses engagements personnels, puis publiez-le."
	msgEdDeckCopied     = "Jeu « %s » créé, copie du brouillon de « %s »."
	msgEdDeckExists     = "L’identifiant « %s » est déjà celui d’un jeu."
	msgEdPublished      = "Jeu « %s » publié : version %d, %d cartes. Les nouvelles séances l’utiliseront ; les séances déjà jouées gardent leur version."
	msgEdPublishSame    = "Le brouillon est identique à la version en service : rien à publier."
	msgEdPublishInvalid = "Le jeu n’a pas été publié : %s à corriger (liste ci-dessous). La version en service ne change pas."
	msgEdReverted       = "Le brouillon est revenu à la version publiée n°%d."
	msgEdNoVersion      = "Ce jeu n’a encore jamais été publié : il n’y a pas de version où revenir."
	msgEdTitleSaved     = "Titre enregistré."
	msgEdCommitsSaved   = "Engagements personnels enregistrés dans le brouillon."
	msgEdBaseBehind     = "Une version plus récente (n°%d) a été publiée depuis le début de ce brouillon (par un envoi de fichier ?). « Revenir à la version publiée » repart d’elle."
	msgEdUnpublished    = "Modifications non publiées : %s."
	msgEdNoChange       = "Le brouillon est identique à la version en service."
	msgEdNeverPublished = "jamais publié"
	msgEdDraftOnly      = "brouillon"
	msgEdCopySuffix     = "-copie"
	msgEdCopyTitle      = "%s (copie)"
	msgEdCommitLegend   = "Engagement personnel n°%d"
)

// Labels of the card fields, in the history's diff and the error summary.
var edFieldLabels = map[string]string{
	"id":          "identifiant",
	"engagement":  "engagement",
	"type":        "type",
	"difficulty":  "difficulté",
	"prompt":      "question",
	"explanation": "« Le saviez-vous ? »",
	"source":      "source",
	"odd":         "ODD",
	"time":        "temps",
	"choices":     "choix",
	"answer":      "bonne réponse",
	"unit":        "unité",
	"items":       "éléments",
	"groups":      "groupes",
	"hints":       "éléments de réponse",
}

var edDifficultyLabels = []string{"", "1 — facile", "2 — moyenne", "3 — difficile"}
