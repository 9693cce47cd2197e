package eval

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/model"
)

// SharedDir is the shared data folder: $WORKBENCH_SHARED, else the module
// root's parent + /shared; "" when neither exists.
func SharedDir() string {
	if d := os.Getenv("WORKBENCH_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(dir), "shared")
			if st, err := os.Stat(s); err == nil && st.IsDir() {
				return s
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// JunkSpeakers are the speakers issue 11 found on the shipped corpora that
// are no person, group or role.
var JunkSpeakers = strings.Fields("State Let Either Killed Ladies Paragraph I'm I’m Justice Such security yours a Land Including")

var junkOpeners = map[string]bool{"on": true, "in": true, "at": true, "to": true, "with": true, "from": true,
	"by": true, "for": true, "into": true, "during": true, "through": true, "over": true, "under": true}

// IsJunkSpeaker: a speaker that cannot be a person, group or role: one of
// JunkSpeakers, a single word written in lower case that is no group
// ("experts" is one), or a phrase that says where or when ("On the same
// day the", "To some degree"; "At least half" is a group) or holds a
// negated verb ("This isn't the first time").
func IsJunkSpeaker(s string) bool {
	for _, j := range JunkSpeakers {
		if s == j {
			return true
		}
	}
	if f := strings.Fields(s); len(f) > 1 {
		w := strings.ToLower(f[0])
		if junkOpeners[w] && !(w == "at" && (strings.EqualFold(f[1], "least") || strings.EqualFold(f[1], "most"))) {
			return true
		}
		for _, x := range f[1:] {
			if strings.HasSuffix(x, "n't") || strings.HasSuffix(x, "n’t") {
				return true
			}
		}
		return false
	}
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r) && !analyze.GroupNoun(s)
}

// CorpusStats gathers the corpus figures of issue 11 over analysed articles.
type CorpusStats struct {
	reg                          *analyze.Registry
	Docs                         int
	Kinds                        map[string]int
	Quotes, QuotesNoSpeaker      int
	PutinParas, PutinParasInTurn int
	Junk                         map[string]int
	Unresolved1                  map[string]int // one-word speakers not in the registry
	PresidentUA, PresidentUAOK   int            // "the President" on president.gov.ua, resolved to Zelensky
	Message, MessageOK           int            // "The message" resolved to a person
	Cases                        []string
}

// NewCorpusStats starts empty statistics.
func NewCorpusStats(reg *analyze.Registry) *CorpusStats {
	return &CorpusStats{reg: reg, Kinds: map[string]int{}, Junk: map[string]int{}, Unresolved1: map[string]int{}}
}

// kremlin62366 are the reported-speech cases of issue 11 with the right speaker.
var kremlin62366 = []struct {
	start, end int
	speaker    string
}{{46276, 46424, "Akhmat Kadyrov"}, {46480, 46630, "Akhmat Kadyrov"}, {47340, 47354, "FSB director"}}

// Add counts one analysed article.
func (c *CorpusStats) Add(a model.Article, an model.Analysis) {
	c.Docs++
	body := []rune(a.Body)
	for _, s := range an.Statements {
		c.Kinds[s.Kind]++
		if IsJunkSpeaker(s.Speaker) {
			c.Junk[s.Speaker]++
		} else if s.Speaker != "" && !strings.ContainsRune(s.Speaker, ' ') {
			if _, ok := c.reg.Lookup(s.Speaker); !ok {
				c.Unresolved1[s.Speaker]++
			}
		}
	}
	byID := map[string]model.Statement{}
	for _, s := range an.Statements {
		byID[s.ID] = s
	}
	for _, q := range an.Quotes {
		c.Quotes++
		if q.Speaker == "" {
			c.QuotesNoSpeaker++
		}
		if q.SpeakerStart == nil {
			continue
		}
		written := strings.ToLower(strings.Join(strings.Fields(string(body[*q.SpeakerStart:*q.SpeakerEnd])), " "))
		st := byID[q.ID]
		switch written {
		case "the president", "president", "the head of state", "the president of ukraine", "the ukrainian president", "the head of the state", "the ukrainian head of state":
			if a.Source == "president.gov.ua" {
				c.PresidentUA++
				if st.Speaker == "Volodymyr Zelensky" {
					c.PresidentUAOK++
				}
			}
		case "the message":
			c.Message++
			if st.Speaker != "" && !strings.EqualFold(st.Speaker, "the message") {
				c.MessageOK++
			}
		}
	}
	if strings.HasPrefix(a.ID, "kremlin-") {
		off := 0
		for _, p := range strings.Split(a.Body, "\n\n") {
			n := utf8.RuneCountInString(p)
			lbl := ""
			for _, l := range []string{"Vladimir Putin:", "President of Russia Vladimir Putin:"} {
				if strings.HasPrefix(p, l) {
					lbl = l
				}
			}
			if lbl != "" && n > len(lbl) {
				c.PutinParas++
				pos := off + utf8.RuneCountInString(lbl) + 1
				for _, s := range an.Statements {
					if s.Kind == model.StatementTurn && s.Start <= pos && pos < s.End && s.Speaker == "Vladimir Putin" {
						c.PutinParasInTurn++
						pos = -1
						break
					}
				}
				if pos >= 0 && len(MissedPutin) < 30 {
					MissedPutin = append(MissedPutin, fmt.Sprintf("%s:%d", a.ID, pos))
				}
			}
			off += n + 2
		}
	}
	if a.ID == "kremlin-62366" {
		for _, k := range kremlin62366 {
			got := "(none)"
			for _, s := range an.Statements {
				if s.Kind == model.StatementQuote && min(s.End, k.end) > max(s.Start, k.start) {
					got = fmt.Sprintf("%d-%d %q (%s)", s.Start, s.End, s.Speaker, s.SpeakerSource)
				}
			}
			c.Cases = append(c.Cases, fmt.Sprintf("kremlin-62366 %d-%d want %s: got %s", k.start, k.end, k.speaker, got))
		}
	}
}

// Print writes the figures.
func (c *CorpusStats) Print(w io.Writer) {
	fmt.Fprintf(w, "documents %d, statements %v\n", c.Docs, c.Kinds)
	fmt.Fprintf(w, "quotes %d, without speaker %d (%.1f%%)\n", c.Quotes, c.QuotesNoSpeaker, 100*ratio(c.QuotesNoSpeaker, c.Quotes))
	fmt.Fprintf(w, "kremlin-en Putin-label paragraphs in a Vladimir Putin turn: %d/%d = %.4f (target >= 0.95)\n", c.PutinParasInTurn, c.PutinParas, ratio(c.PutinParasInTurn, c.PutinParas))
	total := 0
	for _, n := range c.Junk {
		total += n
	}
	fmt.Fprintf(w, "junk speakers: %d (target 0) %v\n", total, c.Junk)
	fmt.Fprintf(w, "president.gov.ua \"the President\" statements resolved to Volodymyr Zelensky: %d/%d = %.4f (target >= 0.90)\n", c.PresidentUAOK, c.PresidentUA, ratio(c.PresidentUAOK, c.PresidentUA))
	fmt.Fprintf(w, "\"The message\" statements resolved to a sender: %d/%d\n", c.MessageOK, c.Message)
	if os.Getenv("EVAL_DEBUG") != "" {
		fmt.Fprintln(w, "missed Putin paragraphs:", MissedPutin)
	}
	for _, s := range c.Cases {
		fmt.Fprintln(w, s)
	}
	type kv struct {
		k string
		v int
	}
	var top []kv
	for k, v := range c.Unresolved1 {
		top = append(top, kv{k, v})
	}
	sort.Slice(top, func(i, j int) bool { return top[i].v > top[j].v || top[i].v == top[j].v && top[i].k < top[j].k })
	var b strings.Builder
	for i, t := range top {
		if i == 40 {
			break
		}
		fmt.Fprintf(&b, " %s:%d", t.k, t.v)
	}
	fmt.Fprintf(w, "one-word speakers outside the registry (top 40):%s\n", b.String())
}

// MissedPutin lists up to n Putin-label paragraph offsets not in a Putin turn (debug aid).
var MissedPutin []string

// ModuleRoot is the folder holding go.mod, found from the working
// directory upwards; "" when there is none.
func ModuleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
