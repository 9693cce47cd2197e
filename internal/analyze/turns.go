package analyze

import (
	"strings"
	"unicode"
)

// turnSpan is one speaker turn of a transcript: the label [ls, le) (without
// the colon) and the words [s, e) it introduces, up to the next label.
type turnSpan struct {
	ls, le  int
	s, e    int
	speaker string // registry name, else the name as written, else the generic label ("Question")
	actor   int    // registry index or -1
	generic bool   // "Question:", "Remark:", ...
	conf    float64
}

// maxLabelRunes bounds a speaker label ("Minister of Construction, Housing
// and Utilities Mikhail Men (retranslated)").
const maxLabelRunes = 130

// genericLabels are labels that name a role in the exchange, not a person.
var genericLabels = map[string]string{
	"question": "Question", "q": "Question", "questions": "Question", "answer": "Answer", "a": "Answer",
	"remark": "Remark", "remarks": "Remark", "reply": "Reply", "response": "Response", "comment": "Comment",
	"operator": "Operator", "moderator": "Moderator", "interviewer": "Interviewer", "correspondent": "Correspondent",
	"journalist": "Journalist", "audience": "Audience", "voice": "Voice", "voices": "Voices", "presenter": "Presenter",
	"host": "Host", "anchor": "Anchor", "participant": "Participant", "call centre operator": "Operator",
	"call center operator": "Operator", "official in charge": "Official in charge", "officials in charge": "Officials in charge",
}

// notSpeakerLabels open label-like lines that are no speaker ("Note: ...").
var notSpeakerLabels = set(`note notes source sources update updated correction corrections editor editors reference references subject
	topic topics agenda deadline deadlines contact contacts attention warning caution photo photos video videos address
	venue date time place participants read see also tags tag summary background ps p.s attachment annex appendix
	text quote quotes example examples first second third fourth fifth finally next then now here there today
	meanwhile however moreover furthermore therefore thus still yet but and so or for because headline title
	translation transcript documents document link links website web phone tel fax email e-mail`)

// labelConnectors are the lower-case words a label's title may hold.
var labelConnectors = set("of the and for de da di du van von der den del la le al bin ibn el y on in at to")

// findTurns finds the speaker turns of a transcript. A label opens a turn at
// the start of a paragraph, or after a sentence end inside a long paragraph
// (the 2021-22 releases lost their paragraph breaks); a turn runs to the
// next label, without stage directions ("(Applause.)"). Linear in the text.
func (a *Analyzer) findTurns(text []rune) []turnSpan {
	n := len(text)
	var out []turnSpan
	known := map[string]bool{} // speakers of the turns so far
	next := 0                  // no label before this offset (inside the previous label)
	colon := -1                // the first ':' at or after the offset looked at (n when none)
	for ps := 0; ps < n; {
		pe := paraEnd(text, ps)
		long := pe-ps >= 1000
		for i := max(ps, next); i < pe; i++ {
			atPara := i == ps
			if !atPara {
				// Mid-paragraph: after a sentence end and a space, in a long paragraph.
				if !long {
					break
				}
				if text[i-1] != ' ' || i < 2 || !strings.ContainsRune(".?!…\"”’)", text[i-2]) {
					continue
				}
			}
			if !unicode.IsUpper(text[i]) {
				continue
			}
			// A label ends at a colon on its line, within maxLabelRunes
			// (plus a parenthesis): without one, label fails.
			if colon < i {
				colon = i
				for colon < n && text[colon] != ':' {
					colon++
				}
			}
			if colon >= pe {
				break // nor anywhere further in the paragraph
			}
			if colon-i > maxLabelRunes+100 {
				i = colon - maxLabelRunes - 101 // nor anywhere before that
				continue
			}
			t, ok := a.label(text, i, atPara, known)
			if !ok {
				continue
			}
			if len(out) > 0 {
				out[len(out)-1].e = i
			}
			out = append(out, t)
			known[t.speaker] = true
			next = t.s
			i = t.s - 1
		}
		ps = pe + 1
	}
	if len(out) > 0 {
		out[len(out)-1].e = n
	}
	// "President of Russian Platinum Musa Bazhayev" is the "Musa Bazhayev"
	// of the later labels.
	for k := range out {
		if out[k].actor >= 0 {
			continue
		}
		// Of the names it ends in, the shortest (then the first in byte
		// order), whatever the map's order: a longer one ends in it too and
		// is itself read as it, so every label of the chain names one
		// speaker.
		sp, best := out[k].speaker, ""
		for name := range known {
			// (sp ends in " "+name)
			if name != sp && len(sp) > len(name) && sp[len(sp)-len(name)-1] == ' ' && strings.HasSuffix(sp, name) && strings.Contains(name, " ") {
				if best == "" || len(name) < len(best) || len(name) == len(best) && name < best {
					best = name
				}
			}
		}
		if best != "" {
			out[k].speaker = best
		}
	}
	// Trim each turn: trailing space and stage directions; a paragraph of
	// stage direction inside a turn splits it.
	var res []turnSpan
	if len(out) > 0 {
		res = make([]turnSpan, 0, len(out))
	}
	for _, t := range out {
		res = splitStage(res, text, t)
	}
	return res
}

