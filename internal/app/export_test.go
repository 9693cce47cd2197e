package app

import "time"

// SetNow fixes the clock of exports and reports (tests).
func (a *App) SetNow(t time.Time) { a.now = func() time.Time { return t } }
