package analyze

import (
	"strings"
	"sync"
)

// Cue verb flags.
const (
	cueVerb   uint8 = 1 << iota
	cueNounly       // also a common noun ("remarks", "claims"): not a cue after a determiner
	cueIng          // participle: "..., adding that"
	cueBase         // base form ("say", "tell"): a cue only after a pronoun, modal or plural
)

// cueVerbs are the verbs of saying that introduce or follow a quotation.
var cueVerbs = map[string]uint8{}

func init() {
	// base forms: each gets -s/-ed/-ing forms unless irregular forms are given.
	regular := strings.Fields(`add state remark assert affirm comment note warn insist claim argue accuse describe stress tweet post
		explain continue ask reply respond answer declare announce acknowledge admit recall call suggest promise vow pledge
		concede conclude emphasize emphasise observe predict report quip joke shout yell chant complain lament charge counter
		retort caution urge blast slam criticize criticise condemn mock dub label brand term characterize characterise praise
		hail cite quote muse testify allege contend maintain confirm reveal disclose proclaim exclaim whisper boast deny
		assure recount reflect repeat reiterate echo demand scoff sneer gush marvel complain concur agree disagree object
		opine posit contend joke rail fume huff snap bark scold chide thunder plead beg wonder insist interject interrupt
		summarize summarise recommend advise instruct order threaten tout trumpet predict forecast estimate guarantee
		acknowledge lament bemoan decry deride dismiss ridicule rebuke reject refute rebut dispute question pledge
		vow swear stammer stutter mutter murmur sigh laugh grumble grouse gripe moan protest exclaim declare affirm
		inform notify brief caution counsel confide confess remind mention relate narrate tweet retweet
		express attack liken compare reference rule rate remember press retaliate beam
		refer elaborate vent assail blame thank credit indicate offer talk cry scream
		riff exhort react rant holler gloat lecture denounce`)
	for _, v := range regular {
		addCue(v, regularForms(v)...)
	}
	irregular := map[string][]string{
		"say":   {"said", "says", "saying"},
		"tell":  {"told", "tells", "telling"},
		"write": {"wrote", "writes", "writing", "written"},
		"sing":  {"sang", "sings", "singing", "sung"},
		"read":  {"reads", "reading"},
		"speak": {"spoke", "speaks", "speaking"},
		"email": {"emailed"},
		"text":  {"texted"},
	}
	for base, forms := range irregular {
		addCue(base, forms...)
	}
	cueVerbs["read"] &^= cueBase   // "the letter read"
	delete(cueVerbs, "continuing") // "continuing efforts"
	for _, n := range strings.Fields("remarks claims comments notes calls reports posts states tweets charges quotes answers replies demands promises vows pledges statements texts emails questions orders") {
		cueVerbs[n] |= cueNounly
	}
}

func addCue(base string, forms ...string) {
	cueVerbs[base] |= cueVerb | cueBase
	for _, f := range forms {
		cueVerbs[f] |= cueVerb
		if strings.HasSuffix(f, "ing") {
			cueVerbs[f] |= cueIng
		}
	}
}

func regularForms(v string) []string {
	var s, ed, ing string
	switch {
	case strings.HasSuffix(v, "e"):
		s, ed, ing = v+"s", v+"d", v[:len(v)-1]+"ing"
	case strings.HasSuffix(v, "y") && !strings.ContainsAny(v[len(v)-2:len(v)-1], "aeiou"):
		s, ed, ing = v[:len(v)-1]+"ies", v[:len(v)-1]+"ied", v+"ing"
	case strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x"):
		s, ed, ing = v+"es", v+"ed", v+"ing"
	default:
		s, ed, ing = v+"s", v+"ed", v+"ing"
	}
	forms := []string{s, ed, ing}
	// Doubled final consonant: quip -> quipped, slam -> slammed, dub -> dubbed, snap -> snapped, chat.
	switch v {
	case "quip", "slam", "dub", "snap", "rebut", "refer", "admit":
		last := v[len(v)-1:]
		forms = append(forms, v+last+"ed", v+last+"ing")
	case "label":
		forms = append(forms, "labelled", "labelling")
	}
	return forms
}

// isCue reports whether token i is a cue verb used as a verb.
func (d *doc) isCue(i int) bool {
	if d.cue == nil {
		d.cue = make([]int8, len(d.toks))
	}
	if c := d.cue[i]; c != 0 {
		return c > 0
	}
	ok := d.isCueUncached(i)
	if ok {
		d.cue[i] = 1
	} else {
		d.cue[i] = -1
	}
	return ok
}

