// Command metodd-server runs the mét'ODD server: the browser client, the
// JSON API, the websocket where sessions are played, and the RSO cell's
// dashboard, over one SQLite file. Its subcommands manage accounts, back up
// the database, check a deck file and purge old names. Run it with --help
// (the text is French: the IT department reads it).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"metodd/assets"
	"metodd/game/deckfile"
	"metodd/server"
	"metodd/server/dashboard"
	"metodd/server/ratelimit"
	"metodd/server/store"
)

// shutdownTimeout: time to say bye to every client and finish the
// requests in flight before the database is closed. (The HTTP server's
// timeouts and connection caps are server.Limits, see server/conns.go.)
const shutdownTimeout = 10 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// env returns the environment variable, or def when it is unset.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envBool(name string) bool {
	b, _ := strconv.ParseBool(os.Getenv(name))
	return b
}

const usageText = `mét'ODD — serveur du jeu de sensibilisation à la démarche RSO

Utilisation :
  metodd-server [options]                 démarre le serveur
  metodd-server admin create --login X --name "Prénom Nom" --role partner|admin
                                          crée un compte (mot de passe généré et affiché)
  metodd-server admin reset-password --login X
                                          génère un nouveau mot de passe pour ce compte
  metodd-server admin list                liste les comptes
  metodd-server backup FICHIER            copie cohérente de la base, serveur en marche ou non
  metodd-server deck check FICHIER.yaml   vérifie un jeu de cartes (résumé ou liste des erreurs)
  metodd-server purge --older-than 365d   efface les noms plus anciens que la durée, garde les comptages

Chaque option peut aussi venir d'une variable d'environnement (entre crochets) ;
l'option en ligne de commande l'emporte.

Options :
`

// serveFlags are the options of the server itself; data is also used by
// the subcommands.
type serveFlags struct {
	addr, data, publicURL, origins, logFormat, logLevel, proxies string
	pprof                                                        string
	secureCookies                                                bool
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func addDataFlag(fs *flag.FlagSet, data *string) {
	fs.StringVar(data, "data", env("METODD_DATA", "./data/metodd.db"),
		"fichier de la base SQLite (créé au premier démarrage) [METODD_DATA]")
}

// parseFlags parses a command's flags; when it cannot go on, ok is false
// and code is the exit status: 0 after --help, 2 on a bad flag (the flag
// package has said why on stderr).
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return 0, false
	}
	return 2, err == nil
}

