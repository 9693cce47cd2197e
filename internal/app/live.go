package app

import (
	"context"

	"github.com/workbench-dev/workbench/internal/model"
)

// Subscribe delivers the tags other analysts add to the store (the team
// store through LISTEN/NOTIFY, a shared SQLite file by polling), until ctx
// ends; then the channel is closed. The TUI marks them with their names.
func (a *App) Subscribe(ctx context.Context) (<-chan model.Tag, error) {
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	return st.Subscribe(ctx)
}
