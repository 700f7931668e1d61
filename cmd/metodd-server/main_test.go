package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"metodd/server/store"
)

func TestMain(m *testing.M) {
	store.PasswordCost = bcrypt.MinCost
	os.Exit(m.Run())
}

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpIsFrench(t *testing.T) {
	code, _, stderr := runCmd(t, "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--addr", "--data", "--public-url", "--allowed-origins", "--trusted-proxies", "METODD_ADDR", "par défaut", "backup FICHIER", "deck check", "purge --older-than"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if strings.Contains(stderr, "(default") {
		t.Error("help has English defaults")
	}
	if code, _, _ := runCmd(t, "--nonsense"); code != 2 {
		t.Fatalf("unknown flag: exit %d", code)
	}
	if code, _, stderr := runCmd(t, "--trusted-proxies", "proxy.exemple.fr"); code != 2 || !strings.Contains(stderr, "Proxy de confiance invalide") {
		t.Fatalf("bad trusted proxy: exit %d %s", code, stderr)
	}
}

func TestSubcommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "m.db")
	code, out, _ := runCmd(t, "admin", "create", "--data", data, "--login", "marie", "--name", "Marie Dupont", "--role", "partner")
	if code != 0 || !strings.Contains(out, "Mot de passe : ") {
		t.Fatalf("admin create: %d %s", code, out)
	}
	pw := strings.TrimSpace(strings.SplitN(strings.SplitN(out, "Mot de passe : ", 2)[1], "\n", 2)[0])
	db, _ := store.Open(data)
	if _, err := db.Authenticate(context.Background(), "marie", pw); err != nil {
		t.Fatalf("printed password does not log in: %v", err)
	}
	db.Close()
	if code, _, stderr := runCmd(t, "admin", "create", "--data", data, "--login", "marie"); code != 1 || !strings.Contains(stderr, "existe déjà") {
		t.Fatalf("duplicate: %d %s", code, stderr)
	}
	if code, out, _ := runCmd(t, "admin", "reset-password", "--data", data, "--login", "marie"); code != 0 || !strings.Contains(out, "Nouveau mot de passe") {
		t.Fatalf("reset: %d %s", code, out)
	}
	if code, out, _ := runCmd(t, "admin", "list", "--data", data); code != 0 || !strings.Contains(out, "Marie Dupont") {
		t.Fatalf("list: %d %s", code, out)
	}
	backup := filepath.Join(dir, "copie.db")
	if code, out, _ := runCmd(t, "backup", "--data", data, backup); code != 0 || !strings.Contains(out, "Sauvegarde écrite") {
		t.Fatalf("backup: %d %s", code, out)
	}
	// The copy holds names and password hashes: the owner's only, and
	// readable as a database.
	if fi, err := os.Stat(backup); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("backup file mode: %v %v (0600 expected)", fi.Mode(), err)
	}
	if bdb, err := store.Open(backup); err != nil {
		t.Fatalf("backup not a database: %v", err)
	} else {
		if _, err := bdb.AccountByLogin(context.Background(), "marie"); err != nil {
			t.Fatalf("backup without the account: %v", err)
		}
		bdb.Close()
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".metodd-backup-*")); len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	if code, _, _ := runCmd(t, "backup", "--data", data, backup); code != 1 {
		t.Fatal("backup over an existing file")
	}
	if code, out, _ := runCmd(t, "purge", "--data", data, "--older-than", "365d"); code != 0 || !strings.Contains(out, "conservés") {
		t.Fatalf("purge: %d %s", code, out)
	}
	if code, _, _ := runCmd(t, "purge", "--data", data, "--older-than", "2d"); code != 2 {
		t.Fatal("purge of 2 days accepted")
	}
	if code, _, _ := runCmd(t, "purge", "--data", data, "--older-than", "bientôt"); code != 2 {
		t.Fatal("bad duration accepted")
	}
}

func TestDeckCheck(t *testing.T) {
	code, out, _ := runCmd(t, "deck", "check", "../../assets/decks/metodd-bilan-2024.yaml")
	if code != 0 || !strings.Contains(out, "cartes") {
		t.Fatalf("standard deck: %d %s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "faux.yaml")
	os.WriteFile(bad, []byte("id: x\ntitle: y\ncards:\n  - id: a\n    type: bidule\n"), 0o644)
	code, out, _ = runCmd(t, "deck", "check", bad)
	if code != 1 || !strings.Contains(out, "faux.yaml:5") || !strings.Contains(out, "bidule") {
		t.Fatalf("bad deck: %d %s", code, out)
	}
}

// TestServeFirstStartAndSIGTERM runs the real binary: the first start
// prints the admin password and what to open; SIGTERM stops it cleanly.
func TestServeFirstStartAndSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "metodd-server")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	// A folder with a space and a quote: the printed commands must quote it.
	cmd := exec.Command(bin, "--addr", addr, "--data", filepath.Join(dir, "mes données'", "m.db"))
	cmd.Env = append(os.Environ(), "METODD_ADMIN_PASSWORD=")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var printed strings.Builder
	deadline := time.After(30 * time.Second)
	for !strings.Contains(printed.String(), "--role partner") { // the last line of a first start
		select {
		case l := <-lines:
			printed.WriteString(l + "\n")
		case <-deadline:
			t.Fatalf("no welcome text; got:\n%s\n%s", printed.String(), stderr.String())
		}
	}
	for _, want := range []string{"Premier démarrage", "Mot de passe : ", "/dashboard/", "Animer une séance", "objectif 200"} {
		if !strings.Contains(printed.String(), want) {
			t.Errorf("first start does not print %q:\n%s", want, printed.String())
		}
	}
	// The printed « admin create » works as printed: the new partner logs
	// in to this server (it names the database the server uses).
	var create string
	for _, l := range strings.Split(printed.String(), "\n") {
		if strings.Contains(l, "admin create") {
			create = strings.TrimSpace(l)
		}
	}
	if !strings.HasPrefix(create, "metodd-server admin create --data ") {
		t.Fatalf("no admin create command printed:\n%s", printed.String())
	}
	out, err := exec.Command("sh", "-c", shellQuote(bin)+strings.TrimPrefix(create, "metodd-server")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Mot de passe : ") {
		t.Fatalf("printed command %q: %v\n%s", create, err, out)
	}
	pw := strings.TrimSpace(strings.SplitN(strings.SplitN(string(out), "Mot de passe : ", 2)[1], "\n", 2)[0])
	login, err := http.Post("http://"+addr+"/api/login", "application/json", strings.NewReader(`{"login":"marie","password":"`+pw+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	login.Body.Close()
	if login.StatusCode != http.StatusOK {
		t.Fatalf("the partner created by the printed command cannot log in: %s", login.Status)
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "ok" {
		t.Fatalf("healthz %q", body)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("still running after SIGTERM")
	}
	if !strings.Contains(stderr.String(), "arrêté proprement") {
		t.Fatalf("logs:\n%s", stderr.String())
	}
	// The open-files limit, raised to the hard limit, and the connection
	// caps sized to it, are in the log.
	if hard, ok := hardFileLimit(); ok {
		want := `msg="limite de fichiers ouverts" soft=`
		if !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), fmt.Sprintf("soft=%d hard=%d max_websockets=", hard, hard)) {
			t.Errorf("file limit not logged as raised to %d:\n%s", hard, stderr.String())
		}
	}
}
