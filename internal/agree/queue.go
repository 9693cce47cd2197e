package agree

import "slices"

// QueueItem is one unit the analysts labelled differently.
type QueueItem struct {
	UnitID, DocID string
	Start, End    int // code points, end exclusive
	Text          string
	// Labels are each analyst's labels on the unit, in Queue.Analysts
	// order (empty: the analyst gave it none).
	Labels [][]string
	// Adjudicated are the adjudicator's labels on the unit; the unit is
	// resolved when there is one.
	Adjudicated []string
}

// Resolved reports whether the adjudicator has labelled the unit.
func (it QueueItem) Resolved() bool { return len(it.Adjudicated) > 0 }

// Queue is the adjudication queue: the units of the documents every
// compared analyst coded on which their label sets differ, sorted by
// document and position. Free spans are not in it (alpha-u measures them).
type Queue struct {
	Analysts    []string
	Adjudicator string
	Items       []QueueItem
	// Resolved counts the items the adjudicator has labelled.
	Resolved int
}

// BuildQueue lists the disagreements of the input. With Options.Label, a
// unit is in the queue when the analysts differ on that label.
func BuildQueue(in Input, opt Options) (*Queue, error) {
	p, err := prepare(in, opt)
	if err != nil {
		return nil, err
	}
	q := &Queue{Analysts: p.analysts, Adjudicator: opt.Adjudicator}
	if q.Adjudicator == "" {
		q.Adjudicator = DefaultAdjudicator
	}
	for _, u := range p.units {
		if !u.complete() || !differ(u.labels) {
			continue
		}
		it := QueueItem{UnitID: u.id, DocID: u.doc, Start: u.start, End: u.end, Text: u.text,
			Labels: make([][]string, len(u.labels)), Adjudicated: slices.Clone(u.adjudged)}
		for i, ls := range u.labels {
			it.Labels[i] = slices.Clone(ls)
		}
		if it.Resolved() {
			q.Resolved++
		}
		q.Items = append(q.Items, it)
	}
	return q, nil
}

func differ(labels [][]string) bool {
	for _, ls := range labels[1:] {
		if !slices.Equal(ls, labels[0]) {
			return true
		}
	}
	return false
}
