package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
)

// The other analysts' new tags, as they are made: a subscription read one
// message at a time by a command, so the UI goroutine never waits on it.

type liveMsg struct {
	ch  <-chan model.Tag
	tag model.Tag
	ok  bool  // false: the channel closed
	err error // subscribing failed
}

// liveRetry is how long after a failed subscription it is tried again.
const liveRetry = 5 * time.Second

// listen subscribes (off the UI goroutine) and waits for the first tag.
func (m *Model) listen() tea.Cmd {
	b, ctx := m.opts.Backend, m.ctx
	return func() tea.Msg {
		ch, err := b.Subscribe(ctx)
		if err != nil {
			return liveMsg{err: err}
		}
		t, ok := <-ch
		return liveMsg{ch: ch, tag: t, ok: ok}
	}
}

func waitLive(ch <-chan model.Tag) tea.Cmd {
	return func() tea.Msg {
		t, ok := <-ch
		return liveMsg{ch: ch, tag: t, ok: ok}
	}
}

// onLive shows another analyst's tag: a status line naming them, and the
// open document's tags again when it is theirs too.
func (m *Model) onLive(msg liveMsg) tea.Cmd {
	if m.quitting || m.ctx.Err() != nil {
		return nil
	}
	switch {
	case msg.err != nil:
		// No store yet, or it is unreachable: try again later, quietly.
		return tea.Tick(liveRetry, func(time.Time) tea.Msg { return m.listen()() })
	case !msg.ok:
		return nil
	}
	t := msg.tag
	cmds := []tea.Cmd{waitLive(msg.ch), m.status.Show(fmt.Sprintf("%s tagged %s %q", t.Analyst, t.DocID, t.Label), false)}
	if d := m.reader.Doc(); d != nil && d.ID == t.DocID {
		b, ctx, id := m.opts.Backend, m.ctx, d.ID
		cmds = append(cmds, func() tea.Msg { return reload(ctx, b, id, "") })
	}
	return tea.Batch(cmds...)
}
