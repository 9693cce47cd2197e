package index

// SetTuning changes the as-you-type tuning for benchmarks that compare
// designs; it returns a function restoring the previous values.
func SetTuning(minPrefixLen, maxExpansionTerms int) (restore func()) {
	p, e := minPrefix, maxExpansion
	minPrefix, maxExpansion = minPrefixLen, maxExpansionTerms
	return func() { minPrefix, maxExpansion = p, e }
}
