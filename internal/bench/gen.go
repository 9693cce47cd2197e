package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// Generator makes realistic, deterministic news documents: sentences sampled
// from a bigram model of real news text (Stats), paragraphs of empirical
// length, actors of the registry (full name first, surname after), direct
// quotations and quoted fragments with speech verbs, topical phrases the
// benchmark queries look for, titles, sources and dates spread over years.
//
// Document i depends only on the seed, i and the model, so documents can be
// generated in any order and on any number of goroutines.
type Generator struct {
	st      *Stats
	seed    uint64
	people  []actorRef
	orgs    []actorRef
	zipf    []float64 // cumulative Zipf weights over people
	sources []string
	// MinBody and MaxBody bound the body size in bytes (default 3000..3900).
	MinBody, MaxBody int
	// From and Years: dates are spread uniformly over Years years from From.
	From  time.Time
	Years int
}

type actorRef struct {
	name    string // full name as written in text
	surname string
	title   string // "" or e.g. "the Russian foreign minister"
}

// DefaultSeed is the seed of `workbench bench` unless told otherwise.
const DefaultSeed = 20251016

// fallbackActors is used when the registry holds fewer than five people (a
// placeholder registry): the actors of the seed article and their peers.
var fallbackActors = []model.Actor{
	{ID: "putin", Name: "Vladimir Putin", Titles: []string{"the Russian president"}},
	{ID: "zelensky", Name: "Volodymyr Zelensky", Titles: []string{"the Ukrainian president"}},
	{ID: "trump", Name: "Donald Trump", Titles: []string{"the U.S. president"}},
	{ID: "lavrov", Name: "Sergei Lavrov", Titles: []string{"the Russian foreign minister"}},
	{ID: "peskov", Name: "Dmitry Peskov", Titles: []string{"the Kremlin spokesman"}},
	{ID: "ryabkov", Name: "Sergei Ryabkov", Titles: []string{"the Russian deputy foreign minister"}},
	{ID: "ushakov", Name: "Yury Ushakov", Titles: []string{"the Kremlin foreign policy adviser"}},
	{ID: "rubio", Name: "Marco Rubio", Titles: []string{"the U.S. secretary of state"}},
	{ID: "witkoff", Name: "Steve Witkoff", Titles: []string{"the U.S. special envoy"}},
	{ID: "sybiha", Name: "Andrii Sybiha", Titles: []string{"the Ukrainian foreign minister"}},
	{ID: "macron", Name: "Emmanuel Macron", Titles: []string{"the French president"}},
	{ID: "merz", Name: "Friedrich Merz", Titles: []string{"the German chancellor"}},
	{ID: "starmer", Name: "Keir Starmer", Titles: []string{"the British prime minister"}},
	{ID: "yermak", Name: "Andriy Yermak", Titles: []string{"the head of the Ukrainian presidential office"}},
	{ID: "medvedev", Name: "Dmitry Medvedev", Titles: []string{"the deputy chairman of Russia's Security Council"}},
	{ID: "zakharova", Name: "Maria Zakharova", Titles: []string{"the Russian foreign ministry spokeswoman"}},
	{ID: "nato", Name: "NATO", Kind: "org"},
	{ID: "eu", Name: "European Union", Kind: "org"},
}

// defaultSources are the outlets of generated documents when the model's
// corpus has fewer than three distinct sources.
var defaultSources = []string{
	"Reuters", "Reuters", "Reuters", "AP", "AP", "TASS", "TASS", "Interfax", "RIA Novosti",
	"kremlin.ru", "kremlin.ru", "Kyiv Independent", "Ukrinform", "BBC", "The Guardian", "Meduza",
}

// NewGenerator returns a generator sampling from st with the given actors
// (typically the registry's; people speak, organisations are mentioned).
func NewGenerator(st *Stats, actors []model.Actor, seed uint64) *Generator {
	g := &Generator{st: st, seed: seed, MinBody: 3000, MaxBody: 3900,
		From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), Years: 11}
	add := func(list []model.Actor) {
		for _, a := range list {
			if strings.TrimSpace(a.Name) == "" {
				continue
			}
			ref := actorRef{name: a.Name, surname: a.Name}
			if len(a.Titles) > 0 {
				ref.title = a.Titles[0]
			}
			if a.Kind == "org" {
				g.orgs = append(g.orgs, ref)
				continue
			}
			if f := strings.Fields(a.Name); len(f) > 1 {
				ref.surname = f[len(f)-1]
			}
			g.people = append(g.people, ref)
		}
	}
	add(actors)
	if len(g.people) < 5 {
		g.people, g.orgs = nil, nil
		add(fallbackActors)
	}
	// Zipf-like popularity: the first actors of the registry are the most
	// talked about, as in real coverage.
	total := 0.0
	for i := range g.people {
		total += 1 / math.Pow(float64(i+1), 0.9)
		g.zipf = append(g.zipf, total)
	}
	distinct := map[string]bool{}
	for _, s := range st.sources {
		distinct[s] = true
	}
	if len(distinct) >= 3 {
		g.sources = st.sources
	} else {
		g.sources = defaultSources
	}
	return g
}

