package ui

import (
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Every WindowSizeMsg resets the terminal's scroll region, then repaints the
// whole screen, in that order (see afterResize: a frame drawn at the old
// height can leave a scroll region of the old height behind).
func TestResizeResetsScrollRegionThenRepaints(t *testing.T) {
	d := newDriver(t, 120, 40)
	for _, size := range [][2]int{{50, 12}, {120, 40}, {30, 8}} {
		_, cmd := d.m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		msgs := sequenceMsgs(t, cmd)
		if len(msgs) != 2 {
			t.Fatalf("%dx%d: the resize command gives %d messages, want 2: %#v", size[0], size[1], len(msgs), msgs)
		}
		raw, ok := msgs[0].(tea.RawMsg)
		if !ok || raw.Msg != resetScrollRegion {
			t.Fatalf("%dx%d: first message %#v, want the scroll region reset %q", size[0], size[1], msgs[0], resetScrollRegion)
		}
		if got, want := fmtType(msgs[1]), fmtType(tea.ClearScreen()); got != want {
			t.Fatalf("%dx%d: second message %s, want %s", size[0], size[1], got, want)
		}
	}
}

// sequenceMsgs runs a tea.Sequence and returns its commands' messages in order.
func sequenceMsgs(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	v := reflect.ValueOf(cmd())
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		t.Fatalf("not a tea.Sequence: %T", v.Interface())
	}
	var out []tea.Msg
	for i := 0; i < v.Len(); i++ {
		out = append(out, v.Index(i).Interface().(tea.Cmd)())
	}
	return out
}

// The tmux scenario of the glitch, checked on our side: after 50x12 and back
// to 120x40, typing a query keystroke by keystroke (every intermediate state,
// results loading included) never draws a screen other than exactly 120x40.
func TestTypingAfterResizeKeepsScreenSize(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov momentum")
	d.keys("]")
	d.send(tea.WindowSizeMsg{Width: 50, Height: 12})
	checkSize(t, d.screen(), 50, 12)
	msgs := []tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}, keyMsg("/"), keyMsg("ctrl+u")}
	for _, r := range "putin" {
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	msgs = append(msgs, keyMsg("esc"), keyMsg("G"), keyMsg("tab"), keyMsg("tab"), keyMsg("tab"))
	for _, msg := range msgs {
		queue := []tea.Msg{msg}
		for len(queue) > 0 {
			msg, queue = queue[0], queue[1:]
			_, cmd := d.m.Update(msg)
			_ = d.m.View()
			checkSize(t, d.screen(), 120, 40)
			queue = append(queue, d.exec(cmd)...)
		}
	}
	d.mustSee("/ putin")
}
