package help

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Attribution is the notice the sample corpus's licence asks for (see
// data/sample/NOTICE.md); the about screen and the README carry it.
var Attribution = []string{
	"Sample corpus: President of Russia website, en.kremlin.ru",
	"Licence: Creative Commons Attribution 4.0 International (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/",
	"Changes: the article text (title, lead and body) was extracted from the site's pages and reformatted: navigation, captions and \"See also\" boxes removed, HTML entities decoded, whitespace normalised. No photos are included.",
	"Each document's URL, shown under its title in the reader, points to the original page.",
}

// aboutLines is the about screen: what the workbench is and the sources'
// attribution, wrapped to the overlay.
func (m *Model) aboutLines() []string {
	s := m.c.Styles
	w := max(20, m.w-6)
	out := []string{s.Bold.Render("workbench"), "A terminal workbench for news analysts: search, read, tag quotes, export.", ""}
	out = append(out, s.Bold.Render("Sources and attribution"))
	for _, p := range Attribution {
		for _, l := range strings.Split(ansi.Wordwrap(p, w, " "), "\n") {
			out = append(out, l)
		}
		out = append(out, "")
	}
	return out
}
