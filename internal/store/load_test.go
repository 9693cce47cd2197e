package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The load test (WORKBENCH_LOAD=1; scripts/pg-test.sh runs it on PostgreSQL
// too):
//
//	WORKBENCH_LOAD=1 scripts/pg-test.sh -run TestLoadWriters -v -timeout 20m
//
// Writers are this test binary re-executed as child processes; each opens
// the store as its own analyst and tags the same loadN statements, printing
// "ok I NANOS" after each committed tag (NANOS: the time Add took).
const (
	loadEnv    = "WORKBENCH_LOAD_CHILD"
	loadTarget = "WORKBENCH_LOAD_TARGET"
	loadN      = 250
)

func loadChild(analyst string) int {
	ctx := context.Background()
	s, err := OpenURL(ctx, os.Getenv(loadTarget), Options{Analyst: analyst})
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer s.Close()
	out := bufio.NewWriter(os.Stdout)
	for i := 0; i < loadN; i++ {
		in := TagInput{DocID: "load", Start: i * 100, End: i*100 + 80, Label: "neutral",
			Quote:   "We are ready to continue the dialogue, but only if our legitimate security interests are respected.",
			Speaker: "Vladimir Putin", Title: "Meeting with the Security Council", Date: "2025-08-10", Source: "kremlin.ru"}
		start := time.Now()
		if _, err := s.Add(ctx, in); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			return 1
		}
		fmt.Fprintln(out, "ok", i, time.Since(start).Nanoseconds())
		out.Flush()
	}
	fmt.Fprintln(out, "retries", s.Retries())
	out.Flush()
	return 0
}

type loadResult struct {
	acked     map[string]int // analyst -> highest acknowledged index
	latencies []time.Duration
	retries   int
}

// runWriters starts n writers on target; killIdx (>= 0) is SIGKILLed once it
// has acknowledged loadN/2 tags.
func runWriters(t *testing.T, target string, n, killIdx int) loadResult {
	res := loadResult{acked: map[string]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		name := fmt.Sprintf("writer%d", w)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), loadEnv+"="+name, loadTarget+"="+target)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			sc := bufio.NewScanner(stdout)
			acked := -1
			var lat []time.Duration
			killed := false
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				if len(f) == 3 && f[0] == "ok" {
					acked, _ = strconv.Atoi(f[1])
					ns, _ := strconv.ParseInt(f[2], 10, 64)
					lat = append(lat, time.Duration(ns))
				} else if len(f) == 2 && f[0] == "retries" {
					r, _ := strconv.Atoi(f[1])
					mu.Lock()
					res.retries += r
					mu.Unlock()
				} else if len(f) > 0 && f[0] == "error" {
					t.Errorf("%s: %s", name, sc.Text())
				}
				if w == killIdx && !killed && acked >= loadN/2 {
					cmd.Process.Signal(syscall.SIGKILL)
					killed = true
				}
			}
			err := cmd.Wait()
			if w != killIdx && err != nil {
				t.Errorf("%s: %v", name, err)
			}
			mu.Lock()
			res.acked[name] = acked
			res.latencies = append(res.latencies, lat...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	return res
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func TestLoadWriters(t *testing.T) {
	if os.Getenv("WORKBENCH_LOAD") == "" {
		t.Skip("load test: set WORKBENCH_LOAD=1 (with scripts/pg-test.sh for PostgreSQL too)")
	}
	forBackends(t, func(t *testing.T, b backend) {
		for _, n := range []int{1, 8} {
			target := b.target
			if b.name == "sqlite" {
				target = filepath.Join(t.TempDir(), fmt.Sprintf("load%d.db", n))
			} else if n > 1 {
				target = freshSchema(t, pgURL(t))
			}
			// Create the schema before the writers race to it.
			s := backend{b.name, target}.open(t, ana)
			kill := -1
			if n == 8 {
				kill = 3
			}
			start := time.Now()
			res := runWriters(t, target, n, kill)
			wall := time.Since(start)
			tags, err := s.List(context.Background(), Filter{DocID: "load"})
			if err != nil {
				t.Fatal(err)
			}
			count := map[string]map[int]int{}
			for _, tg := range tags {
				if count[tg.Analyst] == nil {
					count[tg.Analyst] = map[int]int{}
				}
				count[tg.Analyst][tg.Start/100]++
			}
			for name, acked := range res.acked {
				for i, c := range count[name] {
					if c != 1 {
						t.Errorf("%s: tag %d stored %d times", name, i, c)
					}
				}
				for i := 0; i <= acked; i++ {
					if count[name][i] != 1 {
						t.Errorf("%s: acknowledged tag %d missing", name, i)
					}
				}
				extra := len(count[name]) - (acked + 1)
				if extra < 0 || extra > 1 {
					t.Errorf("%s: %d tags stored, %d acknowledged: want at most one in flight", name, len(count[name]), acked+1)
				}
				if kill < 0 || name != fmt.Sprintf("writer%d", kill) {
					if acked != loadN-1 {
						t.Errorf("%s finished at %d", name, acked)
					}
				} else {
					t.Logf("killed %s after %d acknowledged tags; %d stored", name, acked+1, len(count[name]))
				}
			}
			t.Logf("LOAD %s writers=%d tags=%d wall=%s tags/s=%.0f retries=%d p50=%s p99=%s",
				b.name, n, len(tags), wall.Round(time.Millisecond), float64(len(tags))/wall.Seconds(), res.retries,
				percentile(res.latencies, 0.50).Round(10*time.Microsecond), percentile(res.latencies, 0.99).Round(10*time.Microsecond))
		}
	})
}
