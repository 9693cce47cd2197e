package store

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/workbench-dev/workbench/internal/model"
)

// Codebook is the list of stance labels analysts tag with, read from a TOML
// file (default data/codebook.toml, copied to WS/codebook.toml on first use):
//
//	[[label]]
//	name = "escalatory"
//	key = 1              # 1-9, the TUI key; a number or a string
//	color = "#d7263d"
//	description = "Threatens, raises the stakes."
type Codebook struct {
	labels []model.Label
	byName map[string]int
	byKey  map[string]int
}

type rawCodebook struct {
	Label []rawLabel `toml:"label"`
}

type rawLabel struct {
	Name        string `toml:"name"`
	Key         any    `toml:"key"`
	Color       string `toml:"color"`
	Description string `toml:"description"`
}

var (
	labelName = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]*$`)
	hexColor  = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
)

// LoadCodebook parses and validates a codebook. Errors name the label and
// the field and say what is expected.
func LoadCodebook(tomlText []byte) (*Codebook, error) {
	var raw rawCodebook
	md, err := toml.Decode(string(tomlText), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("line %d: %s", pe.Position.Line, pe.Message)
		}
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("unknown field %q: a label has name, key, color and description", und[0].String())
	}
	if len(raw.Label) == 0 {
		return nil, errors.New(`no labels: add [[label]] tables with name, key (1-9), color and description`)
	}
	cb := &Codebook{byName: map[string]int{}, byKey: map[string]int{}}
	for i, r := range raw.Label {
		where := fmt.Sprintf("label %d", i+1)
		name := strings.TrimSpace(r.Name)
		if name == "" {
			return nil, fmt.Errorf("%s: name is missing", where)
		}
		where = fmt.Sprintf("label %d (%q)", i+1, name)
		if !labelName.MatchString(name) {
			return nil, fmt.Errorf("%s: name must be letters, digits, '-' or '_' (no spaces)", where)
		}
		if j, dup := cb.byName[strings.ToLower(name)]; dup {
			return nil, fmt.Errorf("%s: name already used by label %d", where, j+1)
		}
		key, err := keyString(r.Key)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		if key != "" {
			if j, dup := cb.byKey[key]; dup {
				return nil, fmt.Errorf("%s: key %s already used by label %d (%q)", where, key, j+1, raw.Label[j].Name)
			}
		}
		color := strings.TrimSpace(r.Color)
		if color != "" && !hexColor.MatchString(color) {
			return nil, fmt.Errorf("%s: color %q: want a hex colour such as \"#d7263d\"", where, r.Color)
		}
		cb.byName[strings.ToLower(name)] = i
		if key != "" {
			cb.byKey[key] = i
		}
		cb.labels = append(cb.labels, model.Label{Name: name, Key: key, Color: color, Description: strings.TrimSpace(r.Description)})
	}
	return cb, nil
}

func keyString(v any) (string, error) {
	var k string
	switch x := v.(type) {
	case nil:
		return "", nil
	case int64:
		k = strconv.FormatInt(x, 10)
	case string:
		k = strings.TrimSpace(x)
	default:
		return "", fmt.Errorf("key %v: want a digit 1-9", v)
	}
	if len(k) != 1 || k[0] < '1' || k[0] > '9' {
		return "", fmt.Errorf("key %q: want a digit 1-9", k)
	}
	return k, nil
}

// Labels returns the labels in codebook order.
func (c *Codebook) Labels() []model.Label { return append([]model.Label(nil), c.labels...) }

// Names returns the label names in codebook order.
func (c *Codebook) Names() []string {
	n := make([]string, len(c.labels))
	for i, l := range c.labels {
		n[i] = l.Name
	}
	return n
}

// ByKey returns the label bound to key "1".."9".
func (c *Codebook) ByKey(key string) (model.Label, bool) {
	i, ok := c.byKey[key]
	if !ok {
		return model.Label{}, false
	}
	return c.labels[i], true
}

// ByName returns the label with the name, ignoring case.
func (c *Codebook) ByName(name string) (model.Label, bool) {
	i, ok := c.byName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return model.Label{}, false
	}
	return c.labels[i], true
}
