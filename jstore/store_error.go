package jstore

import (
	"errors"
	"fmt"

	"github.com/jstore-sdk/sdk/message"
)

// ErrStoreUnavailable: the database could not be reached, or lost the connection, and the
// store's own retries did not get through. Nothing of the transaction was written unless the
// *StoreError says the outcome is unknown.
var ErrStoreUnavailable = errors.New("jstore: the store is unavailable")

// StoreError says a Store could not run a transaction on its database. It unwraps to
// ErrStoreUnavailable and the driver's error; the driver's text is for logs, never for a
// customer (Message words it).
type StoreError struct {
	Attempts int // transactions started, each on a fresh connection
	// OutcomeUnknown: the connection was lost while committing, so the database may have
	// committed; the caller reads the records again before it repeats the work.
	OutcomeUnknown bool
	Err            error
}

func (e *StoreError) Error() string {
	if e.OutcomeUnknown {
		return fmt.Sprintf("jstore: the store lost its connection while committing; the outcome is unknown: %v", e.Err)
	}
	return fmt.Sprintf("jstore: the store is unavailable after %d attempts: %v", e.Attempts, e.Err)
}

// Message words the failure in lang.
func (e *StoreError) Message(lang message.Lang) string {
	if e.OutcomeUnknown {
		return storeTexts["outcome_unknown"].Template(lang)
	}
	return storeTexts["unavailable"].Template(lang)
}

func (e *StoreError) Unwrap() []error { return []error{ErrStoreUnavailable, e.Err} }

var storeTexts = map[string]message.Text{
	"unavailable":     {JA: "データベースに接続できません。しばらくしてからもう一度お試しください。", EN: "the database is unavailable; try again later"},
	"outcome_unknown": {JA: "保存の途中でデータベースとの接続が切れました。保存されたかどうかを画面を読み込み直して確かめてください。", EN: "the connection to the database was lost while saving; reload to see whether it was saved"},
}
