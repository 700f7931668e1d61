package dashboard

// Every French string of the dashboard that is not in a template, in one
// place so they can be reviewed together.

import (
	"fmt"

	"metodd/game"
)

// Errors and notices shown on pages.
const (
	msgBadLogin          = "Identifiant ou mot de passe incorrect."
	msgDisabled          = "Ce compte est désactivé : contactez la cellule RSO."
	msgLoginRate         = "Trop de tentatives de connexion : patientez une minute avant de réessayer."
	msgBadCSRF           = "Le formulaire a expiré ou ne vient pas de cette page : rechargez la page et recommencez."
	msgForbidden         = "Cette page est réservée à la cellule RSO."
	msgNotFound          = "Page introuvable."
	msgServerError       = "Erreur du serveur : réessayez dans un instant. Si elle persiste, prévenez la DSI."
	msgNoCampaign        = "Aucune campagne n’existe encore : créez-en une dans « Campagnes »."
	msgLoggedOut         = "Vous êtes déconnecté."
	msgLoginTaken        = "Cet identifiant est déjà pris."
	msgPartnerCreated    = "Partenaire « %s » créé. Transmettez-lui son identifiant et ce mot de passe, qui ne sera plus affiché :"
	msgPartnerCreatedOwn = "Partenaire « %s » créé avec le mot de passe saisi."
	msgPasswordReset     = "Nouveau mot de passe de « %s ». Transmettez-le-lui : il ne sera plus affiché."
	msgPartnerOff        = "Le compte de « %s » est désactivé : il ne peut plus se connecter ni créer de séance."
	msgPartnerOn         = "Le compte de « %s » est réactivé."
	msgBadDates          = "Dates invalides : la fin doit suivre le début (format AAAA-MM-JJ)."
	msgCampaignSaved     = "Campagne enregistrée."
	msgCampaignCurrent   = "La campagne « %s » est désormais la campagne en cours : les nouvelles séances comptent pour elle."
	msgDeckNoFile        = "Choisissez un fichier YAML à envoyer."
	msgDeckTooLarge      = "Fichier trop volumineux (%d Mo au plus)."
	msgDeckInvalid       = "Le jeu « %s » n’a pas été enregistré : %d problème(s) à corriger. Le jeu en service reste inchangé."
	msgDeckAdded         = "Jeu « %s » enregistré : %d cartes, %d engagements personnels. Les nouvelles séances l’utiliseront."
	msgDeckSame          = "Ce fichier est identique à la version en service du jeu « %s » : rien n’a changé."
	msgDeckOn            = "Le jeu « %s » est proposé aux partenaires."
	msgDeckOff           = "Le jeu « %s » n’est plus proposé aux partenaires (les séances déjà jouées le gardent)."
	msgPurged            = "Purge effectuée : %d ligne(s) ont perdu leurs noms. Les comptages sont conservés."
	msgTooLong           = "Texte trop long (%d caractères au plus)."
	msgDeckNotFound      = "Ce jeu de cartes n’existe pas."
	msgSessionNotFound   = "Cette séance n’existe pas ou ne vous est pas accessible."
)

// Messages that state a limit take its number from its constant.
var (
	msgBadYear      = fmt.Sprintf("Année invalide : entre %d et %d.", minYear, maxYear)
	msgBadGoal      = fmt.Sprintf("Objectif invalide : un nombre d’agents entre 0 et %s.", game.FrenchNumber(maxGoal))
	msgBadRetention = fmt.Sprintf("Durée de conservation invalide : de 1 à %d mois.", maxRetentionMonths)
	msgNameTooLong  = fmt.Sprintf("Nom trop long (%d caractères au plus).", maxCampaignNameRunes)
)

// Labels of session states, formats and modes.
var (
	stateLabels = map[string]string{
		"live":   "en cours",
		"closed": "clôturée",
		"ended":  "interrompue",
	}
	formatLabels = map[string]string{
		"express":  "Express",
		"standard": "Standard",
		"complet":  "Complet",
		"axe":      "Un axe",
	}
	modeLabels = map[string]string{
		"equipe":   "Équipes",
		"pleniere": "Plénière",
	}
	monthNames = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}
	shortMonthNames = []string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
		"août", "sept.", "oct.", "nov.", "déc."}
)

// Words used in tables and charts when a value is missing.
const (
	notGiven   = "Non renseigné"
	purgedName = "(nom purgé)"
)
