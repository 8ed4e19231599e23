package ca_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore/ca"
)

// TestLooseTimesDecode: a time without a zone, a date alone, an empty string or null decode
// (to UTC, or the zero time) instead of failing the whole answer; the other fields, numbers
// included, come through unchanged; a time that is no time at all still fails.
func TestLooseTimesDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, createdAt string
		want            time.Time
		fails           bool
	}{
		{"RFC 3339", `"2026-11-20T01:02:03+09:00"`, time.Date(2026, 11, 19, 16, 2, 3, 0, time.UTC), false},
		{"no zone", `"2026-11-20T01:02:03"`, time.Date(2026, 11, 20, 1, 2, 3, 0, time.UTC), false},
		{"no zone, fractions", `"2026-11-20T01:02:03.250"`, time.Date(2026, 11, 20, 1, 2, 3, 250e6, time.UTC), false},
		{"a space for T", `"2026-11-20 01:02:03"`, time.Date(2026, 11, 20, 1, 2, 3, 0, time.UTC), false},
		{"a date alone", `"2026-11-20"`, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), false},
		{"empty", `""`, time.Time{}, false},
		{"null", `null`, time.Time{}, false},
		{"not a time", `"yesterday"`, time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := `{"certificateId":"x","status":"ISSUED","period":2,"createdAt":` + tc.createdAt +
				`,"validEnd":"2027-06-01","serialNumber":"12345678901234567890123","subjectAlternativeNames":[{"subjectAlternativeName":"a.example.jp","status":"COMPLETED"}]}`
			c, _ := mockClient(t, func(*http.Request) (*http.Response, error) { return httpmock.NewStringResponse(200, body), nil })
			got, err := c.Certificates.Get(t.Context(), "x")
			if tc.fails {
				assert.ErrorIs(t, err, ca.ErrBadResponse)
				return
			}
			require.NoError(t, err)
			assert.True(t, tc.want.Equal(got.CreatedAt), "%s", got.CreatedAt)
			assert.Equal(t, time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC), got.ValidEnd)
			assert.Equal(t, "12345678901234567890123", got.SerialNumber)
			assert.Equal(t, 2, got.Period)
			assert.Equal(t, "a.example.jp", got.SubjectAlternativeNames[0].Name)
		})
	}
}
