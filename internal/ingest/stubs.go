package ingest

import (
	"bufio"
	"errors"
)

func (d *doc) readJSON(br *bufio.Reader) error {
	d.fr.add(0, errors.New("JSON reader not implemented yet"))
	return nil
}
func (d *doc) readCSV(br *bufio.Reader) error {
	d.fr.add(0, errors.New("CSV reader not implemented yet"))
	return nil
}
func (d *doc) readText(br *bufio.Reader, md bool) error {
	d.fr.add(0, errors.New("text reader not implemented yet"))
	return nil
}
func (d *doc) readHTML(br *bufio.Reader) error {
	d.fr.add(0, errors.New("HTML reader not implemented yet"))
	return nil
}
