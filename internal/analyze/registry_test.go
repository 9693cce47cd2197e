package analyze

import (
	"strings"
	"testing"
)

func TestDefaultRegistry(t *testing.T) {
	r := defaultRegistry(t)
	acts := r.Actors()
	if len(acts) < 25 {
		t.Fatalf("got %d actors", len(acts))
	}
	for _, want := range []string{"putin", "trump", "zelensky", "ushakov", "ryabkov", "lavrov", "peskov", "biden", "macron", "xi",
		"erdogan", "scholz", "merz", "starmer", "orban", "rubio", "witkoff", "vance", "yermak", "stoltenberg", "rutte",
		"kremlin", "nato", "eu", "white-house"} {
		if _, ok := r.Lookup(want); !ok {
			t.Errorf("default registry lacks %q", want)
		}
	}
	colors := map[string]string{}
	for _, a := range acts {
		if !validColor(a.Color) {
			t.Errorf("%s: bad color %q", a.ID, a.Color)
		}
		if o, dup := colors[strings.ToLower(a.Color)]; dup {
			t.Errorf("%s and %s share colour %s", a.ID, o, a.Color)
		}
		colors[strings.ToLower(a.Color)] = a.ID
	}
	for in, want := range map[string]string{
		"Zelenskyy": "zelensky", "zelenskiy": "zelensky", "Yuri Ushakov": "ushakov", "Sergey Lavrov": "lavrov",
		"Erdoğan": "erdogan", "ERDOGAN": "erdogan", "Orban": "orban", "Orbán": "orban", "J.D. Vance": "vance",
		"JD Vance": "vance", "vladimir putin": "putin", "White House": "white-house",
	} {
		a, ok := r.Lookup(in)
		if !ok || a.ID != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", in, a.ID, ok, want)
		}
	}
	if _, ok := r.Lookup("Nobody"); ok {
		t.Error("Lookup(Nobody) found an actor")
	}
}

func TestLoadRegistryErrors(t *testing.T) {
	cases := []struct{ toml, want string }{
		{"[[actor]]\nid = \"a\"\nname = \"A\"\n\n[[actor]]\nid = \"a\"\nname = \"B\"\n", `line 5: duplicate actor id "a" (first defined at line 1)`},
		{"[[actor]]\nid = \"a\"\n", `line 1: actor "a" has no name`},
		{"[[actor]]\nname = \"A\"\n", "line 1: actor 1 has no id"},
		{"[[actor]]\nid = \"a\"\nname = \"A\"\ncolor = \"red\"\n", `line 1: actor "a": bad color "red"`},
		{"[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"robot\"\n", `bad kind "robot"`},
		{"[[actor]]\nid = \"A B\"\nname = \"A\"\n", "bad id"},
		{"[[actor]]\nid = \"a\"\nname = \"A\"\nalias = [\"x\"]\n", `line 4: unknown field "alias"`},
		{"[[actor]]\nid = \"a\"\nname = \"A\"\naliases = [\"X\"]\n[[actor]]\nid = \"b\"\nname = \"B\"\naliases = [\"x\"]\n", `alias "x" already belongs to actor "a"`},
		{"[[actor]]\nid = \"a\"\nname = \"A\n", "line 3"},
		{"# nothing\n", "no actors"},
		{"[[actors]]\nid = \"a\"\nname = \"A\"\n", `unknown table or key "actors"`},
	}
	for _, c := range cases {
		_, err := LoadRegistry([]byte(c.toml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadRegistry(%q) = %v, want error containing %q", c.toml, err, c.want)
		}
	}
}

func TestLoadRegistryDefaults(t *testing.T) {
	r, err := LoadRegistry([]byte("[[actor]]\nid = \"a\"\nname = \" Alpha \"\naliases = [\"Al\", \"al\", \" \"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := r.Actors()[0]
	if a.Name != "Alpha" || a.Kind != "person" || a.Color == "" || len(a.Aliases) != 1 {
		t.Errorf("defaults not applied: %+v", a)
	}
}
