package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

// A panel on one machine keeps its records in a SQLite file; OpenPostgres takes a connection
// string instead. Opening migrates the schema; reopening finds it current.
func ExampleOpenSQLite() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "jstore-example-")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "panel.db")

	st, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		panic(err)
	}
	err = st.Update(ctx, func(tx jstore.Tx) error {
		a := jstore.Account{ID: "acc_1", LoginID: "Taro", PasswordHash: "…", CreatedAt: time.Now()}
		return tx.CreateAccount(ctx, &a)
	})
	fmt.Println("created:", err == nil)
	st.Close()

	st, err = sqlstore.OpenSQLite(ctx, path) // the records survive the process
	if err != nil {
		panic(err)
	}
	defer st.Close()
	_ = st.View(ctx, func(tx jstore.Tx) error {
		a, err := tx.GetAccountByLogin(ctx, "taro")
		fmt.Println(a.LoginID, err)
		return err
	})
	n, _ := jstore.QuoteNumberer{Store: st}.Next(ctx, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	fmt.Println("first quote of the day:", n)
	// Output:
	// created: true
	// Taro <nil>
	// first quote of the day: 1
}