// fail reports an unexpected error and gives the exit status 1.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "Erreur : %v\n", err)
	return 1
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "admin":
			return runAdmin(args[1:], stdout, stderr)
		case "backup":
			return runBackup(args[1:], stdout, stderr)
		case "deck":
			return runDeck(args[1:], stdout, stderr)
		case "purge":
			return runPurge(args[1:], stdout, stderr)
		case "serve":
			args = args[1:]
		case "help":
			args = []string{"--help"}
		}
	}
	var f serveFlags
	fs := newFlagSet("metodd-server", stderr)
	fs.StringVar(&f.addr, "addr", env("METODD_ADDR", ":8080"), "adresse et port d'écoute, par exemple :8080 ou 127.0.0.1:8080 [METODD_ADDR]")
	addDataFlag(fs, &f.data)
	fs.StringVar(&f.publicURL, "public-url", env("METODD_PUBLIC_URL", ""),
		"adresse publique du serveur (https://metodd.exemple.fr), utilisée dans les liens et QR codes pour rejoindre ; vide : l'adresse demandée par le navigateur [METODD_PUBLIC_URL]")
	fs.StringVar(&f.origins, "allowed-origins", env("METODD_ALLOWED_ORIGINS", ""),
		"autres origines web autorisées à ouvrir le websocket, séparées par des virgules (https://intranet.exemple.fr) [METODD_ALLOWED_ORIGINS]")
	fs.StringVar(&f.proxies, "trusted-proxies", env("METODD_TRUSTED_PROXIES", ""),
		"adresses (ou plages CIDR) des proxys inverses dont l'en-tête X-Forwarded-For est cru pour les limites par adresse, séparées par des virgules (127.0.0.1) [METODD_TRUSTED_PROXIES]")
	fs.BoolVar(&f.secureCookies, "secure-cookies", envBool("METODD_SECURE_COOKIES"),
		"cookies marqués Secure même en HTTP : à activer derrière un proxy HTTPS [METODD_SECURE_COOKIES]")
	fs.StringVar(&f.logFormat, "log-format", env("METODD_LOG_FORMAT", "text"), "format des journaux : text ou json [METODD_LOG_FORMAT]")
	fs.StringVar(&f.logLevel, "log-level", env("METODD_LOG_LEVEL", "info"), "niveau des journaux : debug, info, warn ou error [METODD_LOG_LEVEL]")
	fs.StringVar(&f.pprof, "pprof", env("METODD_PPROF", ""),
		"adresse de bouclage où servir les profils Go (net/http/pprof) pour mesurer le serveur, par exemple 127.0.0.1:6060 ; vide : désactivé [METODD_PPROF]")
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText)
		printFlags(stderr, fs)
		fmt.Fprint(stderr, "\nMot de passe du compte admin au premier démarrage : variable METODD_ADMIN_PASSWORD (sinon généré et affiché une fois).\n")
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "Commande inconnue : %q (voir --help)\n", fs.Arg(0))
		return 2
	}
	log, err := newLogger(f.logFormat, f.logLevel, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	proxies, err := ratelimit.ParseProxies(f.proxies)
	if err != nil {
		fmt.Fprintf(stderr, "Proxy de confiance invalide dans %q : adresse IP ou plage CIDR attendue (%v)\n", f.proxies, err)
		return 2
	}
	ratelimit.SetTrustedProxies(proxies)
	if f.pprof != "" {
		if err := checkPprofAddr(f.pprof); err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
	}
	if err := serve(f, log, stdout); err != nil {
		log.Error("arrêt sur erreur", "err", err)
		return fail(stderr, err)
	}
	return 0
}

// printFlags lists the options in French (flag.PrintDefaults says
// "default" in English).
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg := " valeur"
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			arg = ""
		}
		fmt.Fprintf(w, "  --%s%s\n      %s", f.Name, arg, f.Usage)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (par défaut : %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

func newLogger(format, level string, w io.Writer) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("niveau de journal inconnu : %q (debug, info, warn, error)", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("format de journal inconnu : %q (text ou json)", format)
}

func serve(f serveFlags, log *slog.Logger, stdout io.Writer) error {
	slog.SetDefault(log)
	// Every connection holds a descriptor: take the whole hard limit, and
	// size the connection caps to it (server.DefaultLimits).
	_, soft, hard, err := server.RaiseFileLimit()
	if err != nil {
		log.Warn("limite de fichiers ouverts non relevée", "soft", soft, "hard", hard, "err", err)
	}
	lim := server.DefaultLimits()
	log.Info("limite de fichiers ouverts", "soft", soft, "hard", hard,
		"max_websockets", lim.MaxConns, "max_http_conns", lim.MaxHTTPConns)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	db, err := store.Open(f.data)
	if err != nil {
		return err
	}
	defer db.Close()
	if f.pprof != "" {
		if err := servePprof(f.pprof, log, db); err != nil {
			return err
		}
	}
	res, err := server.Setup(ctx, db, assets.DeckFiles(), os.Getenv("METODD_ADMIN_PASSWORD"), time.Now())
	if err != nil {
		return err
	}
	for _, d := range res.Decks {
		if d.Err != nil {
			log.Error("jeu de cartes intégré invalide, ignoré", "file", d.File, "err", d.Err)
		} else if d.Added {
			log.Info("jeu de cartes chargé", "deck", d.ID, "cards", d.Cards)
		}
	}
	var origins []string
	for _, o := range strings.Split(f.origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	// The dashboard asks the server for live figures; the server is made
	// after the dashboard, hence the late-bound function.
	var srv *server.Server
	// One guard for both login doors (API and dashboard): the same failures
	// count, and every attempt is logged the same way.
	logins := ratelimit.NewLogins(ratelimit.DefaultLoginLimits(), log)
	dash := dashboard.New(db, dashboard.Options{
		SecureCookies: f.secureCookies,
		Logger:        log,
		Logins:        logins,
		Live: dashboard.LiveFunc(func(id string) (int, int, bool) {
			if srv == nil {
				return 0, 0, false
			}
			return srv.LiveTeams(id)
		}),
	})
	srv, err = server.New(ctx, server.Config{
		Store: db, PublicURL: f.publicURL, AllowedOrigins: origins, SecureCookies: f.secureCookies,
		Logger: log, Dashboard: dash, Limits: lim, Logins: logins,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("écoute sur %s : %w", f.addr, err)
	}
	printWelcome(stdout, res, f, ln.Addr())
	hs := srv.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(srv.Listener(ln)) }()
	log.Info("serveur démarré", "addr", ln.Addr().String(), "data", f.data, "live", len(srv.Live()))

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("arrêt demandé : fermeture des connexions")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- hs.Shutdown(sctx) }() // stop accepting, finish requests
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("fermeture des websockets incomplète", "err", err)
	}
	if err := <-done; err != nil {
		log.Warn("fermeture HTTP incomplète", "err", err)
	}
	log.Info("serveur arrêté proprement")
	return nil
}

