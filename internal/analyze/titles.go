package analyze

import (
	"strings"
	"unicode"
)

// workTitle: the title of a book, film or show with a subtitle, three to
// sixteen words with every content word capitalised (“Crippled America: How
// to Make America Great Again”, “13 Hours: The Secret Soldiers of
// Benghazi”): the name of a work, not words said. A title without a
// subtitle stays a statement unless notAQuote's short title-case rules drop
// it: PolNeAR gives a memo's title (“titled “The Facts on Where the Race
// Stands.””) to the memo's author.
func (x *attributor) workTitle(qi, ti int) bool {
	d := x.d
	sg := d.segs[qi]
	rs := d.text[sg.start:sg.end]
	if n := fieldCount(rs, 17); n < 3 || n > 16 {
		return false
	}
	if last := rs[len(rs)-1]; last == '!' || last == '?' {
		return false
	}
	colon := false
	words := strings.Fields(string(rs))
	for i, w := range words {
		if strings.HasSuffix(w, ":") && i > 0 && i < len(words)-1 {
			colon = true
		}
		w = strings.Trim(w, ".,;:!?'’\"()")
		if w == "" {
			continue
		}
		if i > 0 && titleSmallWords[strings.ToLower(w)] {
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return colon
}

// titleSmallWords are written in lower case inside titles.
var titleSmallWords = set(`of the and a an on in to for with at by from as or nor but vs via into over`)

// lawTitle: the title of a law, bill or decree, which in Russian and
// Ukrainian usage opens with "On" (the federal constitutional laws “On the
// National Flag of the Russian Federation”, the bill "On Amendments to the
// Tax Code"): the name of an act, not words said.
func (x *attributor) lawTitle(qi, ti int) bool {
	d := x.d
	rs := d.text[d.segs[qi].start:d.segs[qi].end]
	if len(rs) < 4 || rs[0] != 'O' || rs[1] != 'n' || rs[2] != ' ' {
		return false
	}
	for k := ti - 1; k >= 0 && k >= ti-8 && d.toks[k].sent == d.toks[ti].sent; k-- {
		if d.toks[k].kind == tWord && lawNouns[d.word(k)] {
			return true
		}
	}
	return false
}

var lawNouns = set("law laws bill bills decree decrees resolution resolutions act acts code draft")