func paraEnd(text []rune, i int) int {
	// (four runes a step: the transcripts are long)
	for ; i+4 <= len(text); i += 4 {
		w := text[i : i+4 : i+4]
		if w[0] == '\n' || w[1] == '\n' || w[2] == '\n' || w[3] == '\n' {
			break
		}
	}
	for i < len(text) && text[i] != '\n' {
		i++
	}
	return i
}

// label reads a speaker label at i: title-case words (with connectors and
// commas), an optional parenthesis, a colon and a space.
func (a *Analyzer) label(text []rune, i int, atPara bool, known map[string]bool) (turnSpan, bool) {
	n := len(text)
	j, paren, spaces := i, -1, 0
	for ; j < n && j-i < maxLabelRunes; j++ {
		r := text[j]
		if r == ':' {
			break
		}
		if r == '(' {
			if paren >= 0 {
				return turnSpan{}, false
			}
			paren = j
			for j < n && text[j] != ')' && text[j] != '\n' && j-paren < 90 {
				j++
			}
			if j >= n || text[j] != ')' {
				return turnSpan{}, false
			}
			continue
		}
		if paren >= 0 && r != ' ' {
			return turnSpan{}, false // words after the parenthesis
		}
		// A lower-case word longer than a connector ("of", "and", "von")
		// after the third word: running text, not a label ("Call centre
		// operator" is one).
		if r == ' ' {
			spaces++
		}
		if spaces >= 3 && text[j-1] == ' ' && r >= 'a' && r <= 'z' {
			k := j
			for k < n && k-j <= 3 && text[k] >= 'a' && text[k] <= 'z' {
				k++
			}
			if k-j > 3 {
				return turnSpan{}, false
			}
		}
		if r == '\n' || r == '?' || r == '!' || r == ';' || r == '"' || r == '“' || r == '”' || r >= '0' && r <= '9' {
			return turnSpan{}, false
		}
		if r == '.' && !(j > i && unicode.IsUpper(text[j-1]) && (j-1 == i || !unicode.IsLetter(text[j-2]) || text[j-2] == 'M' || text[j-2] == 'D')) {
			// only initials ("A.Ivanov", "V. Putin") and "Mr."/"Dr."
			if !(j >= i+2 && (string(text[j-2:j]) == "Mr" || string(text[j-2:j]) == "Dr" || string(text[j-2:j]) == "Ms")) {
				return turnSpan{}, false
			}
		}
	}
	if j >= n || text[j] != ':' || j+1 < n && text[j+1] != ' ' && text[j+1] != '\n' {
		return turnSpan{}, false
	}
	core := text[i:j]
	if paren >= 0 {
		core = text[i:paren]
	}
	t := turnSpan{ls: i, le: j, actor: -1, conf: 0.9}
	// The words after the label.
	s := j + 1
	for s < n && (text[s] == ' ' || text[s] == '\n') {
		s++
	}
	t.s = s
	li := a.parseLabelCached(core)
	switch {
	case li.kind == labelNone:
		return turnSpan{}, false
	case li.kind == labelGeneric:
		if !atPara && li.oneLetter {
			return turnSpan{}, false // "A:" / "Q:" inside running text
		}
		t.generic, t.speaker = true, li.speaker
		return t, true
	}
	if !atPara && li.actor < 0 && !li.nameLike && !known[li.speaker] && !li.repeated && !li.titled {
		return turnSpan{}, false
	}
	// "Minister of Defence: Sergei Shoigu" is a list entry, not a turn;
	// "Inna Salnikova: Inna Salnikova." answers "what is your name?".
	if lineIsName(text, s) && !li.nameLike {
		return turnSpan{}, false
	}
	t.speaker, t.actor = li.speaker, li.actor
	return t, true
}

// Label kinds.
const (
	labelNone uint8 = iota
	labelGeneric
	labelName
)

// labelInfo is what a label's words say, whatever its context.
type labelInfo struct {
	kind      uint8
	speaker   string
	actor     int
	oneLetter bool // "Q", "A"
	nameLike  bool // a first name of the lexicon opens the name
	repeated  bool // the 2021-22 scrape's "Olaf Scholz Scholz Olaf..."
	titled    bool // an office before the name ("Chairman of ... German Gref")
}

// maxLabelCache bounds the analyzer's cache of parsed labels.
const maxLabelCache = 1 << 16

