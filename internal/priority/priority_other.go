//go:build !linux

package priority

// On systems other than Linux the process keeps its priority: a portable
// setpriority lowers the whole process only where nice values are per
// process, and there the gain would need measuring first.
func current() (int, error) { return 0, nil }

func lower(int) (int, error) { return 0, nil }
