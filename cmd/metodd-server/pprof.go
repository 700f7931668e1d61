package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"metodd/server/store"
)

// pprofReadHeaderTimeout: the profiling listener is loopback only, read by
// `go tool pprof`; 10 s is the same slow-loris bound as the main listener.
const pprofReadHeaderTimeout = 10 * time.Second

// checkPprofAddr refuses a profiling address that is not loopback: the
// profiles show the server's memory and code paths, and the debug handlers
// have no login, so they are never reachable from the network.
func checkPprofAddr(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("adresse de profilage invalide %q : hôte:port attendu (127.0.0.1:6060)", addr)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("adresse de profilage %q refusée : seule une adresse de bouclage (127.0.0.1, ::1) est permise", addr)
	}
	return nil
}

// servePprof serves net/http/pprof on addr (checked loopback) in the
// background, and /debug/metodd: the group writer's totals (commits and the
// commands they held, store.GroupStats as JSON) for the load tool's commits
// per second and answers per commit. A listener error is logged, the game
// server goes on.
func servePprof(addr string, log *slog.Logger, db *store.DB) error {
	if err := checkPprofAddr(addr); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("écoute du profilage sur %s : %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/metodd", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(db.GroupStats())
	})
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: pprofReadHeaderTimeout}
	log.Warn("profilage actif (pprof)", "addr", ln.Addr().String())
	go func() {
		if err := hs.Serve(ln); err != nil {
			log.Warn("profilage arrêté", "err", err)
		}
	}()
	return nil
}
