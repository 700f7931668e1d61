package dashboard

// Every French string of the dashboard that is not in a template, in one
// place so they can be reviewed together.

import (
	"fmt"

	"metodd/game"
	"metodd/server/store"
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
	msgDeckInvalid       = "Le jeu « %s » n’a pas été enregistré : %s à corriger. Le jeu en service reste inchangé."
	msgDeckAdded         = "Jeu « %s » enregistré : %d cartes, %d engagements personnels. Les nouvelles séances l’utiliseront."
	msgDeckSame          = "Ce fichier est identique à la version en service du jeu « %s » : rien n’a changé."
	msgDeckOn            = "Le jeu « %s » est proposé aux partenaires."
	msgDeckOff           = "Le jeu « %s » n’est plus proposé aux partenaires (les séances déjà jouées le gardent)."
	msgPurged            = "Purge effectuée : %s leurs noms. Les comptages sont conservés."
	msgTooLong           = "Texte trop long (%d caractères au plus)."
	msgDeckNotFound      = "Ce jeu de cartes n’existe pas."
	msgSessionNotFound   = "Cette séance n’existe pas ou ne vous est pas accessible."
)

// The list of directions' page (directions.go).
const (
	lblDirectionsTitle     = "Directions"
	lblDirectionsList      = "Liste proposée aux équipes"
	lblNoDirection         = "La liste est vide : les équipes saisissent leur direction."
	colPosition            = "Ordre"
	actRenameDirection     = "Renommer « %s »"
	actUpDirection         = "Monter « %s »"
	actDownDirection       = "Descendre « %s »"
	actRemoveDirection     = "Retirer « %s »"
	confirmRemoveDirection = "Retirer « %s » de la liste\u00a0? Les agents déjà comptés la gardent."
	msgDirectionSaved      = "Direction « %s » enregistrée."
	msgDirectionMoved      = "Ordre de la liste enregistré."
	msgDirectionRemoved    = "Direction retirée de la liste."
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
		store.StateLive:   "en cours",
		store.StateClosed: "clôturée",
		store.StateEnded:  "interrompue",
	}
	formatLabels = map[string]string{
		game.FormatExpress:  "Express",
		game.FormatStandard: "Standard",
		game.FormatComplet:  "Complet",
		game.FormatAxis:     "Un axe",
	}
	modeLabels = map[string]string{
		string(game.ModeTeam):    "Équipes",
		string(game.ModePlenary): "Plénière",
	}
	monthNames = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}
	shortMonthNames = []string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
		"août", "sept.", "oct.", "nov.", "déc."}
)

// Words used in tables and charts when a value is missing or grouped.
const (
	lblOthers       = "Autres" // the bar that groups the smallest values
	lblPartnersPage = "Partenaires"
	lblError        = "Erreur"
	notGiven        = "Non renseigné"
	purgedName      = "(nom purgé)"
)

