package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/workbench-dev/workbench/internal/model"
)

// maxHTMLDepth is the deepest element nesting parsed into a tree. Deeper
// pages (hostile or broken) get a flat, linear-time text extraction instead:
// tree building and layout analysis are quadratic in the nesting depth.
const maxHTMLDepth = 512

// maxHTMLElements is the most elements given to layout analysis; news pages
// have a few thousand.
const maxHTMLElements = 100000

// readHTML reads an .html/.htm page: main text via readability, title from
// og:title or <title>, date from meta or <time datetime>, URL from og:url or
// the canonical link, source from the URL's host.
func (d *doc) readHTML(br *bufio.Reader) error {
	b, err := readAllLimited(br, d.max, "file")
	if err != nil {
		d.fr.add(0, err)
		return nil
	}
	b, line, err := htmlToUTF8(b)
	if err != nil {
		d.fr.add(line, err)
		return nil
	}
	a, note, err := extractHTML(b)
	if err != nil {
		d.fr.add(0, err)
		return nil
	}
	if note != nil {
		d.fr.note(0, note)
	}
	a.ID = d.in.rel
	a.Path = d.in.path
	if a.Source == "" {
		a.Source = d.in.source
	}
	if a.Date.IsZero() {
		a.Date = d.in.modTime
	}
	return d.em.send(a)
}

// htmlToUTF8 converts a page to UTF-8 following its BOM or <meta charset>.
// A page that declares nothing must be valid UTF-8.
func htmlToUTF8(b []byte) (out []byte, line int, err error) {
	enc, name, _ := charset.DetermineEncoding(b, "text/html")
	declared := bytes.HasPrefix(b, utf8BOM) || declaresCharset(b)
	if name == "utf-8" || !declared {
		if off := invalidUTF8(b); off >= 0 {
			line, err := utf8Err(b, off)
			return nil, line, err
		}
		return b, 0, nil
	}
	out, err = enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot decode %s text: %v", name, err)
	}
	return out, 0, nil
}

// declaresCharset reports whether the page's head names a charset.
func declaresCharset(b []byte) bool {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

// htmlMeta is what the page says about itself.
type htmlMeta struct {
	ogTitle, twTitle, docTitle, h1 string
	ogURL, canonical               string
	dates                          []string // candidates, best first
	timeDate                       string   // first <time datetime>
	pubTimeDate                    string   // <time> marked as published
}

// datePriority ranks meta names/properties that hold a publication date.
var datePriority = map[string]int{
	"article:published_time":    1,
	"og:article:published_time": 2,
	"og:published_time":         3,
	"datepublished":             4,
	"published_time":            5,
	"pubdate":                   6,
	"publishdate":               7,
	"publish-date":              7,
	"publication_date":          7,
	"date":                      8,
	"dc.date.issued":            9,
	"dc.date":                   10,
	"dcterms.date":              10,
	"dcterms.created":           11,
	"sailthru.date":             12,
	"parsely-pub-date":          12,
	"citation_publication_date": 12,
	"citation_date":             13,
	"og:updated_time":           20,
	"ya:ovs:upload_date":        21,
}

// extractHTML turns a UTF-8 page into an article (ID, Path, fallback source
// and date are the caller's).
func extractHTML(b []byte) (a model.Article, note, err error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return a, nil, errors.New("empty file")
	}
	if depth, elems := htmlShape(b); depth > maxHTMLDepth || elems > maxHTMLElements {
		a.Title, a.Body = flatHTMLText(b)
		if depth > maxHTMLDepth {
			note = fmt.Errorf("elements nested more than %d deep: text taken without layout analysis", maxHTMLDepth)
		} else {
			note = fmt.Errorf("more than %d elements: text taken without layout analysis", maxHTMLElements)
		}
		if a.Body == "" {
			return a, nil, errors.New("no text found in the page")
		}
		if a.Title == "" {
			a.Title = titleFromBody(a.Body)
		}
		return a, note, nil
	}
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return a, nil, fmt.Errorf("cannot parse HTML: %v", err)
	}
	m := pageMeta(root)

	a.URL = m.ogURL
	if a.URL == "" {
		a.URL = m.canonical
	}
	var pageURL *url.URL
	if a.URL != "" {
		if u, perr := url.Parse(a.URL); perr == nil && u.Host != "" {
			pageURL = u
			a.Source = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}

	// A page that marks up its article (schema.org articleBody, microformats
	// e-content) says where its text is; other pages go to readability.
	a.Body = structuredBody(root)
	var art readability.Article
	if a.Body == "" {
		art, a.Body = readable(root, pageURL)
	}
	a.Title = firstNonEmpty(m.ogTitle, m.twTitle, m.h1, art.Title(), m.docTitle)
	if a.Body == "" {
		return a, nil, errors.New("no article text found in the page")
	}
	if a.Title == "" {
		a.Title = titleFromBody(a.Body)
	}

	for _, ds := range append(m.dates, m.pubTimeDate, m.timeDate) {
		if ds == "" {
			continue
		}
		if t, derr := ParseDate(ds); derr == nil {
			a.Date = t
			break
		}
	}
	if a.Date.IsZero() {
		if t, terr := art.PublishedTime(); terr == nil {
			a.Date = t
		}
	}
	return a, nil, nil
}

// readable runs readability on the page. A panic inside the library is
// turned into "no text found" rather than taking the run down.
func readable(root *html.Node, pageURL *url.URL) (art readability.Article, body string) {
	defer func() {
		if r := recover(); r != nil {
			art, body = readability.Article{}, ""
		}
	}()
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(root, pageURL)
	if err != nil || art.Node == nil {
		return art, ""
	}
	return art, paragraphs(render.InnerText(art.Node))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = collapseSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// pageMeta collects title, URL and date candidates from the parsed page.
func pageMeta(root *html.Node) htmlMeta {
	var m htmlMeta
	type cand struct {
		prio int
		val  string
	}
	var dates []cand
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				content := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:title":
					if m.ogTitle == "" {
						m.ogTitle = content
					}
				case "twitter:title":
					if m.twTitle == "" {
						m.twTitle = content
					}
				case "og:url":
					if m.ogURL == "" && isAbsURL(content) {
						m.ogURL = content
					}
				default:
					if p, ok := datePriority[key]; ok && content != "" {
						dates = append(dates, cand{p, content})
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					if h := attr(n, "href"); isAbsURL(h) {
						m.canonical = h
					}
				}
			case atom.Title:
				if m.docTitle == "" {
					m.docTitle = textOf(n)
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = textOf(n)
				}
			case atom.Time:
				dt := strings.TrimSpace(attr(n, "datetime"))
				if dt == "" {
					break
				}
				if m.timeDate == "" {
					m.timeDate = dt
				}
				if m.pubTimeDate == "" && (strings.EqualFold(attr(n, "itemprop"), "datePublished") ||
					strings.Contains(strings.ToLower(attr(n, "class")), "publish") || hasAttr(n, "pubdate")) {
					m.pubTimeDate = dt
				}
			}
		}
		// Children in document order: push in reverse.
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	// Stable sort by priority, document order within one priority.
	for i := 1; i < len(dates); i++ {
		for j := i; j > 0 && dates[j].prio < dates[j-1].prio; j-- {
			dates[j], dates[j-1] = dates[j-1], dates[j]
		}
	}
	for _, c := range dates {
		m.dates = append(m.dates, c.val)
	}
	return m
}

func isAbsURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

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
