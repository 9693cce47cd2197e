package qlang

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// DateForms lists the accepted date filters, for error messages.
const DateForms = `date:2022, date:2022-03, date:2022-03-04, date:>2022-01-01, date:>=2022-01-01, date:<2023, date:<=2023-06 (quotes optional)`

// The years the index can store (nanoseconds since 1970 in an int64).
const minYear, maxYear = 1700, 2200

var dateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$`)

// ParseDate reads a date filter's value: a year, month or day (the whole
// period), or one with a comparison (>, >=, <, <=) for an open range.
func ParseDate(val string) (model.DateRange, error) {
	orig, op := val, ""
	for _, o := range []string{">=", "<=", ">", "<", "="} {
		if strings.HasPrefix(val, o) {
			op, val = o, strings.TrimSpace(val[len(o):])
			break
		}
	}
	val = strings.Trim(val, `"`)
	from, to, err := period(val, orig)
	if err != nil {
		return model.DateRange{}, err
	}
	switch op {
	case ">": // after the whole period
		return model.DateRange{From: to, FromInclusive: true}, nil
	case ">=":
		return model.DateRange{From: from, FromInclusive: true}, nil
	case "<":
		return model.DateRange{To: from}, nil
	case "<=":
		return model.DateRange{To: to}, nil
	}
	return model.DateRange{From: from, To: to, FromInclusive: true}, nil
}

// period is [from, to) of a year, month or day.
func period(val, orig string) (from, to time.Time, err error) {
	bad := func(why string) error {
		return &model.QueryError{Msg: fmt.Sprintf("date:%s %s: use %s", orig, why, DateForms)}
	}
	m := dateRE.FindStringSubmatch(val)
	if m == nil {
		return from, to, bad("is not a date")
	}
	y, _ := strconv.Atoi(m[1])
	if y < minYear || y > maxYear {
		return from, to, bad(fmt.Sprintf("is out of range (years %d to %d)", minYear, maxYear))
	}
	switch {
	case m[2] == "":
		from = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(1, 0, 0), nil
	}
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return from, to, bad("has no month " + m[2])
	}
	if m[3] == "" {
		from = time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, 0), nil
	}
	d, _ := strconv.Atoi(m[3])
	from = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || from.Month() != time.Month(mo) {
		return from, to, bad("is not a day of the calendar")
	}
	return from, from.AddDate(0, 0, 1), nil
}

var partialDateRE = regexp.MustCompile(`^(>=|<=|>|<|=)?"?\d{0,4}(-\d{0,2}(-\d{0,1})?)?"?$`)

// incompleteDate tells a date still being typed ("2022-0") from a wrong
// one ("2022-13", "x").
func incompleteDate(val string) bool {
	if !partialDateRE.MatchString(val) {
		return false
	}
	v := strings.Trim(strings.TrimLeft(val, "<>="), `"`)
	if parts := strings.Split(v, "-"); len(parts) >= 2 && len(parts[1]) == 2 {
		if mo, _ := strconv.Atoi(parts[1]); mo < 1 || mo > 12 {
			return false
		}
	}
	return true
}
