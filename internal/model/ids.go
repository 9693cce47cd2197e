package model

import (
	"fmt"
	"strconv"
	"strings"
)

// QuoteID is the stable ID of a quote: document ID plus code-point offsets,
// "DOCID:START-END".
func QuoteID(docID string, start, end int) string {
	return fmt.Sprintf("%s:%d-%d", docID, start, end)
}

// ParseQuoteID splits a quote ID made by QuoteID.
func ParseQuoteID(id string) (docID string, start, end int, err error) {
	i := strings.LastIndexByte(id, ':')
	if i <= 0 {
		return "", 0, 0, fmt.Errorf("quote id %q: want DOCID:START-END", id)
	}
	docID = id[:i]
	s, e, ok := strings.Cut(id[i+1:], "-")
	if !ok {
		return "", 0, 0, fmt.Errorf("quote id %q: want DOCID:START-END", id)
	}
	if start, err = strconv.Atoi(s); err != nil || start < 0 {
		return "", 0, 0, fmt.Errorf("quote id %q: bad start offset", id)
	}
	if end, err = strconv.Atoi(e); err != nil || end < start {
		return "", 0, 0, fmt.Errorf("quote id %q: bad end offset", id)
	}
	return docID, start, end, nil
}
