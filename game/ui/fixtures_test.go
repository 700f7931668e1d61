package ui

import (
	"metodd/game"
)

// Views as the server would send them, for rendering tests and the
// screenshots of the guide's fixtures. Texts are long on purpose: real
// French prompts that must wrap.

func ip(i int) *int { return &i }

func fp(f float64) *float64 { return &f }

var testInfo = game.SessionInfo{
	Code: "K7PM3Q", Title: "Direction des espaces verts", Format: game.FormatExpress, Mode: game.ModeTeam,
	Phase: game.PhaseCardOpen, CardIndex: 3, CardCount: 8,
	Engagements: []int{4, 6, 11, 12, 9, 15, 2, 14},
}

var testMembers = []game.Member{
	{FirstName: "Amélie", LastName: "Lefèvre", Collectivite: "Ville de Dijon", Direction: "Direction des espaces verts", Category: "B"},
	{FirstName: "Jérôme", LastName: "Nguyen", Collectivite: "Dijon métropole", Direction: "Direction des finances"},
	{FirstName: "Françoise", LastName: "Dupont-Moreau", Collectivite: "CCAS", Direction: "Action sociale", Category: "C"},
}

var testStandings = []game.Standing{
	{Rank: 1, TeamID: "t2", Name: "Les Éco-Gestes", Color: "#009e73", Score: 3450, Players: 1},
	{Rank: 2, TeamID: "t1", Name: "Les Sobres Heureux", Color: "#e69f00", Score: 2900, Players: 1},
	{Rank: 3, TeamID: "t3", Name: "Vélotaf'", Color: "#56b4e9", Score: 2100, Players: 1},
	{Rank: 4, TeamID: "t4", Name: "Zéro Papier", Color: "#cc79a7", Score: 1250, Players: 1},
	{Rank: 5, TeamID: "t5", Name: "Les Composteurs de l'extrême du quartier nord", Color: "#d55e00", Score: 300, Players: 1},
}

func qcmCard(revealed bool) *game.CardView {
	c := &game.CardView{
		ID: "res-gobelets", Engagement: 11, Type: game.TypeQCM, Difficulty: 2,
		Prompt: "Pour réduire les déchets lors des événements, quelle solution la collectivité a-t-elle mise en place auprès des services et des associations ?",
		Choices: []string{
			"Des gobelets réutilisables prêtés gratuitement",
			"Des gobelets en carton recyclé",
			"L’interdiction de toute boisson lors des manifestations publiques et des réunions internes",
			"Des bouteilles en plastique consignées",
		},
	}
	if revealed {
		c.Solution = &game.Solution{
			Choice:      0,
			Explanation: "Les gobelets réutilisables évitent des milliers de déchets à chaque manifestation. Le prêt gratuit encourage les organisateurs à abandonner le jetable : c’est un geste concret d’économie circulaire, au cœur de l’engagement 11.",
			Source:      game.Source{Axis: 3, Section: "Engagement 11", Heading: "Promouvoir une gestion sobre et durable des ressources"},
			ODD:         []int{12, 11, 13},
		}
	}
	return c
}

func estimationCard() *game.CardView {
	return &game.CardView{ID: "est-pages", Engagement: 11, Type: game.TypeEstimation, Difficulty: 2,
		Prompt: "Combien de pages d’impression la dématérialisation des parapheurs a-t-elle permis d’économiser en un an ?", Unit: "pages"}
}

func classementCard() *game.CardView {
	return &game.CardView{ID: "cls-mob", Engagement: 12, Type: game.TypeClassement,
		Prompt: "Classez ces modes de déplacement du moins émetteur au plus émetteur de gaz à effet de serre par kilomètre parcouru.",
		Items:  []string{"Voiture individuelle thermique", "Vélo à assistance électrique", "Marche à pied", "Bus et tramway"}}
}

func associationCard() *game.CardView {
	return &game.CardView{ID: "asso-axes", Engagement: 4, Type: game.TypeAssociation,
		Prompt: "Associez chaque action à l’axe de la démarche RSO qu’elle sert.",
		Items:  []string{"Charte des partenaires mét’ODD", "Télétravail et droit à la déconnexion", "Compostage des biodéchets", "Clauses sociales dans les marchés", "Bilan carbone des bâtiments"},
		Groups: []string{"Gouvernance responsable", "Responsabilité sociale", "Impact environnemental"}}
}

func defiCard() *game.CardView {
	return &game.CardView{ID: "defi-gestes", Engagement: 15, Type: game.TypeDefi,
		Prompt: "Défi : citez en équipe trois gestes simples pour réduire les déchets de votre service, dès demain."}
}

func teamView(phase game.Phase, card *game.CardView) game.TeamView {
	info := testInfo
	info.Phase = phase
	return game.TeamView{
		Session: info, Clock: game.Clock{Remaining: 17_000, Limit: 30_000},
		PlayerID: "p1", TeamID: "t1", TeamName: "Les Sobres Heureux", Color: "#e69f00",
		Members: testMembers, Score: 2900, Rank: 2, Teams: 6, Card: card,
		Leaderboard: testStandings, Gauge: game.Gauge{Good: 11, Total: 16, Percent: 68},
	}
}

func hostView(phase game.Phase, card *game.CardView) game.HostView {
	info := testInfo
	info.Phase = phase
	teams := []game.TeamSummary{}
	for i, s := range testStandings {
		teams = append(teams, game.TeamSummary{TeamID: s.TeamID, Name: s.Name, Color: s.Color, Members: 3 + i%3, Players: 1, Score: s.Score, Answered: i%2 == 0, Online: i != 3})
	}
	return game.HostView{
		Session: info, Clock: game.Clock{Remaining: 17_000, Limit: 30_000}, Card: card,
		Answered: 4, Expected: 6, Teams: teams, TeamCount: 5, PlayerCount: 5, MemberCount: 19,
		Leaderboard: testStandings, Gauge: game.Gauge{Good: 11, Total: 16, Percent: 68},
	}
}
