package deckfile

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"metodd/game"
)

// The deck loader walks the YAML node tree itself (rather than decoding
// straight into Deck) so that every problem carries the line where it is,
// the card it belongs to, and so that all problems are reported at once.

// Deck limits, with their reasons.
const (
	// MaxDeckBytes bounds a deck file: the standard deck of ~60 cards is
	// about 60 KB; a few hundred cards stay far below this.
	MaxDeckBytes = 4 << 20
	// MaxDeckMarks bounds a deck's YAML structure before it is parsed:
	// the YAML tree costs about 500 bytes per node, far more than the file
	// (a 3 MB file of 300,000 keys took 293 MB), and every node of the tree
	// starts after one of the marks counted by deckMarks (newline, "-",
	// ":", ",", "[", "{", "?"), at most two per mark. The standard deck
	// (100 cards and commitments, 68 KB) has 4,164 marks: 40,000 leaves
	// room for about a thousand cards, and bounds the tree at 80,000 nodes.
	MaxDeckMarks = 40000
	// MinCardTime and MaxCardTime bound a card's own time (seconds): under
	// 10 s a team cannot even read the prompt; over 10 min a card stalls the
	// session.
	MinCardTime = 10
	MaxCardTime = 600
	// MaxCardIDLen keeps ids readable in logs, the dashboard and URLs.
	MaxCardIDLen = 80
	// MaxDeckErrors stops the list of problems of a hopeless file (a
	// binary file, a wrong document) from flooding the RSO cell's screen.
	MaxDeckErrors = 200
)

// Per-type content bounds (PRODUCT.md).
const (
	minChoices      = 2
	maxChoices      = 4
	minClassement   = 3
	maxClassement   = 5
	minGroups       = 2
	maxGroups       = 3
	minAssocItems   = 4
	maxAssocItems   = 6
	maxDifficulty   = 3
	maxFieldRunes   = 2000 // a prompt or explanation longer than this does not fit a card
	maxChoiceRunes  = 200
	maxHintRunes    = 500
	maxCommitRunes  = 300
	maxDeckTitleLen = 120
)

