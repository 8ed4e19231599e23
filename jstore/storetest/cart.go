package storetest

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

// testCartIndex: ListOpenApplications gives exactly the account's InCart applications, in
// creation order, page by page, through creations, status changes and deletions; another
// account's items never appear.
func testCartIndex(t *testing.T, s jstore.Store) {
	rng := rand.New(rand.NewPCG(3, 4))
	a, b := newAccount(t, s), newAccount(t, s)
	statuses := []jstore.ApplicationStatus{jstore.StatusProductSelected, jstore.StatusInfoRegistered, jstore.StatusOrdered, jstore.StatusIssued}
	kinds := []jstore.ApplicationKind{jstore.AppNew, jstore.AppRenewal, jstore.AppReissue}
	var apps []jstore.Application
	for range 60 {
		acct := a.ID
		if rng.IntN(3) == 0 {
			acct = b.ID
		}
		app := newApp(t, s, acct, statuses[rng.IntN(len(statuses))])
		app.Kind = kinds[rng.IntN(len(kinds))]
		update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &app) })
		apps = append(apps, app)
	}
	check := func(msg string) {
		for _, acct := range []jstore.AccountID{a.ID, b.ID} {
			var want, got []jstore.ApplicationID
			for _, app := range apps {
				if app.Account == acct && app.InCart() {
					want = append(want, app.ID)
				}
			}
			view(t, s, func(ctx context.Context, tx jstore.Tx) error {
				opts := jstore.ListOptions{Limit: 2}
				for {
					page, err := tx.ListOpenApplications(ctx, acct, opts)
					require.NoError(t, err)
					for _, app := range page.Items {
						got = append(got, app.ID)
					}
					if page.Next == "" {
						break
					}
					opts.Cursor = page.Next
				}
				n, err := tx.CountOpenApplications(ctx, acct)
				require.NoError(t, err)
				assert.Equal(t, len(want), n, "%s: the counter agrees", msg)
				return nil
			})
			assert.Equal(t, want, got, "%s: account %s", msg, acct)
		}
	}
	check("after creation")
	for i := range apps {
		switch rng.IntN(3) {
		case 0:
			apps[i].Status = statuses[rng.IntN(len(statuses))]
			update(t, s, func(ctx context.Context, tx jstore.Tx) error { return tx.UpdateApplication(ctx, &apps[i]) })
		case 1:
			update(t, s, func(ctx context.Context, tx jstore.Tx) error {
				return tx.DeleteApplication(ctx, apps[i].Account, apps[i].ID, apps[i].Version)
			})
			apps[i].Status = "" // gone: never in the cart
		}
	}
	check("after changes and deletions")
}
