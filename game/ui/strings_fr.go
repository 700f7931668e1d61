package ui

// Every text a player or a partner reads, in one place so it can be
// reviewed together. French typography: no-break spaces (U+00A0) before
// « : ; ! ? » and inside « ».

import (
	"fmt"

	"metodd/game"
)

// Texts that state a limit of the rules take its number from its constant.
var (
	msgBadCode         = fmt.Sprintf("Le code fait %d à %d lettres ou chiffres.", minCodeLen, maxCodeLen)
	formatExpressHelp  = fmt.Sprintf("≈ %d cartes · 15 min", game.ExpressCards)
	formatStandardHelp = fmt.Sprintf("%d cartes, une par engagement · 30 min", game.StandardCards)
	formatCompletHelp  = fmt.Sprintf("≈ %d cartes · 45 min", game.CompletCards)
	msgExpectedBad     = fmt.Sprintf("Le nombre d’agents attendus est un entier entre 0 et %s.", game.FrenchNumber(game.MaxExpected))
)

const (
	appTitle    = "mét’ODD"
	appSubtitle = "Le jeu des 15 engagements RSO de Dijon métropole, de la Ville de Dijon et du CCAS"

	// Home.
	msgJoinTitle         = "Rejoindre une séance"
	msgJoinHelp          = "Saisissez le code affiché par l’animateur."
	msgCodeLabel         = "Code de la séance"
	msgCodePlaceholder   = "ex. K7PM3Q"
	msgJoinButton        = "Rejoindre"
	msgHostTitle         = "Animer une séance"
	msgHostHelp          = "Partenaire mét’ODD\u00a0? Connectez-vous pour créer une séance et la projeter."
	msgHostButton        = "Se connecter"
	msgServerLabel       = "Adresse du serveur"
	msgServerPlaceholder = "http://serveur:8080"
	msgNoServer          = "Indiquez l’adresse du serveur mét’ODD."
	msgBadServer         = "Adresse du serveur invalide (ex. http://serveur:8080)."

	// Login.
	msgLoginTitle    = "Connexion partenaire"
	msgLoginLabel    = "Identifiant"
	msgPasswordLabel = "Mot de passe"
	msgLoginButton   = "Se connecter"
	msgBack          = "Retour"
	msgLoginMissing  = "Saisissez votre identifiant et votre mot de passe."
	msgWorking       = "Un instant…"
	msgResuming      = "Reprise de votre équipe…"

	// Create a session.
	msgCreateTitle          = "Nouvelle séance"
	msgDeckLabel            = "Jeu de cartes"
	msgFormatLabel          = "Format"
	msgAxisLabel            = "Axe"
	msgModeLabel            = "Mode de jeu"
	msgTimeLabel            = "Temps de réponse"
	msgTimeNormal           = "Normal"
	msgTimeAdapted          = "Adapté ×%d" // « temps adapté »: every card's time times %d
	msgDirectionLabel       = "Direction / service visité"
	msgDirectionPlaceholder = "ex. Direction des espaces verts"
	msgSiteLabel            = "Lieu"
	msgSitePlaceholder      = "ex. Salle du conseil, Hôtel de ville"
	msgExpectedLabel        = "Agents attendus"
	msgCreateButton         = "Créer la séance"
	msgNoDeck               = "Aucun jeu de cartes disponible."
	msgDirectionMissing     = "Indiquez la direction ou le service visité."
	msgHello                = "Bonjour %s"
	msgLogout               = "Se déconnecter"

	formatExpress   = "Express"
	formatStandard  = "Standard"
	formatComplet   = "Complet"
	formatAxis      = "Un axe"
	formatAxisHelp  = "les cartes d’un seul axe"
	modeTeam        = "Par équipes"
	modePlenary     = "Plénière"
	modeTeamHelp    = "un ordinateur ou un navigateur par équipe"
	modePlenaryHelp = "chaque agent joue sur son appareil et rejoint une équipe"

	// Connection.
	msgConnLost     = "Connexion perdue — reconnexion…"
	msgConnLostHelp = "Votre équipe et vos points sont conservés. La séance reprend dès que la connexion revient."
	msgConnClosed   = "La connexion est terminée."
	msgNetError     = "Impossible de joindre le serveur. Vérifiez l’adresse et le réseau."
)

