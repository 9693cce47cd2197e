// Package analyze finds who is mentioned in a news article (actor mentions)
// and what was quoted and by whom (quotations with their speakers).
//
// It is pure: it knows only the domain types of internal/model and does no
// I/O. An Analyzer is built once from a Registry and is then safe for
// concurrent use. All offsets are Unicode code points into the body, end
// exclusive.
package analyze

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/workbench-dev/workbench/internal/model"
)

// Registry is a loaded actor registry.
type Registry struct {
	actors []model.Actor
	byKey  map[string]int // folded id, name or alias -> index into actors
	roles  []heldRole     // every [[actor.role]], parsed
}

// registryFile is the TOML layout: a list of [[actor]] tables.
type registryFile struct {
	Actor []model.Actor `toml:"actor"`
}

// defaultPalette colours actors that have no colour of their own.
var defaultPalette = []string{
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
}

// LoadRegistry parses an actor registry: a TOML file of [[actor]] tables
// with the fields of model.Actor. Errors name the TOML line and the field.
func LoadRegistry(tomlText []byte) (*Registry, error) {
	var f registryFile
	md, err := toml.NewDecoder(bytes.NewReader(tomlText)).Decode(&f)
	if err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return nil, fmt.Errorf("line %d: %s", pe.Position.Line, pe.Message)
		}
		return nil, err
	}
	lines := actorLines(tomlText)
	lineOf := func(i int) string {
		if i < len(lines) {
			return fmt.Sprintf("line %d: ", lines[i])
		}
		return ""
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		if len(k) == 1 {
			return nil, fmt.Errorf("unknown table or key %q: the registry is a list of [[actor]] tables", k[0])
		}
		key := k[len(k)-1]
		if line, ok := keyLine(tomlText, key); ok {
			return nil, fmt.Errorf("line %d: unknown field %q (want id, name, aliases, titles, group, color, kind, case_sensitive, role)", line, key)
		}
		return nil, fmt.Errorf("unknown field %q (want id, name, aliases, titles, group, color, kind, case_sensitive, role)", k.String())
	}
	if len(f.Actor) == 0 {
		return nil, fmt.Errorf("no actors: the registry needs [[actor]] tables with id and name")
	}
	r := &Registry{byKey: make(map[string]int)}
	owner := make(map[string]string) // folded key -> actor id that owns it
	seenID := make(map[string]int)
	for i, a := range f.Actor {
		at := lineOf(i)
		a.ID = strings.TrimSpace(a.ID)
		a.Name = strings.TrimSpace(a.Name)
		if a.ID == "" {
			return nil, fmt.Errorf("%sactor %d has no id", at, i+1)
		}
		if !validID(a.ID) {
			return nil, fmt.Errorf("%sactor %q: bad id: use lower-case letters, digits, '-' or '_'", at, a.ID)
		}
		if j, dup := seenID[a.ID]; dup {
			return nil, fmt.Errorf("%sduplicate actor id %q (first defined at %s)", at, a.ID, strings.TrimSuffix(lineOf(j), ": "))
		}
		seenID[a.ID] = i
		if a.Name == "" {
			return nil, fmt.Errorf("%sactor %q has no name", at, a.ID)
		}
		switch a.Kind {
		case "":
			a.Kind = "person"
		case "person", "org":
		default:
			return nil, fmt.Errorf("%sactor %q: bad kind %q: want \"person\" or \"org\"", at, a.ID, a.Kind)
		}
		if a.Color == "" {
			a.Color = defaultPalette[i%len(defaultPalette)]
		} else if !validColor(a.Color) {
			return nil, fmt.Errorf("%sactor %q: bad color %q: want \"#rrggbb\" (or \"#rgb\")", at, a.ID, a.Color)
		}
		a.Aliases = cleanList(a.Aliases)
		a.Titles = cleanList(a.Titles)
		for _, s := range a.Titles {
			if strings.TrimSpace(s) == "" {
				return nil, fmt.Errorf("%sactor %q: empty title", at, a.ID)
			}
		}
		for _, key := range append([]string{a.ID, a.Name}, a.Aliases...) {
			k := foldString(key)
			if k == "" {
				return nil, fmt.Errorf("%sactor %q: empty alias", at, a.ID)
			}
			if o, taken := owner[k]; taken && o != a.ID {
				if key == a.ID {
					// An id equal to another actor's alias: the alias wins for lookup.
					continue
				}
				return nil, fmt.Errorf("%sactor %q: alias %q already belongs to actor %q; an alias must name one actor", at, a.ID, key, o)
			}
			owner[k] = a.ID
			if _, ok := r.byKey[k]; !ok {
				r.byKey[k] = len(r.actors)
			}
		}
		roles, err := parseRoles(tomlText, lines, i, a)
		if err != nil {
			return nil, err
		}
		r.roles = append(r.roles, roles...)
		r.actors = append(r.actors, a)
	}
	return r, nil
}

// Actors returns the actors in registry order (a copy).
func (r *Registry) Actors() []model.Actor {
	out := make([]model.Actor, len(r.actors))
	copy(out, r.actors)
	return out
}

// Lookup finds an actor by id, name or alias, ignoring case and diacritics.
func (r *Registry) Lookup(nameOrID string) (model.Actor, bool) {
	if r == nil {
		return model.Actor{}, false
	}
	i, ok := r.byKey[foldString(strings.TrimSpace(nameOrID))]
	if !ok {
		return model.Actor{}, false
	}
	return r.actors[i], true
}

// lookupIndex is Lookup returning the registry index, or -1.
func (r *Registry) lookupIndex(name string) int {
	if i, ok := r.byKey[foldString(name)]; ok {
		return i
	}
	return -1
}

func cleanList(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := in[:0:0]
	for _, s := range in {
		s = strings.TrimSpace(s)
		k := foldString(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

func validID(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

func validColor(s string) bool {
	if len(s) != 7 && len(s) != 4 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// actorLines returns the 1-based line of each [[actor]] header.
func actorLines(text []byte) []int {
	var out []int
	for i, line := range strings.Split(string(text), "\n") {
		t := strings.Join(strings.Fields(line), "")
		if strings.HasPrefix(t, "[[actor]]") {
			out = append(out, i+1)
		}
	}
	return out
}

// keyLine finds the first line that assigns key.
func keyLine(text []byte, key string) (int, bool) {
	for i, line := range strings.Split(string(text), "\n") {
		t := strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(t, key); ok {
			if strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i + 1, true
			}
		}
	}
	return 0, false
}
