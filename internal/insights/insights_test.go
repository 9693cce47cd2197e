package insights

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

func TestJSONShapeIsPinned(t *testing.T) {
	d := Data{Query: "@putin",
		Matrix:       BuildMatrix(BySpeaker, []model.Label{{Name: "escalatory"}}, []Cell{{"Vladimir Putin", "escalatory", 2}}),
		Timeline:     BuildTimeline(Month, []Counts{{Name: "putin", Mentions: map[string]int{"2022-03": 1}}}),
		Cooccurrence: []Pair{{"nato", "putin", 3}},
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"query":"@putin","matrix":{"by":"speaker","rows":["Vladimir Putin"],"labels":["escalatory"],"counts":[[2]]},` +
		`"timeline":{"interval":"month","series":[{"name":"putin","points":[{"t":"2022-03","statements":0,"mentions":1,"tags":0}]}]},` +
		`"cooccurrence":[{"a":"nato","b":"putin","docs":3}],"actors":null}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	var back Data
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back.Matrix, d.Matrix) {
		t.Errorf("round trip: %v %+v", err, back.Matrix)
	}
}

func TestBuildMatrix(t *testing.T) {
	cb := []model.Label{{Name: "escalatory"}, {Name: "conciliatory"}, {Name: "neutral"}}
	m := BuildMatrix(ByTarget, cb, []Cell{
		{"NATO", "escalatory", 3}, {"NATO", "neutral", 1}, {"", "conciliatory", 5}, {"Kyiv", "sarcasm", 1}, {"Zero", "neutral", 0},
	})
	if !slices.Equal(m.Labels, []string{"escalatory", "conciliatory", "neutral", "sarcasm"}) {
		t.Errorf("labels %v", m.Labels)
	}
	if !slices.Equal(m.Rows, []string{NoName, "NATO", "Kyiv"}) {
		t.Errorf("rows %v (want by total, empty key as %q, zero rows left out)", m.Rows, NoName)
	}
	if !slices.Equal(m.RowTotals(), []int{5, 4, 1}) || !slices.Equal(m.ColTotals(), []int{3, 5, 1, 1}) || m.Total() != 10 || m.Max() != 5 {
		t.Errorf("totals %v %v %d %d", m.RowTotals(), m.ColTotals(), m.Total(), m.Max())
	}
	// Twenty labels: all become columns, in codebook order.
	var many []model.Label
	for i := range 20 {
		many = append(many, model.Label{Name: string(rune('a' + i))})
	}
	if m := BuildMatrix(BySpeaker, many, nil); len(m.Labels) != 20 || len(m.Rows) != 0 || m.Counts == nil {
		t.Errorf("20 labels: %+v", m)
	}
}

func TestTimelineAxisFillsGapsAndKeepsNoDate(t *testing.T) {
	tl := BuildTimeline(Month, []Counts{
		{Name: "putin", Mentions: map[string]int{"2021-11": 2, "2022-02": 1, NoDate: 4}},
		{Name: "nato", Statements: map[string]int{"2022-01": 1}},
	})
	var ts []string
	for _, p := range tl.Series[1].Points {
		ts = append(ts, p.T)
	}
	if !slices.Equal(ts, []string{"2021-11", "2021-12", "2022-01", "2022-02", NoDate}) {
		t.Errorf("axis %v", ts)
	}
	if p := tl.Series[0].Points[4]; p.Mentions != 4 {
		t.Errorf("no date point %+v", p)
	}
	y := BuildTimeline(Year, []Counts{{Name: "a", Tags: Buckets(map[string]int{"2020-05-01": 1, "2022-01-09": 2, "": 1}, Year)}})
	if len(y.Series[0].Points) != 4 || y.Series[0].Points[0].T != "2020" || y.Series[0].Points[3].T != NoDate || y.Series[0].Points[2].Tags != 2 {
		t.Errorf("year axis %+v", y.Series[0].Points)
	}
	if e := BuildTimeline("", nil); e.Interval != Month || e.Series == nil {
		t.Errorf("empty timeline %+v", e)
	}
}

