package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"metodd/game"
	"metodd/server/store"
)

// heapPeak samples the live heap every millisecond while f runs and
// returns the peak above the heap measured just before (after a GC).
func heapPeak(f func()) int64 {
	old := debug.SetGCPercent(10) // keep garbage small: the figure is what is held
	defer debug.SetGCPercent(old)
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() int64 { metrics.Read(sample); return int64(sample[0].Value.Uint64()) }
	base := read()
	var peak int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	return max(peak, read()) - base
}

// TestBigLogRestartAndJoinInfo: a live session whose log holds 24 MB (fat
// rosters written by an older version, straight into the SQLite file) is
// rebuilt at restart by streaming the log, and 100 parallel join-form
// calls read the hub's memory: neither holds memory in proportion to the
// log. Before the fix the restart held the whole log as a slice and each
// join-form call re-read it (issue 8: 100 calls on a 54 MB log, 842 MB).
func TestBigLogRestartAndJoinInfo(t *testing.T) {
	const fat, rows = 60_000, 400 // 24 MB
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	a := e.joinTeam(c.Code, "Les Vélos", agent("Amélie", "Lefèvre"))
	all, err := e.db.Commands(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	seq, at := all[len(all)-1].Seq, all[len(all)-1].At
	pad := strings.Repeat("x", fat)
	for i := range rows {
		raw, _ := json.Marshal(map[string]any{"kind": "roster", "at": at, "actor": a.welcome.PlayerID,
			"members": []game.Member{agent("Amélie", "Lefèvre")}, "answer": map[string]any{"card": "x", "text": pad + strconv.Itoa(i)}})
		seq++
		if err := e.db.AppendCommand(context.Background(), c.ID, store.LoggedCommand{Seq: seq, At: at, Kind: "roster", Data: raw}, nil); err != nil {
			t.Fatal(err)
		}
	}
	logBytes := int64(fat * rows)

	restart := heapPeak(e.crashAndRestart)
	t.Logf("restart with a %d MB log: heap peak +%.1f MB", logBytes>>20, float64(restart)/(1<<20))
	if restart > logBytes/4 {
		t.Errorf("restart held %d bytes for a %d-byte log: the log is not streamed", restart, logBytes)
	}

	var bad sync.Map
	join := heapPeak(func() {
		var wg sync.WaitGroup
		for range 100 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := http.Get(e.hs.URL + "/api/join/" + c.Code)
				if err != nil {
					bad.Store(err.Error(), true)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "Les Vélos") {
					bad.Store(string(b), true)
				}
			}()
		}
		wg.Wait()
	})
	bad.Range(func(k, _ any) bool { t.Errorf("join info: %v", k); return true })
	t.Logf("100 parallel join-form calls: heap peak +%.1f MB", float64(join)/(1<<20))
	if join > logBytes/4 {
		t.Errorf("100 join-form calls held %d bytes with a %d-byte log", join, logBytes)
	}
}