// baseURL is the address to print: the public URL, else this machine.
func baseURL(f serveFlags, addr net.Addr) string {
	if f.publicURL != "" {
		return strings.TrimRight(f.publicURL, "/")
	}
	host := "localhost"
	if tcp, ok := addr.(*net.TCPAddr); ok {
		if !tcp.IP.IsUnspecified() && !tcp.IP.IsLoopback() {
			host = tcp.IP.String()
		} else if h, err := os.Hostname(); err == nil && !tcp.IP.IsLoopback() {
			host = h
		}
		return fmt.Sprintf("http://%s", net.JoinHostPort(host, strconv.Itoa(tcp.Port)))
	}
	return "http://" + addr.String()
}

func printWelcome(w io.Writer, res server.SetupResult, f serveFlags, addr net.Addr) {
	base := baseURL(f, addr)
	fmt.Fprintln(w, "mét'ODD — serveur prêt")
	if res.FirstStart {
		fmt.Fprintf(w, "\nPremier démarrage : base de données créée (%s).\n", f.data)
		fmt.Fprintf(w, "  Campagne %d créée : objectif %d agents sensibilisés.\n", res.Campaign.Year, res.Campaign.Goal)
		fmt.Fprintf(w, "  Compte de la cellule RSO : identifiant « %s »\n", server.AdminLogin)
		if res.AdminPassword != "" {
			fmt.Fprintf(w, "  Mot de passe : %s\n", res.AdminPassword)
			fmt.Fprintln(w, "  (affiché une seule fois, seule son empreinte est conservée : notez-le maintenant ;")
			fmt.Fprintf(w, "   en cas d'oubli : metodd-server admin reset-password --data %s --login admin)\n", shellQuote(dataPath(f)))
		} else {
			fmt.Fprintln(w, "  Mot de passe : celui de la variable METODD_ADMIN_PASSWORD")
		}
	}
	fmt.Fprintln(w, "\nÀ ouvrir dans un navigateur :")
	fmt.Fprintf(w, "  Équipes — rejoindre une séance avec son code : %s/\n", base)
	fmt.Fprintf(w, "  Animateurs — même adresse, bouton « Animer une séance » : %s/\n", base)
	fmt.Fprintf(w, "  Cellule RSO — tableau de bord : %s/dashboard/\n", base)
	fmt.Fprintf(w, "  État du serveur (supervision) : %s/healthz\n", base)
	if res.FirstStart {
		fmt.Fprintln(w, "\nSe connecter : identifiant admin sur le tableau de bord ; pour créer un compte d'animateur :")
		// The database this server uses, so the command works as printed
		// (without --data it would create a second, empty database).
		fmt.Fprintf(w, "  metodd-server admin create --data %s --login marie --name \"Marie Dupont\" --role partner\n", shellQuote(dataPath(f)))
	}
	fmt.Fprintln(w)
}

