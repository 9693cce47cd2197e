package model

// IndexChange is what a refresh of an open index found: a writer (another
// process's `workbench index`) committed a new generation.
type IndexChange struct {
	// Changed: a new generation is open (or the first one, where there
	// was no index).
	Changed bool
	// Added is the number of documents it has more than the one it
	// replaced (negative after a rebuild with fewer).
	Added int64
	// Count is the number of documents now.
	Count int64
}