func (d *doc) isCueUncached(i int) bool {
	t := d.toks[i]
	if t.kind != tWord {
		return false
	}
	w := d.word(i) // valid until the next call of d.word
	if len(w) < 32 && (w == "" || cueShapes()[w[0]]&(1<<len(w)) == 0) {
		return false // no cue word has its first byte and length
	}
	f, ok := cueVerbs[w]
	if !ok {
		switch w {
		case "put", "puts", "putting":
			// "as the memo put it"
			return d.is(i+1, "it") && d.toks[i+1].sent == t.sent
		case "pointed", "points", "pointing":
			// "as The Hill pointed out", not "pointed to the data"
			return d.is(i+1, "out") && d.toks[i+1].sent == t.sent
		}
		if p, ok := particleCues[w]; ok {
			// "Trump shot back", "her husband cut in", "Trump went on, ..."
			if !d.is(i+1, p) || d.toks[i+1].sent != t.sent {
				return false
			}
			return p != "on" || i+2 >= len(d.toks) || d.toks[i+2].kind != tWord || d.is(i+2, "about") // "went on about “Q”"
		}
		return false
	}
	if f&cueVerb == 0 {
		return false
	}
	if t.cap && !d.sentenceStart(i) {
		return false // "United States", "Post"
	}
	prev := d.prevWord(i)
	if f&cueBase != 0 {
		// A base form is a verb after a pronoun, a modal or "to", or a
		// plural subject: "they say", "will tell", "critics say".
		if prev < 0 {
			return false
		}
		pw := d.word(prev)
		if baseOK[pw] || strings.HasSuffix(pw, "s") && !strings.HasSuffix(pw, "ss") && !possessives[pw] {
			return true
		}
		// "Obama and Clinton call them"; "Police say" (a collective noun
		// opening the sentence).
		if d.toks[prev].cap && (prev >= 2 && (d.is(prev-1, "and") || d.is(prev-2, "and")) || d.sentenceStart(prev) && !d.possessive(prev) && !determiners[pw] && !functionWords[pw] && !openers[pw]) {
			return true
		}
		return false
	}
	if f&cueNounly != 0 && prev >= 0 {
		if determiners[d.word(prev)] || d.possessive(prev) || adjectiveLike(d.word(prev)) || partyAdjectives[d.word(prev)] {
			return false
		}
	}
	// "with chants of", "of claims": a noun after a preposition; "by saying" is a verb.
	if prev >= 0 && f&cueIng == 0 && prepositions[d.word(prev)] && d.word(prev) != "to" {
		return false
	}
	if prev >= 0 && (articles[d.word(prev)] || possessives[d.word(prev)]) && f&cueIng == 0 {
		return false // "the call", "a report"
	}
	// Passive: "terrorists are revealed", "he was told".
	if prev >= 0 && beVerbs[d.word(prev)] && f&cueIng == 0 {
		return false
	}
	return true
}

// particleCues are verbs of saying only with their particle.
var particleCues = map[string]string{"shot": "back", "shoots": "back", "fired": "back", "fires": "back", "hit": "back", "hits": "back",
	"cut": "in", "cuts": "in", "chimed": "in", "chimes": "in", "went": "on", "goes": "on"}

var articles = set("the a an this that these those")
var beVerbs = set("is are was were be been being am")

var partyAdjectives = set("republican democratic democrat gop conservative liberal russian ukrainian american british french german chinese european western")

var baseOK = set("i we they you to will would could should can may might must did do does not never also often who two three both all many several most others")

// adjectiveLike: "late-night tweets", "public remarks".
func adjectiveLike(w string) bool {
	return strings.Contains(w, "-") || strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "ous") || strings.HasSuffix(w, "ive") || strings.HasSuffix(w, "ful")
}

// prevWord is the index of the word token before i in the same sentence, or -1.
func (d *doc) prevWord(i int) int {
	if i > 0 && d.toks[i-1].kind == tWord && d.toks[i-1].sent == d.toks[i].sent {
		return i - 1
	}
	return -1
}

func (d *doc) sentenceStart(i int) bool {
	return i == 0 || d.toks[i-1].sent != d.toks[i].sent || d.toks[i-1].kind == tQuote
}

// possessive: "Trump’s", "his".
func (d *doc) possessive(i int) bool {
	w := d.word(i)
	if possessives[w] {
		return true
	}
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s'")
}

