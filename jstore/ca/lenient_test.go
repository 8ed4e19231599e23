package ca_test

import (
	"net/http"
	"strings"
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

// TestLooseProgressDecodes: vetting progress sent as a string ("45", " 45 %", "") decodes as
// its number, or as none; in the v1 order, the v2 detail and beside a loose time alike. A
// string that holds no number still fails.
func TestLooseProgressDecodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, progress string
		want           int
		fails          bool
	}{
		{"a number", `45`, 45, false},
		{"a string", `"45"`, 45, false},
		{"a percentage", `" 45 %"`, 45, false},
		{"empty", `""`, 0, false},
		{"null", `null`, 0, false},
		{"words", `"almost"`, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v1 := `{"certificateId":"x","status":"PENDING_ISSUANCE","period":1,"createdAt":"2026-11-20","progress":` + tc.progress + `}`
			v2 := `{"certificateId":"x","commonName":"a.example.jp","period":1,"type":"DV_SSL","status":"PENDING_ISSUANCE","createdAt":"2026-11-20T00:00:00Z","progress":` + tc.progress + `}`
			c, _ := mockClient(t, func(r *http.Request) (*http.Response, error) {
				if strings.HasPrefix(r.URL.Path, "/v2/") {
					return httpmock.NewStringResponse(200, v2), nil
				}
				return httpmock.NewStringResponse(200, v1), nil
			})
			got, err := c.Certificates.Get(t.Context(), "x")
			detail, derr := c.Customers.Get(t.Context(), "c", "x")
			if tc.fails {
				assert.ErrorIs(t, err, ca.ErrBadResponse)
				assert.ErrorIs(t, derr, ca.ErrBadResponse)
				return
			}
			require.NoError(t, err)
			require.NoError(t, derr)
			assert.Equal(t, tc.want, got.Progress)
			assert.Equal(t, tc.want, detail.Progress)
			assert.Equal(t, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), got.CreatedAt, "the loose time beside it decodes too")
		})
	}
}
