package index

// SpeakerKeys lists up to limit speaker keys (what speaker: matches: actor
// ids, lower-cased names and their last words) that start with prefix, in
// order.
func (ix *Index) SpeakerKeys(prefix string, limit int) (keys []string, err error) {
	defer ix.guard(&err)
	fd, err := ix.dictPrefix(fSpeakers, prefix)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	for len(keys) < limit {
		de, err := fd.Next()
		if err != nil {
			return nil, err
		}
		if de == nil {
			break
		}
		keys = append(keys, de.Term)
	}
	return keys, nil
}

// HasSpeaker tells whether some statement's speaker has this key.
func (ix *Index) HasSpeaker(key string) bool { return ix.hasTerm(fSpeakers, key) }