// speechVerbs are the cues of generated attributions, weighted by repetition.
var speechVerbs = []string{
	"said", "said", "said", "said", "said", "told reporters", "stated", "noted", "added",
	"stressed", "remarked", "warned", "declared", "asserted", "emphasised", "explained",
}

// topics are the phrases the benchmark's queries look for, with the weight of
// being a document's theme.
var topics = []string{
	"peace talks", "peace talks", "peace talks", "Tomahawk cruise missiles", "long-range Tomahawk missiles",
	"a whole new level of escalation", "further escalation", "the momentum of the negotiations",
	"a ceasefire", "sanctions", "sanctions", "energy security", "grain exports", "a prisoner exchange",
	"security guarantees", "drone attacks", "the frontline", "air defence systems", "frozen assets",
	"the Black Sea", "nuclear deterrence", "humanitarian corridors", "reconstruction funding",
}

var places = []string{
	"Moscow", "Kyiv", "Washington", "Brussels", "Anchorage", "Istanbul", "Geneva", "Riyadh",
	"Berlin", "Paris", "London", "Minsk", "Beijing", "Ankara", "Warsaw", "Helsinki",
}

// topicTemplates are sentences carrying an actor (%[1]s), a topic (%[2]s) and a
// place (%[3]s): they make sure queries such as "zelensky tomahawk" or
// "ryabkov momentum" have a realistic number of hits.
var topicTemplates = []string{
	"%[1]s raised the issue of %[2]s during the meeting in %[3]s.",
	"Officials in %[3]s said %[1]s had discussed %[2]s with his counterparts.",
	"The talks in %[3]s, attended by %[1]s, focused on %[2]s.",
	"%[1]s is expected to return to the question of %[2]s when he travels to %[3]s next week.",
	"Asked about %[2]s, %[1]s declined to give details of the contacts in %[3]s.",
	"Diplomats in %[3]s said the position of %[1]s on %[2]s had hardened in recent weeks.",
}

// Heaps' law, V = K·T^β distinct words in T tokens, with the parameters
// measured on Reuters RCV1 (K = 44, β = 0.49; Manning, Raghavan and Schütze,
// Introduction to Information Retrieval, §5.1.1). A bigram model only repeats
// the words of its corpus; real news keeps introducing names, places and rare
// words, and the size of the term dictionary is what makes short prefixes
// expensive. So document i gets the new words that Heaps' law predicts for
// the tokens of documents 0..i beyond the model's own vocabulary.
const heapsK, heapsBeta = 44.0, 0.49

func heaps(tokens float64) float64 { return heapsK * math.Pow(tokens, heapsBeta) }

// novelWords is how many new words document i introduces.
func (g *Generator) novelWords(i int, r *rand.Rand) int {
	perDoc := float64(g.MinBody+g.MaxBody) / 2 / g.st.tokBytes
	v0 := heaps(float64(i) * perDoc)
	v1 := heaps(float64(i+1) * perDoc)
	base := float64(g.st.types)
	if v1 <= base {
		return 0
	}
	x := v1 - max(v0, base)
	n := int(x)
	if r.Float64() < x-float64(n) {
		n++
	}
	return n
}

// newWord makes a new word: a name (capitalised) more often than not.
func (d *docState) newWord() string {
	w := d.g.st.chars.word(d.r)
	if d.r.IntN(100) < 60 {
		return capitalise(w)
	}
	return w
}

// rng returns the random source of document i.
func (g *Generator) rng(i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, uint64(i)*0x9E3779B97F4A7C15+1))
}

