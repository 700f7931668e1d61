package server

import (
	"bufio"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// idleBenchConns is how many websockets BenchmarkIdleConnMemory holds open.
const idleBenchConns = 1000

// BenchmarkIdleConnMemory: what a websocket costs the server before its
// hello (issue 10: ≤ 10 KB). idleBenchConns sockets are opened with a raw
// handshake over plain TCP (the client side holds a descriptor and a small
// struct, no goroutine, no buffer), then the server's live heap (after a
// GC), goroutine stacks and goroutines are compared with before; the
// process RSS delta is reported too (it also holds freed memory the
// runtime has not returned yet). One op opens and closes the sockets.
func BenchmarkIdleConnMemory(b *testing.B) {
	e := newEnv(b, func(l *Limits) {
		l.MaxPreHello = idleBenchConns + 10
		l.HelloWait = time.Minute // the sockets stay silent while measured
	})
	addr := e.hs.Listener.Addr().String()
	var heap, stack, gor, rss float64
	for range b.N {
		before := memNow()
		conns := make([]net.Conn, 0, idleBenchConns)
		for range idleBenchConns {
			c, err := rawWebsocket(addr)
			if err != nil {
				b.Fatal(err)
			}
			conns = append(conns, c)
		}
		deadline := time.Now().Add(waitLimit)
		for {
			if open, _ := e.srv.ConnCounts(); open == idleBenchConns {
				break
			}
			if time.Now().After(deadline) {
				b.Fatal("the server did not register every socket")
			}
			time.Sleep(time.Millisecond)
		}
		after := memNow()
		n := float64(idleBenchConns)
		heap = float64(after.heap-before.heap) / n
		stack = float64(after.stack-before.stack) / n
		gor = float64(after.goroutines-before.goroutines) / n
		rss = float64(after.rssKB-before.rssKB) / n
		for _, c := range conns {
			c.Close()
		}
		for deadline := time.Now().Add(waitLimit); ; time.Sleep(time.Millisecond) {
			if open, _ := e.srv.ConnCounts(); open == 0 {
				break
			}
			if time.Now().After(deadline) {
				b.Fatal("the server did not release every socket")
			}
		}
	}
	b.ReportMetric(heap/1024, "heap-KB/conn")
	b.ReportMetric(stack/1024, "stack-KB/conn")
	b.ReportMetric(gor, "goroutines/conn")
	b.ReportMetric(rss, "RSS-KB/conn")
}

type memFigures struct {
	heap, stack       uint64
	goroutines, rssKB int64
}

func memNow() memFigures {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	f := memFigures{heap: ms.HeapAlloc, stack: ms.StackInuse, goroutines: int64(runtime.NumGoroutine())}
	if raw, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				if fs := strings.Fields(rest); len(fs) > 0 {
					f.rssKB, _ = strconv.ParseInt(fs[0], 10, 64)
				}
			}
		}
	}
	return f
}

// rawWebsocket opens a websocket to /ws with a bare handshake and reads
// the 101 answer; the connection is then left silent (no hello).
func rawWebsocket(addr string) (net.Conn, error) {
	c, err := net.DialTimeout("tcp", addr, waitLimit)
	if err != nil {
		return nil, err
	}
	req := "GET /ws HTTP/1.1\r\nHost: " + addr + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
	if _, err := c.Write([]byte(req)); err != nil {
		c.Close()
		return nil, err
	}
	c.SetReadDeadline(time.Now().Add(waitLimit))
	resp, err := http.ReadResponse(bufio.NewReaderSize(c, 256), nil)
	if err != nil {
		c.Close()
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSwitchingProtocols {
		c.Close()
		return nil, &net.OpError{Op: "upgrade", Net: "tcp", Err: os.ErrInvalid}
	}
	c.SetReadDeadline(time.Time{})
	return c, nil
}
