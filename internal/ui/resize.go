package ui

import tea "charm.land/bubbletea/v2"

// resetScrollRegion resets the terminal's scroll region (DECSTBM without
// parameters: the whole screen), the cursor saved and restored around it
// (DECSTBM homes the cursor; the renderer tracks where it is).
const resetScrollRegion = "\x1b7\x1b[r\x1b8"

// afterResize repairs the terminal after a resize.
//
// The renderer (ultraviolet's scroll optimisation) scrolls part of the
// screen by setting a scroll region and then restores it as rows 1..H of
// the height it believes in, not as "the whole screen". A terminal that
// grows before the program reads its new size (tmux resizes its screen at
// once, SIGWINCH follows) receives such a frame at the old height: it keeps
// a scroll region of the old height (e.g. rows 1-12 of 40), and every later
// frame written line by line scrolls inside it: the top rows vanish, a block
// of blank rows appears, and it stays so (the renderer diffs against a
// screen the terminal no longer shows). Frames drawn after the program has
// the new size are right, so resetting the region once the size arrives,
// then repainting the whole screen (a frame may have been drawn inside the
// stale region in between), ends the disagreement.
func afterResize() tea.Cmd {
	return tea.Sequence(tea.Raw(resetScrollRegion), tea.ClearScreen)
}
