//go:build linux || darwin

package server

import "syscall"

// RaiseFileLimit raises the process's soft open-files limit
// (RLIMIT_NOFILE) to its hard limit: each connection holds a descriptor,
// and a small soft limit (1,024 on many systems) would cap a plenary long
// before memory does. It returns the soft limit found, the soft limit now
// and the hard limit. (Go's runtime already raises the soft limit on Linux
// before main runs, so "found" is usually already raised there; doing it
// here makes it explicit, logged, and the same on macOS.)
func RaiseFileLimit() (before, after, hard uint64, err error) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0, 0, 0, err
	}
	before, hard = uint64(r.Cur), uint64(r.Max)
	if r.Cur < r.Max {
		want := r
		want.Cur = r.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
			// macOS refuses an unlimited hard limit; what we have stays.
			return before, before, hard, err
		}
	}
	return before, FileLimit(), hard, nil
}

// FileLimit is the process's soft open-files limit; 0 when unknown.
func FileLimit() uint64 {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0
	}
	return uint64(r.Cur)
}
