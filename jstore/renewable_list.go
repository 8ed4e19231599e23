package jstore

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ListRenewable lists the account's certificates whose renewal window is open now (証明書申請
// 更新), the soonest subscription end first, a page at a time. It reads the store's index of
// subscription ends (RenewableLister) when the store has one, so its cost follows the page,
// not the certificates held; otherwise it reads every certificate.
func (s *Service) ListRenewable(ctx context.Context, account AccountID, opts ListOptions) (Page[Certificate], error) {
	limit, err := opts.EffectiveLimit()
	if err != nil {
		return Page[Certificate]{}, err
	}
	afterEnd, afterID, err := renewableCursor(opts.Cursor)
	if err != nil {
		return Page[Certificate]{}, err
	}
	from, to := s.renewableRange(s.now())
	var page Page[Certificate]
	err = s.store.View(ctx, func(tx Tx) error {
		if _, err := tx.GetAccount(ctx, account); err != nil {
			return err
		}
		var items []Certificate
		if rl, ok := tx.(RenewableLister); ok {
			items, err = rl.ListRenewable(ctx, account, from, to, afterEnd, afterID, limit+1)
		} else {
			items, err = scanRenewable(ctx, tx, account, from, to, afterEnd, afterID, limit+1)
		}
		if err != nil {
			return err
		}
		if len(items) > limit {
			items = items[:limit]
			last := items[limit-1]
			page.Next = strconv.FormatInt(last.SubscriptionEnd.UnixNano(), 10) + "." + string(last.ID)
		}
		page.Items = items
		return nil
	})
	return page, err
}

// scanRenewable is ListRenewable for a store without the index: every certificate read.
func scanRenewable(ctx context.Context, tx Tx, account AccountID, from, to, afterEnd time.Time, afterID CertificateID, limit int) ([]Certificate, error) {
	var all []Certificate
	opts := ListOptions{Limit: MaxPageLimit}
	for {
		page, err := tx.ListCertificates(ctx, account, opts)
		if err != nil {
			return nil, err
		}
		for _, c := range page.Items {
			end := c.SubscriptionEnd
			after := afterID == "" || end.After(afterEnd) || end.Equal(afterEnd) && c.ID > afterID
			if c.Renewable() && !end.Before(from) && end.Before(to) && after {
				all = append(all, c)
			}
		}
		if page.Next == "" {
			break
		}
		opts.Cursor = page.Next
	}
	slices.SortFunc(all, func(a, b Certificate) int {
		return cmp.Or(a.SubscriptionEnd.Compare(b.SubscriptionEnd), cmp.Compare(a.ID, b.ID))
	})
	return all[:min(len(all), limit)], nil
}

// renewableCursor reads a ListRenewable cursor: the last item's subscription end, in Unix
// nanoseconds, a dot, and its ID.
func renewableCursor(c string) (time.Time, CertificateID, error) {
	if c == "" {
		return time.Time{}, "", nil
	}
	ns, id, ok := strings.Cut(c, ".")
	n, err := strconv.ParseInt(ns, 10, 64)
	if !ok || err != nil || id == "" {
		return time.Time{}, "", invalid("page_cursor", "cursor")
	}
	return time.Unix(0, n).UTC(), CertificateID(id), nil
}