// Team form.
const (
	msgTeamTitle                  = "Votre équipe"
	msgSessionCode                = "Séance %s"
	msgTeamNameLabel              = "Nom de l’équipe"
	msgTeamNamePlaceholder        = "ex. Les Éco-Gestes"
	msgColorLabel                 = "Couleur"
	msgMembersLabel               = "Membres (%d / %d)"
	msgAddMember                  = "+ Ajouter un membre"
	msgPlenaryMember              = "Vous (un appareil par agent)"
	msgPlenaryTeamLabel           = "Équipe à rejoindre ou à créer"
	msgExistingTeams              = "Équipes déjà inscrites\u00a0: touchez pour la rejoindre"
	msgRemoveMember               = "Retirer ce membre"
	msgFirstNameLabel             = "Prénom"
	msgLastNameLabel              = "Nom"
	msgCollectiviteLabel          = "Collectivité"
	msgDirectionMemberLabel       = "Direction / service"
	msgDirectionMemberPlaceholder = "ex. Direction des finances"
	msgCategoryLabel              = "Catégorie (facultatif)"
	msgCategoryNone               = "Non précisée"
	msgJoinGame                   = "Rejoindre la séance"
	msgMemberNew                  = "Nouveau membre"
	msgMemberIncomplete           = "à compléter"
	msgTeamNameMissing            = "Donnez un nom à votre équipe."
	msgMemberMissing              = "Membre %d\u00a0: prénom, nom, collectivité et direction sont demandés."
	msgNoMember                   = "Ajoutez au moins un membre."
	msgPrivacy                    = "Les noms servent uniquement à compter les agents sensibilisés pendant la campagne %d."
	msgPrivacyNoYear              = "Les noms servent uniquement à compter les agents sensibilisés."
)

// The team form's direction picker (dirpicker.go), the list kept by the
// RSO cell.
const (
	msgDirChoose      = "Choisir dans la liste…"
	msgDirOther       = "Autre (préciser)"
	msgDirOtherLabel  = "Précisez la direction ou le service"
	msgDirPickerTitle = "Votre direction ou service"
	msgDirPickerClose = "Fermer"
)

// The game, both roles.
const (
	msgCardOf         = "Carte %d / %d"
	msgEngagement     = "Engagement %d · %s"
	msgPoints         = "%s pts"
	msgTeamMean       = "moyenne de l’équipe"
	msgDidYouKnow     = "Le saviez-vous\u00a0?"
	msgSource         = "Source\u00a0: bilan RSO 2024 — %s"
	msgSourceAxis     = "axe %d"
	msgGauge          = "Impact collectif"
	msgGaugeDetail    = "%d\u00a0%% de bonnes réponses (%d / %d)"
	msgAnsweredTeams  = "%d / %d équipes ont répondu"
	msgAnsweredAgents = "%d / %d agents ont répondu"
	msgPaused         = "Pause"
	msgTimeUp         = "Temps écoulé\u00a0!"
	msgRightAnswer    = "La bonne réponse"
	msgRightOrder     = "Le bon ordre"
	msgRightGroups    = "Les bonnes associations"
	msgHints          = "Pistes de réponse"
	msgAnswerIs       = "%s %s"
	msgLeaderboard    = "Classement"
	msgPodium         = "Podium"
	msgDebrief        = "Bilan de la séance"
	msgPerAxis        = "Bonnes réponses par axe"
	msgLeastKnown     = "Les faits les moins connus"
	msgGoodShareCard  = "%d\u00a0%% de bonnes réponses"
	msgCampaign       = "Objectif %d\u00a0: %s / %s agents sensibilisés"
	msgCampaignAdded  = "+%s grâce à cette séance. Merci\u00a0!"
	msgRank1          = "1re"
	msgRankN          = "%de"
	msgRankOf         = "%s sur %d"
	msgNobody         = "Personne"

	typeQCM         = "QCM"
	typeVraiFaux    = "Vrai ou faux\u00a0?"
	typeEstimation  = "Estimation"
	typeClassement  = "Classement"
	typeAssociation = "Association"
	typeDefi        = "Défi d’équipe"
)

