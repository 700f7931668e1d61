package ui

// PrefStore keeps the screen's small settings (the sound toggle) across
// reloads and restarts: localStorage in the browser (prefs_js.go), a JSON
// file beside the saved team on desktop (prefs_other.go). Values are short
// words ("on", "off").
type PrefStore interface {
	Get(key string) (string, bool)
	Set(key, value string) error
}

// maxPrefBytes bounds what is read back: a few short settings; anything
// larger is not ours.
const maxPrefBytes = 4096
