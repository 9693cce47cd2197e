package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// allTagsMsg answers a read of every tag for the tags pane.
type allTagsMsg struct {
	seq  uint64
	tags []model.Tag
	err  error
}

// openTags shows the tags pane and reads the tags.
func (m *Model) openTags() tea.Cmd {
	m.showTags = true
	m.tagList.SetLoading()
	return tea.Batch(m.tagList.Focus(), m.loadAllTags())
}

func (m *Model) loadAllTags() tea.Cmd {
	ctx, seq := m.tagsReq.next(m.ctx)
	b := m.opts.Backend
	return func() tea.Msg {
		tags, err := b.AllTags(ctx)
		return allTagsMsg{seq: seq, tags: tags, err: err}
	}
}

func (m *Model) onAllTags(msg allTagsMsg) {
	if !m.tagsReq.current(msg.seq) || canceled(msg.err) {
		return
	}
	m.tagList.SetTags(msg.tags, msg.err)
}

// tagsKey routes keys while the tags pane is open: its inputs get every
// key; otherwise esc/T close it, u and ctrl+r undo and redo, q quits.
func (m *Model) tagsKey(k tea.KeyPressMsg) tea.Cmd {
	g := m.c.Keys.Global
	if m.tagList.Typing() {
		return m.apply(m.tagList.Update(k))
	}
	switch {
	case key.Matches(k, m.c.Keys.Tags.Close):
		m.showTags = false
		m.tagList.Blur()
		return nil
	case key.Matches(k, g.Quit):
		return m.quit()
	case key.Matches(k, g.Undo):
		return m.undo(false)
	case key.Matches(k, g.Redo):
		return m.undo(true)
	}
	return m.apply(m.tagList.Update(k))
}

// removeTag deletes a tag (undoable) and reloads what shows it.
func (m *Model) removeTag(t model.Tag) tea.Cmd {
	b, ctx, docID := m.opts.Backend, m.ctx, m.openID()
	return func() tea.Msg {
		if err := b.RemoveTag(ctx, t.ID); err != nil {
			return tagsMsg{docID: docID, err: fmt.Errorf("tag not deleted: %w", err)}
		}
		note := fmt.Sprintf("deleted %q (u undoes)", t.Label)
		if docID == "" {
			return tagsMsg{note: note}
		}
		return reload(ctx, b, docID, note)
	}
}

// copyText puts text on the clipboard through OSC 52 (the terminal, not a
// process: nothing blocks).
func (m *Model) copyText(c common.CopyMsg) tea.Cmd {
	what := c.What
	if what == "" {
		what = "the text"
	}
	m.copied = c.Text
	return tea.Batch(tea.SetClipboard(c.Text), m.status.Show("copied "+what+" to the clipboard", false))
}
