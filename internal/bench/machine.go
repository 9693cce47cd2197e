package bench

import (
	"os"
	"runtime"
	"strconv"
	"strings"
)

// Machine describes where the figures come from.
type Machine struct {
	CPUs      int    `json:"nproc"`
	MemMB     int    `json:"mem_mb"`
	Go        string `json:"go"`
	OS        string `json:"os"`
	LoadStart string `json:"load_at_start"`
	LoadEnd   string `json:"load_at_end"`
}

func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, LoadStart: loadavg()}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				m.MemMB = kb / 1024
			}
		}
	}
	return m
}

// loadavg is the 1, 5 and 15 minute load averages ("" when unknown): the
// figures are only as good as the machine was quiet.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
