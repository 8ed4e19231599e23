package memstore

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// TestEndIndexMatchesASortedList drives the blocked index and a plain sorted list with the
// same random adds and removes, many equal keys and block splits among them, and compares
// every count and the first entries.
func TestEndIndexMatchesASortedList(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	var x endIndex[jstore.CertificateID]
	type entry struct {
		at time.Time
		id jstore.CertificateID
	}
	var ref []entry
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for step := range 20000 {
		if len(ref) > 0 && rng.IntN(3) == 0 {
			i := rng.IntN(len(ref))
			x.remove(ref[i].at, ref[i].id)
			ref = slices.Delete(ref, i, i+1)
		} else {
			e := entry{t0.Add(time.Duration(rng.IntN(400)) * time.Hour), jstore.CertificateID(string(rune('a'+step%26)) + time.Duration(step).String())}
			x.add(e.at, e.id)
			ref = append(ref, e)
		}
		if step%97 != 0 {
			continue
		}
		from := t0.Add(time.Duration(rng.IntN(420)-10) * time.Hour)
		to := from.Add(time.Duration(rng.IntN(200)) * time.Hour)
		want := 0
		for _, e := range ref {
			if !e.at.Before(from) && e.at.Before(to) {
				want++
			}
		}
		require.Equal(t, want, x.count(from, to), "step %d", step)
		firstN := x.first(5, from)
		require.LessOrEqual(t, len(firstN), 5)
		n := 0
		for _, e := range ref {
			if !e.at.After(from) {
				n++
			}
		}
		require.Equal(t, min(n, 5), len(firstN), "step %d", step)
	}
	for _, e := range ref {
		x.remove(e.at, e.id)
	}
	require.Zero(t, x.count(time.Time{}, t0.AddDate(10, 0, 0)), "empty again")
}
