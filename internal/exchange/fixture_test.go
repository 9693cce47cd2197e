package exchange

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// The fixture puts an emoji (outside the BMP: 1 code point, 2 UTF-16 units,
// 4 bytes), a combining accent and CJK before the spans, and a span across
// a line break.
const (
	bodyA = "Intro 👩‍💻 e\u0301té 東京 said: \"We are ready for talks.\"\nThen he added more & more <words>."
	bodyB = "🇺🇦 Second document; the minister warned of consequences.\nLine two 𝄞 ends here."
)

var (
	tm  = time.Date(2025, 8, 10, 12, 0, 0, 0, time.UTC)
	tm2 = time.Date(2025, 8, 11, 9, 30, 0, 0, time.UTC)
)

func fixtureArticles() []model.Article {
	return []model.Article{
		{ID: "kremlin-1", Title: "Talks & <more>", URL: "http://kremlin.ru/events/1", Date: tm, Body: bodyA},
		{ID: "doc/2 ü", Title: "Second", URL: "", Body: bodyB},
		{ID: "unused", Title: "Unused", Body: "nothing tagged here"},
	}
}

func fixtureLabels() []model.Label {
	return []model.Label{
		{Name: "escalatory", Key: "1", Color: "#d7263d", Description: "raises the stakes"},
		{Name: "de-escalatory", Key: "2", Color: "#1b998b", Description: "lowers them"},
		{Name: `odd <"label"> & 'x' 🔥`, Key: "3", Color: "#abc", Description: "odd characters"},
	}
}

// cp returns the code-point span of sub in body (first occurrence).
func cp(t testing.TB, body, sub string) (int, int) {
	t.Helper()
	i := strings.Index(body, sub)
	if i < 0 {
		t.Fatalf("%q not in body", sub)
	}
	s := runeLen(body[:i])
	return s, s + runeLen(sub)
}

func fixtureTags(t testing.TB) []model.Tag {
	s1, e1 := cp(t, bodyA, "We are ready for talks.")
	s2, e2 := cp(t, bodyA, "talks.\"\nThen he") // across a line break
	s3, e3 := cp(t, bodyB, "the minister warned")
	s4, e4 := cp(t, bodyB, "𝄞 ends")
	return []model.Tag{
		{ID: 1, QuoteID: fmt.Sprintf("kremlin-1:%d-%d", s1, e1), DocID: "kremlin-1", Start: s1, End: e1, Label: "de-escalatory", Analyst: "ana", Note: "first note: <b> & \"quotes\"\nsecond line\twith tab \\ backslash", CreatedAt: tm, UpdatedAt: tm2},
		{ID: 2, QuoteID: fmt.Sprintf("kremlin-1:%d-%d", s1, e1), DocID: "kremlin-1", Start: s1, End: e1, Label: "de-escalatory", Analyst: "Bo Öberg", CreatedAt: tm, UpdatedAt: tm},
		{ID: 3, DocID: "kremlin-1", Start: s2, End: e2, Label: `odd <"label"> & 'x' 🔥`, Analyst: "ana", Note: "spans a line break", CreatedAt: tm, UpdatedAt: tm},
		{ID: 4, DocID: "doc/2 ü", Start: s3, End: e3, Label: "escalatory", Analyst: "Bo Öberg", Note: "emoji 🙂 note", CreatedAt: tm2, UpdatedAt: tm2},
		{ID: 5, DocID: "doc/2 ü", Start: s4, End: e4, Label: "escalatory", Analyst: "ana", CreatedAt: tm2, UpdatedAt: tm2},
	}
}

func fixtureInput(t testing.TB) ExportInput {
	arts := map[string]model.Article{}
	for _, a := range fixtureArticles() {
		arts[a.ID] = a
	}
	return ExportInput{Tags: fixtureTags(t), Articles: arts, Labels: fixtureLabels(), Name: "fixture"}
}

// key is what a round trip must keep.
func key(t model.Tag, withNote bool) string {
	k := fmt.Sprintf("%s|%d-%d|%s|%s", t.DocID, t.Start, t.End, t.Label, t.Analyst)
	if withNote {
		k += "|" + t.Note
	}
	return k
}

func keys(tags []model.Tag, withNote bool) []string {
	var out []string
	for _, t := range tags {
		out = append(out, key(t, withNote))
	}
	sort.Strings(out)
	return out
}
