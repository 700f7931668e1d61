package main

import "syscall"

// hardFileLimit is the hard open-files limit the server should raise its
// soft limit to.
func hardFileLimit() (uint64, bool) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, false
	}
	return lim.Max, true
}
