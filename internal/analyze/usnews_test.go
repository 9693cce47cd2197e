package analyze

import "testing"

// Attribution patterns of US news copy (sentences written for these tests).
func TestUSNewsAttribution(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name string
		body string
		want []wantQuote
	}{
		{"descriptor before the name after said",
			"“The plan will not work,” said Republican political consultant Chris Russell. “It never did.”",
			[]wantQuote{{"The plan will not work,", "Chris Russell", "quote-said-x", ""}, {"It never did.", "Chris Russell", "", ""}}},
		{"party adjective and lower-case descriptor",
			"“Taxes are too high,” said undecided Republican voter Stephanie Hooton.",
			[]wantQuote{{"Taxes are too high,", "Stephanie Hooton", "quote-said-x", ""}}},
		{"an aide of a named person speaks",
			"“Taxes are too high,” said Smith spokesman John Doe.",
			[]wantQuote{{"Taxes are too high,", "John Doe", "quote-said-x", ""}}},
		{"long office before the name",
			"“We have to fix the roads first.” New York City Public Advocate Trish James said.",
			[]wantQuote{{"We have to fix the roads first.", "Public Advocate Trish James", "quote-x-said", ""}}},
		{"conjunction and adverb before the subject",
			"And then Trump went fully on the attack, saying, “The mayor has failed this city.”",
			[]wantQuote{{"The mayor has failed this city.", "Donald Trump", "x-said-quote", ""}}},
		{"interjected adverbial and a city with its state",
			"Clinton, during a town hall meeting in Columbus, Ohio, said she was “going to put a lot of people to work.”",
			[]wantQuote{{"going to put a lot of people to work.", "Clinton", "x-said-quote", ""}}},
		{"a participle keeps the clause's subject",
			"Jane Roe spoke on Tuesday about the flood in Tulsa, Oklahoma, arguing that the delay was “intolerable.”",
			[]wantQuote{{"intolerable.", "Jane Roe", "", ""}}},
		{"signed by the next paragraph",
			"“Workers are worried about the future.”\n\n- Jane Roe.\n\n“Great speech. She is ready.”\n\n—Senator John Doe, after the speech.",
			[]wantQuote{{"Workers are worried about the future.", "Jane Roe", "quote-dash-x", ""}, {"Great speech. She is ready.", "John Doe", "quote-dash-x", ""}}},
		{"a name after a dash before a colon",
			"VOTERS ARE WORRIED - Michael P. Smith: “At long last the contests have started.” [Example.]",
			[]wantQuote{{"At long last the contests have started.", "Michael P. Smith", "x-colon-quote", ""}}},
		{"no signature: a dash opening a sentence of its own",
			"“Workers are worried.”\n\n- The markets fell on Monday and rose again.",
			[]wantQuote{{"Workers are worried.", "", "", ""}}},
		{"pointed out",
			"But as The Daily Sun pointed out, “Still, the governor has declined to release the returns.”",
			[]wantQuote{{"Still, the governor has declined to release the returns.", "Daily Sun", "x-said-quote", ""}}},
		{"pointed to is no cue",
			"The mayor pointed to the budget. The council called it “a mess.”",
			[]wantQuote{{"a mess.", "The council", "x-said-quote", ""}}},
		{"went on to say",
			"The letter went on to say, “Today we need more help.”",
			[]wantQuote{{"Today we need more help.", "The letter", "x-said-quote", ""}}},
		{"inverted cue before the quotation",
			"Because of how the schedule was built, explained Rosenberg, “with this over by March nobody will care.”",
			[]wantQuote{{"with this over by March nobody will care.", "Rosenberg", "said-x-quote", ""}}},
		{"second quotation after a name ending in an abbreviation",
			"“It is too early to tell,” said Sen. Jane Roe, R-S.C. “I get that. But if he goes on he will lose.”",
			[]wantQuote{{"It is too early to tell,", "Jane Roe", "quote-said-x", ""}, {"I get that. But if he goes on he will lose.", "Jane Roe", "", ""}}},
		{"a particle opening the name",
			"After the meeting, de Blasio said, “I have not heard that particular concern.”",
			[]wantQuote{{"I have not heard that particular concern.", "de Blasio", "x-said-quote", ""}}},
		{"a name after an outlet's possessive",
			"As The Daily Sun's Dana Milbank puts it, “Senate Republicans are unmoved.”",
			[]wantQuote{{"Senate Republicans are unmoved.", "Dana Milbank", "x-said-quote", ""}}},
		{"inverted cue after an opening phrase",
			"In other words, explained CBS moderator Nancy Roe: “What does that have to do with the donations?”",
			[]wantQuote{{"What does that have to do with the donations?", "Nancy Roe", "said-x-quote", ""}}},
		{"an object after told is no inverted subject",
			"Trump, however, told Smith, “We will win.”",
			[]wantQuote{{"We will win.", "Donald Trump", "x-said-quote", ""}}},
		{"inverted cue closing the sentence after the quotation",
			"Smith spoke first.\n\n“This will be a challenge” for the mayor, said Kunin.",
			[]wantQuote{{"This will be a challenge", "Kunin", "quote-then-cue", ""}}},
		{"cue verbs with their particle",
			"“You know, it happens, right?” Trump went on, as if he did not hear her.\n\n“They are all here for the free stuff,” Bennett shot back with a laugh.",
			[]wantQuote{{"You know, it happens, right?", "Donald Trump", "quote-x-said", ""}, {"They are all here for the free stuff,", "Bennett", "quote-x-said", ""}}},
		{"went on to say: the cue is say",
			"Smith went on to say that the deal was “a disaster.”",
			[]wantQuote{{"a disaster.", "Smith", "x-cue-in-sentence", ""}}},
		{"admitted (a doubled consonant)",
			"“It was a mistake,” Smith admitted on Sunday.",
			[]wantQuote{{"It was a mistake,", "Smith", "quote-x-said", ""}}},
		{"time words between the subject and the cue",
			"The town released a statement Wednesday saying the comments “are based on opinion, not facts.”\n\nPriebus later Thursday told Fox News: “Both men are meeting next week.”\n\nSanders during a Sunday rally thanked its members “for their support.”",
			[]wantQuote{{"are based on opinion, not facts.", "The town", "x-said-quote", ""}, {"Both men are meeting next week.", "Priebus", "x-said-quote", ""}, {"for their support.", "Sanders", "x-said-quote", ""}}},
		{"a dateline is no subject",
			"WASHINGTON (AP) — Jane Roe has taken a swipe at her rival, saying that “bombastic comments” do harm.\n\nSpringfield (AFP) – John Doe praised the “courage” of the officers.",
			[]wantQuote{{"bombastic comments", "Jane Roe", "x-said-quote", ""}, {"courage", "John Doe", "", ""}}},
		{"offering and talked about",
			"The committee released a statement, offering “a deep and sincere apology” to the senator.\n\nThe candidate talked about continuing the “progress we made.”",
			[]wantQuote{{"a deep and sincere apology", "The committee", "", ""}, {"progress we made.", "The candidate", "", ""}}},
		{"a crowd chanting",
			"The mayor spoke near the hotel, where about 50 protesters had gathered on Wednesday morning, chanting \"no contract, no peace\" after the talks failed.\n\nThe city was in the thoughts of celebrants, with many marchers and spectators chanting \"We are here\" in the street.",
			[]wantQuote{{"no contract, no peace", "about 50 protesters", "x-said-quote", ""}, {"We are here", "many marchers and spectators", "x-said-quote", ""}}},
		{"an adverb before the cue is no subject",
			"Jane Roe used to support the governor, but now said the mayor had “the chance to bring us together.”\n\nThe employee deleted the archive and in a later interview said he had an \"Oh, no\" moment.",
			[]wantQuote{{"the chance to bring us together.", "Jane Roe", "x-said-quote", ""}, {"Oh, no", "The employee", "x-said-quote", ""}}},
		{"inverted cue between commas",
			"The paradox of Nancy, says Carl Anthony, a historian at the library, is that she was “one of the most powerful first ladies.”",
			[]wantQuote{{"one of the most powerful first ladies.", "Carl Anthony", "said-x-quote", ""}}},
		{"a cue that opens the next quotation",
			"Roe answered Smith with, “Why now? That was on my way to Paris?” Smith then writes back, “You look fine.”",
			[]wantQuote{{"Why now? That was on my way to Paris?", "Roe", "", ""}, {"You look fine.", "Smith", "x-said-quote", ""}}},
		{"a plural number before a base-form cue",
			"“You seem to have picked a new standard,” the two write.",
			[]wantQuote{{"You seem to have picked a new standard,", "the two", "quote-x-said", ""}}},
		{"a participle after the quotation is no attribution",
			"Jane Roe marched on Monday, chanting \"No more war,\" raising fresh questions about the party.",
			[]wantQuote{{"No more war,", "Jane Roe", "", ""}}},
		{"a phrase quoted in another's sentence before a cue that opens the next quotation",
			"After Roe said that some students might do better at \"less advanced schools,\" Smith said: \"I don't like what he said.\"",
			[]wantQuote{{"less advanced schools,", "Roe", "", ""}, {"I don't like what he said.", "Smith", "", ""}}},
		{"a name between commas after an adverbial phrase",
			"After winning Ohio in the primary, Gov. John Doe (R-OH), said, “I am getting ready to rent a covered wagon.”",
			[]wantQuote{{"I am getting ready to rent a covered wagon.", "John Doe", "x-said-quote", ""}}},
		{"a clause with its own subject after and / after",
			"The Journal notes that Coulter tweeted that Trump should deport Haley, and Trump later called Haley “very weak on immigration.”\n\nAxelrod tweeted after Clinton argued for the second time that “if everyone had voted as he voted, we would be lost.”",
			[]wantQuote{{"very weak on immigration.", "Donald Trump", "", ""}, {"if everyone had voted as he voted, we would be lost.", "Clinton", "", ""}}},
		{"a dateline with a date, and an organisation keeps its name",
			"PHILADELPHIA, July 25 (UPI) — The Democratic National Committee released a statement on Monday, offering “a deep and sincere apology” to the senator.",
			[]wantQuote{{"a deep and sincere apology", "Democratic National Committee", "x-said-quote", ""}}},
		{"a past participle opening the sentence",
			"Preceded at the lectern by John Doe, the county sheriff, Trump launched into a lament for the \"countless Americans\" hurt by crime.",
			[]wantQuote{{"countless Americans", "Donald Trump", "", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

// A one-word name for a thing after "the" and a proper noun is a scare
// quote even when a cue verb opens the sentence; after the cue's object it
// is what was said.
func TestNicknameAfterProperNoun(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The minister stressed the role of the Berlin “quartet”.", nil)
	checkQuotes(t, a, "The minister stressed the role of the Baltic states in the group of “eight” nations at the meeting.", []wantQuote{{"eight", "The minister", "", "fragment"}})
	checkQuotes(t, a, "Senator Smith called the KKK “abhorrent” on Sunday.", []wantQuote{{"abhorrent", "Smith", "", "fragment"}})
}

// A newsletter's headline with its byline is no quotation; a quotation
// followed by a passive "by" is.
func TestHeadlineByline(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "NOW OPEN—\"Pop-up art show strives to win over the neighbours,\" by The Daily Sun's Jane Roe: http://example.com/1.", nil)
	checkQuotes(t, a, "—\"Musical to play Chicago in a long run,\" by Variety's John Doe.", nil)
	checkQuotes(t, a, "The bill was labeled as a \"witch hunt\" by Democrats on Tuesday, Smith said.", []wantQuote{{"witch hunt", "Smith", "", "fragment"}})
}

func TestLastResortAttribution(t *testing.T) {
	a := New(defaultRegistry(t))
	// What something is called stays a quotation, with the person the
	// sentence names before it when no rule attributes it.
	checkQuotes(t, a, "The bill prompted his rival Donald Trump to make a remark that painted the young men as “super predators.”",
		[]wantQuote{{"super predators.", "Donald Trump", "sentence-person", "fragment"}})
	// A short phrase with no attribution and no "as" or "called" is a scare quote.
	checkQuotes(t, a, "The new law brought a “revolution” to the farms.", nil)
	// An epithet belongs to the name; "Everyone" is no speaker.
	checkQuotes(t, a, "Peter the Great offered a definition of culture: “We must achieve glory through the arts.”\n\nEveryone remembered his words: “My boys mean more to me.”",
		[]wantQuote{{"We must achieve glory through the arts.", "Peter the Great", "", ""}, {"My boys mean more to me.", "", "", ""}})
}

// A short quoted term that is the subject of its sentence is mentioned,
// not said.
func TestQuotedSubject(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The agency classified the files. \"Top secret\" is the highest level of classification.", nil)
	checkQuotes(t, a, "\"Containment\" has been the policy since the war, the senator said.", nil)
	checkQuotes(t, a, "\"Containment,\" the senator said, \"is not a strategy.\"",
		[]wantQuote{{"Containment,", "the senator", "quote-x-said", ""}, {"is not a strategy.", "the senator", "", ""}})
}

// A show's name after "with" is no quotation.
func TestShowAfterWith(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "“We know they arranged it,” Smith said in an interview with “Fox News Sunday.”",
		[]wantQuote{{"We know they arranged it,", "Smith", "quote-x-said", ""}})
}

// A full name right before a colon introduces the sentence quoted after it.
func TestNameBeforeColon(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The timing of the surge does not surprise pollster Daron Roe: “Lesser-known candidates often see the biggest boost.”",
		[]wantQuote{{"Lesser-known candidates often see the biggest boost.", "Daron Roe", "x-colon-quote", ""}})
	checkQuotes(t, a, "He listed the items on the menu at Cafe Roma: “Soup, bread and wine.”",
		[]wantQuote{{"Soup, bread and wine.", "", "", ""}})
}
