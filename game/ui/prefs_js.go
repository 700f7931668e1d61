//go:build js

package ui

import "syscall/js"

// prefPrefix namespaces the settings in localStorage.
const prefPrefix = "metodd.pref."

type localPrefs struct{}

// DefaultPrefStore is the browser's localStorage, or nil when it is not
// available (the settings then last as long as the page).
func DefaultPrefStore() PrefStore {
	if ls := localStorage(); ls.IsUndefined() || ls.IsNull() {
		return nil
	}
	return localPrefs{}
}

func (localPrefs) Get(key string) (v string, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = "", false
		}
	}()
	got := localStorage().Call("getItem", prefPrefix+key)
	if got.Type() != js.TypeString || len(got.String()) > maxPrefBytes {
		return "", false
	}
	return got.String(), true
}

func (localPrefs) Set(key, value string) (err error) {
	defer func() {
		if recover() != nil {
			err = errStorage
		}
	}()
	localStorage().Call("setItem", prefPrefix+key, value)
	return nil
}
