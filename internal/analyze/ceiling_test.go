package analyze

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// TestDecisionCeiling asks whether PolNeAR train's remaining quote errors
// can be learned: every quoted span the analyser considers (kept or
// dropped) gets the features its keep-or-drop decision could use, and a
// logistic regression over them, cross-validated in five folds over the
// articles, is scored against the rules. It logs the figures quoted in
// docs/readme/analysis.md. CEILING=1 runs it (a few seconds); it needs
// ../shared/eval/polnear-train.
func TestDecisionCeiling(t *testing.T) {
	if os.Getenv("CEILING") == "" {
		t.Skip("CEILING=1 runs the decision-ceiling study")
	}
	shared := os.Getenv("WORKBENCH_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	dir := filepath.Join(shared, "eval", "polnear-train")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no PolNeAR train in %s", dir)
	}
	a := New(defaultRegistry(t))
	var cands []candidate
	gold := 0
	for _, f := range files {
		c, g := decisionCandidates(t, a, f)
		cands = append(cands, c...)
		gold += g
	}
	docs := map[string]int{}
	var names []string
	for _, c := range cands {
		if _, ok := docs[c.doc]; !ok {
			docs[c.doc] = 0
			names = append(names, c.doc)
		}
	}
	sort.Strings(names)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	for i, n := range names {
		docs[n] = i % 5
	}
	p := make([]float64, len(cands))
	for k := 0; k < 5; k++ {
		var tr []candidate
		for _, c := range cands {
			if docs[c.doc] != k {
				tr = append(tr, c)
			}
		}
		w := trainLogistic(tr, rng)
		for i, c := range cands {
			if docs[c.doc] == k {
				p[i] = predictLogistic(w, c.feats)
			}
		}
	}
	f1 := func(keep func(i int) bool) (float64, int, int) {
		tp, pred := 0, 0
		for i, c := range cands {
			if keep(i) {
				pred++
				if c.gold {
					tp++
				}
			}
		}
		// gold quotes no candidate covers count as missed
		return 2 * float64(tp) / float64(gold+pred), pred - tp, gold - tp
	}
	rf, rs, rm := f1(func(i int) bool { return cands[i].kept })
	t.Logf("candidates %d, gold %d; the rules: F1 %.4f (%d spurious, %d missed)", len(cands), gold, rf, rs, rm)
	best := 0.0
	for _, th := range []float64{0.3, 0.4, 0.5, 0.6} {
		f, s, m := f1(func(i int) bool { return p[i] > th })
		t.Logf("learned, threshold %.1f: F1 %.4f (%d spurious, %d missed)", th, f, s, m)
		best = max(best, f)
	}
	pf, _, _ := f1(func(i int) bool { return cands[i].gold })
	t.Logf("a perfect keep-or-drop decision over the same spans: F1 %.4f", pf)
	// Articles where the annotator marked some short scare quotes (no
	// speech cue of their own) and left others unmarked.
	marked, unmarked := map[string]bool{}, map[string]bool{}
	for _, c := range cands {
		if c.scare {
			if c.gold {
				marked[c.doc] = true
			} else {
				unmarked[c.doc] = true
			}
		}
	}
	mixed := 0
	for d := range marked {
		if unmarked[d] {
			mixed++
		}
	}
	t.Logf("articles with short scare quotes both marked and unmarked: %d (only marked %d, only unmarked %d)",
		mixed, len(marked)-mixed, len(unmarked)-mixed)
	if pf <= rf || best <= 0 {
		t.Errorf("figures out of range: rules %.4f, learned %.4f, perfect %.4f", rf, best, pf)
	}
}

type candidate struct {
	doc        string
	feats      []string
	gold, kept bool
	scare      bool // a short fragment whose attribution is not a cue of its own
}

