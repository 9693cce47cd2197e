package analyze

import "testing"

// Cues that do not govern the quotation (invented sentences).
func TestClausesAroundQuote(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name, body string
		want       []wantQuote
	}{
		{"an opening time clause with a verb of speaking",
			"As Brenn spoke, the association was going into overdrive, whipping lawmakers against \"any and all gun control\" in the Senate.",
			[]wantQuote{{text: "any and all gun control", speaker: "the association", rule: "sentence-subject"}}},
		{"an opening as-clause that attributes",
			"As Walter Brenn noted, the team is a reflection of the city - \"different people, but all strong.\"",
			[]wantQuote{{text: "different people, but all strong.", speaker: "Walter Brenn"}}},
		{"a relative clause with its own subject",
			"Roe, the former attorney general, criticized the mayor's email use, which an internal investigation said was \"extremely careless\" but not criminal.",
			[]wantQuote{{text: "extremely careless", speaker: "an internal investigation", rule: "x-said-quote"}}},
		{"a passive naming and its agent after the quotation",
			"This feature of the movement has been called \"strategic ambiguity\" by Joshua Brenn, a professor at the university.",
			[]wantQuote{{text: "strategic ambiguity", speaker: "Joshua Brenn", rule: "x-said-quote"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

// An age and a place between a name and its cue (invented sentences).
func TestAgeAndPlace(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Cory Banes, 22, of Flint, Mich., said he hoped for a convention \"surprise,\" because he could never vote for her.",
		[]wantQuote{{text: "surprise,", speaker: "Cory Banes"}})
	checkQuotes(t, a, "Mary Lou Smith, 64, a retired teacher from Dayton, said the plan was \"a disaster for everyone.\"",
		[]wantQuote{{text: "a disaster for everyone.", speaker: "Mary Lou Smith"}})
}

// Cues after the quotation later in its sentence (invented sentences).
func TestLaterCues(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The agency looked for a connection in 2014 and did not find \"ties of any consequence,\" aside from the two men knowing each other, said the bureau's director, James Roe.",
		[]wantQuote{{text: "ties of any consequence,", speaker: "the bureau's director", rule: "quote-then-cue"}})
	checkQuotes(t, a, "From her failures as secretary to being \"extremely careless\" in the handling of classified information, as described by the director, Jane Roe, many doubt her.",
		[]wantQuote{{text: "extremely careless", speaker: "the director", rule: "quote-then-cue"}})
	checkQuotes(t, a, "She is popular across the country, rather than just a \"regional\" candidate, as Brenn's campaign manager suggested on Tuesday.",
		[]wantQuote{{text: "regional", speaker: "Brenn's campaign manager", rule: "quote-then-cue"}})
}

// A sentence subject after a capitalised description and an office: the
// name, not the description ("Presumptive GOP nominee Walter Brenn"); a
// verb between two names is no office.
func TestSubjectAfterOffice(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Former Ohio governor Walter Brenn praised the plan as \"a real step forward for the state.\"",
		[]wantQuote{{text: "a real step forward for the state.", speaker: "Walter Brenn"}})
	checkQuotes(t, a, "Roloson supports Democrat Jane Brenn in the race and calls the plan \"a real step forward for the state.\"",
		[]wantQuote{{text: "a real step forward for the state.", speaker: "Roloson"}})
}

// A participle after a comma takes the subject of the clause before it;
// a clause that opens with its verb ("praised Brenn for ...") has none
// there, so the sentence's subject speaks.
func TestParticipleAfterObject(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The campaign moves on. Former Ohio governor Ed Randel (D), a Brenn supporter, praised Brenn for what he has accomplished, calling it \"an incredible feat\" in a hard year.",
		[]wantQuote{{text: "an incredible feat", speaker: "Ed Randel"}})
}

// A prepositional opener ("Across Asia,", "Outside the arena,", "Despite
// assurances,") is no speaker.
func TestPrepositionalOpeners(t *testing.T) {
	a := New(defaultRegistry(t))
	qs := a.AnalyzeDoc("doc", "Despite assurances from the capital, the talks stalled again and observers called the mood \"very tense and uncertain for everyone.\"").Quotes
	for _, q := range qs {
		if q.Speaker == "Despite assurances" || q.Speaker == "Despite" {
			t.Fatalf("opener as speaker: %+v", q)
		}
	}
}

