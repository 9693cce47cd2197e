package ingest

import (
	"strings"
	"unicode"

	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textOf is the collapsed text content of a node.
func textOf(n *html.Node) string {
	var sb strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			sb.WriteString(c.Data)
			sb.WriteByte(' ')
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return collapseSpace(sb.String())
}

// zeroWidth drops invisible characters that scraped pages scatter in text.
var zeroWidth = strings.NewReplacer("\u200b", "", "\ufeff", "", "\u2060", "", "\u00ad", "")

// paragraphs normalises extracted text: white space collapsed inside each
// line, empty lines dropped, paragraphs separated by one blank line.
func paragraphs(s string) string {
	s = zeroWidth.Replace(s)
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.FieldsFunc(line, unicode.IsSpace), " ")
		if line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n\n")
}

// hasToken reports whether the space-separated attribute value v holds tok
// (case-insensitive).
func hasToken(v, tok string) bool {
	for _, f := range strings.Fields(v) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// findFirst returns the first node under n (document order) for which ok
// holds, not descending into nodes for which skip holds.
func findFirst(n *html.Node, ok func(*html.Node) bool, skip func(*html.Node) bool) *html.Node {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode && ok(c) {
			return c
		}
		if skip != nil && c != n && skip(c) {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return nil
}

func isArticleBody(n *html.Node) bool {
	return hasToken(attr(n, "itemprop"), "articleBody") ||
		hasToken(attr(n, "class"), "e-content") || hasToken(attr(n, "class"), "entry-content")
}

func isSummary(n *html.Node) bool {
	if n.DataAtom == atom.Meta {
		return false
	}
	return hasToken(attr(n, "itemprop"), "description") ||
		hasToken(attr(n, "class"), "p-summary") || hasToken(attr(n, "class"), "entry-summary")
}

func isArticleScope(n *html.Node) bool {
	if n.DataAtom == atom.Article {
		return true
	}
	if hasAttr(n, "itemscope") && strings.Contains(strings.ToLower(attr(n, "itemtype")), "article") {
		return true
	}
	c := attr(n, "class")
	return hasToken(c, "h-entry") || hasToken(c, "hentry")
}

// structuredBody extracts the text of a page that marks up its article
// body: the article's summary (if not repeated in the body) and then the
// body, without boilerplate. It returns "" for other pages.
func structuredBody(root *html.Node) string {
	body := findFirst(root, isArticleBody, nil)
	if body == nil {
		return ""
	}
	scope := body.Parent
	for scope != nil && !(scope.Type == html.ElementNode && isArticleScope(scope)) {
		scope = scope.Parent
	}
	var lead string
	if scope != nil {
		if s := findFirst(scope, isSummary, func(n *html.Node) bool { return n == body }); s != nil {
			removeBoilerplate(s)
			lead = paragraphs(render.InnerText(s))
		}
	}
	removeBoilerplate(body)
	text := paragraphs(render.InnerText(body))
	if lead != "" && !strings.Contains(text, lead) {
		if text == "" {
			return lead
		}
		text = lead + "\n\n" + text
	}
	return text
}

// boilerplateTags never hold article text.
var boilerplateTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Nav: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Iframe: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Figure: true, atom.Object: true, atom.Embed: true,
	atom.Video: true, atom.Audio: true, atom.Canvas: true, atom.Map: true,
}

// boilerplateRoles are ARIA landmark roles outside the main text.
var boilerplateRoles = map[string]bool{
	"complementary": true, "navigation": true, "banner": true, "contentinfo": true,
	"search": true, "dialog": true, "alertdialog": true, "tablist": true, "menu": true,
	"menubar": true, "toolbar": true,
}

// boilerplateClass matches class-name words of page furniture: sharing
// buttons, related links, tags, captions, publication status blocks.
var boilerplateClass = map[string]bool{
	"share": true, "sharing": true, "social": true, "related": true, "tags": true,
	"taglist": true, "caption": true, "media": true, "status": true,
	"ignore": true, "advert": true, "ad": true, "ads": true, "promo": true,
	"subscribe": true, "newsletter": true, "comments": true, "cut": true,
	"breadcrumbs": true, "print": true, "sr-only": true,
}

func isBoilerplate(n *html.Node) bool {
	if boilerplateTags[n.DataAtom] {
		return true
	}
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
		return true
	}
	named := boilerplateRoles[strings.ToLower(attr(n, "role"))]
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		for _, w := range strings.FieldsFunc(c, func(r rune) bool { return r == '_' || r == '-' }) {
			if boilerplateClass[w] {
				named = true
			}
		}
	}
	// A role or class name alone is a hint: furniture is short or mostly
	// links, so a long text container that happens to be called
	// "article-media-body" stays.
	return named && looksLikeFurniture(n)
}

// furnitureMaxText is the most text (in bytes) a block named like page
// furniture may hold and still be removed when it is not mostly links.
const furnitureMaxText = 600

// looksLikeFurniture reports whether n holds little text or mostly link text.
func looksLikeFurniture(n *html.Node) bool {
	total, linked := 0, 0
	type item struct {
		n      *html.Node
		inLink bool
	}
	stack := []item{{n, false}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.n.Type == html.TextNode {
			l := len(strings.TrimSpace(it.n.Data))
			total += l
			if it.inLink {
				linked += l
			}
			continue
		}
		inLink := it.inLink || it.n.DataAtom == atom.A
		for k := it.n.FirstChild; k != nil; k = k.NextSibling {
			stack = append(stack, item{k, inLink})
		}
	}
	return total < furnitureMaxText || linked*2 > total
}

// removeBoilerplate deletes page furniture under n.
func removeBoilerplate(n *html.Node) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for k := c.FirstChild; k != nil; {
			next := k.NextSibling
			if k.Type == html.ElementNode && isBoilerplate(k) {
				c.RemoveChild(k)
			} else if k.Type == html.CommentNode {
				c.RemoveChild(k)
			} else {
				stack = append(stack, k)
			}
			k = next
		}
	}
}