func TestPeriods(t *testing.T) {
	for _, c := range []struct{ in, iv, want string }{
		{"2022-03-04", Month, "2022-03"}, {"2022-03-04", Year, "2022"}, {"", Month, NoDate}, {"garbage", Year, NoDate}, {"2022-03", Month, "2022-03"},
	} {
		if got := PeriodOfDay(c.in, c.iv); got != c.want {
			t.Errorf("PeriodOfDay(%q, %s) = %q, want %q", c.in, c.iv, got, c.want)
		}
	}
	if Period(time.Time{}, Month) != NoDate || Period(time.Date(2001, 2, 3, 23, 0, 0, 0, time.UTC), Year) != "2001" {
		t.Error("Period")
	}
}

func TestMergeAddsCounts(t *testing.T) {
	a := Data{Query: "q", Matrix: BuildMatrix(BySpeaker, []model.Label{{Name: "x"}}, []Cell{{"A", "x", 1}}),
		Timeline:     BuildTimeline(Month, []Counts{{Name: "p", Mentions: map[string]int{"2022-01": 1}}}),
		Cooccurrence: []Pair{{"a", "b", 2}}, Actors: []ActorCount{{"a", 3}}}
	b := Data{Matrix: BuildMatrix(BySpeaker, []model.Label{{Name: "y"}}, []Cell{{"A", "y", 2}, {"B", "x", 1}}),
		Timeline:     BuildTimeline(Month, []Counts{{Name: "p", Mentions: map[string]int{"2022-03": 1, NoDate: 1}}}),
		Cooccurrence: []Pair{{"b", "a", 1}, {"a", "c", 1}}, Actors: []ActorCount{{"a", 1}, {"c", 1}}}
	m := Merge(a, b)
	if m.Query != "q" || m.Matrix.Total() != 4 || !slices.Equal(m.Matrix.Labels, []string{"x", "y"}) || !slices.Equal(m.Matrix.Rows, []string{"A", "B"}) {
		t.Errorf("matrix %+v", m.Matrix)
	}
	if n := len(m.Timeline.Series[0].Points); n != 4 {
		t.Errorf("%d points, want 4 (Jan, Feb, Mar, no date)", n)
	}
	if m.Cooccurrence[0] != (Pair{"a", "b", 3}) || m.Actors[0] != (ActorCount{"a", 4}) {
		t.Errorf("pairs %v actors %v", m.Cooccurrence, m.Actors)
	}
}

func TestOptionsValidate(t *testing.T) {
	o := Options{}
	if err := o.Validate(); err != nil || o.By != BySpeaker || o.Interval != Month || o.Pairs != 20 {
		t.Errorf("defaults: %v %+v", err, o)
	}
	for _, bad := range []Options{{By: "x"}, {Interval: "week"}, {Actors: strings.Fields("a b c d e f")},
		{Since: time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func TestTopPairs(t *testing.T) {
	ps := TopPairs([]Pair{{"b", "a", 1}, {"c", "d", 5}, {"x", "x", 9}, {"e", "f", 0}, {"a", "z", 5}}, 2)
	if !slices.Equal(ps, []Pair{{"a", "z", 5}, {"c", "d", 5}}) {
		t.Errorf("%v", ps)
	}
}

func TestHasKremlin(t *testing.T) {
	if HasKremlin([]string{"tass.com"}, []model.Tag{{URL: "https://example.org"}}) {
		t.Error("no kremlin source: true")
	}
	if !HasKremlin([]string{"tass.com", "kremlin.ru"}, nil) || !HasKremlin(nil, []model.Tag{{URL: "http://en.kremlin.ru/events/1"}}) {
		t.Error("kremlin source: false")
	}
}
