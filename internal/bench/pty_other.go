//go:build !linux

package bench

import (
	"errors"
	"os/exec"
)

// runInTerminal needs a Linux pseudo-terminal.
func runInTerminal(cmd *exec.Cmd) error {
	return errors.New("the first-frame measurement needs Linux (a pseudo-terminal)")
}