// parseLabelCached is parseLabel with a cache shared by all documents
// (labels repeat: "Vladimir Putin", "Question").
func (a *Analyzer) parseLabelCached(core []rune) labelInfo {
	key := string(core)
	if v, ok := a.labels.Load(key); ok {
		return v.(labelInfo)
	}
	li := a.parseLabel(key)
	if a.nlabels.Add(1) <= maxLabelCache {
		a.labels.Store(key, li)
	}
	return li
}

// parseLabel reads the words of a label (without the parenthesis and colon).
func (a *Analyzer) parseLabel(core string) labelInfo {
	none := labelInfo{actor: -1}
	words := strings.Fields(splitCamel(core))
	if len(words) == 0 || len(words) > 16 {
		return none
	}
	lower := strings.ToLower(strings.Join(words, " "))
	if g, ok := genericLabels[lower]; ok {
		return labelInfo{kind: labelGeneric, speaker: g, actor: -1, oneLetter: len(words) == 1 && len(words[0]) == 1}
	}
	if notSpeakerLabels[strings.Trim(strings.ToLower(words[0]), ".,’'")] {
		return none
	}
	for k, w := range words {
		w = strings.TrimSuffix(w, ",")
		if w == "" {
			return none
		}
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			continue
		}
		if k == 0 || k == len(words)-1 || !labelConnectors[w] {
			return none
		}
	}
	if strings.HasSuffix(words[len(words)-1], ",") {
		return none
	}
	if c := strings.LastIndexByte(core, ','); c >= 0 && len(strings.Fields(core[c+1:])) < 3 {
		return none // "Moscow, Kremlin:"
	}
	name, actor := a.labelName(words)
	nw := len(strings.Fields(name))
	if name == "" || nw == 1 && actor < 0 {
		return none // "Germany:", "Deadline:"
	}
	titled := false
	for _, w := range words[:max(0, len(words)-nw)] {
		if titleWords[strings.ToLower(strings.TrimSuffix(w, ","))] {
			titled = nw >= 2
		}
	}
	return labelInfo{kind: labelName, speaker: name, actor: actor, nameLike: nameLike(name),
		repeated: strings.Contains(core, name+" "+lastWord(name)), titled: titled}
}

// labelName is the person a label names: the registry actor of its longest
// suffix, else the words after the last title or connector.
func (a *Analyzer) labelName(words []string) (string, int) {
	for k := 0; k < len(words); k++ {
		cand := strings.Join(words[k:], " ")
		if ai := a.reg.lookupIndex(cand); ai >= 0 && a.reg.actors[ai].Kind == "person" {
			return a.reg.actors[ai].Name, ai
		}
	}
	// The 2021-22 scrape repeats the name around the title: "Federal
	// Chancellor of Germany Olaf Scholz Scholz OlafFederal Chancellor of ...".
	for k := 0; k+3 < len(words); k++ {
		if words[k] == words[k+3] && words[k+1] == words[k+2] && unicode.IsUpper([]rune(words[k])[0]) {
			s := words[k] + " " + words[k+1]
			if ai := a.reg.lookupIndex(s); ai >= 0 {
				return a.reg.actors[ai].Name, ai
			}
			return s, -1
		}
	}
	for size := 3; size >= 2; size-- {
		for k := 0; k+size <= len(words); k++ {
			if ai := a.reg.lookupIndex(strings.Join(words[k:k+size], " ")); ai >= 0 && a.reg.actors[ai].Kind == "person" {
				return a.reg.actors[ai].Name, ai
			}
		}
	}
	start := 0
	titled, afterConnector := false, false
	for k, w := range words {
		lw := strings.ToLower(strings.TrimSuffix(w, ","))
		if labelConnectors[lw] && k > 0 || strings.HasSuffix(w, ",") || titleWords[lw] && k < len(words)-2 {
			start, titled = k+1, true
			afterConnector = labelConnectors[lw]
		}
	}
	name := words[start:]
	// "President of Armenia Serzh Sargsyan": the word after "of" names
	// the country or organisation, and so do organisation words after it.
	if afterConnector && len(name) >= 3 {
		name = name[1:]
		for len(name) > 2 && (orgWords[strings.ToLower(name[0])] || titleWords[strings.ToLower(name[0])]) {
			name = name[1:]
		}
	}
	if !titled && len(name) > 4 {
		return "", -1 // a heading, "Veto Power Impedes Peace Efforts:"
	}
	if titled && len(name) > 3 {
		name = name[len(name)-2:]
	}
	// "State Duma Vyacheslav Volodin", "Hermitage Mikhail Piotrovsky": the
	// name starts at a known first name.
	for k := 0; k+2 <= len(name) && k < len(name)-1; k++ {
		if f := strings.ToLower(name[k]); (maleNames[f] || femaleNames[f]) && !(k > 0 && middleNames[f]) {
			name = name[k:]
			break
		}
	}
	if len(name) == 0 {
		return "", -1
	}
	allTitles := true
	for _, w := range name {
		lw := strings.ToLower(w)
		if !titleWords[lw] && !orgWords[lw] {
			allTitles = false
		}
	}
	if allTitles {
		return "", -1
	}
	s := strings.Join(name, " ")
	if ai := a.reg.lookupIndex(s); ai >= 0 {
		return a.reg.actors[ai].Name, ai
	}
	return s, -1
}

