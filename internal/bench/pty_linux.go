package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// runInTerminal runs cmd with a pseudo-terminal of 120x40 as its stdin and
// stdout (a fake terminal: the TUI renders as it would for an analyst) and
// answers the terminal queries a TUI sends at start (background colour,
// cursor position), so that nothing waits for a terminal that is not there.
// cmd.Stderr is left to the caller.
func runInTerminal(cmd *exec.Cmd) error {
	master, slave, err := openPTY(120, 40)
	if err != nil {
		return fmt.Errorf("cannot open a pseudo-terminal: %w", err)
	}
	defer master.Close()
	cmd.Stdin, cmd.Stdout = slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		slave.Close()
		return err
	}
	slave.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		answerTerminal(master)
	}()
	err = cmd.Wait()
	master.Close()
	wg.Wait()
	return err
}

// answerTerminal drains the TUI's output and replies to its queries.
func answerTerminal(master io.ReadWriter) {
	buf := make([]byte, 32<<10)
	var tail []byte
	for {
		n, err := master.Read(buf)
		if n > 0 {
			data := append(tail, buf[:n]...)
			if bytes.Contains(data, []byte("\x1b]11;?")) {
				master.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
			}
			if bytes.Contains(data, []byte("\x1b]10;?")) {
				master.Write([]byte("\x1b]10;rgb:ffff/ffff/ffff\x1b\\"))
			}
			if bytes.Contains(data, []byte("\x1b[6n")) {
				master.Write([]byte("\x1b[1;1R"))
			}
			if bytes.Contains(data, []byte("\x1b[c")) || bytes.Contains(data, []byte("\x1b[0c")) {
				master.Write([]byte("\x1b[?62;22c"))
			}
			// Keep a few bytes: a query may straddle two reads.
			tail = append(tail[:0], data[max(0, len(data)-8):]...)
		}
		if err != nil {
			return
		}
	}
}

// openPTY opens a pseudo-terminal pair of the given size.
func openPTY(cols, rows uint16) (master, slave *os.File, err error) {
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		return nil, nil, fmt.Errorf("unlockpt: %w", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		m.Close()
		return nil, nil, fmt.Errorf("ptsname: %w", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		return nil, nil, err
	}
	if err := unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: rows, Col: cols}); err != nil {
		m.Close()
		s.Close()
		return nil, nil, fmt.Errorf("window size: %w", err)
	}
	return m, s, nil
}
