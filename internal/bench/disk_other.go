//go:build !unix

package bench

import "errors"

var errFreeDiskUnknown = errors.New("free disk unknown")

func freeDisk(string) (uint64, error) { return 0, errFreeDiskUnknown }
