package csr

import (
	"github.com/jstore-sdk/sdk/message"

	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Names that cannot deceive. IDNA's lookup mapping quietly drops invisible characters and folds
// full-width and compatibility forms, so ｅｘａｍｐｌｅ.jp or exa\u200bmple.jp would become
// example.jp: a customer would order a name other than the one they saw. Such names are refused
// here before any mapping, and a label mixing scripts (Cyrillic а among Latin letters) is
// refused in the spirit of UTS #39's highly restrictive level. A label in one script, or in the
// Japanese, Chinese or Korean mixes with Latin that the level allows, is a valid IDN.

// deception says why name, as typed or as decoded from its A-labels, could show one name and
// stand for another, or returns "".
func deception(name string) (Code, message.Value) {
	for _, r := range name {
		switch {
		case invisible(r):
			return CodeCNInvisible, message.Char(r)
		case compatibilityForm(r):
			return CodeCNFullwidth, message.Char(r)
		}
	}
	for label := range strings.SplitSeq(name, ".") {
		if mixedScripts(label) {
			return CodeCNMixedScript, message.Quoted(label)
		}
	}
	return "", nil
}

// invisible reports characters that show as nothing or as white space: format characters
// (Unicode Cf: U+200B, U+202E…), variation selectors, other default-ignorable code points
// (U+3164 Hangul filler…) and spaces other than the ASCII one, which the name syntax refuses.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || r > 0x7f && unicode.IsSpace(r)
}

// invisibleInText reports the invisible characters of free text such as an organisation name:
// those of invisible except the spaces, since a Japanese name may hold U+3000 (ideographic
// space) where the eye sees a space too.
func invisibleInText(r rune) bool { return invisible(r) && !unicode.IsSpace(r) }

// compatibilityForm reports full-width and half-width forms (ｅ, ｶ) and any other character
// that NFKC would replace (ﬁ, ①, ℌ): IDNA maps them to other characters without a word.
func compatibilityForm(r rune) bool {
	if r < 0x80 {
		return false
	}
	if k := width.LookupRune(r).Kind(); k == width.EastAsianFullwidth || k == width.EastAsianHalfwidth {
		return true
	}
	// U+3002 (。) is the ideographic full stop that IDNA reads as a dot, as a Japanese keyboard
	// types it; it changes no label.
	return r != 0x3002 && !norm.NFKC.IsNormalString(string(r))
}

// Script sets a single label may mix (UTS #39 highly restrictive): Japanese, Chinese and Korean
// writing with Latin letters.
var allowedMixes = [][]string{
	{"Latin", "Han", "Hiragana", "Katakana"},
	{"Latin", "Han", "Bopomofo"},
	{"Latin", "Han", "Hangul"},
}

// mixedScripts reports a label whose letters come from scripts no allowed mix holds together.
// Digits, the hyphen and marks shared between scripts (Common, Inherited: ー, ゛) belong to
// every script.
func mixedScripts(label string) bool {
	var scripts []string
	for _, r := range label {
		if r < 0x80 && r != 0 {
			if unicode.IsLetter(r) && !slices.Contains(scripts, "Latin") {
				scripts = append(scripts, "Latin")
			}
			continue
		}
		s := scriptOf(r)
		if s != "" && s != "Common" && s != "Inherited" && !slices.Contains(scripts, s) {
			scripts = append(scripts, s)
		}
	}
	if len(scripts) < 2 {
		return false
	}
	for _, mix := range allowedMixes {
		if allIn(scripts, mix) {
			return false
		}
	}
	return true
}

func scriptOf(r rune) string {
	for name, table := range unicode.Scripts {
		if unicode.Is(table, r) {
			return name
		}
	}
	return ""
}

func allIn(have, allowed []string) bool {
	for _, s := range have {
		if !slices.Contains(allowed, s) {
			return false
		}
	}
	return true
}

// unicodeForm returns name with its A-labels decoded, for the deception checks, or false when
// an xn-- label does not decode.
func unicodeForm(name string) (string, bool) {
	if !strings.Contains(name, "xn--") && !strings.Contains(name, "XN--") {
		return name, true
	}
	u, err := aLabels.ToUnicode(name)
	return u, err == nil
}
