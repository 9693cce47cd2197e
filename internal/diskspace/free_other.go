//go:build !unix

package diskspace

// Free cannot tell on this platform.
func Free(string) (uint64, error) { return 0, ErrUnknown }
