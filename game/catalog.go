package game

// The programme's fixed reference data, in one place: the 3 axes and the 15
// commitments come from the 2024 RSO report ("Nos engagements" pages of each
// axis); the 17 SDGs (French names and official colours) from the UN list.

// Axis is one of the three strategic axes of mét'ODD.
type Axis struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
	Color  string `json:"color"` // board colour, "#rrggbb"
}

// Engagement is one of the 15 commitments ("engagements").
type Engagement struct {
	Number int    `json:"number"`
	Short  string `json:"short"` // the tile label on the board
	Title  string `json:"title"`
	Axis   int    `json:"axis"`
}

// SDG is one of the 17 UN Sustainable Development Goals ("ODD").
type SDG struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
	Color  string `json:"color"`
}

// Axes lists the three axes in report order. Colours are chosen to stay
// distinct for the common colour-vision deficiencies (blue, orange, green
// of different lightness).
var Axes = []Axis{
	{1, "Gouvernance responsable", "#1f5fa8"},
	{2, "Responsabilité sociale", "#e07b00"},
	{3, "Impact environnemental", "#2e8b3d"},
}

// Engagements lists the 15 commitments in number order (index = number-1).
var Engagements = []Engagement{
	{1, "Participation", "Assurer la gouvernance participative du projet", 1},
	{2, "Stratégie", "Mettre en œuvre la stratégie RSO et assurer son suivi", 1},
	{3, "Évaluation", "Évaluer la démarche et les actions", 1},
	{4, "Culture RSO", "Promouvoir et sensibiliser à la culture RSO", 1},
	{5, "Communication", "Communiquer sur la démarche RSO", 1},
	{6, "QVCT", "Garantir un environnement favorable à la santé, la sécurité, le bien-être, l'équilibre et promouvoir la qualité de vie au travail", 2},
	{7, "Compétences et employabilité", "Développer les compétences et favoriser l'employabilité tout au long du parcours professionnel", 2},
	{8, "Management", "Intégrer les dimensions sociales, environnementales et éthiques dans les pratiques managériales", 2},
	{9, "Déontologie et éthique", "Renforcer les dispositifs garantissant des pratiques professionnelles conformes aux exigences déontologiques et à l'éthique du service public", 2},
	{10, "Service public exemplaire", "Encourager l'engagement des agents en faveur d'un secteur public exemplaire, inclusif et écoresponsable", 2},
	{11, "Ressources", "Promouvoir une gestion sobre et durable des ressources", 3},
	{12, "Mobilités", "Minimiser et décarboner nos déplacements", 3},
	{13, "Patrimoine", "Gérer notre patrimoine et le domaine public avec une approche pro-active et responsable", 3},
	{14, "Achats", "Intégrer les enjeux de RSO dans la stratégie et le processus achats et en faire un levier pour développer l'économie circulaire", 3},
	{15, "Déchets", "Réduire et valoriser nos déchets internes", 3},
}

// SDGs lists the 17 goals in number order (index = number-1), with the
// French names used by the UN information centre and the official colours.
var SDGs = []SDG{
	{1, "Pas de pauvreté", "#e5243b"},
	{2, "Faim « zéro »", "#dda63a"},
	{3, "Bonne santé et bien-être", "#4c9f38"},
	{4, "Éducation de qualité", "#c5192d"},
	{5, "Égalité entre les sexes", "#ff3a21"},
	{6, "Eau propre et assainissement", "#26bde2"},
	{7, "Énergie propre et d'un coût abordable", "#fcc30b"},
	{8, "Travail décent et croissance économique", "#a21942"},
	{9, "Industrie, innovation et infrastructure", "#fd6925"},
	{10, "Inégalités réduites", "#dd1367"},
	{11, "Villes et communautés durables", "#fd9d24"},
	{12, "Consommation et production responsables", "#bf8b2e"},
	{13, "Mesures relatives à la lutte contre les changements climatiques", "#3f7e44"},
	{14, "Vie aquatique", "#0a97d9"},
	{15, "Vie terrestre", "#56c02b"},
	{16, "Paix, justice et institutions efficaces", "#00689d"},
	{17, "Partenariats pour la réalisation des objectifs", "#19486a"},
}

// Collectivites are the three organisations whose agents play.
var Collectivites = []string{"Ville de Dijon", "CCAS", "Dijon métropole"}

// Categories are the civil-service categories an agent may give; "" (not
// given) is also accepted.
var Categories = []string{"A", "B", "C", "Autre"}

// EngagementByNumber returns the commitment with that number, or false.
func EngagementByNumber(n int) (Engagement, bool) {
	if n < 1 || n > len(Engagements) {
		return Engagement{}, false
	}
	return Engagements[n-1], true
}

// SDGByNumber returns the goal with that number, or false.
func SDGByNumber(n int) (SDG, bool) {
	if n < 1 || n > len(SDGs) {
		return SDG{}, false
	}
	return SDGs[n-1], true
}

// AxisOf returns the axis of commitment n (0 when n is out of range).
func AxisOf(n int) int {
	if e, ok := EngagementByNumber(n); ok {
		return e.Axis
	}
	return 0
}