// The administration pages: titles, column labels, states, actions and
// their confirmations.
const (
	lblPartnersTitle       = "Comptes partenaires"
	lblActivityNote        = "Activité sur la campagne %d."
	lblNoPartner           = "Aucun partenaire pour le moment : créez le premier ci-dessous."
	lblActive              = "actif"
	lblDisabled            = "désactivé"
	actPassword            = "Mot de passe"
	confirmPassword        = "Créer un nouveau mot de passe pour %s\u00a0? L’ancien ne fonctionnera plus."
	actEnable              = "Réactiver"
	actDisable             = "Désactiver"
	confirmDisable         = "Désactiver le compte de %s\u00a0? Il ne pourra plus se connecter."
	lblCampaignSessions    = "Séances de la campagne %d"
	lblCampaignsTitle      = "Campagnes"
	lblCurrentCampaign     = "campagne en cours"
	actEdit                = "Modifier"
	actMakeCurrent         = "Rendre courante"
	confirmMakeCurrent     = "Faire de « %s » la campagne en cours\u00a0? Les nouvelles séances compteront pour elle."
	lblDefaultCampaignName = "Campagne %d"
	lblNoDeck              = "Aucun jeu de cartes."
	lblBuiltin             = "fourni avec mét’ODD"
	lblUploadedBy          = "envoyé par %s"
	lblYes                 = "oui"
	lblNo                  = "non"
	actDownload            = "Télécharger"
	actWithdraw            = "Retirer"
	confirmWithdraw        = "Ne plus proposer « %s » aux partenaires\u00a0?"
	actOffer               = "Proposer"
	lblDecksTitle          = "Jeux de cartes"
	lblDataTitle           = "Données personnelles"
	colName                = "Nom"
	colLogin               = "Identifiant"
	colCreated             = "Créé le"
	colState               = "État"
	colSessions            = "Séances"
	colSessionsClosed      = "Séances clôturées"
	colSessionsClosedShort = "Clôturées"
	colAgents              = "Agents sensibilisés"
	colAgentsShort         = "Agents"
	colLastSession         = "Dernière séance"
	colLastSessionShort    = "Dernière"
	colYear                = "Année"
	colGoal                = "Objectif"
	colStart               = "Début"
	colEnd                 = "Fin"
	colCurrent             = "En cours"
	colTitle               = "Titre"
	colCards               = "Cartes"
	colVersion             = "Version"
	colOrigin              = "Origine"
	colUpdated             = "Mis à jour le"
	colOffered             = "Proposé aux partenaires"
	colLastName            = "Nom"
	colFirstName           = "Prénom"
	colCollectivite        = "Collectivité"
	colDirection           = "Direction ou service"
	colCategory            = "Catégorie"
	colCounted             = "Compté le"
	colSession             = "Séance"
)