// Team screens.
const (
	msgWaitTitle       = "Bienvenue, %s\u00a0!"
	msgWaitHelp        = "La séance va bientôt commencer. Regardez l’écran de l’animateur."
	msgSent            = "Réponse envoyée\u00a0! En attente des autres équipes…"
	msgYourAnswer      = "Votre réponse\u00a0: %s"
	msgNoAnswer        = "Pas de réponse"
	msgEstimateLabel   = "Votre estimation"
	msgEstimateUnit    = "en %s"
	msgEstimateSeen    = "Vous proposez\u00a0: %s"
	msgValidate        = "Valider"
	msgValidateOrder   = "Valider l’ordre"
	msgClassementHelp  = "Faites glisser les éléments, ou utilisez ▲ ▼ (flèches du clavier). Le premier en haut."
	msgClassementTouch = "Faites glisser les éléments, ou touchez ▲ ▼. Le premier en haut."
	msgAssocHelp       = "Choisissez un élément, puis son groupe (touches 1, 2, 3)."
	msgAssocHelpTouch  = "Touchez un élément, puis son groupe."
	msgAssocMissing    = "À placer encore\u00a0: %s."
	msgDefiLabel       = "Votre réponse d’équipe"
	msgDefiPlaceholder = "Discutez en équipe, puis écrivez votre réponse…"
	msgDefiSend        = "Envoyer"
	msgDefiEmpty       = "Écrivez votre réponse avant de l’envoyer."
	msgChoiceHelp      = "Touches A, B, C, D ou 1, 2, 3, 4"
	msgChoiceHelpTouch = "Touchez votre réponse."
	msgGood            = "Bonne réponse\u00a0!"
	msgBadAnswer       = "Pas cette fois…"
	msgPartial         = "Presque\u00a0!"
	msgPointsWon       = "+%s points"
	msgBonusClosest    = "dont +%d\u00a0: estimation la plus proche"
	msgBonusStreak     = "dont +%d\u00a0: série de bonnes réponses"
	msgYourRank        = "Votre équipe\u00a0: %s · %s points"
	msgWaitReveal      = "Réponses fermées. La correction arrive…"
	msgLookScreen      = "Regardez l’écran de l’animateur."
	msgCommitTitle     = "Mon engagement mét’ODD"
	msgCommitHelp      = "Chaque membre choisit un geste qu’il s’engage à tenir."
	msgCommitHelpOne   = "Choisissez un geste que vous vous engagez à tenir."
	msgCommitToChoose  = "à choisir"
	msgCommitSend      = "Valider nos engagements"
	msgCommitSendOne   = "Valider mon engagement"
	msgCommitMissing   = "Chaque membre choisit un engagement."
	msgCommitDone      = "Engagements enregistrés. Merci\u00a0!"
	msgPrevPage        = "◄ Précédents"
	msgNextPage        = "Suivants ►"
	msgThanks          = "Merci d’avoir joué\u00a0!"
	msgEndedEarly      = "La séance a été arrêtée par l’animateur."
	msgRemoved         = "Votre équipe a été retirée de la séance."
	msgRemovedHelp     = "Votre équipe, ses membres et ses points sont conservés\u00a0: revenez-y depuis cet appareil, ou rejoignez la séance sous un autre nom."
	msgComeBack        = "Revenir dans la séance"
	msgRejoinOther     = "Rejoindre avec un autre nom"
	msgHome            = "Retour à l’accueil"
	msgFinalScore      = "Score final\u00a0: %s points · %s"
)

