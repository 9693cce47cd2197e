package ingest

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// voidOrOptional are elements that never nest (void) or close implicitly
// (optional end tags); the depth scan ignores them.
var voidOrOptional = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Param: true, atom.Keygen: true,
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true,
	atom.Optgroup: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Colgroup: true, atom.Caption: true,
	atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Rtc: true,
	atom.Html: true, atom.Head: true, atom.Body: true,
}

// htmlShape estimates the element nesting depth and counts the elements of
// a page in linear time, with the tokenizer.
func htmlShape(b []byte) (maxDepth, elements int) {
	z := html.NewTokenizer(bytes.NewReader(b))
	depth, max := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return max, elements
		case html.SelfClosingTagToken:
			elements++
		case html.StartTagToken:
			elements++
			name, _ := z.TagName()
			if !voidOrOptional[atom.Lookup(name)] {
				depth++
				if depth > max {
					max = depth
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !voidOrOptional[atom.Lookup(name)] && depth > 0 {
				depth--
			}
		}
	}
}

// skipText are elements whose text is never article text.
var skipText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Nav: true, atom.Footer: true, atom.Header: true,
	atom.Aside: true, atom.Form: true, atom.Head: true, atom.Iframe: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Math: true,
}

// blockBreak are elements that end a paragraph.
var blockBreak = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Section: true,
	atom.Article: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Hr: true,
	atom.Dd: true, atom.Dt: true, atom.Figcaption: true, atom.Main: true,
}

// flatHTMLText extracts title and text with the tokenizer alone (linear
// time, no tree): used for pages too deeply nested to parse.
func flatHTMLText(b []byte) (title, body string) {
	z := html.NewTokenizer(bytes.NewReader(b))
	var sb strings.Builder
	skip := 0
	var skipAtom atom.Atom
	inTitle := false
	var tb strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapseSpace(tb.String()), paragraphs(sb.String())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Title {
				inTitle = tt == html.StartTagToken
			}
			if skip > 0 {
				if a == skipAtom && tt == html.StartTagToken {
					skip++
				}
				continue
			}
			if skipText[a] && tt == html.StartTagToken {
				skip, skipAtom = 1, a
				continue
			}
			if blockBreak[a] {
				sb.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Title {
				inTitle = false
			}
			if skip > 0 {
				if a == skipAtom {
					skip--
				}
				continue
			}
			if blockBreak[a] {
				sb.WriteByte('\n')
			}
		case html.TextToken:
			if inTitle {
				tb.Write(z.Text())
				continue
			}
			if skip == 0 {
				sb.Write(z.Text())
			}
		}
	}
}
