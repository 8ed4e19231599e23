package jstore

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// CallbackHandler serves the CA's callbacks (mount it where WithCallbackURL points). A callback
// says only that something happened to an order, and anyone can send one, so the body is not
// trusted: the handler makes the named application due and re-reads its order from the CA in
// the background (at most four at a time, 30 s each; beyond that the next Sync does). It
// answers at once with 204, whether or not the reference names an ordered application, and
// changes nothing for a forged or unknown one.
func (s *Service) CallbackHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 64<<10))
		if account, id, ok := parseCallbackRef(r.URL.Query().Get("ref")); ok {
			ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
			due := s.makeDue(ctx, account, id)
			cancel()
			if due != "" {
				s.syncSoon(account, due)
			}
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// syncSoon reads one application's order from the CA in the background, when a slot is free.
func (s *Service) syncSoon(account AccountID, id ApplicationID) {
	select {
	case s.ful.callbackSlots <- struct{}{}:
	default:
		return // busy: the next Sync reads it
	}
	go func() {
		defer func() { <-s.ful.callbackSlots }()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if app, err := s.GetApplication(ctx, account, id); err == nil {
			s.syncOne(ctx, app, &SyncReport{})
		}
	}()
}

// callbackURL is the configured callback address with the application's reference added.
func (s *Service) callbackURL(app Application) string {
	if s.ful.callbackURL == "" {
		return ""
	}
	u, _ := url.Parse(s.ful.callbackURL) // checked by WithCallbackURL
	q := u.Query()
	q.Set("ref", string(app.Account)+"/"+string(app.ID))
	u.RawQuery = q.Encode()
	return u.String()
}

func parseCallbackRef(ref string) (AccountID, ApplicationID, bool) {
	account, id, ok := strings.Cut(ref, "/")
	if !ok || account == "" || id == "" || len(ref) > 200 {
		return "", "", false
	}
	return AccountID(account), ApplicationID(id), true
}

// makeDue brings an ordered, placed application's next check forward to now, and returns its
// ID ("" when none is with the CA). The CA keeps calling the address the new order gave it, so a
// callback about an issued application is about its certificate's renewal or reissue, if one
// is with the CA.
func (s *Service) makeDue(ctx context.Context, account AccountID, id ApplicationID) ApplicationID {
	var due ApplicationID
	_ = s.store.Update(ctx, func(tx Tx) error {
		due = ""
		app, err := tx.GetApplication(ctx, account, id)
		if err != nil {
			return err
		}
		targets := []ApplicationID{id}
		if app.Status == StatusIssued && app.Certificate != "" {
			c, err := tx.GetCertificate(ctx, account, app.Certificate)
			if err != nil {
				return err
			}
			targets = []ApplicationID{c.OpenReissue, c.LockedBy}
		}
		for _, t := range targets {
			if t == "" {
				continue
			}
			ok, err := s.makeDueTx(ctx, tx, account, t)
			if err != nil {
				return err
			}
			if ok {
				due = t
			}
		}
		return nil
	})
	return due
}

// makeDueTx makes one application due, if it is ordered and placed; ok says it is.
func (s *Service) makeDueTx(ctx context.Context, tx Tx, account AccountID, id ApplicationID) (bool, error) {
	app, err := tx.GetApplication(ctx, account, id)
	if err != nil || app.Status != StatusOrdered {
		return false, err
	}
	now := s.now().UTC()
	if app.CAOrderID == "" {
		// The CA calls back about the order it just created, often before its ID is saved:
		// nothing to read yet, but the callbacks work.
		if !app.CallbackAt.IsZero() {
			return false, nil
		}
		app.CallbackAt = now
		return false, tx.UpdateApplication(ctx, &app)
	}
	if !app.NextCheck.After(now) && !app.CallbackAt.IsZero() {
		return true, nil
	}
	if app.NextCheck.After(now) {
		app.NextCheck = now
	}
	if app.CallbackAt.IsZero() {
		app.CallbackAt = now
	}
	return true, tx.UpdateApplication(ctx, &app)
}
