package main

import (
	"strings"
	"testing"
)

// The profiling listener is for the machine itself: a network address is
// refused, so the unauthenticated pprof handlers are never exposed.
func TestPprofAddrLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:6060", "[::1]:6060", "localhost:6060", "127.0.0.1:0"} {
		if err := checkPprofAddr(addr); err != nil {
			t.Errorf("checkPprofAddr(%q) = %v, want accepted", addr, err)
		}
	}
	for _, addr := range []string{":6060", "0.0.0.0:6060", "192.168.1.10:6060", "[::]:6060", "exemple.fr:6060", "6060"} {
		err := checkPprofAddr(addr)
		if err == nil {
			t.Errorf("checkPprofAddr(%q) accepted, want refused", addr)
			continue
		}
		if !strings.Contains(err.Error(), "profilage") {
			t.Errorf("checkPprofAddr(%q) = %q, want a French message about profiling", addr, err)
		}
	}
	var out, errw strings.Builder
	if code := run([]string{"--pprof", "0.0.0.0:6060"}, &out, &errw); code != 2 {
		t.Errorf("--pprof 0.0.0.0:6060 exited %d, want 2 (refused before serving); stderr %q", code, errw.String())
	}
}