// dataPath is the database in use, absolute so a printed command works
// from any folder.
func dataPath(f serveFlags) string {
	if abs, err := filepath.Abs(f.data); err == nil {
		return abs
	}
	return f.data
}

// shellQuote writes s so a POSIX shell reads it back as one word.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:,@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ---- subcommands

func runAdmin(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "Utilisation : metodd-server admin create|reset-password|list [options] (voir --help)")
		return 2
	}
	sub, args := args[0], args[1:]
	var data, login, name, role string
	fs := newFlagSet("metodd-server admin "+sub, stderr)
	addDataFlag(fs, &data)
	switch sub {
	case "create":
		fs.StringVar(&login, "login", "", "identifiant de connexion (lettres, chiffres, point, tiret)")
		fs.StringVar(&name, "name", "", "nom affiché (« Marie Dupont »)")
		fs.StringVar(&role, "role", store.RolePartner, "rôle : partner (animateur) ou admin (cellule RSO)")
	case "reset-password":
		fs.StringVar(&login, "login", "", "identifiant du compte")
	case "list":
	default:
		fmt.Fprintf(stderr, "Sous-commande inconnue : admin %s (create, reset-password, list)\n", sub)
		return 2
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	db, err := store.Open(data)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	ctx := context.Background()
	switch sub {
	case "create":
		if login == "" {
			fmt.Fprintln(stderr, "Il manque --login.")
			return 2
		}
		if role != store.RolePartner && role != store.RoleAdmin {
			fmt.Fprintf(stderr, "Rôle inconnu : %q (partner ou admin)\n", role)
			return 2
		}
		pw := server.NewPassword()
		acc, err := db.CreateAccount(ctx, store.NewAccount{Login: login, Name: name, Role: role, Password: pw})
		if errors.Is(err, store.ErrExists) {
			fmt.Fprintf(stderr, "L'identifiant « %s » existe déjà.\n", login)
			return 1
		} else if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "Compte créé : %s (%s, %s)\nMot de passe : %s\n(affiché une seule fois : transmettez-le à la personne)\n",
			acc.Login, acc.Name, roleLabel(acc.Role), pw)
	case "reset-password":
		acc, err := db.AccountByLogin(ctx, login)
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(stderr, "Aucun compte « %s ».\n", login)
			return 1
		} else if err != nil {
			return fail(stderr, err)
		}
		pw := server.NewPassword()
		if err := db.SetPassword(ctx, acc.ID, pw); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "Nouveau mot de passe de %s : %s\n(les connexions en cours de ce compte sont fermées)\n", acc.Login, pw)
	case "list":
		accs, err := db.Accounts(ctx)
		if err != nil {
			return fail(stderr, err)
		}
		for _, a := range accs {
			state := ""
			if a.Disabled {
				state = " (désactivé)"
			}
			fmt.Fprintf(stdout, "%-20s %-14s %s%s\n", a.Login, roleLabel(a.Role), a.Name, state)
		}
	}
	return 0
}

func roleLabel(role string) string {
	if role == store.RoleAdmin {
		return "cellule RSO"
	}
	return "animateur"
}

func runBackup(args []string, stdout, stderr io.Writer) int {
	var data string
	fs := newFlagSet("metodd-server backup", stderr)
	addDataFlag(fs, &data)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "Utilisation : metodd-server backup [--data base.db] FICHIER")
		return 2
	}
	if _, err := os.Stat(data); err != nil {
		fmt.Fprintf(stderr, "Base introuvable : %s\n", data)
		return 1
	}
	db, err := store.Open(data)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	target := fs.Arg(0)
	if err := backup(db, target); err != nil {
		if errors.Is(err, store.ErrExists) {
			fmt.Fprintf(stderr, "Le fichier %s existe déjà : choisissez un autre nom.\n", target)
		} else {
			fmt.Fprintf(stderr, "Erreur : %v\n", err)
		}
		return 1
	}
	abs, _ := filepath.Abs(target)
	fmt.Fprintf(stdout, "Sauvegarde écrite : %s\n", abs)
	return 0
}

