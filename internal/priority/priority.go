// Package priority lowers the CPU priority of a long batch job (indexing)
// so that the interactive processes beside it (open TUIs, searches) get the
// cores first. On two busy cores a search process started beside a
// normal-priority indexer waits for a core; beside a lowered one it does
// not (BENCHMARKS.md, "A reader beside the indexer").
package priority

import "fmt"

// MaxNice is the largest increment Lower accepts: the lowest priority.
const MaxNice = 19

// RangeError is a nice increment outside 0..MaxNice.
type RangeError struct{ N int }

func (e *RangeError) Error() string {
	return fmt.Sprintf("nice %d: use 0 (keep the priority) to %d (lowest)", e.N, MaxNice)
}

// Lower raises the nice value of every thread of this process by n (0 keeps
// it), capped at MaxNice, and returns the nice value the process now has.
// Threads started later inherit it from the thread that starts them.
// Where the system has no nice values it does nothing and returns 0.
func Lower(n int) (int, error) {
	if n < 0 || n > MaxNice {
		return 0, &RangeError{N: n}
	}
	return lower(n)
}

// Current is the nice value of the calling thread (0 where the system has
// none).
func Current() (int, error) { return current() }