var determiners = set("the a an this that these those his her its their our my your some any another each every no one two three several many few both")
var possessives = set("his her its their our my your")

// pronouns that can be a speaker.
var personPronouns = map[string]byte{"he": 'm', "she": 'f', "him": 'm', "her": 'f', "they": 'p', "we": 'p', "i": 'i', "it": 'n', "you": 'y'}

// functionWords end a description noun phrase walking left: a lower-case
// word before the cue that is one of these is not the subject's head.
var functionWords = set(`and but or nor that which who whom whose when while where as because since if then than so to of in on at for
	with by from about into over after before during under without within through also not never just only even still
	has have had having is are was were be been being will would could should can may might must shall do does did
	again later previously once recently reportedly publicly repeatedly further often frequently always already
	there here what how why it he she they we i you him them us me this these those all both who whom`)

// auxiliaries and adverbs that may stand between a subject and its cue.
var aux = set(`has have had is are was were will would could should can may might must shall did does do also then later
	previously once recently reportedly publicly repeatedly further again often frequently always already just
	had been has been have been not never later subsequently earlier first last finally simply flatly bluntly
	quickly angrily famously memorably separately privately openly
	keep keeps kept start starts started begin begins began stop stops stopped go goes went
	hadn't hasn't haven't didn't doesn't don't wasn't weren't isn't aren't won't wouldn't couldn't shouldn't can't yet`)

// Title words before a name: "Deputy Foreign Minister Sergei Ryabkov".
var titleWords = set(`mr mrs ms miss dr prof sir dame lord lady gov governor sen senator rep representative president
	vice pres gen general lt col sgt capt adm maj cmdr secretary minister prime deputy foreign chancellor speaker
	chairman chairwoman chair mayor judge justice rev reverend father pastor rabbi imam sheikh king queen prince
	princess emperor ambassador envoy spokesman spokeswoman spokesperson director commissioner chief sheriff officer
	detective inspector superintendent agent professor dean attorney counsel coach leader majority minority whip
	congressman congresswoman councilman councilwoman councilor assemblyman assemblywoman delegate
	activist candidate nominee founder ceo cfo coo executive chairman president-elect premier pope cardinal bishop
	retired former acting interim press state defense defence interior finance economy trade justice health
	national security adviser advisor aide house senate us u.s white kremlin russian ukrainian american british french german
	chinese turkish hungarian israeli iranian european republican democratic democrat gop party police fire
	first lady colonel captain major lieutenant sergeant admiral marshal affairs sens reps
	mp mep tsar czar dr. mr. mrs. ms. sen. rep. gov. gen. lt. col. sgt. capt. adm. prof. rev. st.`)

// Words that make a capitalised run an organisation or place, not a person.
var orgWords = set(`news times post journal network party committee department university house council commission
	campaign association inc corp company center centre institute foundation agency bureau court congress senate
	republicans democrats administration office ministry government state states city county church bank group
	fund union organization organisation media press tv radio magazine daily gazette tribune herald review
	telegraph guardian reuters ap afp cnn fox msnbc abc cbs nbc npr bbc twitter facebook instagram youtube
	army navy force forces police service services board review institute club league team airlines airport
	school college hospital clinic museum project program programme initiative coalition alliance caucus
	federation republic kingdom empire nations council`)

