//go:build !linux

package main

// hardFileLimit: the check is made on Linux only.
func hardFileLimit() (uint64, bool) { return 0, false }
