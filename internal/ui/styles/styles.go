// Package styles builds every Lip Gloss style of the TUI from two facts: a
// dark or light terminal background, and whether colour is wanted at all
// (NO_COLOR). Styles are rebuilt when the terminal reports its background.
package styles

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Styles holds the styles of every component.
type Styles struct {
	Dark, NoColor bool

	App           lipgloss.Style
	Header        lipgloss.Style // pane title, blurred
	HeaderFocused lipgloss.Style // pane title, focused
	Separator     lipgloss.Style
	Dim           lipgloss.Style
	Bold          lipgloss.Style
	Error         lipgloss.Style
	Info          lipgloss.Style
	Prompt        lipgloss.Style
	Selected      lipgloss.Style // selected row in a list
	Hit           lipgloss.Style // search term highlight
	CurrentHit    lipgloss.Style
	Quote         lipgloss.Style // quotation text in the reader
	QuoteSelected lipgloss.Style
	FreeSelection lipgloss.Style
	Tagged        lipgloss.Style // tagged span underline
	Title         lipgloss.Style
	Speaker       lipgloss.Style
	HelpKey       lipgloss.Style
	HelpDesc      lipgloss.Style
	StatusBar     lipgloss.Style
	Note          lipgloss.Style // the reader's line of notes and targets

	actorColor map[string]color.Color
	labelColor map[string]color.Color
}

// New builds the styles. actorColors and labelColors map actor IDs and label
// names to colour strings ("#rrggbb" or ANSI numbers) from the registry and
// the codebook.
func New(dark, noColor bool, actorColors, labelColors map[string]string) *Styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(darkc))
	}
	accent := c("#5a3fc0", "#b9a5ff")
	dim := c("#6b6b6b", "#8a8a8a")
	s := &Styles{Dark: dark, NoColor: noColor}
	s.App = lipgloss.NewStyle()
	s.Header = lipgloss.NewStyle().Bold(true).Foreground(dim)
	s.HeaderFocused = lipgloss.NewStyle().Bold(true).Foreground(accent).Underline(true)
	s.Separator = lipgloss.NewStyle().Foreground(dim)
	s.Dim = lipgloss.NewStyle().Foreground(dim)
	s.Bold = lipgloss.NewStyle().Bold(true)
	s.Error = lipgloss.NewStyle().Bold(true).Foreground(c("#b00020", "#ff6b6b"))
	s.Info = lipgloss.NewStyle().Foreground(c("#00695c", "#7fd8be"))
	s.Prompt = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Selected = lipgloss.NewStyle().Reverse(true)
	s.Hit = lipgloss.NewStyle().Bold(true).Background(c("#ffe08a", "#6b5400"))
	s.CurrentHit = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.Quote = lipgloss.NewStyle().Italic(true)
	s.QuoteSelected = lipgloss.NewStyle().Italic(true).Underline(true).Background(c("#e6e0ff", "#332a5c"))
	s.FreeSelection = lipgloss.NewStyle().Reverse(true)
	s.Tagged = lipgloss.NewStyle().Underline(true)
	s.Title = lipgloss.NewStyle().Bold(true)
	s.Speaker = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.HelpKey = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.HelpDesc = lipgloss.NewStyle().Foreground(dim)
	s.StatusBar = lipgloss.NewStyle().Foreground(dim)
	s.Note = lipgloss.NewStyle().Italic(true).Foreground(c("#00695c", "#7fd8be"))
	if noColor {
		// Without colour, highlights must still be visible.
		s.Hit = lipgloss.NewStyle().Bold(true).Underline(true)
		s.QuoteSelected = lipgloss.NewStyle().Italic(true).Reverse(true)
	}
	s.actorColor = map[string]color.Color{}
	// Actor and label colours adapt to the background: each reaches WCAG
	// AA contrast on it (see contrast.go).
	for id, col := range actorColors {
		if col != "" && !noColor {
			s.actorColor[strings.ToLower(id)] = adapt(col, dark)
		}
	}
	s.labelColor = map[string]color.Color{}
	for name, col := range labelColors {
		if col != "" && !noColor {
			s.labelColor[strings.ToLower(name)] = adapt(col, dark)
		}
	}
	return s
}

// Actor is the style of a mention of the actor with this ID.
func (s *Styles) Actor(id string) lipgloss.Style {
	st := lipgloss.NewStyle().Bold(true)
	if col, ok := s.actorColor[strings.ToLower(id)]; ok {
		return st.Foreground(col)
	}
	return st
}

// ActorChip is a small coloured chip naming an actor in a list row.
func (s *Styles) ActorChip(id string) lipgloss.Style {
	return s.Actor(id).Bold(false)
}

// Label is the badge style of a codebook label.
func (s *Styles) Label(name string) lipgloss.Style {
	st := lipgloss.NewStyle().Bold(true)
	if col, ok := s.labelColor[strings.ToLower(name)]; ok {
		return st.Foreground(col)
	}
	return st.Reverse(true)
}

// ActorColor is the colour mentions of the actor are drawn in (nil when
// none).
func (s *Styles) ActorColor(id string) color.Color { return s.actorColor[strings.ToLower(id)] }

// LabelColor is the colour of a label's badges (nil when none).
func (s *Styles) LabelColor(name string) color.Color { return s.labelColor[strings.ToLower(name)] }
