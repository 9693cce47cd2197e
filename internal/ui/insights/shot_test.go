package insights

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/ui/styles"
)

// TestShot writes the view in colour, as ANSI (.ans, for `cat` in tmux)
// and as HTML (.html, for a screenshot), when WORKBENCH_TUI_SHOT_OUT names
// a folder (scripts/report-shot.sh).
func TestShot(t *testing.T) {
	out := os.Getenv("WORKBENCH_TUI_SHOT_OUT")
	if out == "" {
		t.Skip("WORKBENCH_TUI_SHOT_OUT not set")
	}
	lc := map[string]string{}
	for _, l := range codebook {
		lc[l.Name] = l.Color
	}
	for _, tab := range []string{"1", "2", "3"} {
		for _, size := range [][2]int{{100, 30}, {50, 12}} {
			m := New(styles.New(true, false, nil, lc))
			m.SetSize(size[0], size[1])
			m.Update(DataMsg{Data: sample()})
			press(m, tab, "j")
			v := m.View()
			name := filepath.Join(out, fmt.Sprintf("tui-%s-%dx%d", tab, size[0], size[1]))
			if err := os.WriteFile(name+".ans", []byte(v+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			page := `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{background:#1e1e1e;color:#d4d4d4;margin:12px}` +
				`pre{font:15px/1.2 "DejaVu Sans Mono",monospace;margin:0}</style></head><body><pre>` + ansiHTML(v) + `</pre></body></html>`
			if err := os.WriteFile(name+".html", []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// ansiHTML turns the SGR sequences Lip Gloss writes into spans.
func ansiHTML(s string) string {
	var b strings.Builder
	var fg, bg string
	var bold, italic, under, rev bool
	open := false
	flush := func() {
		if open {
			b.WriteString("</span>")
			open = false
		}
		f, g := fg, bg
		if rev {
			f, g = cmpOr(bg, "#1e1e1e"), cmpOr(fg, "#d4d4d4")
		}
		var st []string
		if f != "" {
			st = append(st, "color:"+f)
		}
		if g != "" {
			st = append(st, "background:"+g)
		}
		if bold {
			st = append(st, "font-weight:bold")
		}
		if italic {
			st = append(st, "font-style:italic")
		}
		if under {
			st = append(st, "text-decoration:underline")
		}
		if len(st) > 0 {
			b.WriteString(`<span style="` + strings.Join(st, ";") + `">`)
			open = true
		}
	}
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				ps := strings.Split(s[i+2:j], ";")
				for k := 0; k < len(ps); k++ {
					n, _ := strconv.Atoi(ps[k])
					switch {
					case n == 0:
						fg, bg, bold, italic, under, rev = "", "", false, false, false, false
					case n == 1:
						bold = true
					case n == 3:
						italic = true
					case n == 4:
						under = true
					case n == 7:
						rev = true
					case n == 22:
						bold = false
					case n == 23:
						italic = false
					case n == 24:
						under = false
					case n == 27:
						rev = false
					case n == 39:
						fg = ""
					case n == 49:
						bg = ""
					case (n == 38 || n == 48) && k+4 < len(ps) && ps[k+1] == "2":
						r, _ := strconv.Atoi(ps[k+2])
						g, _ := strconv.Atoi(ps[k+3])
						bl, _ := strconv.Atoi(ps[k+4])
						c := fmt.Sprintf("#%02x%02x%02x", r, g, bl)
						if n == 38 {
							fg = c
						} else {
							bg = c
						}
						k += 4
					}
				}
				flush()
			}
			i = j + 1
			continue
		}
		j := i
		for j < len(s) && s[j] != 0x1b {
			j++
		}
		b.WriteString(html.EscapeString(s[i:j]))
		i = j
	}
	if open {
		b.WriteString("</span>")
	}
	return b.String()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