// Leading words that open an adverbial phrase at the start of a sentence.
var openers = set(`in on at after before during following last this that but and yet however nevertheless meanwhile also still
	later earlier then asked speaking writing according for with without since when while as if although though
	instead indeed moreover furthermore besides now today yesterday tonight overnight separately privately
	publicly nonetheless otherwise so thus hence first second finally again elsewhere
	across outside between despite alongside amid amidst among beyond throughout unlike likewise`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// female and male first names, for he/she resolution.
var femaleNames = set(`hillary melania ivanka nancy elizabeth sarah sara mary maria marie anna ann anne angela kamala michelle
	laura barbara susan susanna karen linda lisa jennifer jessica emily emma olivia sophia isabella ava mia charlotte
	amelia harper abigail madison ella chloe victoria grace natalie hannah lily julia julie claire clara catherine
	katherine kathryn kate katie kelly kellyanne megyn megan meghan rachel rebecca ruth deborah debbie diane dianne
	donna dana heather helen jane janet jean joan joanne judith judy karen kim kimberly kristen lori loretta lynn
	margaret martha michele monica nicole pamela pam patricia patty paula rose samantha sandra sharon stephanie
	tammy teresa theresa tina tulsi ursula valerie virginia wendy yvonne zoe christine christina cristina carla
	carol caroline cheryl cindy debra denise doris dorothy elaine ellen erin gina gloria hope huma irene jacqueline
	jill joyce kay krystal leah liz louise lucy marcia marsha maxine melissa nikki nina norma olga oksana yulia
	tatiana natalia svetlana irina ekaterina yekaterina valentina marina elena yelena lyudmila galina
	giorgia marine kaja ursula theresa liz annalena mette sanna jacinda keiko hiroko mariya iryna olena gennifer
	ayanna alicia amy andrea angie ashley beth betsy betty brenda bridget candace carly cecile chelsea condoleezza
	dolores eleanor elise esther eva faith frances gretchen hailey heidi jeanne jeanine joni kelley kirsten kyrsten
	lara lauren loretta marsha mazie mia michaela nanette nora patty robin roxanne shelley stacey susie tammy
	tricia tulsi ava melanie melody mallory molly maggie tatyana natalya ella veronika valeriya ksenia anastasia darya daria alina polina
	tetiana tetyana olha yuliia nataliia liudmyla halyna kateryna viktoriia svitlana hanna inna mariia daryna khrystyna larysa
	lesia alla vira nadiia zoriana solomiia ivanna anastasiia sofiia oleksandra yevheniia`)

var maleNames = set(`donald joe joseph barack bill william george john james robert michael david richard charles thomas
	christopher daniel matthew anthony mark paul steven steve andrew kenneth ken kevin brian edward ronald timothy
	tim jason jeffrey jeff ryan jacob gary nicholas eric stephen jonathan larry justin scott brandon frank benjamin
	gregory samuel raymond patrick alexander jack dennis jerry tyler aaron henry douglas peter adam nathan zachary
	walter kyle harold carl arthur gerald roger keith jeremy terry lawrence sean christian albert austin jesse
	ethan willie billy bryan bruce jordan ralph roy noah dylan eugene wayne alan juan louis russell gabriel randy
	philip phil harry vincent bobby johnny logan mike pence ted marco rand chris newt rudy rudolph reince sean
	jared eric bernie tim jim hank mitt mitchell chuck lindsey lindsay rex vladimir volodymyr sergei sergey yury
	yuri dmitry dmitri andriy andrii andrei olaf friedrich keir viktor emmanuel recep jens steve jd vance xi
	boris gerhard nicolas francois francois jean pierre jacques luis carlos jose antonio manuel pedro
	ali mohammed muhammad ahmed hassan hussein abdul omar benjamin bibi naftali yair ehud ariel shimon
	jong moon shinzo fumio narendra rahul imran nawaz justin stephen brian malcolm scott tony
	igor ivan alexei alexey nikolai mikhail oleg pavel roman viktor vitali vitaly petro arseniy oleksiy
	denys dmytro kirill ramzan yevgeny evgeny valery gennady anatoly leonid konstantin maxim maksim ruslan
	lloyd antony tony jake kurt rex herbert hunter beau wolf chuck ben cory tom tommy matt nate josh earnest
	reince corey newt rudy chris jeb ted rick rand bobby scott ben mike john lindsey george jon
	german herman gleb arkady vyacheslav valentin stanislav yaroslav timur rustam denis artyom fyodor grigory
	semyon vasily georgy anton yegor ilya pyotr alexey vitaly nikita matvei savely
	yuriy yurii ihor mykhailo mykhaylo oleksandr serhiy serhii kyrylo vadym vasyl taras bohdan oleh hennadiy vitaliy
	valeriy anatoliy mykola stepan danylo maksym yevhen borys viacheslav rostyslav kostiantyn pavlo arsen andriy`)

// cueShapes has bit n of entry b set when a word that isCueUncached looks
// up (cueVerbs, particleCues, "put", "pointed", ...) starts with byte b and
// is n bytes long (n < 32): a quick test before the map lookups.
var cueShapes = sync.OnceValue(func() *[256]uint32 {
	t := new([256]uint32)
	add := func(w string) {
		if w != "" && len(w) < 32 {
			t[w[0]] |= 1 << len(w)
		}
	}
	for w := range cueVerbs {
		add(w)
	}
	for w := range particleCues {
		add(w)
	}
	for _, w := range []string{"put", "puts", "putting", "pointed", "points", "pointing"} {
		add(w)
	}
	return t
})
