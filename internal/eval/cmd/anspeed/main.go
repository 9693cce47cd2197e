//go:build unix

// Command anspeed measures the analysis speed (actor mentions, quotes and
// statements) of one goroutine in MB of text per CPU-second (the garbage
// collector's time included), as the bench's analyze_mb_per_s does in wall
// time: the first N bodies of a JSON-lines
// corpus (plain or .gz, the "body" field), analysed again and again for at
// least the given time.
//
//	go run ./internal/eval/cmd/anspeed CORPUS [N] [SECONDS]
//
// It uses only the analyser's oldest API (analyze.LoadRegistry, New,
// AnalyzeDoc and data.ActorsTOML), so scripts/statements-eval.sh can build
// the same program at an earlier commit and compare the two in one run.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "anspeed:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 1 {
		return fmt.Errorf("usage: anspeed CORPUS.jsonl[.gz] [N documents, default 3000] [seconds, default 3]")
	}
	n, secs := 3000, 3.0
	var err error
	if len(args) > 1 {
		if n, err = strconv.Atoi(args[1]); err != nil || n <= 0 {
			return fmt.Errorf("N %q: want a positive whole number", args[1])
		}
	}
	if len(args) > 2 {
		if secs, err = strconv.ParseFloat(args[2], 64); err != nil || secs <= 0 {
			return fmt.Errorf("seconds %q: want a positive number", args[2])
		}
	}
	bodies, total, err := readBodies(args[0], n)
	if err != nil {
		return err
	}
	reg, err := analyze.LoadRegistry(data.ActorsTOML())
	if err != nil {
		return err
	}
	a := analyze.New(reg)
	c0, t0 := cpu(), time.Now()
	passes := 0
	for time.Since(t0).Seconds() < secs {
		for i, b := range bodies {
			a.AnalyzeDoc(strconv.Itoa(i), b)
		}
		passes++
	}
	mb := float64(total*passes) / 1e6
	fmt.Printf("%.2f MB/cpu-s %.2f MB/s (%d documents, %.1f MB, %d passes)\n",
		mb/(cpu()-c0).Seconds(), mb/time.Since(t0).Seconds(), len(bodies), float64(total)/1e6, passes)
	return nil
}

func readBodies(path string, n int) ([]string, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		}
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	var bodies []string
	total := 0
	for line := 1; sc.Scan() && len(bodies) < n; line++ {
		var doc struct {
			Body string `json:"body"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return nil, 0, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		bodies = append(bodies, doc.Body)
		total += len(doc.Body)
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	if len(bodies) == 0 {
		return nil, 0, fmt.Errorf("%s: no documents", path)
	}
	return bodies, total, nil
}

// cpu is the process's user and system CPU time.
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
