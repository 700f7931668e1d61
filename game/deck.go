package game

// Card types, as written in deck files.
const (
	TypeQCM         = "qcm"
	TypeVraiFaux    = "vrai-faux"
	TypeEstimation  = "estimation"
	TypeClassement  = "classement"
	TypeAssociation = "association"
	TypeDefi        = "defi"
)

// CardTypes lists every card type, in the order summaries show them.
var CardTypes = []string{TypeQCM, TypeVraiFaux, TypeEstimation, TypeClassement, TypeAssociation, TypeDefi}

// Deck is a set of cards and the personal commitments offered at the end of
// a session. Decks are YAML files under assets/decks/ (see docs/deck-format.md).
type Deck struct {
	ID          string       `yaml:"id" json:"id"`
	Title       string       `yaml:"title" json:"title"`
	Cards       []Card       `yaml:"cards" json:"cards"`
	Commitments []Commitment `yaml:"commitments" json:"commitments"`
}

// Card is one question of a deck. Which fields are used depends on Type.
type Card struct {
	ID          string   `yaml:"id" json:"id"`
	Engagement  int      `yaml:"engagement" json:"engagement"`
	Type        string   `yaml:"type" json:"type"`
	Difficulty  int      `yaml:"difficulty" json:"difficulty"`
	Prompt      string   `yaml:"prompt" json:"prompt"`
	Explanation string   `yaml:"explanation" json:"explanation"`
	Source      Source   `yaml:"source" json:"source"`
	ODD         []int    `yaml:"odd" json:"odd"`
	Time        int      `yaml:"time,omitempty" json:"time,omitempty"` // seconds; 0 = default for the type
	Choices     []string `yaml:"choices,omitempty" json:"choices,omitempty"`
	// Answer is the 0-based index of the right choice (qcm, vrai-faux) or
	// the expected number (estimation).
	Answer float64  `yaml:"answer,omitempty" json:"answer,omitempty"`
	Unit   string   `yaml:"unit,omitempty" json:"unit,omitempty"`
	Items  []string `yaml:"items,omitempty" json:"items,omitempty"` // classement, in the right order
	Groups []Group  `yaml:"groups,omitempty" json:"groups,omitempty"`
	Hints  []string `yaml:"hints,omitempty" json:"hints,omitempty"` // défi: what a good answer contains
}

// Source says where in the report a card's facts are.
type Source struct {
	Axis    int    `yaml:"axis" json:"axis"`
	Section string `yaml:"section" json:"section"`
	Heading string `yaml:"heading" json:"heading"`
}

// Group is one group of an association card and the items that belong to it.
type Group struct {
	Name  string   `yaml:"name" json:"name"`
	Items []string `yaml:"items" json:"items"`
}

// Commitment is a personal gesture an agent may pick at the end ("mon
// engagement mét'ODD"), tied to one of the 15 commitments.
type Commitment struct {
	ID         string `yaml:"id" json:"id"`
	Text       string `yaml:"text" json:"text"`
	Engagement int    `yaml:"engagement" json:"engagement"`
	// ODD is the goals the commitment serves (CommitmentODD), filled by
	// the session for the recap; never in a deck file.
	ODD []int `yaml:"-" json:"odd,omitempty"`
}

// CardByID returns the deck's card with that id.
func (d *Deck) CardByID(id string) (Card, bool) {
	for _, c := range d.Cards {
		if c.ID == id {
			return c, true
		}
	}
	return Card{}, false
}