// middleNames are first names that often stand inside a name ("Asif Ali
// Zardari").
var middleNames = set("ali mohammed muhammad ahmed hassan hussein abdul omar bin")

// nameLike: a two- to four-word name whose first word is a known first name.
func nameLike(name string) bool {
	f := strings.Fields(name)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	w := strings.ToLower(f[0])
	return maleNames[w] || femaleNames[w]
}

// lineIsName: the line from s is only a short capitalised name ("Sergei
// Shoigu"), as in a list of office holders.
func lineIsName(text []rune, s int) bool {
	e := s
	for e < len(text) && text[e] != '\n' && e-s < 60 {
		e++
	}
	if e < len(text) && text[e] != '\n' {
		return false
	}
	if n := fieldCount(text[s:e], 5); n == 0 || n > 4 {
		return n == 0
	}
	words := strings.Fields(string(text[s:e]))
	for _, w := range words {
		if !unicode.IsUpper([]rune(w)[0]) {
			return false
		}
	}
	last := text[e-1]
	if last == '.' && len(words) >= 2 {
		// "Minister of Defence: Sergei Shoigu."
		f := strings.ToLower(words[0])
		return maleNames[f] || femaleNames[f]
	}
	// A line ending as a sentence does is speech: "Vladimir Putin: Yes…".
	return !strings.ContainsRune(".!?,…", last)
}

// splitCamel puts a space into "VladimirPutin".
func splitCamel(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if i > 1 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) && unicode.IsLetter(rs[i-2]) {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// splitStage trims a turn and splits it around paragraphs that are stage
// directions, "(Applause.)"; it appends the pieces to out.
func splitStage(out []turnSpan, text []rune, t turnSpan) []turnSpan {
	cur := t
	i := t.s
	for i < t.e {
		pe := i
		for pe < t.e && text[pe] != '\n' {
			pe++
		}
		if isStage(text[i:pe]) {
			cur.e = i
			if c, ok := trimTurn(text, cur); ok {
				out = append(out, c)
			}
			cur.s = pe
			cur.ls, cur.le = -1, -1 // resumed after a stage direction: no label of its own
		}
		i = pe + 1
	}
	cur.e = t.e
	if c, ok := trimTurn(text, cur); ok {
		out = append(out, c)
	}
	return out
}

func isStage(p []rune) bool {
	i, j := 0, len(p)
	for i < j && unicode.IsSpace(p[i]) {
		i++
	}
	for j > i && unicode.IsSpace(p[j-1]) {
		j--
	}
	if j-i <= 2 || p[i] != '(' || p[j-1] != ')' {
		return false
	}
	for _, r := range p[i+1 : j] {
		if r == '(' {
			return false
		}
	}
	return true
}

// trimTurn drops space and a trailing stage direction at the ends of a turn.
func trimTurn(text []rune, t turnSpan) (turnSpan, bool) {
	for t.s < t.e && unicode.IsSpace(text[t.s]) {
		t.s++
	}
	for {
		for t.e > t.s && unicode.IsSpace(text[t.e-1]) {
			t.e--
		}
		if t.e-t.s < 2 || text[t.e-1] != ')' {
			break
		}
		o := t.e - 1
		for o > t.s && text[o] != '(' && t.e-o < 60 {
			o--
		}
		if text[o] != '(' || o == t.s || !unicode.IsUpper(text[o+1]) || text[t.e-2] != '.' {
			break
		}
		t.e = o
	}
	return t, t.e > t.s
}

// turnAt is the turn holding rune offset pos, or nil.
func (x *attributor) turnAt(pos int) *turnSpan {
	ts := x.turns
	lo, hi := 0, len(ts)
	for lo < hi {
		m := (lo + hi) / 2
		if ts[m].e <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ts) && ts[lo].s <= pos && pos < ts[lo].e {
		return &ts[lo]
	}
	return nil
}

// transcript: the document is an exchange of turns (two labels or more), so
// "I" in a turn is its speaker. (A turn's speaker as the fallback for
// quotes over paragraphs, and the exclusion of the speaker from "he", wait
// for three labels: news stories quote single "NAME:" lines; PolNeAR train
// loses 6 speakers at two.)
func (x *attributor) transcript() bool { return len(x.turns) >= 2 }
