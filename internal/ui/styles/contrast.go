package styles

import (
	"image/color"
	"math"

	"charm.land/lipgloss/v2"
)

// Reference backgrounds the actor and label colours are checked against:
// a pessimistic dark (lighter than most dark themes) and light (darker
// than most light themes) background, so a colour readable on these is
// readable on the usual ones too.
const (
	RefDark  = "#303030"
	RefLight = "#f0f0f0"
)

// MinContrast is WCAG AA for normal text.
const MinContrast = 4.5

func channel(v uint32) float64 {
	c := float64(v) / 0xffff
	if c <= 0.03928 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return 0.2126*channel(r) + 0.7152*channel(g) + 0.0722*channel(b)
}

// Contrast is the WCAG contrast ratio of two colours (1 to 21).
func Contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Readable returns col, or col blended toward white (dark background) or
// black (light background) just enough to reach MinContrast against bg.
// The hue stays recognisable; colours already readable are unchanged.
func Readable(col, bg color.Color, dark bool) color.Color {
	if Contrast(col, bg) >= MinContrast {
		return col
	}
	r, g, b, _ := col.RGBA()
	to := 0.0
	if dark {
		to = 0xffff
	}
	for t := 0.05; t <= 1.0001; t += 0.05 {
		mix := func(v uint32) uint8 { return uint8((float64(v)*(1-t) + to*t) / 0x101) }
		c := color.RGBA{R: mix(r), G: mix(g), B: mix(b), A: 0xff}
		if Contrast(c, bg) >= MinContrast {
			return c
		}
	}
	if dark {
		return color.White
	}
	return color.Black
}

// adapt makes a configured colour readable on the theme's reference
// background.
func adapt(s string, dark bool) color.Color {
	bg := lipgloss.Color(RefLight)
	if dark {
		bg = lipgloss.Color(RefDark)
	}
	return Readable(lipgloss.Color(s), bg, dark)
}