// Doc generates document i.
func (g *Generator) Doc(i int) model.Article {
	r := g.rng(i)
	d := docState{g: g, r: r, named: map[string]bool{}}
	// Two to four actors per document, Zipf-weighted.
	n := 2 + r.IntN(3)
	for len(d.cast) < n {
		a := g.people[g.pickZipf(r)]
		dup := false
		for _, c := range d.cast {
			dup = dup || c.name == a.name
		}
		if !dup {
			d.cast = append(d.cast, a)
		}
	}
	for k := g.novelWords(i, r); k > 0; k-- {
		d.novel = append(d.novel, d.newWord())
	}
	d.topic = topics[r.IntN(len(topics))]
	d.place = places[r.IntN(len(places))]
	target := g.MinBody + r.IntN(g.MaxBody-g.MinBody+1)

	var b strings.Builder
	b.Grow(g.MaxBody + 600)
	first := true
	for b.Len() < target {
		var para string
		switch {
		case first:
			para = d.lead()
			first = false
		case r.IntN(100) < 35:
			para = d.quoteParagraph()
		default:
			para = d.paragraph()
		}
		if b.Len() > 0 && b.Len()+len(para) > g.MaxBody+200 {
			// Too long for the budget: close with a short paragraph instead.
			para = d.sentence(8 + r.IntN(10))
			if b.Len()+len(para) > g.MaxBody+200 {
				break
			}
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(para)
	}
	date := g.From.AddDate(0, 0, r.IntN(365*g.Years))
	source := g.sources[r.IntN(len(g.sources))]
	id := fmt.Sprintf("bench-%07d", i)
	return model.Article{
		ID:     id,
		Title:  d.title(),
		Date:   date,
		Source: source,
		URL:    fmt.Sprintf("https://news.example.org/%s/%s/%s", slug(source), date.Format("2006/01/02"), id),
		Body:   b.String(),
	}
}

// Generate emits documents 0..n-1 in order, stopping early when ctx is
// cancelled or emit fails. It holds one document at a time.
func (g *Generator) Generate(ctx context.Context, n int, emit func(model.Article) error) error {
	for i := 0; i < n; i++ {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := emit(g.Doc(i)); err != nil {
			return err
		}
	}
	return nil
}

func (g *Generator) pickZipf(r *rand.Rand) int {
	x := r.Float64() * g.zipf[len(g.zipf)-1]
	return sort.SearchFloat64s(g.zipf, x)
}

func slug(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return unicode.ToLower(r)
		case r == '.':
			return r
		}
		return '-'
	}, s)
}

// docState is the state of one document being generated.
type docState struct {
	g     *Generator
	r     *rand.Rand
	cast  []actorRef
	named map[string]bool // actors already introduced by full name
	topic string
	place string
	novel []string // new words still to place in sentences
}

// ref names an actor: full name (with title, sometimes) on first mention,
// surname afterwards.
func (d *docState) ref(a actorRef, withTitle bool) string {
	if d.named[a.name] {
		return a.surname
	}
	d.named[a.name] = true
	if withTitle && a.title != "" && d.r.IntN(2) == 0 {
		return a.name + ", " + a.title + ","
	}
	return a.name
}

func (d *docState) actor() actorRef { return d.cast[d.r.IntN(len(d.cast))] }

// words samples a sentence of about n tokens from c, starting after prev.
func (d *docState) words(c *chain, n int, sentence bool) []string {
	st := d.g.st
	var out []string
	prev := uint32(0)
	limit := 2*n + 6
	for len(out) < limit {
		next, cum := c.next[prev], c.cum[prev]
		if len(next) == 0 {
			if prev == 0 {
				break
			}
			prev = 0 // dead end: restart from a sentence start
			continue
		}
		pick := func() uint32 {
			x := uint32(d.r.IntN(int(cum[len(cum)-1])))
			return next[sort.Search(len(cum), func(i int) bool { return cum[i] > x })]
		}
		id := pick()
		if sentence {
			final := isFinal(st.vocab[id])
			if final && len(out)+1 < n {
				// Too early to end: try a few times to keep going.
				for t := 0; t < 4 && final; t++ {
					id = pick()
					final = isFinal(st.vocab[id])
				}
			}
			out = append(out, st.vocab[id])
			if final {
				return out
			}
			if len(out) >= n {
				// Long enough: take a final successor if there is one.
				for t := 0; t < 6; t++ {
					if alt := pick(); isFinal(st.vocab[alt]) {
						return append(out, st.vocab[alt])
					}
				}
			}
		} else {
			out = append(out, st.vocab[id])
			if len(out) >= n {
				return out
			}
		}
		prev = id
	}
	if sentence && len(out) > 0 {
		last := strings.TrimRight(out[len(out)-1], ",;:-–—")
		if last == "" {
			last = "it"
		}
		if !isFinal(last) {
			last += "."
		}
		out[len(out)-1] = last
	}
	return out
}

func (d *docState) pick(sorted []int) int { return sorted[d.r.IntN(len(sorted))] }

