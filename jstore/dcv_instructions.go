package jstore

import (
	"context"
	"strings"
)

// DomainControl is what the customer does to prove control of an ordered application's names,
// by the method chosen at step 2 (申請情報入力2).
type DomainControl struct {
	Method  DCVMethod
	Domains []DomainStep
	// Emails are the e-mails the CA sent about the order, newest first (DCVEmail); one can be
	// sent again with ResendApproverEmail.
	Emails []CAEmail
}

// DomainStep is one name's instruction and state.
type DomainStep struct {
	Domain    string
	Validated bool
	// DCVDNS: publish a TXT record named TXTName holding TXTValue.
	TXTName, TXTValue string
	// DCVFile: serve FileContent at FileURL (http, port 80).
	FileURL, FileContent string
	// DCVEmail: the approver address the CA writes to.
	Approver string
}

// DomainControl returns the instructions for an ordered application whose CA order is placed:
// the TXT record's name and value, the file's URL and content, or the approver address with the
// CA's e-mails. The unique ID comes from the CA.
func (s *Service) DomainControl(ctx context.Context, account AccountID, id ApplicationID) (DomainControl, error) {
	return s.domainControl(interactive(ctx, 0), account, id) // a person is waiting: ahead of background work
}

// domainControl is DomainControl in the lane of ctx: Sync's publishing asks in the background.
func (s *Service) domainControl(ctx context.Context, account AccountID, id ApplicationID) (DomainControl, error) {
	app, err := s.placedApplication(ctx, account, id)
	if err != nil {
		return DomainControl{}, err
	}
	domains, err := s.ful.ca.DomainVerifications(ctx, app.CAOrderID)
	if err != nil {
		return DomainControl{}, err
	}
	dc := DomainControl{Method: app.DCV}
	for _, d := range domains {
		step := DomainStep{Domain: d.Domain, Validated: d.Validated}
		base := strings.TrimPrefix(d.Domain, "*.")
		switch app.DCV {
		case DCVDNS:
			step.TXTName, step.TXTValue = base, d.Token
		case DCVFile:
			step.FileURL, step.FileContent = "http://"+base+validationPath(app.Root), d.Token
		case DCVEmail:
			step.Approver = app.ApproverEmail
		}
		dc.Domains = append(dc.Domains, step)
	}
	if app.DCV == DCVEmail {
		if dc.Emails, err = s.ful.ca.ApproverEmails(ctx, app.CAOrderID); err != nil {
			return DomainControl{}, err
		}
	}
	return dc, nil
}

// validationPath is where the CA reads the unique ID for the file method: the root brand's
// file name under /.well-known/pki-validation/.
func validationPath(root RootOption) string {
	if root == RootGoDaddy {
		return "/.well-known/pki-validation/godaddy.html"
	}
	return "/.well-known/pki-validation/starfield.html"
}

// ResendApproverEmail asks the CA to send one of the order's e-mails again.
func (s *Service) ResendApproverEmail(ctx context.Context, account AccountID, id ApplicationID, emailID int64) error {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	app, err := s.placedApplication(ctx, account, id)
	if err != nil {
		return err
	}
	return s.ful.ca.ResendEmail(ctx, app.CAOrderID, emailID)
}

// RequestValidation asks the CA to check the TXT records or files now (after the customer has
// published them; CheckDomainControl tells whether they can be found), and makes the
// application due for the next Sync.
func (s *Service) RequestValidation(ctx context.Context, account AccountID, id ApplicationID) error {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	app, err := s.placedApplication(ctx, account, id)
	if err != nil {
		return err
	}
	if err := s.ful.ca.VerifyDomainControl(ctx, app.CAOrderID); err != nil {
		return err
	}
	s.makeDue(ctx, account, id)
	return nil
}

// placedApplication returns the account's ordered application once its CA order is placed.
func (s *Service) placedApplication(ctx context.Context, account AccountID, id ApplicationID) (Application, error) {
	if s.ful.ca == nil {
		return Application{}, errNoCA
	}
	app, err := s.GetApplication(ctx, account, id)
	if err != nil {
		return Application{}, err
	}
	if app.Status != StatusOrdered || app.CAOrderID == "" {
		return Application{}, stateErr(string(id), "not_awaiting_dcv", arg("status", named(string(app.Status))))
	}
	return app, nil
}

// ChangeDomainControl fixes a placed order before its validation: another DCV method, or
// another approver address (the CA sends its e-mails there too). The rules of step 2 apply
// again (the e-mail method's sunset, no file method for a wildcard, approver addresses); the
// root is part of the order and cannot change here (a reissue changes it once issued).
func (s *Service) ChangeDomainControl(ctx context.Context, account AccountID, id ApplicationID, st Step2) (Application, error) {
	ctx = interactive(ctx, 0) // a person is waiting: ahead of background work
	app, err := s.placedApplication(ctx, account, id)
	if err != nil {
		return Application{}, err
	}
	if st.Root == "" {
		st.Root = app.Root
	}
	if st.Root != app.Root {
		return Application{}, stateErr(string(id), "root_fixed")
	}
	if err := checkStep2(st, app.names(), s.now()); err != nil {
		return Application{}, err
	}
	approver := strings.ToLower(st.ApproverEmail)
	if st.DCV == DCVEmail && approver != app.ApproverEmail {
		if err := s.ful.ca.AddApproverAddress(ctx, app.CAOrderID, approver); err != nil {
			return Application{}, err
		}
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		cur, err := tx.GetApplication(ctx, account, id)
		if err != nil {
			return err
		}
		if cur.Status != StatusOrdered {
			return stateErr(string(id), "application_status", arg("status", named(string(cur.Status))))
		}
		cur.DCV, cur.ApproverEmail, cur.UpdatedAt = st.DCV, approver, s.now().UTC()
		if err := tx.UpdateApplication(ctx, &cur); err != nil {
			return err
		}
		app = cur
		return s.event(ctx, tx, Event{Account: account, Type: EventStep2Registered, Application: id,
			Detail: map[string]string{"dcv": string(st.DCV), "after_order": "true"}})
	})
	if err != nil {
		return Application{}, err
	}
	return app, nil
}
