package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
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
