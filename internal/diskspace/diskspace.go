// Package diskspace tells how much space a folder's file system has left,
// so writers can stop before a disk fills rather than fail half-way.
package diskspace

import "errors"

// ErrUnknown: the platform cannot tell; callers skip their check.
var ErrUnknown = errors.New("free disk space unknown on this platform")
