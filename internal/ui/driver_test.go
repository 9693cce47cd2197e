package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/workbench-dev/workbench/internal/app/apptest"
)

// driver runs a Model synchronously against a real index and store: every
// command is executed and its messages fed back until nothing is left.
type driver struct {
	t    *testing.T
	env  *apptest.Env
	m    *Model
	quit bool
}

func newDriver(t *testing.T, w, h int) *driver {
	t.Helper()
	return newDriverOn(t, apptest.New(t), w, h)
}

// newDriverOn runs the TUI on a workspace the test prepared.
func newDriverOn(t *testing.T, env *apptest.Env, w, h int) *driver {
	t.Helper()
	m := New(Options{
		Backend: env.App,
		Labels:  env.Labels, Actors: env.Actors,
		Workspace: "/ws", NoColor: true, MessageTTL: -1,
	})
	d := &driver{t: t, env: env, m: m}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(m.Init())
	return d
}

// send delivers a message and runs what follows from it.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		if sm, ok := msg.(searchMsg); ok && sm.res != nil {
			sm.res.Took = 0 // stable screens
		}
		_, cmd := d.m.Update(msg)
		queue = append(queue, d.exec(cmd)...)
	}
}

func (d *driver) run(cmd tea.Cmd) {
	for _, msg := range d.exec(cmd) {
		d.send(msg)
	}
}

// exec runs a command and returns its messages (batches flattened). The
// model makes no timers in tests (MessageTTL < 0, real cursor: no blink),
// so every command must return.
func (d *driver) exec(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(20 * time.Second):
		d.t.Fatalf("a command did not return within 20 s")
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, d.exec(c)...)
		}
		return out
	case tea.QuitMsg:
		d.quit = true
		return nil
	}
	// tea.Sequence: its commands, in order.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var out []tea.Msg
		for i := 0; i < v.Len(); i++ {
			out = append(out, d.exec(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if _, ok := msg.(tea.BackgroundColorMsg); ok {
		return []tea.Msg{msg}
	}
	// tea.RequestBackgroundColor and friends are terminal requests.
	if strings.HasPrefix(typeName(msg), "tea.") || strings.HasPrefix(typeName(msg), "uv.") {
		return nil
	}
	return []tea.Msg{msg}
}

func typeName(v any) string { return strings.TrimPrefix(fmtType(v), "*") }

// keys sends key presses: single characters, or names like "enter", "esc",
// "tab", "shift+tab", "ctrl+c", "ctrl+r", "up", "pgdown".
func (d *driver) keys(ks ...string) {
	d.t.Helper()
	for _, k := range ks {
		d.send(keyMsg(k))
	}
}

// typeText types text as individual key presses.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "ctrl+a":
		return tea.KeyPressMsg{Code: 'a', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the rendered screen without styles.
func (d *driver) screen() string { return ansi.Strip(d.m.Render()) }

func (d *driver) mustSee(s string) {
	d.t.Helper()
	if !strings.Contains(d.screen(), s) {
		d.t.Fatalf("screen does not show %q:\n%s", s, d.screen())
	}
}

func (d *driver) mustNotSee(s string) {
	d.t.Helper()
	if strings.Contains(d.screen(), s) {
		d.t.Fatalf("screen shows %q:\n%s", s, d.screen())
	}
}

// search focuses the search line, replaces the query and goes to results.
func (d *driver) search(q string) {
	d.t.Helper()
	d.keys("/")
	for range []rune(d.m.search.Value()) {
		d.keys("backspace")
	}
	d.typeText(q)
	d.keys("enter")
}

// openFirst searches and opens the first hit.
func (d *driver) open(q string) {
	d.t.Helper()
	d.search(q)
	d.keys("enter")
	if d.m.reader.Doc() == nil {
		d.t.Fatalf("no document open after searching %q:\n%s", q, d.screen())
	}
}

func fmtType(v any) string { return fmt.Sprintf("%T", v) }
