package analyze

import (
	"os"
	"testing"
)

func TestDefaultRegistryLoads(t *testing.T) {
	b, err := os.ReadFile("../../data/actors.toml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadRegistry(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Actors()) < 25 {
		t.Fatalf("got %d actors", len(r.Actors()))
	}
	a := New(r)
	an := a.AnalyzeDoc("d", "Vladimir Putin’s aide said Zelenskyy met Erdoğan. “Hi,” Trump said.")
	if len(an.Mentions) != 4 || an.Mentions[0].Text != "Vladimir Putin" {
		t.Fatalf("mentions %+v", an.Mentions)
	}
}