// The French messages of the deck loader.
const (
	msgDeckTooLarge      = "fichier trop gros (%d octets, au plus %d)"
	msgDeckTooComplex    = "fichier trop complexe : %d lignes et séparateurs YAML, au plus %d (environ mille cartes)"
	msgDeckEmpty         = "fichier vide : un jeu de cartes a un id, un titre, des cartes et des engagements personnels"
	msgDeckSyntax        = "syntaxe YAML invalide : %s (%s)"
	msgDeckNotMap        = "le fichier doit décrire un jeu : des champs « id », « title », « cards » et « commitments »"
	msgTooManyErrors     = "trop d’erreurs : la liste s’arrête ici"
	msgUnknownField      = "champ inconnu « %s »"
	msgUnknownFieldHint  = "champ inconnu « %s » (vouliez-vous dire « %s » ?)"
	msgDuplicateField    = "champ « %s » répété (déjà donné ligne %d)"
	msgFieldNotFor       = "le champ « %s » ne s’applique pas à une carte de type %s"
	msgMissingField      = "champ « %s » manquant"
	msgWantText          = "« %s » doit être un texte"
	msgWantInt           = "« %s » doit être un nombre entier (trouvé « %s »)"
	msgWantNumber        = "« %s » doit être un nombre (trouvé « %s »)"
	msgWantList          = "« %s » doit être une liste"
	msgWantMap           = "« %s » doit être une suite de champs (nom : valeur)"
	msgWantKey           = "clé invalide : un nom de champ est attendu"
	msgAlias             = "les alias YAML (*nom) ne sont pas pris en charge : recopiez le texte"
	msgEmptyText         = "« %s » est vide"
	msgTextTooLong       = "« %s » est trop long (%d caractères, au plus %d)"
	msgNoCardsInDeck     = "le jeu ne contient aucune carte"
	msgNoCommitments     = "le jeu ne propose aucun engagement personnel (champ « commitments »)"
	msgCardNotMap        = "une carte doit être une suite de champs (id, type, prompt…)"
	msgIDRule            = "lettres, chiffres, « - », « _ » ou « . » (sans « .. » ni « . » au début), %d caractères au plus"
	msgCardID            = "identifiant de carte invalide : " + msgIDRule
	msgDeckID            = "identifiant de jeu invalide : " + msgIDRule
	msgDuplicateCard     = "identifiant « %s » déjà utilisé ligne %d"
	msgUnknownType       = "type de carte inconnu « %s » (attendu : %s)"
	msgEngagementRange   = "engagement %d hors limites : de 1 à %d"
	msgDifficultyRange   = "difficulté %d hors limites : de 1 à %d"
	msgSourceAxis        = "source : axe %d hors limites : de 1 à %d"
	msgSourceSection     = "source : la section du bilan est manquante"
	msgODDEmpty          = "« odd » : au moins un ODD est attendu"
	msgODDRange          = "« odd » : ODD %d hors limites : de 1 à %d"
	msgODDDuplicate      = "« odd » : ODD %d répété"
	msgTimeRange         = "temps %d s hors limites : de %d à %d secondes"
	msgChoicesCount      = "une carte %s a de %d à %d choix (ici %d)"
	msgVraiFauxCount     = "une carte vrai-faux a exactement 2 choix (ici %d)"
	msgChoiceEmpty       = "le choix n°%d est vide"
	msgChoiceDuplicate   = "le choix « %s » est répété"
	msgAnswerIndex       = "« answer » doit être le numéro du bon choix, de 0 à %d (trouvé %s)"
	msgEstimationAnswer  = "« answer » doit être un nombre positif et fini, au plus %s (trouvé %s)"
	msgUnitMissing       = "« unit » manquant : l’unité de l’estimation (pages, agents, tonnes…)"
	msgClassementCount   = "une carte classement a de %d à %d éléments (ici %d)"
	msgItemEmpty         = "l’élément n°%d est vide"
	msgItemDuplicate     = "l’élément « %s » est répété"
	msgGroupsCount       = "une carte association a de %d à %d groupes (ici %d)"
	msgGroupNotMap       = "un groupe a un nom (« name ») et des éléments (« items »)"
	msgGroupName         = "le groupe n°%d n’a pas de nom"
	msgGroupNameRepeated = "le groupe « %s » est répété"
	msgGroupNoItems      = "le groupe « %s » n’a aucun élément"
	msgAssocItems        = "une carte association a de %d à %d éléments en tout (ici %d)"
	msgHintsMissing      = "un défi donne à l’animateur des éléments de bonne réponse (« hints »)"
	msgHintEmpty         = "l’élément de réponse n°%d est vide"
	msgCommitNotMap      = "un engagement personnel a un « id », un « text » et un « engagement »"
	msgCommitDuplicate   = "engagement personnel « %s » déjà défini ligne %d"
	msgCommitID          = "identifiant d’engagement personnel invalide : " + msgIDRule
)

// DeckError is one problem in a deck file, in French for the RSO cell.
type DeckError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Card    string `json:"card,omitempty"`
	Message string `json:"message"`
}

func (e DeckError) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", e.File, e.Line)
	if e.Card != "" {
		fmt.Fprintf(&b, " (carte %s)", e.Card)
	}
	fmt.Fprintf(&b, " : %s", e.Message)
	return b.String()
}

// DeckErrors is every problem found in a deck; ParseDeck returns all of them
// at once.
type DeckErrors []DeckError