// A clause after "as"/"and" with its own subject keeps its cue: "Brenn
// said as the heckler yelled: “Q”" is the heckler's.
func TestOwnClauseAfterAs(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"Apparently there's a young man who's having some problems,\" Brenn said as the heckler yelled: \"You are wrong!\"",
		[]wantQuote{
			{text: "Apparently there's a young man who's having some problems,", speaker: "Brenn", rule: "quote-x-said"},
			{text: "You are wrong!", speaker: "the heckler"},
		})
}

// A dateline with an abbreviated state and a single hyphen ("JACKSON,
// Miss. - ...") is no subject.
func TestDatelineAbbreviatedState(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "JACKSON, Miss. - U.S. District Judge Carl W. Reeves late Thursday issued an injunction blocking a bill that allowed officials professing a \"sincere religious belief\" to deny services.",
		[]wantQuote{{text: "sincere religious belief", speaker: "Carl W. Reeves"}})
}

// The thing named is not the namer, even a phrase before the cue ("shared
// a syllabus for a class called “Q”"); "in a statement" says where, not
// who (invented sentences).
func TestThingsAndPlacesOfSaying(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Later on Sunday, Brenn shared a syllabus for a 2002 psychology class called \"Perception\" on his page.",
		[]wantQuote{{text: "Perception", speaker: "Brenn"}})
	checkQuotes(t, a, "Dora Deans, the chairwoman of the party, is supporting Brenn and in a statement credited him for \"an exciting and inspiring campaign.\"",
		[]wantQuote{{text: "an exciting and inspiring campaign.", speaker: "Dora Deans"}})
}

// ", to which X interjected: “Q”": the relative clause's own subject.
func TestToWhichClause(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "She said that experts had determined her proposals were effective and strong, to which Brenn interjected: \"It's just not true.\" He said more was needed.",
		[]wantQuote{{text: "It's just not true.", speaker: "Brenn"}})
}

// A cue word used as a noun ("earlier remarks") has no subject: the
// object before it is no antecedent candidate (invented sentences).
func TestNounCueNoSubject(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Walter Brenn would fall off the ballot in three states.\n\nBrenn went after Jane Roe at the debate refusing to recant earlier remarks, when he called the businesswoman \"unhinged.\"",
		[]wantQuote{{text: "unhinged.", speaker: "Walter Brenn"}})
}

// "“Q,” Roe started.": a verb that says someone spoke only right after a
// quotation.
func TestClosingCue(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "He may not follow through with the plan. \"The paper is claiming today that you would change your mind,\" Hannah Roe started.",
		[]wantQuote{{text: "The paper is claiming today that you would change your mind,", speaker: "Hannah Roe", rule: "quote-x-said"}})
}

// "“Q1,” Ebeling said, and her husband cut in. “Q2”": the last clause's
// speaker.
func TestLastClauseCue(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"Tell her I promised you a picture,\" Betsy Ebeling said, and her husband cut in. \"Don't forget Betsy's husband Tom.\"",
		[]wantQuote{
			{text: "Tell her I promised you a picture,", speaker: "Betsy Ebeling", rule: "quote-x-said"},
			{text: "Don't forget Betsy's husband Tom.", speaker: "her husband", rule: "previous-sentence-cue"},
		})
}

// “Q.” followed by "X said" and a clause of its own is a new report: the
// quotation continues the one before.
func TestCueWithOwnContent(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"What he has done is the worst I've ever seen,\" the Senate minority leader said. \"It shows a lack of character in my opinion.\" Brenn said both rivals are \"non-entities in the Senate.\"",
		[]wantQuote{
			{text: "What he has done is the worst I've ever seen,", speaker: "the Senate minority leader", rule: "quote-x-said"},
			{text: "It shows a lack of character in my opinion.", speaker: "the Senate minority leader", rule: "continuation"},
			{text: "non-entities in the Senate.", speaker: "Brenn"},
		})
}

