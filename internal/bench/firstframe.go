package bench

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
)

// FirstFrameResult is the time to first frame of the TUI, over runs.
type FirstFrameResult struct {
	Runs       []float64 // ms reported by the TUI, in run order
	Walls      []float64 // ms from exec to exit
	Median     float64
	WallMedian float64
	First      float64
	RSSMB      float64 // the largest peak RSS of the runs
}

// FirstFrame starts the workbench binary on the workspace with
// WORKBENCH_FIRST_FRAME_EXIT=1 (the TUI quits after its first frame and
// prints first_frame_ms=N on stderr) runs times.
func FirstFrame(ctx context.Context, exe string, pre []string, dir string, runs int) (*FirstFrameResult, error) {
	res := &FirstFrameResult{}
	for i := 0; i < runs; i++ {
		ms, wall, rss, err := firstFrameOnce(ctx, exe, pre, dir)
		if err != nil {
			return nil, err
		}
		res.Runs = append(res.Runs, ms)
		res.Walls = append(res.Walls, wall)
		res.RSSMB = math.Max(res.RSSMB, rss)
	}
	res.First = res.Runs[0]
	s := append([]float64(nil), res.Runs...)
	sort.Float64s(s)
	res.Median = s[len(s)/2]
	w := append([]float64(nil), res.Walls...)
	sort.Float64s(w)
	res.WallMedian = w[len(w)/2]
	return res, nil
}

// firstFrameOnce returns the first frame time the TUI reports, the wall
// time from starting the process to its exit (an upper bound that includes
// exec, runtime start and shutdown) and the peak RSS.
func firstFrameOnce(ctx context.Context, exe string, pre []string, dir string) (float64, float64, float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, append(append([]string(nil), pre...), "--home", dir)...)
	cmd.Env = append(os.Environ(), "WORKBENCH_FIRST_FRAME_EXIT=1", "TERM=xterm-256color", "COLUMNS=120", "LINES=40")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	err := runInTerminal(cmd)
	wall := ms(time.Since(t0))
	msg := stderr.String()
	for _, line := range strings.Split(msg, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "first_frame_ms="); ok {
			ms, perr := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if perr == nil {
				return ms, wall, maxRSS(cmd.ProcessState), nil
			}
		}
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("the TUI did not report a first frame (%v): %s", err, lastLines(msg, 3))
	}
	return 0, 0, 0, fmt.Errorf("the TUI exited without printing first_frame_ms=N on stderr: %s", lastLines(msg, 3))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
