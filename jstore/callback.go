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
// trusted: the handler makes the named application due, and the next Sync reads the order from
// the CA. It answers at once with 204, whether or not the reference names an ordered
// application, and changes nothing for a forged or unknown one.
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
			defer cancel()
			s.makeDue(ctx, account, id)
		}
		w.WriteHeader(http.StatusNoContent)
	})
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

// makeDue brings an ordered, placed application's next check forward to now. The CA keeps
// calling the address the new order gave it, so a callback about an issued application is
// about its certificate's renewal or reissue, if one is with the CA.
func (s *Service) makeDue(ctx context.Context, account AccountID, id ApplicationID) {
	_ = s.store.Update(ctx, func(tx Tx) error {
		app, err := tx.GetApplication(ctx, account, id)
		if err != nil {
			return err
		}
		if app.Status == StatusIssued && app.Certificate != "" {
			c, err := tx.GetCertificate(ctx, account, app.Certificate)
			if err != nil {
				return err
			}
			for _, next := range []ApplicationID{c.OpenReissue, c.LockedBy} {
				if next == "" {
					continue
				}
				if err := s.makeDueTx(ctx, tx, account, next); err != nil {
					return err
				}
			}
			return nil
		}
		return s.makeDueTx(ctx, tx, account, id)
	})
}

func (s *Service) makeDueTx(ctx context.Context, tx Tx, account AccountID, id ApplicationID) error {
	app, err := tx.GetApplication(ctx, account, id)
	if err != nil || app.Status != StatusOrdered || app.CAOrderID == "" {
		return err
	}
	now := s.now().UTC()
	if !app.NextCheck.After(now) {
		return nil
	}
	app.NextCheck = now
	return tx.UpdateApplication(ctx, &app)
}
