package ui

import (
	"net/url"
	"os/exec"
	"runtime"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

// openedMsg reports the system opener's start.
type openedMsg struct {
	url string
	err error
}

// openers are the system openers tried, in order.
func openers() []string {
	if runtime.GOOS == "darwin" {
		return []string{"open"}
	}
	return []string{"xdg-open", "open"}
}

// openURL opens an http(s) URL with the system opener, off the UI
// goroutine; the status bar says when there is none.
func (m *Model) openURL(msg common.OpenURLMsg) tea.Cmd {
	u, err := url.Parse(msg.URL)
	if msg.URL == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return m.status.Show("this document has no web address to open", false)
	}
	return tea.Batch(m.status.Show("opening "+common.Clean(msg.URL)+"…", false), func() tea.Msg {
		for _, name := range openers() {
			path, err := exec.LookPath(name)
			if err != nil {
				continue
			}
			cmd := exec.Command(path, msg.URL)
			if err := cmd.Start(); err != nil {
				return openedMsg{url: msg.URL, err: err}
			}
			go cmd.Wait() //nolint:errcheck // reap the opener; its status is not ours to show
			return openedMsg{url: msg.URL}
		}
		return openedMsg{url: msg.URL, err: noOpenerError{}}
	})
}

type noOpenerError struct{}

func (noOpenerError) Error() string { return "no system opener (xdg-open or open) is installed" }

func (m *Model) onOpened(msg openedMsg) tea.Cmd {
	if msg.err != nil {
		return m.status.Show("cannot open the URL: "+msg.err.Error()+"; it is "+common.Clean(msg.url), true)
	}
	return m.status.Show("opened "+common.Clean(msg.url), false)
}
