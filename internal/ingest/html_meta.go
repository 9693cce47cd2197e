package ingest

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