// sentence samples one body sentence of an empirical length (n > 0 forces it).
func (d *docState) sentence(n int) string {
	if n <= 0 {
		n = d.pick(d.g.st.sentLens)
	}
	n = min(max(n, 5), 45)
	w := d.words(&d.g.st.body, n, true)
	// Place up to three pending new words on interior tokens, keeping the
	// token's trailing punctuation.
	for k := 1 + d.r.IntN(3); k > 0 && len(d.novel) > 0 && len(w) > 2; k-- {
		j := 1 + d.r.IntN(len(w)-2)
		tok := w[j]
		end := len(tok)
		for end > 0 && strings.IndexByte(".,;:?!", tok[end-1]) >= 0 {
			end--
		}
		w[j] = d.novel[len(d.novel)-1] + tok[end:]
		d.novel = d.novel[:len(d.novel)-1]
	}
	return capitalise(strings.Join(w, " "))
}

// paragraph samples a paragraph: model sentences, sometimes a topical one.
func (d *docState) paragraph() string {
	n := min(d.pick(d.g.st.paraLens), 4)
	sents := make([]string, 0, n+1)
	for i := 0; i < n; i++ {
		sents = append(sents, d.sentence(0))
	}
	if d.r.IntN(100) < 30 {
		sents = append(sents, d.topical())
	}
	return strings.Join(sents, " ")
}

// lead is the first paragraph: a topical sentence naming actors, then prose.
func (d *docState) lead() string {
	return d.topical() + " " + d.sentence(0)
}

func (d *docState) topical() string {
	t := topicTemplates[d.r.IntN(len(topicTemplates))]
	return capitalise(fmt.Sprintf(t, d.ref(d.actor(), true), d.topic, d.place))
}

// quoteParagraph is a paragraph with a quotation attributed with a speech
// verb, in one of the shapes of news writing.
func (d *docState) quoteParagraph() string {
	a := d.actor()
	verb := speechVerbs[d.r.IntN(len(speechVerbs))]
	q := d.sentence(0)
	switch d.r.IntN(6) {
	case 0, 1: // “Quote,” Ryabkov said.
		return "“" + asClause(q) + "” " + d.ref(a, true) + " " + verb + "."
	case 2: // “Quote,” said Ryabkov. “More.”
		return "“" + asClause(q) + "” said " + strings.TrimSuffix(d.ref(a, true), ",") + ". “" + d.sentence(0) + "”"
	case 3: // Ryabkov said: “Quote.”
		return d.ref(a, true) + " " + verb + ": “" + q + "”"
	case 4: // Ryabkov said the “fragment” had ...
		w := strings.Fields(strings.TrimSuffix(d.sentence(0), "."))
		if len(w) < 6 {
			return d.ref(a, true) + " " + verb + ": “" + q + "”"
		}
		i := 2 + d.r.IntN(len(w)-4)
		j := min(len(w)-1, i+1+d.r.IntN(3))
		frag := strings.Trim(strings.Join(w[i:j], " "), ",;:")
		rest := strings.Join(w[j:], " ")
		return d.ref(a, true) + " " + verb + " that " + d.lowerFirst(strings.Join(w[:i], " ")) + " “" + frag + "” " + rest + "."
	default: // “Quote,” Ryabkov said, adding that ...
		return "“" + asClause(q) + "” " + d.ref(a, false) + " " + verb + ", adding that " + d.lowerFirst(d.sentence(0))
	}
}

// title samples a headline, often led by an actor's surname and a verb.
func (d *docState) title() string {
	n := min(max(d.pick(d.g.st.titleLens), 5), 16)
	w := d.words(&d.g.st.title, n, false)
	t := strings.TrimRight(strings.Join(w, " "), ".,;:")
	if d.r.IntN(100) < 45 {
		a := d.cast[0]
		verbs := []string{"says", "warns", "calls for", "rejects", "discusses"}
		return a.surname + " " + verbs[d.r.IntN(len(verbs))] + " " + d.topic + " as " + d.lowerFirst(t)
	}
	return capitalise(t)
}

// asClause turns "Text." into "Text," for “Text,” said X.
func asClause(s string) string {
	if strings.HasSuffix(s, ".") {
		return strings.TrimSuffix(s, ".") + ","
	}
	return s
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lowers the first letter of s, for a sentence continued after
// "said that", unless the first word is a name: a word the corpus only ever
// writes capitalised, or an acronym.
func (d *docState) lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	w, _, _ := strings.Cut(s, " ")
	if w == "I" || strings.HasPrefix(w, "I’") || strings.HasPrefix(w, "I'") {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	lw := string(unicode.ToLower(r)) + w[n:]
	if _, ok := d.g.st.ids[lw]; !ok {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