const (
	msgBadNumber   = "Nombre illisible\u00a0: écrivez par exemple 1 500 ou 2,5."
	msgNumberRange = "Donnez un nombre positif."
)

// The partner's projected board.
const (
	msgHostSession  = "Séance %s"
	msgJoinAt       = "Rejoignez la séance"
	msgJoinSteps    = "Scannez le code QR ou ouvrez cette adresse\u00a0: le code de la séance s’y remplit tout seul."
	msgLANNote      = "Le tableau est ouvert sur le serveur\u00a0: voici son adresse sur le réseau local, pour les téléphones."
	msgLoopbackWarn = "Attention\u00a0: adresse locale, les téléphones ne peuvent pas l’ouvrir. Ouvrez le tableau par l’adresse réseau du serveur."
	msgJoinPlenary  = "Séance plénière\u00a0: chaque agent rejoint une équipe avec son téléphone."
	msgPlenaryBadge = "Plénière"
	msgMoreTeams    = "+\u00a0%s"
	msgAllTeamsIn   = "Toutes les équipes ont répondu"
	msgAllAgentsIn  = "Tous les agents ont répondu"
	msgCardClosed   = "Carte close"
	msgBoardUnit    = "Réponse attendue en %s"
	msgDefiPage     = "Réponses %d à %d sur %d"
	msgDefiPrev     = "◄ Précédentes"
	msgDefiNext     = "Suivantes ►"
	msgCodeBig      = "Code"
	msgTeamsCount   = "%s · %s"
	msgNoTeamYet    = "Les équipes apparaissent ici dès qu’elles rejoignent la séance."
	msgRemove       = "Retirer"
	msgBan          = "Bannir"
	msgBanConfirm   = "Bannir\u00a0?"
	msgRestore      = "Réintégrer"
	msgStart        = "Lancer la séance"
	msgNext         = "Suivant"
	msgCloseCard    = "Clore la carte"
	msgReveal       = "Révéler la réponse"
	msgShowBoard    = "Classement"
	msgNextCard     = "Carte suivante"
	msgToPodium     = "Podium"
	msgToDebrief    = "Bilan"
	msgToCommit     = "Engagements"
	msgCloseSession = "Clore la séance"
	msgPause        = "Pause"
	msgResumeGame   = "Reprendre"
	msgAddTime      = "+30 s"
	// The same button between cards: « temps adapté » for the coming cards.
	msgTimeFactorNormal  = "Temps normal"
	msgTimeFactorAdapted = "Temps ×%d"
	msgSkip              = "Passer"
	msgEnd               = "Arrêter"
	msgEndConfirm        = "Arrêter\u00a0? (recliquer)"
	msgTeamsPanel        = "Équipes"
	msgKeys              = "Espace\u00a0: suivant · P\u00a0: pause · +\u00a0: temps · S\u00a0: passer · E\u00a0: équipes · F11\u00a0: plein écran"
	msgAward             = "Attribuez les points du défi"
	msgAwarded           = "%s pts attribués"
	msgNoDefi            = "Aucune réponse reçue."
	msgEstimates         = "Réponses\u00a0: de %s à %s (médiane %s)"
	msgClosest           = "Les plus proches\u00a0: %s"
	msgCommitHost        = "Chaque agent choisit son engagement mét’ODD sur l’écran de son équipe."
	msgCommitCount       = "%d / %d agents ont choisi"
	msgCloseHelp         = "Clore la séance compte les agents présents pour la campagne."
	msgEndedHost         = "Séance arrêtée\u00a0: aucun agent n’est compté."
	msgOnline            = "en ligne"
	msgOffline           = "hors ligne"
	msgAnsweredMark      = "a répondu"
	msgRemovedMark       = "retirée"
	msgBannedMark        = "bannie"
	msgDebriefNone       = "Pas encore de réponses."
)

// Nouns for counts (countOf picks singular or plural).
var (
	nounTeam      = [2]string{"équipe", "équipes"}
	nounAgent     = [2]string{"agent", "agents"}
	nounConnected = [2]string{"équipe connectée", "équipes connectées"}
	nounItem      = [2]string{"élément", "éléments"}
)

