package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/keymap"
)

// MoveCursor applies a list movement key (down, up, top, bottom, page down,
// page up) to cursor, in a list of n rows showing page rows at a time. It
// returns the new cursor (not yet clamped to the list), the direction of the
// move (+1 or -1), and whether k was a movement key at all. The results,
// quotes and facets panes share it.
func MoveCursor(k tea.KeyPressMsg, l keymap.List, cursor, n, page int) (int, int, bool) {
	switch {
	case key.Matches(k, l.Down):
		return cursor + 1, 1, true
	case key.Matches(k, l.Up):
		return cursor - 1, -1, true
	case key.Matches(k, l.Top):
		return 0, 1, true
	case key.Matches(k, l.Bottom):
		return n - 1, -1, true
	case key.Matches(k, l.PageDown):
		return cursor + page, 1, true
	case key.Matches(k, l.PageUp):
		return cursor - page, -1, true
	}
	return cursor, 1, false
}

// ClampCursor keeps cursor within n rows and returns it with the scroll
// offset that keeps it in view in a window of page rows.
func ClampCursor(cursor, offset, n, page int) (int, int) {
	cursor = max(0, min(cursor, n-1))
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+page {
		offset = cursor - page + 1
	}
	return cursor, max(0, offset)
}