func (es DeckErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlProblems translates the YAML parser's most common messages.
var yamlProblems = []struct{ en, fr string }{
	{"did not find expected key", "clé attendue (vérifiez l’indentation)"},
	{"could not find expected ':'", "« : » attendu après le nom du champ"},
	{"mapping values are not allowed in this context", "« : » inattendu (mettez le texte entre guillemets)"},
	{"tab character", "tabulation interdite : indentez avec des espaces"},
	{"found character that cannot start any token", "caractère inattendu (une tabulation ? utilisez des espaces)"},
	{"did not find expected node content", "valeur attendue"},
	{"found unexpected end of stream", "fin de fichier inattendue (guillemet non fermé ?)"},
	{"did not find expected '-' indicator", "« - » attendu (vérifiez l’indentation de la liste)"},
	{"did not find expected ',' or ']'", "« , » ou « ] » attendu"},
	{"did not find expected ',' or '}'", "« , » ou « } » attendu"},
	{"control characters are not allowed", "caractère de contrôle interdit"},
	{"invalid leading UTF-8 octet", "texte qui n’est pas en UTF-8"},
	{"invalid trailing UTF-8 octet", "texte qui n’est pas en UTF-8"},
	{"found unknown escape character", "séquence d’échappement inconnue dans un texte entre guillemets"},
	{"found undefined tag handle", "étiquette YAML inconnue"},
	{"unknown anchor", "alias vers une ancre inconnue"},
	{"block sequence entries are not allowed in this context", "« - » inattendu (vérifiez l’indentation)"},
}

type deckParser struct {
	file string
	errs DeckErrors
	full bool
}

func (p *deckParser) add(line int, card, format string, args ...any) {
	if p.full {
		return
	}
	if len(p.errs) >= MaxDeckErrors {
		p.errs = append(p.errs, DeckError{File: p.file, Line: line, Message: msgTooManyErrors})
		p.full = true
		return
	}
	p.errs = append(p.errs, DeckError{File: p.file, Line: line, Card: card, Message: fmt.Sprintf(format, args...)})
}

// ParseDeck reads and validates a YAML deck. file names it in errors. On
// any problem it returns DeckErrors listing them all.
func ParseDeck(file string, data []byte) (deck *game.Deck, err error) {
	p := &deckParser{file: file}
	if len(data) > MaxDeckBytes {
		p.add(1, "", msgDeckTooLarge, len(data), MaxDeckBytes)
		return nil, p.errs
	}
	if n := deckMarks(data); n > MaxDeckMarks {
		p.add(1, "", msgDeckTooComplex, n, MaxDeckMarks)
		return nil, p.errs
	}
	var root yaml.Node
	if yerr := yaml.Unmarshal(data, &root); yerr != nil {
		line, detail := 1, yerr.Error()
		if m := yamlLineRE.FindStringSubmatch(detail); m != nil {
			line, _ = strconv.Atoi(m[1])
			detail = m[2]
		} else {
			detail = strings.TrimPrefix(detail, "yaml: ")
		}
		fr := "problème de structure"
		for _, pr := range yamlProblems {
			if strings.Contains(detail, pr.en) {
				fr = pr.fr
				break
			}
		}
		p.add(line, "", msgDeckSyntax, fr, detail)
		return nil, p.errs
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		p.add(1, "", msgDeckEmpty)
		return nil, p.errs
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		p.add(doc.Line, "", msgDeckNotMap)
		return nil, p.errs
	}
	d := &game.Deck{}
	var cardsNode, commitNode *yaml.Node
	seen, _ := p.fields(doc, "", map[string]func(v *yaml.Node){
		"id":          func(v *yaml.Node) { d.ID, _ = p.text(v, "", "id") },
		"title":       func(v *yaml.Node) { d.Title, _ = p.text(v, "", "title") },
		"cards":       func(v *yaml.Node) { cardsNode = v },
		"commitments": func(v *yaml.Node) { commitNode = v },
	})
	for _, f := range []string{"id", "title", "cards", "commitments"} {
		if seen[f] == nil {
			p.add(doc.Line, "", msgMissingField, f)
		}
	}
	if k := seen["id"]; k != nil {
		if strings.TrimSpace(d.ID) == "" {
			p.add(k.Line, "", msgEmptyText, "id")
		} else if !validID(d.ID) {
			p.add(k.Line, "", msgDeckID, MaxCardIDLen)
		}
	}
	if seen["title"] != nil {
		p.checkText(seen["title"].Line, "", "title", d.Title, maxDeckTitleLen)
	}
	if cardsNode != nil {
		d.Cards = p.cards(cardsNode)
	}
	if commitNode != nil {
		d.Commitments = p.commitments(commitNode)
	}
	if len(p.errs) > 0 {
		return nil, p.sorted()
	}
	return d, nil
}

// deckMarks counts the bytes of data after which a YAML node can start:
// newlines and the indicators "-", ":", ",", "[", "{" and "?". It bounds the
// size of the YAML tree from above without building it (see MaxDeckMarks);
// marks inside texts (a comma in a prompt) only make it larger.
func deckMarks(data []byte) int {
	n := 0
	for _, c := range []byte("\n-:,[{?") {
		n += bytes.Count(data, []byte{c}) // one vectorised pass per mark
	}
	return n
}

// sorted lists the problems in file order, as the RSO cell reads the file
// top to bottom; the "too many errors" line, if any, stays last.
func (p *deckParser) sorted() DeckErrors {
	n := len(p.errs)
	if p.full {
		n--
	}
	sort.SliceStable(p.errs[:n], func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
	return p.errs
}

// fields walks a mapping: each known key's value goes to its setter;
// unknown and repeated keys are reported. It returns the key node of each
// field present.
func (p *deckParser) fields(m *yaml.Node, card string, known map[string]func(v *yaml.Node)) (seen map[string]*yaml.Node, bad map[string]bool) {
	seen, bad = map[string]*yaml.Node{}, map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.add(k.Line, card, msgWantKey)
			continue
		}
		set, ok := known[k.Value]
		if !ok {
			if p.full {
				continue // the list is closed: no need to look for a hint
			}
			if guess := closestName(k.Value, known); guess != "" {
				p.add(k.Line, card, msgUnknownFieldHint, k.Value, guess)
			} else {
				p.add(k.Line, card, msgUnknownField, k.Value)
			}
			continue
		}
		if prev := seen[k.Value]; prev != nil {
			p.add(k.Line, card, msgDuplicateField, k.Value, prev.Line)
			continue
		}
		seen[k.Value] = k
		before := len(p.errs)
		set(v)
		if len(p.errs) > before {
			bad[k.Value] = true
		}
	}
	return seen, bad
}

