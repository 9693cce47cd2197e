package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/workbench-dev/workbench/internal/model"
)

// AddBatch stores many tags in ONE transaction that is ONE undo step (bulk
// tagging; importing a file). Nothing is stored unless every input is valid
// and the whole batch commits. It is idempotent: an input equal to a tag
// already there (same analyst, document, span and label), or to an earlier
// input, is skipped and counted, so adding the same batch twice adds
// nothing. Undo of the batch removes exactly the tags it added; redo puts
// them back.
//
// Unlike Add, the inputs may name other analysts than the acting one (an
// import keeps each tag's analyst); "" means the acting analyst. The batch's
// undo step belongs to the acting analyst.
func (s *Store) AddBatch(ctx context.Context, ins []TagInput) (added []model.Tag, skipped int, err error) {
	norm := make([]TagInput, len(ins))
	for i, in := range ins {
		if norm[i], err = s.normalize(in); err != nil {
			return nil, 0, fmt.Errorf("tag %d of %d (%s): %w", i+1, len(ins), spanName(in), err)
		}
	}
	batch := newUID()
	err = s.write(insertOnly(ctx), func(tx *sql.Tx) error {
		added, skipped = added[:0], 0
		for _, in := range norm {
			t, err := s.insert(ctx, tx, in, batch)
			if errors.Is(err, ErrDuplicate) {
				skipped++
				continue
			}
			if err != nil {
				return fmt.Errorf("%s %q: %w", spanName(in), in.Label, err)
			}
			added = append(added, t)
		}
		return nil
	})
	if err != nil {
		return nil, 0, s.wrap("tag", err)
	}
	return added, skipped, nil
}