// decisionCandidates runs findQuotes' steps on one gold article and
// returns every segment with its features, and the number of gold quotes.
func decisionCandidates(t *testing.T, a *Analyzer, path string) ([]candidate, int) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type goldQuote struct{ Start, End int }
	var gold []goldQuote
	gb, _ := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".quotes.jsonl")
	for _, l := range strings.Split(string(gb), "\n") {
		if l == "" {
			continue
		}
		var g goldQuote
		if err := json.Unmarshal([]byte(l), &g); err != nil {
			t.Fatal(err)
		}
		gold = append(gold, g)
	}
	text := []rune(string(b))
	mentions := a.findMentions(text, a.scan(text))
	d := &doc{text: text, segs: findSegments(text)}
	d.tokenize()
	x := &attributor{a: a, d: d, mentions: mentions, turns: a.findTurns(text)}
	qtok, atts := x.attributeAll()
	var out []candidate
	word := func(i int) string {
		if i < 0 || i >= len(d.toks) {
			return "^"
		}
		return strings.ToLower(string(text[d.toks[i].s:d.toks[i].e]))
	}
	for qi, sg := range d.segs {
		at, ti := atts[qi], qtok[qi]
		kind := x.kind(qi, ti)
		kept := !x.notAQuote(qi, ti, kind, at)
		isGold := false
		for _, g := range gold {
			ov := min(g.End, sg.end) - max(g.Start, sg.start)
			if ov > 0 && float64(ov) >= 0.8*float64(max(g.End-g.Start, sg.end-sg.start)) {
				isGold = true
			}
		}
		rs := text[sg.start:sg.end]
		n := fieldCount(rs, 14)
		nb := map[bool]string{true: "s", false: "l"}[n <= 3] + string(rune('0'+min(n, 9)))
		rule, _, _ := strings.Cut(at.rule, "+")
		f := []string{"bias", "kind=" + kind, "rule=" + rule, "n=" + nb, "rk=" + rule + kind + nb,
			"spk=" + boolWord(at.speaker != ""), "pron=" + boolWord(strings.Contains(at.rule, "+pronoun")),
			"title=" + boolWord(titleCasePhrase(rs)), "ends=" + boolWord(sg.endsSentence), "cont=" + boolWord(sg.cont),
			"open=" + boolWord(sg.openEnded), "cuebefore=" + boolWord(ti > 0 && d.isCue(ti-1)),
			"prev=" + word(ti-1), "prev2=" + word(ti-2), "next=" + word(ti+1), "last=" + string(rs[len(rs)-1]),
			"upper=" + boolWord(unicode.IsUpper(rs[0])), "kept=" + boolWord(kept)}
		// the nearest cue before the quotation in its sentence, and after it
		lo, hi := x.sentRange(ti)
		near, dist := "", 0
		for k := ti - 1; k >= lo; k-- {
			if d.toks[k].kind == tWord && d.isCue(k) {
				near, dist = word(k), ti-k
				break
			}
		}
		after := ""
		for k := ti + 1; k < hi && k < len(d.toks); k++ {
			if d.toks[k].kind == tWord && d.isCue(k) {
				after = word(k)
				break
			}
		}
		f = append(f, "cue="+near, "cuedist="+string(rune('0'+min(dist/3, 9))), "after="+after,
			"pp="+word(ti-2)+"_"+word(ti-1), "rulecue="+rule+"_"+boolWord(near != ""))
		for _, w := range strings.Fields(strings.ToLower(string(rs))) {
			switch strings.Trim(w, ".,;:!?\"“”") {
			case "i", "we", "you", "my", "our", "me", "us", "i'm", "i’m":
				f = append(f, "firstperson")
			}
		}
		out = append(out, candidate{doc: filepath.Base(path), feats: f, gold: isGold, kept: kept,
			scare: kind == "fragment" && n <= 3 && (rule == "" || rule == "sentence-subject" || rule == "quote-then-cue" || rule == "previous-sentence-subject")})
	}
	return out, len(gold)
}

func boolWord(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// trainLogistic fits weights by stochastic gradient descent (15 epochs,
// rate 0.1, a little L2).
func trainLogistic(cs []candidate, rng *rand.Rand) map[string]float64 {
	w := map[string]float64{}
	idx := rng.Perm(len(cs))
	for ep := 0; ep < 15; ep++ {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, i := range idx {
			g := predictLogistic(w, cs[i].feats)
			if cs[i].gold {
				g--
			}
			for _, f := range cs[i].feats {
				w[f] -= 0.1 * (g + 1e-4*w[f])
			}
		}
	}
	return w
}

func predictLogistic(w map[string]float64, feats []string) float64 {
	z := 0.0
	for _, f := range feats {
		z += w[f]
	}
	return 1 / (1 + math.Exp(-max(-30, min(30, z))))
}
