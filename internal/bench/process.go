package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// runPhase re-executes the workbench binary as `workbench --home DIR bench
// --phase NAME`, decodes its JSON answer into out and returns its peak RSS
// in MB.
func runPhase(ctx context.Context, exe string, pre []string, dir, phase string, out any, extra ...string) (mem, error) {
	args := append(append(append([]string(nil), pre...), "--home", dir, "bench", "--phase", phase), extra...)
	cmd := exec.CommandContext(ctx, exe, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return mem{}, fmt.Errorf("phase %s (%s %s): %v", phase, exe, strings.Join(args, " "), err)
	}
	m := sampleMemory(cmd.Process.Pid)
	err := cmd.Wait()
	peak := m.stop()
	if err != nil {
		return mem{}, fmt.Errorf("phase %s (%s %s): %v: %s", phase, exe, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		return mem{}, fmt.Errorf("phase %s: bad answer %q: %v", phase, stdout.String(), err)
	}
	peak.RSS = maxRSS(cmd.ProcessState)
	return peak, nil
}

// mem is the memory of a phase process, in MB: RSS is the kernel's peak
// resident set (getrusage maxrss); Anon and File are the peaks of its two
// parts, sampled every 10 ms from /proc: anonymous memory (the Go heap,
// stacks) and file-backed pages (bleve's memory-mapped segments, which the
// kernel can drop and re-read at will).
type mem struct{ RSS, Anon, File float64 }

type memSampler struct {
	stopc chan struct{}
	done  chan mem
}

func sampleMemory(pid int) *memSampler {
	s := &memSampler{stopc: make(chan struct{}), done: make(chan mem, 1)}
	go func() {
		var peak mem
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		path := fmt.Sprintf("/proc/%d/status", pid)
		for {
			if b, err := os.ReadFile(path); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					k, v, ok := strings.Cut(line, ":")
					if !ok {
						continue
					}
					kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
					switch k {
					case "RssAnon":
						peak.Anon = math.Max(peak.Anon, round1(kb/1024))
					case "RssFile":
						peak.File = math.Max(peak.File, round1(kb/1024))
					}
				}
			}
			select {
			case <-s.stopc:
				s.done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *memSampler) stop() mem {
	close(s.stopc)
	return <-s.done
}

// selfAnonMB is RssAnon of this process now, in MB (0 where /proc has
// none).
func selfAnonMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return round1(kb / 1024)
		}
	}
	return 0
}

// maxRSS is the peak resident set of a finished process, in MB.
func maxRSS(ps *os.ProcessState) float64 {
	if ps == nil {
		return 0
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return round1(float64(ru.Maxrss) * 1024 / MB) // Linux: kilobytes
}
