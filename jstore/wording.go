package jstore

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// jaList renders numbers as a Japanese list, each with its unit: 1年・2年・3年.
func jaList(ns []int, unit string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n) + unit
	}
	return strings.Join(parts, "・")
}

// enList renders numbers as an English list: 1, 2 or 3.
func enList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// jaDateTime renders an instant in loc the Japanese way: 2027年12月31日 23時59分（JST）.
func jaDateTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%d年%d月%d日 %d時%02d分（%s）", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Format("MST"))
}
