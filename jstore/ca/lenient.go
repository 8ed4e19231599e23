package ca

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
)

// The API's times are documented as ISO date-times, but answers in the field carry a time
// without a zone, a date alone, an empty string for "none", or null; its vetting progress is
// documented as an integer and sometimes sent as a string ("45", "45%", ""). One such field
// must not make the whole answer unreadable: when decoding fails on one, those fields are
// normalised (no zone: UTC; a date: its midnight UTC; an empty string: absent; a progress
// string: its number) and the answer decoded again. The well-formed answer, the common case,
// is decoded once.

// timeKeys are the answer fields that hold times.
var timeKeys = map[string]bool{
	"completedAt": true, "createdAt": true, "dateEntered": true, "modifiedAt": true, "revokedAt": true,
	"validEnd": true, "validEndAt": true, "validStart": true, "validStartAt": true,
}

// numberKeys are the answer fields that hold integers.
var numberKeys = map[string]bool{"progress": true}

// lenientLayouts are tried in order on a time that is not RFC 3339.
var lenientLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02"}

// unmarshalLenient decodes body into out, retrying once with its times normalised when a
// time is what failed.
func unmarshalLenient(body []byte, out any) error {
	err := json.Unmarshal(body, out)
	var pe *time.ParseError
	var te *json.UnmarshalTypeError
	if err == nil || !errors.As(err, &pe) && !(errors.As(err, &te) && numberKeys[te.Field[strings.LastIndexByte(te.Field, '.')+1:]]) {
		return err
	}
	fixed, ok := relaxTimes(body)
	if !ok {
		return err
	}
	return json.Unmarshal(fixed, out)
}

// relaxTimes rewrites the time fields of a JSON document; false when nothing changed.
func relaxTimes(body []byte) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // keep every number exactly as sent
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	if !relax(v) {
		return nil, false
	}
	out, err := json.Marshal(v)
	return out, err == nil
}

func relax(v any) bool {
	changed := false
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			s, isString := val.(string)
			switch {
			case numberKeys[k] && isString:
				if n, ok := lenientNumber(s); ok {
					x[k] = n
					changed = true
				} else if s == "" {
					delete(x, k)
					changed = true
				}
				continue
			case !timeKeys[k]:
				changed = relax(val) || changed
				continue
			case !isString:
				continue
			}
			switch t, ok := lenientTime(s); {
			case ok && t.IsZero():
				delete(x, k)
				changed = true
			case ok:
				x[k] = t.Format(time.RFC3339Nano)
				changed = true
			}
		}
	case []any:
		for _, val := range x {
			changed = relax(val) || changed
		}
	}
	return changed
}

// lenientTime reads a time the strict decoder refused; "" is the zero time.
func lenientTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return time.Time{}, false // well-formed already: not what failed
	}
	for _, layout := range lenientLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// lenientNumber reads an integer sent as a string, with spaces or a percent sign around it.
func lenientNumber(s string) (json.Number, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if _, err := strconv.ParseInt(s, 10, 64); err != nil {
		return "", false
	}
	return json.Number(s), true
}