// Singular forms of the answer counters ("1 / 1 équipe a répondu").
const (
	msgAnsweredTeam  = "%d / %d équipe a répondu"
	msgAnsweredAgent = "%d / %d agent a répondu"
	msgCommitOne     = "%d / %d agent a choisi"
)

// The deck editor's preview (preview.go).
const (
	msgPreviewLoading = "Aperçu\u00a0: chargement de la carte…"
	msgPreviewError   = "Aperçu impossible\u00a0: %v. Ouvrez-le depuis l’éditeur de cartes, connecté comme cellule RSO."
	msgPreviewTitle   = "Aperçu de la carte"
	msgPreviewTeam    = "Équipe d’aperçu"
	msgPreviewFirst   = "Camille"
	msgPreviewLast    = "Martin"
)

// The accessible mirror (browser) and the accessibility statement.
const (
	msgMirrorLabel   = "mét’ODD, version accessible de l’écran"
	msgCanvasLabel   = "Écran du jeu mét’ODD (sa version accessible suit\u00a0: touche Tab)"
	msgCanvasInput   = "Saisie au clavier sur l’écran du jeu"
	msgTimerLeft     = "Temps restant\u00a0: %d s"
	msgTimerSoon     = "Plus que %d secondes"
	msgTimeUpSay     = "Temps écoulé"
	msgChoiceLabel   = "%c. %s"
	msgChoicesGroup  = "Réponses"
	msgMoveUp        = "Monter «\u00a0%s\u00a0»"
	msgMoveDown      = "Descendre «\u00a0%s\u00a0»"
	msgRowAt         = "%d. %s"
	msgPutIn         = "«\u00a0%s\u00a0»\u00a0: %s"
	msgGroupNone     = "à placer"
	msgColorN        = "Couleur %d"
	msgCollChoice    = "Collectivité\u00a0: %s"
	msgCatChoice     = "Catégorie\u00a0: %s"
	msgMemberRow     = "Membre %d\u00a0: %s"
	msgStatementLink = "Accessibilité : partiellement conforme" // a plain space, as the dashboard's footer link
	msgCommitFor     = "Engagement de %s"
	msgCommitPick    = "%d. %s"
	msgTeamMembers   = "Membres de l’équipe"
)

// privacyText says what the team form's names are for, in the server's
// current campaign (year 0: none known). It never gives the campaign's
// goal: a card asks for it.
func privacyText(year int) string {
	if year <= 0 {
		return msgPrivacyNoYear
	}
	return fmt.Sprintf(msgPrivacy, year)
}

// The sound toggle and the commitment's recap (issue 12).
const (
	msgSoundOn         = "Son\u00a0: activé"
	msgSoundOff        = "Son\u00a0: coupé"
	msgSoundWord       = "Son"
	msgSoundOnShort    = "activé"
	msgSoundOffShort   = "coupé"
	msgRecapTitle      = "Mon engagement à tenir"
	msgRecapDone       = "Engagement enregistré. Merci\u00a0!"
	msgRecapDoneTeam   = "Engagements enregistrés. Merci\u00a0!"
	msgRecapEngage     = "Engagement %d\u00a0: %s"
	msgRecapAxis       = "Axe %d\u00a0: %s"
	msgRecapODD        = "ODD %d\u00a0: %s"
	msgRecapKeep       = "Gardez-le\u00a0: scannez le code ou ouvrez"
	msgRecapQR         = "Code QR de la page de votre engagement"
	msgRecapWho        = "Engagement de %s"
	msgRecapNone       = "Aucun engagement choisi."
	msgRecapMembersOf  = "Récapitulatif de"
	msgRecapNextMember = "%s (%d sur %d) : suivant"
	msgRecapAgain      = "Revoir mon engagement"
	msgRecapAgainTeam  = "Revoir nos engagements"
	msgRecapBack       = "Retour"
)