// closestName suggests the known field a typo probably meant (edit
// distance at most 2), or "".
func closestName(s string, known map[string]func(v *yaml.Node)) string {
	best, bestD := "", 3
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if d := editDistance(strings.ToLower(s), n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 40 || len(rb) > 40 {
		return 99
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// scalar checks that v is a plain value; it reports aliases and lists.
func (p *deckParser) scalar(v *yaml.Node, card, name, want string) bool {
	switch v.Kind {
	case yaml.ScalarNode:
		return true
	case yaml.AliasNode:
		p.add(v.Line, card, msgAlias)
	default:
		p.add(v.Line, card, want, name)
	}
	return false
}

func isNull(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.Tag == "!!null" }

func (p *deckParser) text(v *yaml.Node, card, name string) (string, bool) {
	if !p.scalar(v, card, name, msgWantText) {
		return "", false
	}
	if isNull(v) {
		return "", true
	}
	return v.Value, true
}

func (p *deckParser) integer(v *yaml.Node, card, name string) (int, bool) {
	if !p.scalar(v, card, name, msgWantText) {
		return 0, false
	}
	var i int
	if v.Tag != "!!int" || v.Decode(&i) != nil {
		p.add(v.Line, card, msgWantInt, name, v.Value)
		return 0, false
	}
	return i, true
}

func (p *deckParser) number(v *yaml.Node, card, name string) (float64, bool) {
	if !p.scalar(v, card, name, msgWantText) {
		return 0, false
	}
	var f float64
	if (v.Tag != "!!int" && v.Tag != "!!float") || v.Decode(&f) != nil {
		p.add(v.Line, card, msgWantNumber, name, v.Value)
		return 0, false
	}
	return f, true
}

func (p *deckParser) list(v *yaml.Node, card, name string) ([]*yaml.Node, bool) {
	switch v.Kind {
	case yaml.SequenceNode:
		return v.Content, true
	case yaml.AliasNode:
		p.add(v.Line, card, msgAlias)
	default:
		if isNull(v) {
			return nil, true
		}
		p.add(v.Line, card, msgWantList, name)
	}
	return nil, false
}

func (p *deckParser) texts(v *yaml.Node, card, name string) ([]string, []int) {
	items, _ := p.list(v, card, name)
	var out []string
	var lines []int
	for _, it := range items {
		if s, ok := p.text(it, card, name); ok {
			out = append(out, s)
			lines = append(lines, it.Line)
		}
	}
	return out, lines
}

func (p *deckParser) checkText(line int, card, name, s string, maxRunes int) {
	if strings.TrimSpace(s) == "" {
		p.add(line, card, msgEmptyText, name)
		return
	}
	if n := utf8.RuneCountInString(s); n > maxRunes {
		p.add(line, card, msgTextTooLong, name, n, maxRunes)
	}
}

// validID is the one pattern of every id in a deck (the deck's own, its
// cards', its commitments'): 1 to MaxCardIDLen letters, digits, "-", "_"
// or ".", not starting with "." and without "..". Ids end up in URLs, file
// names (a deck downloads as "<id>.yaml"), logs and CSV cells: no "/" or
// "\", no path step, no space, no control character (NUL, newline).
func validID(id string) bool {
	if id == "" || utf8.RuneCountInString(id) > MaxCardIDLen || !utf8.ValidString(id) ||
		id[0] == '.' || strings.Contains(id, "..") {
		return false
	}
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

// typeFields lists the fields each card type uses besides the common ones.
var typeFields = map[string][]string{
	game.TypeQCM:         {"choices", "answer"},
	game.TypeVraiFaux:    {"choices", "answer"},
	game.TypeEstimation:  {"answer", "unit"},
	game.TypeClassement:  {"items"},
	game.TypeAssociation: {"groups"},
	game.TypeDefi:        {"hints"},
}

var commonCardFields = map[string]bool{
	"id": true, "engagement": true, "type": true, "difficulty": true, "prompt": true,
	"explanation": true, "source": true, "odd": true, "time": true,
}

func (p *deckParser) cards(v *yaml.Node) []game.Card {
	items, ok := p.list(v, "", "cards")
	if !ok {
		return nil
	}
	if len(items) == 0 {
		p.add(v.Line, "", msgNoCardsInDeck)
		return nil
	}
	var out []game.Card
	firstLine := map[string]int{}
	for i, n := range items {
		c, ok := p.card(n, i)
		if !ok {
			continue
		}
		if c.ID != "" {
			if l, dup := firstLine[c.ID]; dup {
				p.add(n.Line, c.ID, msgDuplicateCard, c.ID, l)
			} else {
				firstLine[c.ID] = n.Line
			}
		}
		out = append(out, c)
	}
	return out
}

// cardLabel names a card in errors: its id, or its position when it has none.
func cardLabel(n *yaml.Node, i int) string {
	if n.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(n.Content); j += 2 {
			if k, v := n.Content[j], n.Content[j+1]; k.Value == "id" && v.Kind == yaml.ScalarNode && v.Value != "" {
				if validID(v.Value) {
					return v.Value
				}
				break
			}
		}
	}
	return fmt.Sprintf("n°%d", i+1)
}

func (p *deckParser) card(n *yaml.Node, idx int) (game.Card, bool) {
	label := cardLabel(n, idx)
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.AliasNode {
			p.add(n.Line, label, msgAlias)
		} else {
			p.add(n.Line, label, msgCardNotMap)
		}
		return game.Card{}, false
	}
	var c game.Card
	var choices, items, hints []string
	var choiceLines, itemLines, hintLines []int
	var answer float64
	var answerOK bool
	var sourceNode, groupsNode *yaml.Node
	known := map[string]func(v *yaml.Node){
		"id":          func(v *yaml.Node) { c.ID, _ = p.text(v, label, "id") },
		"engagement":  func(v *yaml.Node) { c.Engagement, _ = p.integer(v, label, "engagement") },
		"type":        func(v *yaml.Node) { c.Type, _ = p.text(v, label, "type") },
		"difficulty":  func(v *yaml.Node) { c.Difficulty, _ = p.integer(v, label, "difficulty") },
		"prompt":      func(v *yaml.Node) { c.Prompt, _ = p.text(v, label, "prompt") },
		"explanation": func(v *yaml.Node) { c.Explanation, _ = p.text(v, label, "explanation") },
		"source":      func(v *yaml.Node) { sourceNode = v },
		"odd":         func(v *yaml.Node) { c.ODD = p.odds(v, label) },
		"time":        func(v *yaml.Node) { c.Time, _ = p.integer(v, label, "time") },
		"choices":     func(v *yaml.Node) { choices, choiceLines = p.texts(v, label, "choices") },
		"answer":      func(v *yaml.Node) { answer, answerOK = p.number(v, label, "answer") },
		"unit":        func(v *yaml.Node) { c.Unit, _ = p.text(v, label, "unit") },
		"items":       func(v *yaml.Node) { items, itemLines = p.texts(v, label, "items") },
		"groups":      func(v *yaml.Node) { groupsNode = v },
		"hints":       func(v *yaml.Node) { hints, hintLines = p.texts(v, label, "hints") },
	}
	seen, bad := p.fields(n, label, known)
	// check says whether a field is there and readable, so a value that
	// failed to decode is not reported twice.
	check := func(field string) bool { return seen[field] != nil && !bad[field] }
	line := func(field string) int {
		if k := seen[field]; k != nil {
			return k.Line
		}
		return n.Line
	}
	// Required common fields.
	for _, f := range []string{"id", "engagement", "type", "difficulty", "prompt", "explanation", "source", "odd"} {
		if seen[f] == nil {
			p.add(n.Line, label, msgMissingField, f)
		}
	}
	if check("id") && !validID(c.ID) {
		p.add(line("id"), label, msgCardID, MaxCardIDLen)
	}
	if check("engagement") && (c.Engagement < 1 || c.Engagement > len(game.Engagements)) {
		p.add(line("engagement"), label, msgEngagementRange, c.Engagement, len(game.Engagements))
	}
	if check("difficulty") && (c.Difficulty < 1 || c.Difficulty > maxDifficulty) {
		p.add(line("difficulty"), label, msgDifficultyRange, c.Difficulty, maxDifficulty)
	}
	if check("prompt") {
		p.checkText(line("prompt"), label, "prompt", c.Prompt, maxFieldRunes)
	}
	if check("explanation") {
		p.checkText(line("explanation"), label, "explanation", c.Explanation, maxFieldRunes)
	}
	if sourceNode != nil {
		c.Source = p.source(sourceNode, label)
	}
	if check("odd") && len(c.ODD) == 0 {
		p.add(line("odd"), label, msgODDEmpty)
	}
	if check("time") && (c.Time < MinCardTime || c.Time > MaxCardTime) {
		p.add(line("time"), label, msgTimeRange, c.Time, MinCardTime, MaxCardTime)
	}
	if !check("type") {
		return c, true
	}
	extra, ok := typeFields[c.Type]
	if !ok {
		p.add(line("type"), label, msgUnknownType, c.Type, strings.Join(game.CardTypes, ", "))
		return c, true
	}
	// Fields of other types are mistakes (a classement with "choices").
	allowed := map[string]bool{}
	for _, f := range extra {
		allowed[f] = true
	}
	var present []string
	for f := range seen {
		present = append(present, f)
	}
	sort.Slice(present, func(i, j int) bool { return seen[present[i]].Line < seen[present[j]].Line })
	for _, f := range present {
		if !commonCardFields[f] && !allowed[f] {
			p.add(line(f), label, msgFieldNotFor, f, c.Type)
		}
	}
	switch c.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		c.Choices = choices
		if seen["choices"] == nil {
			p.add(n.Line, label, msgMissingField, "choices")
		} else if bad["choices"] {
			// already reported
		} else if c.Type == game.TypeVraiFaux && len(choices) != 2 {
			p.add(line("choices"), label, msgVraiFauxCount, len(choices))
		} else if len(choices) < minChoices || len(choices) > maxChoices {
			p.add(line("choices"), label, msgChoicesCount, c.Type, minChoices, maxChoices, len(choices))
		}
		p.checkList(label, choices, choiceLines, msgChoiceEmpty, msgChoiceDuplicate, maxChoiceRunes, "choices")
		if seen["answer"] == nil {
			p.add(n.Line, label, msgMissingField, "answer")
		} else if answerOK {
			if answer != math.Trunc(answer) || answer < 0 || int(answer) >= len(choices) {
				p.add(line("answer"), label, msgAnswerIndex, max(len(choices)-1, 0), strconv.FormatFloat(answer, 'g', -1, 64))
			}
			c.Answer = answer
		}
	case game.TypeEstimation:
		if seen["answer"] == nil {
			p.add(n.Line, label, msgMissingField, "answer")
		} else if answerOK {
			if math.IsNaN(answer) || math.IsInf(answer, 0) || answer <= 0 || answer > game.MaxGuess {
				p.add(line("answer"), label, msgEstimationAnswer, game.FrenchNumber(game.MaxGuess), strconv.FormatFloat(answer, 'g', -1, 64))
			}
			c.Answer = answer
		}
		if strings.TrimSpace(c.Unit) == "" && !bad["unit"] {
			p.add(line("unit"), label, msgUnitMissing)
		}
	case game.TypeClassement:
		c.Items = items
		if !bad["items"] && (len(items) < minClassement || len(items) > maxClassement) {
			p.add(line("items"), label, msgClassementCount, minClassement, maxClassement, len(items))
		}
		p.checkList(label, items, itemLines, msgItemEmpty, msgItemDuplicate, maxChoiceRunes, "items")
	case game.TypeAssociation:
		if groupsNode == nil {
			p.add(n.Line, label, msgMissingField, "groups")
		} else {
			c.Groups = p.groups(groupsNode, label, line("groups"))
		}
	case game.TypeDefi:
		c.Hints = hints
		if len(hints) == 0 && !bad["hints"] {
			p.add(line("hints"), label, msgHintsMissing)
		}
		for i, h := range hints {
			if strings.TrimSpace(h) == "" {
				p.add(hintLines[i], label, msgHintEmpty, i+1)
			} else if utf8.RuneCountInString(h) > maxHintRunes {
				p.add(hintLines[i], label, msgTextTooLong, "hints", utf8.RuneCountInString(h), maxHintRunes)
			}
		}
	}
	return c, true
}

// checkList reports empty, too long and repeated entries of a list of texts.
func (p *deckParser) checkList(card string, list []string, lines []int, empty, dup string, maxRunes int, name string) {
	seen := map[string]bool{}
	for i, s := range list {
		t := strings.TrimSpace(s)
		switch {
		case t == "":
			p.add(lines[i], card, empty, i+1)
		case utf8.RuneCountInString(s) > maxRunes:
			p.add(lines[i], card, msgTextTooLong, name, utf8.RuneCountInString(s), maxRunes)
		case seen[t]:
			p.add(lines[i], card, dup, t)
		}
		seen[t] = true
	}
}

func (p *deckParser) odds(v *yaml.Node, card string) []int {
	items, _ := p.list(v, card, "odd")
	var out []int
	seen := map[int]bool{}
	for _, it := range items {
		n, ok := p.integer(it, card, "odd")
		if !ok {
			continue
		}
		switch {
		case n < 1 || n > len(game.SDGs):
			p.add(it.Line, card, msgODDRange, n, len(game.SDGs))
		case seen[n]:
			p.add(it.Line, card, msgODDDuplicate, n)
		default:
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func (p *deckParser) source(v *yaml.Node, card string) game.Source {
	var s game.Source
	if v.Kind != yaml.MappingNode {
		if v.Kind == yaml.AliasNode {
			p.add(v.Line, card, msgAlias)
		} else {
			p.add(v.Line, card, msgWantMap, "source")
		}
		return s
	}
	seen, bad := p.fields(v, card, map[string]func(n *yaml.Node){
		"axis":    func(n *yaml.Node) { s.Axis, _ = p.integer(n, card, "axis") },
		"section": func(n *yaml.Node) { s.Section, _ = p.text(n, card, "section") },
		"heading": func(n *yaml.Node) { s.Heading, _ = p.text(n, card, "heading") },
	})
	if seen["axis"] == nil {
		p.add(v.Line, card, msgMissingField, "source.axis")
	} else if !bad["axis"] && (s.Axis < 1 || s.Axis > len(game.Axes)) {
		p.add(seen["axis"].Line, card, msgSourceAxis, s.Axis, len(game.Axes))
	}
	if strings.TrimSpace(s.Section) == "" && !bad["section"] {
		l := v.Line
		if k := seen["section"]; k != nil {
			l = k.Line
		}
		p.add(l, card, msgSourceSection)
	}
	return s
}

func (p *deckParser) groups(v *yaml.Node, card string, keyLine int) []game.Group {
	nodes, ok := p.list(v, card, "groups")
	if !ok {
		return nil
	}
	if len(nodes) < minGroups || len(nodes) > maxGroups {
		p.add(keyLine, card, msgGroupsCount, minGroups, maxGroups, len(nodes))
	}
	var out []game.Group
	total := 0
	names := map[string]bool{}
	itemSeen := map[string]bool{}
	for i, g := range nodes {
		if g.Kind != yaml.MappingNode {
			p.add(g.Line, card, msgGroupNotMap)
			continue
		}
		var grp game.Group
		var lines []int
		seen, _ := p.fields(g, card, map[string]func(n *yaml.Node){
			"name":  func(n *yaml.Node) { grp.Name, _ = p.text(n, card, "name") },
			"items": func(n *yaml.Node) { grp.Items, lines = p.texts(n, card, "items") },
		})
		name := strings.TrimSpace(grp.Name)
		switch {
		case name == "":
			p.add(g.Line, card, msgGroupName, i+1)
		case names[name]:
			p.add(seen["name"].Line, card, msgGroupNameRepeated, name)
		}
		names[name] = true
		if len(grp.Items) == 0 {
			p.add(g.Line, card, msgGroupNoItems, name)
		}
		for j, it := range grp.Items {
			t := strings.TrimSpace(it)
			switch {
			case t == "":
				p.add(lines[j], card, msgItemEmpty, j+1)
			case itemSeen[t]:
				p.add(lines[j], card, msgItemDuplicate, t)
			case utf8.RuneCountInString(it) > maxChoiceRunes:
				p.add(lines[j], card, msgTextTooLong, "items", utf8.RuneCountInString(it), maxChoiceRunes)
			}
			itemSeen[t] = true
		}
		total += len(grp.Items)
		out = append(out, grp)
	}
	if total < minAssocItems || total > maxAssocItems {
		p.add(keyLine, card, msgAssocItems, minAssocItems, maxAssocItems, total)
	}
	return out
}

func (p *deckParser) commitments(v *yaml.Node) []game.Commitment {
	nodes, ok := p.list(v, "", "commitments")
	if !ok {
		return nil
	}
	if len(nodes) == 0 {
		p.add(v.Line, "", msgNoCommitments)
	}
	var out []game.Commitment
	first := map[string]int{}
	for _, n := range nodes {
		if n.Kind != yaml.MappingNode {
			p.add(n.Line, "", msgCommitNotMap)
			continue
		}
		var c game.Commitment
		seen, bad := p.fields(n, "", map[string]func(x *yaml.Node){
			"id":         func(x *yaml.Node) { c.ID, _ = p.text(x, "", "id") },
			"text":       func(x *yaml.Node) { c.Text, _ = p.text(x, "", "text") },
			"engagement": func(x *yaml.Node) { c.Engagement, _ = p.integer(x, "", "engagement") },
		})
		line := func(f string) int {
			if k := seen[f]; k != nil {
				return k.Line
			}
			return n.Line
		}
		check := func(f string) bool { return seen[f] != nil && !bad[f] }
		for _, f := range []string{"id", "text", "engagement"} {
			if seen[f] == nil {
				p.add(n.Line, "", msgMissingField, f)
			}
		}
		if check("id") {
			if !validID(c.ID) {
				p.add(line("id"), "", msgCommitID, MaxCardIDLen)
			} else if l, dup := first[c.ID]; dup {
				p.add(line("id"), "", msgCommitDuplicate, c.ID, l)
			} else {
				first[c.ID] = line("id")
			}
		}
		if check("text") {
			p.checkText(line("text"), "", "text", c.Text, maxCommitRunes)
		}
		if check("engagement") && (c.Engagement < 1 || c.Engagement > len(game.Engagements)) {
			p.add(line("engagement"), "", msgEngagementRange, c.Engagement, len(game.Engagements))
		}
		out = append(out, c)
	}
	return out
}

// Summary describes a valid deck in French: cards per commitment and per
// type, commitments offered.
func Summary(d *game.Deck) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Jeu « %s » (%s) : %d cartes, %d engagements personnels.\n", d.Title, d.ID, len(d.Cards), len(d.Commitments))
	perEng := make([]int, len(game.Engagements)+1)
	perType := map[string]int{}
	perDiff := make([]int, maxDifficulty+1)
	for _, c := range d.Cards {
		if c.Engagement >= 1 && c.Engagement <= len(game.Engagements) {
			perEng[c.Engagement]++
		}
		perType[c.Type]++
		if c.Difficulty >= 1 && c.Difficulty <= maxDifficulty {
			perDiff[c.Difficulty]++
		}
	}
	b.WriteString("\nCartes par engagement :\n")
	axis := 0
	for _, e := range game.Engagements {
		if e.Axis != axis {
			axis = e.Axis
			fmt.Fprintf(&b, "  Axe %d — %s\n", axis, game.Axes[axis-1].Name)
		}
		fmt.Fprintf(&b, "    %2d. %-30s %3d\n", e.Number, e.Short, perEng[e.Number])
	}
	b.WriteString("\nCartes par type :\n")
	for _, t := range game.CardTypes {
		fmt.Fprintf(&b, "    %-14s %3d\n", game.TypeLabel(t), perType[t])
	}
	fmt.Fprintf(&b, "\nCartes par difficulté : %d faciles, %d moyennes, %d difficiles.\n", perDiff[1], perDiff[2], perDiff[3])
	b.WriteString("\nEngagements personnels proposés :\n")
	for _, c := range d.Commitments {
		short := ""
		if e, ok := game.EngagementByNumber(c.Engagement); ok {
			short = e.Short
		}
		fmt.Fprintf(&b, "    - %s (engagement %d, %s) : %s\n", c.ID, c.Engagement, short, c.Text)
	}
	return b.String()
}
