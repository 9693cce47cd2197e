package bench

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Queries are the realistic queries an analyst types; the benchmark runs
// every prefix of each, as the search line does after each keystroke. There
// are enough of them (over 600 keystrokes) for one timed pass: each
// keystroke is timed once, as typed, so caches of earlier keystrokes help
// only where real typing would let them (a query sharing a prefix with an
// earlier one), never because the same list was run in the warm-up.
var Queries = []string{
	"zelensky tomahawk",
	"@putin escalation",
	`"peace talks"`,
	"ryabkov momentum",
	"lavrov sanctions",
	"peskov ceasefire",
	"@zelensky security guarantees",
	"grain exports black sea",
	"trump putin anchorage",
	`"prisoner exchange"`,
	"drone attacks kyiv",
	"ushakov witkoff",
	"frozen assets",
	"speaker:ryabkov momentum",
	"nuclear deterrence medvedev",
	"air defence systems",
	`"whole new level of escalation"`,
	"energy security",
	"macron merz starmer",
	"humanitarian corridors",
	"@lavrov istanbul",
	"reconstruction funding",
	"zakharova",
	"sybiha geneva",
	"rubio riyadh",
	"yermak security guarantees",
	"@trump tomahawk missiles",
	"kremlin spokesman",
	`"frozen assets" europe`,
	"ceasefire frontline",
	"putin trump alaska summit",
	"black sea grain",
	"zelenskyy washington",
	"sanctions oil exports",
}

// WarmupQueries are typed before the timed queries (an analyst's session
// has started): they warm the process, the page cache and bleve's segments,
// but share no query with Queries.
var WarmupQueries = []string{
	"moscow talks",
	"european union",
	"defence ministry",
	"nato summit",
	"economic cooperation",
	"government meeting",
	"@peskov kremlin",
	"international law",
}

// Keystrokes returns what the search line holds after each keystroke of
// typing q: every non-empty prefix (a trailing space included: the UI
// searches then too).
func Keystrokes(q string) []string {
	var out []string
	for i := range q {
		if i > 0 {
			out = append(out, q[:i])
		}
	}
	return append(out, q)
}

// AllKeystrokes is the keystroke sequence of all queries, in order.
func AllKeystrokes(queries []string) []string {
	var out []string
	for _, q := range queries {
		out = append(out, Keystrokes(q)...)
	}
	return out
}

// PrefixLen is the length in runes of the word being typed at the end of s
// (after a shortcut's @ or field:), 0 after a space or a closing quote.
func PrefixLen(s string) int {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(r) || (r == '"' && strings.Count(s, `"`)%2 == 0) {
		return 0
	}
	i := strings.LastIndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '@' || r == ':' })
	return utf8.RuneCountInString(s[i+1:])
}

// Latency summarises timed queries, in milliseconds.
type Latency struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50_ms"`
	P95  float64 `json:"p95_ms"`
	P99  float64 `json:"p99_ms"`
	Max  float64 `json:"max_ms"`
	Mean float64 `json:"mean_ms"`
}

// Summarise computes the percentiles (nearest rank) of ds.
func Summarise(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	pct := func(p float64) float64 {
		k := int(math.Ceil(p/100*float64(len(s)))) - 1
		return ms(s[min(max(k, 0), len(s)-1)])
	}
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Latency{N: len(s), P50: pct(50), P95: pct(95), P99: pct(99), Max: ms(s[len(s)-1]), Mean: ms(sum / time.Duration(len(s)))}
}

func ms(d time.Duration) float64 { return math.Round(float64(d)/1e4) / 100 }

// SearchRun is the outcome of timing a searcher on the keystrokes.
type SearchRun struct {
	All Latency `json:"all"`
	// ByPrefix is keyed by the length of the word being typed: "0" (after a
	// space or a closed phrase), "1" .. "5", "6+".
	ByPrefix map[string]Latency `json:"by_prefix"`
	// Slowest are the 15 slowest keystrokes, for the report.
	Slowest []Timed `json:"slowest"`
	// ZeroHits counts timed keystrokes that found nothing.
	ZeroHits int `json:"zero_hits"`
	// CPU is the CPU time of the process (every thread: the search and the
	// garbage collector) during each keystroke: on a machine other work
	// keeps busy it shows what the keystroke costs, where the wall time
	// also counts the waits for a core.
	CPU Latency `json:"cpu"`
	// SlowestCPU are the 15 keystrokes that took the most CPU time.
	SlowestCPU []Timed `json:"slowest_cpu"`
}

// Timed is one timed keystroke.
type Timed struct {
	Query string  `json:"query"`
	MS    float64 `json:"ms"`
	Hits  uint64  `json:"hits"`
	CPUMS float64 `json:"cpu_ms"`
}

// Searcher runs the search for what the search line holds and returns the
// total number of matches.
type Searcher func(ctx context.Context, typed string) (uint64, error)

// TimeSearches runs every keystroke of warmup, then times every keystroke
// of queries, in rounds until at least minTimed queries are timed (one round
// when queries have enough keystrokes).
func TimeSearches(ctx context.Context, warmup, queries []string, minTimed int, search Searcher) (*SearchRun, error) {
	keys := AllKeystrokes(queries)
	for _, k := range AllKeystrokes(warmup) {
		if _, err := search(ctx, k); err != nil {
			return nil, fmt.Errorf("warm-up query %q: %w", k, err)
		}
	}
	var all, cpu []time.Duration
	by := map[string][]time.Duration{}
	var timed []Timed
	run := &SearchRun{}
	for len(all) < minTimed || len(all) == 0 {
		for _, k := range keys {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			c0, t0 := processCPU(), time.Now()
			n, err := search(ctx, k)
			d := time.Since(t0)
			c := processCPU() - c0
			cpu = append(cpu, c)
			if err != nil {
				return nil, fmt.Errorf("query %q: %w", k, err)
			}
			all = append(all, d)
			p := PrefixLen(k)
			key := fmt.Sprint(p)
			if p >= 6 {
				key = "6+"
			}
			by[key] = append(by[key], d)
			timed = append(timed, Timed{Query: k, MS: ms(d), Hits: n, CPUMS: ms(c)})
			if n == 0 {
				run.ZeroHits++
			}
		}
	}
	run.All = Summarise(all)
	run.CPU = Summarise(cpu)
	run.ByPrefix = map[string]Latency{}
	for k, v := range by {
		run.ByPrefix[k] = Summarise(v)
	}
	sort.SliceStable(timed, func(i, j int) bool { return timed[i].CPUMS > timed[j].CPUMS })
	run.SlowestCPU = slices.Clone(timed[:min(15, len(timed))])
	sort.SliceStable(timed, func(i, j int) bool { return timed[i].MS > timed[j].MS })
	run.Slowest = timed[:min(15, len(timed))]
	return run, nil
}
