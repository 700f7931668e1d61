package ui

import "github.com/hajimehoshi/ebiten/v2"

// intentKind is what a player means, whatever the device: a click on
// answer B, a tap on it, the key B and the key 2 all become choose(1).
type intentKind int

const (
	intentChoose     intentKind = iota + 1 // n: answer / group index
	intentNext                             // host: next phase (space)
	intentPause                            // host: pause or resume (P)
	intentAddTime                          // host: more time (+)
	intentSkip                             // host: skip the card (S)
	intentUp                               // move selection up
	intentDown                             // move selection down
	intentConfirm                          // Enter: validate
	intentBack                             // Escape: back / cancel
	intentFocusNext                        // Tab
	intentFocusPrev                        // Shift+Tab
	intentFullscreen                       // F11
	intentTeams                            // host: show or hide the teams panel (E)
	intentSound                            // sound on or off (M)
)

type intent struct {
	kind intentKind
	n    int
}

func (i intent) is(k intentKind) bool { return i.kind == k }

// choiceRunes map typed characters to an answer index: letters (any layout,
// since they come from the typed text), digits, and the unshifted digit row
// of a French AZERTY keyboard (& é " ').
var choiceRunes = map[rune]int{
	'a': 0, 'b': 1, 'c': 2, 'd': 3, 'A': 0, 'B': 1, 'C': 2, 'D': 3,
	'1': 0, '2': 1, '3': 2, '4': 3,
	'&': 0, 'é': 1, '"': 2, '\'': 3,
}

// hostRunes are the partner's one-key commands, read from typed text so
// they follow the keyboard layout.
var hostRunes = map[rune]intentKind{
	'p': intentPause, 'P': intentPause,
	'+': intentAddTime, '=': intentAddTime,
	's': intentSkip, 'S': intentSkip,
	'e': intentTeams, 'E': intentTeams,
	'm': intentSound, 'M': intentSound,
}

// keyIntents are physical keys whose meaning does not depend on the layout.
var keyIntents = map[ebiten.Key]intent{
	ebiten.KeyArrowUp:     {kind: intentUp},
	ebiten.KeyArrowDown:   {kind: intentDown},
	ebiten.KeyEnter:       {kind: intentConfirm},
	ebiten.KeyNumpadEnter: {kind: intentConfirm},
	ebiten.KeyEscape:      {kind: intentBack},
	ebiten.KeyF11:         {kind: intentFullscreen},
	ebiten.KeyNumpadAdd:   {kind: intentAddTime},
	ebiten.KeyNumpad1:     {kind: intentChoose, n: 0},
	ebiten.KeyNumpad2:     {kind: intentChoose, n: 1},
	ebiten.KeyNumpad3:     {kind: intentChoose, n: 2},
	ebiten.KeyNumpad4:     {kind: intentChoose, n: 3},
}

// intentsOf turns one frame's keys (just pressed) and typed characters into
// intents. While a text field has the focus, typed characters and space
// belong to the field, so only layout-free keys count.
func intentsOf(keys []ebiten.Key, chars []rune, shift, typing bool) []intent {
	var out []intent
	seen := map[intent]bool{}
	add := func(i intent) {
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	for _, k := range keys {
		if k == ebiten.KeyTab {
			if shift {
				add(intent{kind: intentFocusPrev})
			} else {
				add(intent{kind: intentFocusNext})
			}
			continue
		}
		if typing && (k == ebiten.KeyNumpadAdd || (k >= ebiten.KeyNumpad0 && k <= ebiten.KeyNumpad9)) {
			continue
		}
		if k == ebiten.KeySpace && !typing {
			add(intent{kind: intentNext})
			continue
		}
		if i, ok := keyIntents[k]; ok {
			add(i)
		}
	}
	if typing {
		return out
	}
	// Several typed choices in one frame all count, in order (a slow
	// frame may bring "1", "2", "1" at once); a numpad key and the
	// character it types count once.
	numpad := map[int]bool{}
	for _, i := range out {
		if i.kind == intentChoose {
			numpad[i.n] = true
		}
	}
	for _, r := range chars {
		if n, ok := choiceRunes[r]; ok {
			if numpad[n] {
				delete(numpad, n)
				continue
			}
			out = append(out, intent{kind: intentChoose, n: n})
		}
		if k, ok := hostRunes[r]; ok {
			add(intent{kind: k})
		}
	}
	return out
}
