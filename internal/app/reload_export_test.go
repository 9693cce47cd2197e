package app

import "time"

// AgeReplacedIndexes makes every replaced generation older than the grace
// period, so it closes as soon as no call uses it.
func (a *App) AgeReplacedIndexes() {
	a.ixMu.Lock()
	defer a.ixMu.Unlock()
	for _, h := range a.ixOld {
		h.retired = time.Time{}
	}
}

// OpenIndexes is the number of generations this App has open (the current
// one and the replaced ones still in use).
func (a *App) OpenIndexes() int {
	a.ixMu.Lock()
	defer a.ixMu.Unlock()
	n := len(a.ixOld)
	if a.ix != nil {
		n++
	}
	return n
}
