//go:build !linux && !darwin

package server

// RaiseFileLimit does nothing where there is no RLIMIT_NOFILE to raise
// (Windows: sockets are bounded by memory, not by a per-process file
// limit) or where this program does not know it; all zero.
func RaiseFileLimit() (before, after, hard uint64, err error) { return 0, 0, 0, nil }

// FileLimit is 0: unknown, so the listener has no cap (Limits.FitFileLimit).
func FileLimit() uint64 { return 0 }
