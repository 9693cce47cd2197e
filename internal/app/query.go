package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/qlang"
)

// ParseOptions say how a query is read.
type ParseOptions struct {
	// AsYouType: the search line, at each keystroke.
	AsYouType bool
	// Any keeps bleve's either-word default (workbench search --any).
	Any bool
}

// Parse parses and resolves a query once: @actor through the registry,
// speaker: through the registry and the index's speakers, #label through the
// codebook and the labels in use. An unknown name, an impossible date or a
// syntax error is a *model.QueryError naming it.
func (a *App) Parse(ctx context.Context, raw string, o ParseOptions) (model.Query, error) {
	return qlang.Parse(raw, qlang.Options{AsYouType: o.AsYouType, Any: o.Any}, qlang.Resolver{
		Actor:   a.resolveActor,
		Speaker: a.resolveSpeaker,
		Label:   func(name string, partial bool) ([]string, error) { return a.resolveLabel(ctx, name, partial) },
		Target:  a.ResolveTarget,
	})
}

// resolveActor maps a name, alias or id to the actor's id; a name being
// typed to every actor it may start.
func (a *App) resolveActor(name string, partial bool) ([]string, error) {
	if act, ok := a.reg.Lookup(name); ok {
		return []string{act.ID}, nil
	}
	if partial {
		key := strings.ToLower(name)
		var ids []string
		for _, act := range a.reg.Actors() {
			for _, n := range actorNames(act) {
				if strings.HasPrefix(strings.ToLower(n), key) {
					ids = append(ids, act.ID)
					break
				}
			}
		}
		if len(ids) > 0 {
			return ids, nil
		}
	}
	var known []string
	for _, act := range a.reg.Actors() {
		known = append(known, actorNames(act)...)
	}
	return nil, &model.QueryError{Msg: fmt.Sprintf("unknown actor @%s%s (the actors are in %s)", name, closest(name, known), a.ws.ActorsPath())}
}

func actorNames(act model.Actor) []string {
	return append([]string{act.ID, act.Name}, act.Aliases...)
}

// resolveSpeaker maps a speaker name to the key the index stores: a
// registry actor's id, else the name as written, lower-cased. A name no
// statement has is an error (while typing, a prefix of one waits).
func (a *App) resolveSpeaker(name string, partial bool) (string, error) {
	if act, ok := a.reg.Lookup(name); ok {
		return act.ID, nil
	}
	key := strings.ToLower(strings.TrimSpace(name))
	ix, err := a.Index()
	if err != nil {
		return key, nil // the search reports the index's error
	}
	if ix.HasSpeaker(key) || a.speakerNamed(context.Background(), name) {
		return key, nil
	}
	if partial {
		if ks, _ := ix.SpeakerKeys(key, 1); len(ks) > 0 {
			return "", nil
		}
	}
	known, _ := ix.SpeakerKeys("", 5000)
	for _, act := range a.reg.Actors() {
		known = append(known, act.Name)
	}
	return "", &model.QueryError{Msg: fmt.Sprintf("no statement has the speaker %q%s", name, closest(name, known))}
}

// resolveLabel maps #name to a label of the codebook, or to one still in
// use in the tag store; while typing, to every label it may start.
func (a *App) resolveLabel(ctx context.Context, name string, partial bool) ([]string, error) {
	known := a.cb.Names()
	if a.hasStore() {
		if st, err := a.Store(); err == nil {
			if used, err := st.Labels(ctx); err == nil {
				for _, l := range used {
					if !containsFold(known, l) {
						known = append(known, l)
					}
				}
			}
		}
	}
	for _, l := range known {
		if strings.EqualFold(l, name) {
			return []string{l}, nil
		}
	}
	if partial {
		var out []string
		for _, l := range known {
			if strings.HasPrefix(strings.ToLower(l), strings.ToLower(name)) {
				out = append(out, l)
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, &model.QueryError{Msg: fmt.Sprintf("unknown label #%s%s (the codebook is %s)", name, closest(name, known), a.ws.CodebookPath())}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// closest names up to three known names nearest to name (by edit
// distance, then prefix), as ": did you mean a, b or c?".
func closest(name string, known []string) string {
	key := strings.ToLower(name)
	type cand struct {
		s string
		d int
	}
	seen := map[string]bool{}
	var cs []cand
	for _, k := range known {
		lk := strings.ToLower(k)
		if k == "" || seen[lk] {
			continue
		}
		seen[lk] = true
		d := editDistance(key, lk)
		if strings.HasPrefix(lk, key) || strings.HasPrefix(key, lk) {
			d = min(d, 1)
		}
		if d <= max(2, len([]rune(key))/2) {
			cs = append(cs, cand{k, d})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].s < cs[j].s
	})
	if len(cs) == 0 {
		return ""
	}
	var names []string
	for i := 0; i < len(cs) && i < 3; i++ {
		names = append(names, cs[i].s)
	}
	if len(names) == 1 {
		return ": did you mean " + names[0] + "?"
	}
	return ": did you mean " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1] + "?"
}

// editDistance is the Levenshtein distance between a and b (code points).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
