//go:build linux

package priority

import (
	"errors"
	"os"
	"strconv"
	"syscall"
)

// current reads the calling thread's nice value. The getpriority system
// call returns 20-nice on Linux, so that the answer is never negative.
func current() (int, error) {
	tid := syscall.Gettid()
	k, err := syscall.Getpriority(syscall.PRIO_PROCESS, tid)
	if err != nil {
		return 0, err
	}
	return 20 - k, nil
}

// lower sets every thread of the process (Linux keeps a nice value per
// thread) to the calling thread's nice value plus n, capped at MaxNice.
// Lowering needs no privilege; a thread that ended meanwhile is skipped.
func lower(n int) (int, error) {
	cur, err := current()
	if err != nil {
		return 0, err
	}
	target := min(cur+n, MaxNice)
	if n == 0 || target == cur {
		return cur, nil
	}
	ents, err := os.ReadDir("/proc/self/task")
	if err != nil {
		// No /proc: the calling thread only; threads the runtime starts
		// from it later inherit it.
		return target, syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), target)
	}
	var errs []error
	for _, e := range ents {
		tid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, target); err != nil && !errors.Is(err, syscall.ESRCH) {
			errs = append(errs, err)
		}
	}
	return target, errors.Join(errs...)
}
