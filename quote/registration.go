package quote

import (
	"errors"
	"fmt"
)

// ErrRegistrationNumber: a qualified-invoice registration number (適格請求書発行事業者登録番号)
// is not "T" and 13 digits whose first is the check digit the National Tax Agency defines.
var ErrRegistrationNumber = errors.New("quote: not a qualified-invoice registration number")

// CheckRegistrationNumber checks a registration number: "T", then 13 digits whose first is
// the check digit of the other twelve, as the National Tax Agency computes it for corporate
// numbers (法人番号) — 9 minus the sum of the twelve digits, weighted 1 and 2 alternately from
// the last, modulo 9 — so that a mistyped digit is caught before it is printed on a document.
func CheckRegistrationNumber(s string) error {
	if len(s) != 14 || s[0] != 'T' {
		return fmt.Errorf("%w: want T and 13 digits", ErrRegistrationNumber)
	}
	sum := 0
	for i := 13; i >= 2; i-- { // the twelve digits after the check digit, from the last
		c := s[i]
		if c < '0' || c > '9' {
			return fmt.Errorf("%w: want T and 13 digits", ErrRegistrationNumber)
		}
		weight := 1
		if (13-i)%2 == 1 {
			weight = 2
		}
		sum += int(c-'0') * weight
	}
	if s[1] < '0' || s[1] > '9' || int(s[1]-'0') != 9-sum%9 {
		return fmt.Errorf("%w: the check digit does not match", ErrRegistrationNumber)
	}
	return nil
}
