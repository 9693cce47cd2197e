//go:build unix

package bench

import (
	"errors"
	"syscall"
)

// errFreeDiskUnknown: the platform cannot tell; the check is skipped.
var errFreeDiskUnknown = errors.New("free disk unknown")

// freeDisk is the space available to this user in the file system of dir.
func freeDisk(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