// backupMode: a backup holds names and password hashes; only the account
// that runs the server may read it.
const backupMode = 0o600

// backup writes the copy to target with backupMode, never readable by
// others even for an instant: the copy is made in a private directory
// (0700) beside target, narrowed to 0600, then linked to its name, which
// fails if the name was taken meanwhile (store.ErrExists, like Backup).
func backup(db *store.DB, target string) error {
	if _, err := os.Lstat(target); err == nil {
		return fmt.Errorf("%s: %w", target, store.ErrExists)
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	tmpDir, err := os.MkdirTemp(dir, ".metodd-backup-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, "copy.db")
	if err := db.Backup(context.Background(), tmp); err != nil {
		return err
	}
	if err := os.Chmod(tmp, backupMode); err != nil {
		return err
	}
	if err := os.Link(tmp, target); err != nil {
		if _, serr := os.Lstat(target); serr == nil {
			return fmt.Errorf("%s: %w", target, store.ErrExists)
		}
		// A file system without hard links: rename (the name was free).
		return os.Rename(tmp, target)
	}
	return nil
}

func runDeck(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 || args[0] != "check" {
		fmt.Fprintln(stderr, "Utilisation : metodd-server deck check FICHIER.yaml")
		return 2
	}
	file := args[1]
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "Lecture impossible : %v\n", err)
		return 1
	}
	d, err := deckfile.ParseDeck(filepath.Base(file), data)
	if err != nil {
		var errs deckfile.DeckErrors
		if errors.As(err, &errs) {
			fmt.Fprintf(stdout, "%d erreur(s) dans %s :\n", len(errs), file)
			for _, e := range errs {
				fmt.Fprintf(stdout, "  %s\n", e.String())
			}
		} else {
			fmt.Fprintf(stdout, "Jeu de cartes invalide : %v\n", err)
		}
		return 1
	}
	fmt.Fprintln(stdout, deckfile.Summary(d))
	return 0
}

// parseAge reads a retention: "365d", "52w", or a Go duration ("8760h").
func parseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.Atoi(n)
			if err != nil || v < 0 {
				return 0, fmt.Errorf("durée invalide : %q", s)
			}
			return time.Duration(v) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("durée invalide : %q (exemples : 365d, 52w, 8760h)", s)
	}
	return d, nil
}

// minRetention guards against a typo purging this year's names: a
// campaign lasts a year, and its names may be needed until it ends.
const minRetention = 30 * 24 * time.Hour

func runPurge(args []string, stdout, stderr io.Writer) int {
	var data, older string
	fs := newFlagSet("metodd-server purge", stderr)
	addDataFlag(fs, &data)
	fs.StringVar(&older, "older-than", "", "efface les noms enregistrés il y a plus longtemps que cette durée (365d, 52w…) ; les comptages restent")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	age, err := parseAge(older)
	if older == "" || err != nil {
		fmt.Fprintln(stderr, "Utilisation : metodd-server purge --older-than 365d")
		if err != nil && older != "" {
			fmt.Fprintln(stderr, err)
		}
		return 2
	}
	if age < minRetention {
		fmt.Fprintf(stderr, "Durée trop courte : %d jours au moins.\n", int(minRetention.Hours()/24))
		return 2
	}
	db, err := store.Open(data)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	before := time.Now().Add(-age)
	n, err := db.Purge(context.Background(), before)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Noms effacés avant le %s : %d enregistrement(s). Les comptages sont conservés.\n",
		before.Format("02/01/2006"), n)
	return 0
}