// A description in apposition with its relative clause stands for the
// name before it; "Roe, a top aide said, ..." is the aide's.
func TestAppositiveName(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Brannard, a South Carolina native who writes fiction on the side (his book includes a story on a contest \"where the loser becomes the main course\"), is a strategist.",
		[]wantQuote{{text: "where the loser becomes the main course", speaker: "Brannard"}})
	checkQuotes(t, a, "Roe, a top aide said, \"is very confident in the contrast\" between them.",
		[]wantQuote{{text: "is very confident in the contrast", speaker: "a top aide"}})
}

// Negative contractions and "yet" stand between a subject and its cue
// ("she hadn’t yet called for ...").
func TestNegativeContractionAux(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Erin Brockman, the lawyer, endorsed the senator’s approach Saturday, saying she hadn’t yet called for the resignation because she believed “we need to focus all of our energy on the city.”",
		[]wantQuote{{text: "we need to focus all of our energy on the city.", speaker: "Erin Brockman"}})
}

// "in many Asian states": a cue word used as a noun is no cue.
func TestNounAfterAdjective(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The influence has provoked mixed feelings in many Asian states, and it has used \"velvet gloves\" in its dealings with the region, said Nadia Kassen, an expert at the university.",
		[]wantQuote{{text: "velvet gloves", speaker: "Nadia Kassen", rule: "quote-then-cue"}})
}

// A capitalised compound adjective ends a name ("Axel’s Chicago-based
// firm"); it may open a description before one ("said Florida-based
// strategist Al Cardo").
func TestHyphenAdjectiveInNames(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"They will lose the state,\" said Florida-based Republican strategist Al Cardo.",
		[]wantQuote{{text: "They will lose the state,", speaker: "Al Cardo", rule: "quote-said-x"}})
	qs := a.AnalyzeDoc("doc", "Ready-made solutions are \"not what we need\" at all.").Quotes
	for _, q := range qs {
		if q.Speaker == "Ready-made" {
			t.Fatalf("adjective as speaker: %+v", q)
		}
	}
}

// "went on about “Q”" is a cue.
func TestWentOnAbout(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Kevin was drifting off again, and as Walter Brenn went on about \"how the system is rigged\" and \"wounded American families\" in the speech, Mel nodded.",
		[]wantQuote{
			{text: "how the system is rigged", speaker: "Walter Brenn"},
			{text: "wounded American families", speaker: "Walter Brenn"},
		})
}

// A sentence whose subject is "it": the agent after "by" before the
// quotation (invented sentences).
func TestAgentByForIt(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "And on Friday, it was a report by the Gazette that he \"fabricated\" the story of an offer.",
		[]wantQuote{{text: "fabricated", speaker: "the Gazette", rule: "sentence-subject"}})
	checkQuotes(t, a, "It would come to be derisively known by some Republicans as a \"hug\" after that day.",
		[]wantQuote{{text: "hug", speaker: "some Republicans", rule: "sentence-subject"}})
}

// "“Q,” came shouts from the crowd": the inverted "came ... from X".
func TestCameFrom(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The chairman called for a voice vote and declared the request denied.\n\n\"Call the roll,\" came shouts from the crowd, as the crowd booed.",
		[]wantQuote{{text: "Call the roll,", speaker: "the crowd", rule: "quote-said-x"}})
}

// "denounce" is a verb of saying; a year before a cue is no speaker.
func TestDenounceAndYear(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "It is strange that Brenn would denounce \"self-deportation,\" which is mild compared to his own plans.",
		[]wantQuote{{text: "self-deportation,", speaker: "Brenn"}})
	checkQuotes(t, a, "The Supreme Council in its resolution of December 24, 1989 officially denounced the protocols as \"an act of personal power\" at the time.",
		[]wantQuote{{text: "an act of personal power", speaker: "Supreme Council"}})
}

// "At a conference in Aspen, Colo., the graduate ...": the state after
// the city is part of the opening adverbial.
func TestStateAbbreviationInOpener(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "At a conference that month in Aspen, Colo., the Stanford graduate ended her speech by quoting da Vinci in Italian: \"Ogni impedimento è distrutto dal rigore.\"",
		[]wantQuote{{text: "Ogni impedimento è distrutto dal rigore.", speaker: "the Stanford graduate"}})
}