// The campaign pages (home, breakdowns, sessions, learning, indicators,
// one session): titles, notes, column labels and chart titles.
const (
	lblHomeTitle               = "Tableau de bord"
	lblRecentSessions          = "Dernières séances"
	lblLiveSessions            = "Séances en cours"
	lblNoLiveSession           = "Aucune séance en cours en ce moment."
	colSince                   = "Depuis"
	colPartner                 = "Partenaire"
	colSite                    = "Site"
	colFormat                  = "Format"
	colTeams                   = "Équipes"
	lblByMonth                 = "Par mois"
	lblNoClosedSession         = "Aucune séance clôturée pour le moment."
	lblByMonthNote             = "Agents comptés pour la première fois dans le mois, et séances clôturées ce mois-là."
	colMonth                   = "Mois"
	colPresent                 = "Agents présents"
	colExpected                = "Agents attendus"
	colNewAgents               = "Nouveaux agents sensibilisés"
	colCumulative              = "Cumul"
	lblTotal                   = "Total"
	chartNewAgentsByMonth      = "Nouveaux agents sensibilisés par mois"
	lblByCollectivite          = "Par collectivité"
	lblByDirection             = "Par direction ou service"
	lblByCategory              = "Par catégorie"
	lblNoAgent                 = "Aucun agent sensibilisé pour le moment."
	colShare                   = "Part"
	lblByPartner               = "Par partenaire"
	lblNoPartnerSession        = "Aucun partenaire n’a encore animé de séance."
	lblByPartnerNote           = "Chaque agent est compté pour le partenaire de sa première séance de la campagne."
	chartAgentsByPartner       = "Agents sensibilisés par partenaire"
	lblBreakdownsTitle         = "Répartitions"
	lblBreakdownsIntro         = "Agents sensibilisés de la campagne, comptés une seule fois chacun, quel que soit le nombre de séances jouées."
	lblNoSessionFound          = "Aucune séance pour ces critères."
	colDate                    = "Date"
	colDirectionShort          = "Direction"
	colPresentShort            = "Présents"
	colExpectedShort           = "Attendus"
	colNewCounted              = "Nouveaux agents comptés"
	colNewCountedShort         = "Nouveaux"
	colCardID                  = "Identifiant de la carte"
	colCommitID                = "Identifiant de l’engagement"
	colMode                    = "Mode"
	colQuestion                = "Question"
	colType                    = "Type"
	colEngagement              = "Engagement"
	colAnswersExpected         = "Réponses attendues"
	colGoodAnswers             = "Bonnes réponses"
	colGoodShare               = "Taux de bonnes réponses"
	lblByCard                  = "Par carte, les moins connues d’abord"
	lblByCardNote              = "Les faits les moins connus sont en tête : ce sont eux que la communication de la cellule RSO peut cibler."
	lblNoCardPlayed            = "Aucune carte jouée dans une séance clôturée pour le moment."
	lblByEngagement            = "Par engagement mét’ODD"
	colAxis                    = "Axe"
	chartGoodShareByEngagement = "Taux de bonnes réponses par engagement"
	lblPicks                   = "Engagements personnels choisis"
	lblPicksNote               = "« Mon engagement mét’ODD » : le geste que chaque agent a choisi en fin de séance."
	lblNoPick                  = "Aucun engagement personnel choisi pour le moment."
	colPick                    = "Engagement personnel"
	colMetoddEngagement        = "Engagement mét’ODD"
	lblLearningTitle           = "Apprentissage"
	lblLearningIntro           = "Part des bonnes réponses dans les séances clôturées de la campagne (une réponse par équipe, ou par agent en plénière)."
	lblIndicatorsTable         = "Nos indicateurs de performance — Volet 1 : gouvernance du projet"
	lblIndicatorsNote          = "Les lignes du bilan RSO que mét’ODD mesure, pour chaque campagne."
	colIndicator               = "Indicateur"
	colIssue                   = "Enjeu RSO"
	indSessions                = "Nombre de séances de sensibilisation/formation organisées"
	indCultureRSO              = "Culture RSO"
	indAgents                  = "Nombre d'agents formés ou sensibilisés à la RSO"
	indGoal                    = "Objectif d'agents sensibilisés"
	indGoalShare               = "Part de l'objectif atteinte (%)"
	indParticipation           = "Taux de participation aux événements mét'ODD (%)"
	indPartners                = "Nombre de partenaires mét'ODD (ayant animé au moins une séance)"
	lblOpenAccounts            = " Comptes partenaires ouverts aujourd’hui : %s."
	lblIndicatorsTitle         = "Indicateurs"
	lblIndicatorsIntro1        = "Taux de participation : agents présents sur agents attendus, dans les séances clôturées où le partenaire a indiqué un nombre attendu. "
	lblIndicatorsIntro2        = "Un agent est compté une seule fois par campagne, quel que soit le nombre de séances jouées."
	lblNoTeam                  = "Aucune équipe enregistrée (séance en cours ou sans équipe)."
	colRank                    = "Rang"
	colTeam                    = "Équipe"
	colScore                   = "Score"
	colMembers                 = "Membres"
	colAgentsCounted           = "Agents comptés"
	colRemark                  = "Remarque"
	lblSignInSheet             = "Liste d’émargement"
	lblPersonalDataNote        = "Données personnelles : visibles de la cellule RSO seulement."
	lblNoMember                = "Aucun membre enregistré."
	colCountedShort            = "Compté"
	lblTeamBanned              = "exclue par l’animateur"
	lblTeamRemoved             = "retirée par l’animateur"
	lblCardsPlayed             = "Cartes jouées"
	lblNoCard                  = "Aucune carte jouée."
	lblSessionOf               = "Séance du "
)

// Messages of the account page.
const (
	lblPasswordPage    = "Mon mot de passe"
	msgPasswordChanged = "Mot de passe changé. Vos autres connexions sont fermées."
	msgCurrentWrong    = "Mot de passe actuel incorrect."
	msgPasswordsDiffer = "Les deux saisies du nouveau mot de passe diffèrent."
	msgPasswordSame    = "Le nouveau mot de passe doit différer de l’actuel."
)
