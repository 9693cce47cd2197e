package agree

// The coefficients, computed on a table of units x coders. A cell holds a
// category number (0, 1, ...) or missing (-1). Every function returns
// ok=false where the coefficient is undefined (no data, or no variation for
// the chance correction to work on); callers turn that into JSON null.
//
// Sources:
//   - observed agreement: the mean over coder pairs of the share of units
//     both coded on which they agree (Artstein & Poesio 2008, A_o; NLTK
//     AnnotationTask.avg_Ao on complete data).
//   - Cohen's kappa (Cohen 1960), per pair, each coder's own category
//     distribution (NLTK kappa_pairwise).
//   - Fleiss' kappa (Fleiss 1971) = multi-pi of Artstein & Poesio, pooled
//     category distribution, units every coder coded (NLTK pi()).
//   - Krippendorff's alpha, nominal, with missing values, from the
//     coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
//     Alpha-Reliability"; NLTK alpha()).

const missing = -1

type table [][]int // units x coders

// categories is one more than the largest category number.
func (t table) categories() int {
	k := 0
	for _, u := range t {
		for _, v := range u {
			k = max(k, v+1)
		}
	}
	return k
}

func (t table) coders() int {
	if len(t) == 0 {
		return 0
	}
	return len(t[0])
}

// pairObserved is the share of units coded by both a and b on which they
// agree, and the number of such units.
func (t table) pairObserved(a, b int) (float64, int) {
	n, same := 0, 0
	for _, u := range t {
		if u[a] == missing || u[b] == missing {
			continue
		}
		n++
		if u[a] == u[b] {
			same++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(same) / float64(n), n
}

// observed is the mean pairwise observed agreement over the pairs that
// share at least one unit.
func (t table) observed() (float64, bool) {
	m := t.coders()
	sum, pairs := 0.0, 0
	for a := 0; a < m; a++ {
		for b := a + 1; b < m; b++ {
			if ao, n := t.pairObserved(a, b); n > 0 {
				sum += ao
				pairs++
			}
		}
	}
	if pairs == 0 {
		return 0, false
	}
	return sum / float64(pairs), true
}

// cohen is Cohen's kappa of coders a and b on the units both coded.
func (t table) cohen(a, b int) (float64, bool) {
	ao, n := t.pairObserved(a, b)
	if n == 0 {
		return 0, false
	}
	ca, cb := make([]int, t.categories()), make([]int, t.categories())
	for _, u := range t {
		if u[a] == missing || u[b] == missing {
			continue
		}
		ca[u[a]]++
		cb[u[b]]++
	}
	ae := 0.0
	for k, x := range ca {
		ae += float64(x) / float64(n) * float64(cb[k]) / float64(n)
	}
	if ae >= 1 {
		return 0, false
	}
	return (ao - ae) / (1 - ae), true
}

// fleiss is Fleiss' kappa on the units every coder coded.
func (t table) fleiss() (float64, bool) {
	m := t.coders()
	if m < 2 {
		return 0, false
	}
	k := t.categories()
	pooled := make([]int, k)
	counts := make([]int, k)
	pbar, n := 0.0, 0
	for _, u := range t {
		clear(counts)
		complete := true
		for _, v := range u {
			if v == missing {
				complete = false
				break
			}
			counts[v]++
		}
		if !complete {
			continue
		}
		n++
		agree := 0
		for c, x := range counts {
			agree += x * (x - 1)
			pooled[c] += x
		}
		pbar += float64(agree) / float64(m*(m-1))
	}
	if n == 0 {
		return 0, false
	}
	pbar /= float64(n)
	pe := 0.0
	for _, c := range pooled {
		p := float64(c) / float64(n*m)
		pe += p * p
	}
	if pe >= 1 {
		return 0, false
	}
	return (pbar - pe) / (1 - pe), true
}

// alpha is Krippendorff's alpha for nominal data; units with fewer than two
// values are not pairable and drop out.
func (t table) alpha() (float64, bool) {
	k := t.categories()
	o := make([]float64, k*k) // coincidences, o[c*k+d]
	for _, u := range t {
		var vals []int
		for _, v := range u {
			if v != missing {
				vals = append(vals, v)
			}
		}
		mu := len(vals)
		if mu < 2 {
			continue
		}
		for i, c := range vals {
			for j, d := range vals {
				if i != j {
					o[c*k+d] += 1 / float64(mu-1)
				}
			}
		}
	}
	nc := make([]float64, k)
	n, disagree := 0.0, 0.0
	for c := 0; c < k; c++ {
		for d := 0; d < k; d++ {
			x := o[c*k+d]
			nc[c] += x
			n += x
			if c != d {
				disagree += x
			}
		}
	}
	expected := 0.0
	for c := 0; c < k; c++ {
		for d := 0; d < k; d++ {
			if c != d {
				expected += nc[c] * nc[d]
			}
		}
	}
	if n <= 1 || expected == 0 {
		return 0, false
	}
	return 1 - (n-1)*disagree/expected, true
}
