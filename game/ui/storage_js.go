//go:build js

package ui

import "syscall/js"

// storageKey is the localStorage entry of the saved team.
const storageKey = "metodd.team"

// localStore keeps the saved team in the browser's localStorage, so a
// reload of the tab resumes the team.
type localStore struct{}

// DefaultTeamStore is the browser's store, or nil when localStorage is not
// available (private mode of some browsers, storage disabled).
func DefaultTeamStore() TeamStore {
	if ls := localStorage(); ls.IsUndefined() || ls.IsNull() {
		return nil
	}
	return localStore{}
}

// localStorage returns window.localStorage; reading it may throw (storage
// disabled), which syscall/js turns into a panic.
func localStorage() (v js.Value) {
	defer func() {
		if recover() != nil {
			v = js.Undefined()
		}
	}()
	return js.Global().Get("localStorage")
}

func (localStore) Load() (t SavedTeam, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = SavedTeam{}, false
		}
	}()
	v := localStorage().Call("getItem", storageKey)
	if v.Type() != js.TypeString {
		return SavedTeam{}, false
	}
	return decodeSaved([]byte(v.String()))
}

func (localStore) Save(t SavedTeam) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errStorage // quota exceeded, storage disabled
		}
	}()
	localStorage().Call("setItem", storageKey, string(encodeSaved(t)))
	return nil
}

func (localStore) Clear() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errStorage
		}
	}()
	localStorage().Call("removeItem", storageKey)
	return nil
}

type storageError struct{}

func (storageError) Error() string { return "localStorage unavailable" }

var errStorage error = storageError{}

// keepCodeInURL puts the session code in the page's address (?code=…)
// without reloading it, so that a reload opens that session (and resumes
// the saved team) instead of the home page.
func keepCodeInURL(code string) {
	defer func() { _ = recover() }() // no history API: a reload shows the home page, as before
	u := js.Global().Get("URL").New(js.Global().Get("location").Get("href"))
	params := u.Get("searchParams")
	if params.Call("get", "code").String() == code {
		return
	}
	params.Call("set", "code", code)
	js.Global().Get("history").Call("replaceState", js.Null(), "", u.Call("toString"))
}
