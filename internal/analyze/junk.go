package analyze

import (
	"strings"
	"unicode"
)

// A speaker is a person, a group or a role. These checks keep words that
// only look like names ("State", "Let", "Ladies", "I'm") from becoming
// speakers; the quotation keeps its attribution rule with no speaker.

// groupNouns are plural nouns that name a group of speakers on their own
// ("experts said").
var groupNouns = set(`experts officials journalists reporters investors pensioners residents analysts critics protesters
	demonstrators people bureaucrats clergymen collaborators partners diplomats observers sources witnesses doctors
	lawyers activists workers voters citizens colleagues participants students teachers scientists economists
	politicians lawmakers legislators senators deputies ministers leaders authorities organisers organizers
	spokesmen representatives negotiators soldiers troops veterans farmers businessmen entrepreneurs supporters
	opponents members delegates volunteers parents children women men villagers locals americans russians ukrainians
	europeans germans britons police democrats republicans conservatives liberals prosecutors investigators researchers`)

// GroupNoun reports whether a one-word description names a group of
// people ("experts", "officials"), which may be a speaker.
func GroupNoun(w string) bool { return groupNouns[strings.ToLower(w)] }

// junkName: a one-word name that is no person, group or role: not in the
// registry, not the surname of a fuller name in the document, not a first
// name, not an acronym; or a contraction such as "I'm".
func (x *attributor) junkName(name string, actor int) bool {
	if actor >= 0 || name == "" {
		return false
	}
	for _, c := range []string{"'m", "’m", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d"} {
		if strings.HasSuffix(name, c) {
			return true
		}
	}
	if strings.ContainsRune(name, ' ') {
		return false
	}
	rs := []rune(name)
	upper := 0
	for _, r := range rs {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper >= 2 && upper == len(rs) || upper >= 2 && len(rs) <= 6 {
		return false // NATO, CNN, McCain
	}
	key := foldString(name)
	if maleNames[key] || femaleNames[key] {
		return false
	}
	if groupNouns[key] {
		return false
	}
	return commonCapitalised[key]
}

// commonCapitalised are words capitalised in titles and sentence starts that
// are never a speaker alone.
var commonCapitalised = set(`state let either killed ladies gentlemen paragraph justice such land including article section
	chapter clause item point part annex law act decree order text above below together overall concerning
	assurances afterwards allow among anyone calling caused everyone everybody someone somebody anybody nobody`)

// junkDesc: a one-word description that names no one: a determiner,
// pronoun or function word ("a", "yours", "such"), or an abstract noun
// in lower case ("security").
func junkDesc(w string) bool {
	k := strings.ToLower(w)
	if determiners[k] || functionWords[k] || possessives[k] || junkWords[k] || commonCapitalised[k] {
		return true
	}
	r := []rune(w)
	return unicode.IsLower(r[0]) && !strings.HasSuffix(k, "s") || unicode.IsDigit(r[0]) // "1989"
}

var junkWords = set("yours mine ours theirs hers such either neither security one someone everyone anyone nobody somebody everybody many few certain various worth like almost am answering ask completed issues others themselves")
