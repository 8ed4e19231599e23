package sqlstore_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
	"github.com/jstore-sdk/sdk/jstore/sqlstore"
)

func account(id string) jstore.Account {
	return jstore.Account{ID: jstore.AccountID(id), LoginID: id, PasswordHash: "h"}
}

func accountExists(t *testing.T, st jstore.Store, id string) bool {
	err := st.View(context.Background(), func(tx jstore.Tx) error {
		_, err := tx.GetAccount(context.Background(), jstore.AccountID(id))
		return err
	})
	if errors.Is(err, jstore.ErrNotFound) {
		return false
	}
	require.NoError(t, err)
	return true
}

// TestCancelledMidTransactionRollsBack: a context cancelled after a transaction wrote leaves
// nothing, on both databases.
func TestCancelledMidTransactionRollsBack(t *testing.T) {
	stores := map[string]func(t *testing.T) jstore.Store{
		"sqlite":   func(t *testing.T) jstore.Store { return openSQLite(t) },
		"postgres": func(t *testing.T) jstore.Store { return openPostgres(t, postgresDSN(t)) },
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			ctx, cancel := context.WithCancel(t.Context())
			err := st.Update(ctx, func(tx jstore.Tx) error {
				a := account("cancelled")
				if err := tx.CreateAccount(ctx, &a); err != nil {
					return err
				}
				cancel()
				return nil
			})
			require.ErrorIs(t, err, context.Canceled)
			assert.False(t, accountExists(t, st, "cancelled"))
			require.NoError(t, st.Update(t.Context(), func(tx jstore.Tx) error {
				a := account("next")
				return tx.CreateAccount(t.Context(), &a)
			}), "the next call works")
		})
	}
}

// TestKilledConnectionLeavesNothing: PostgreSQL ends the connection in the middle of a
// transaction (pg_terminate_backend); nothing of that run is written, and the transaction runs
// again from the start on a fresh connection, writing each record once.
func TestKilledConnectionLeavesNothing(t *testing.T) {
	t.Parallel()
	st := openPostgres(t, postgresDSN(t))
	runs, err := runKilled(t, st, "half-written", "after-kill", false)
	require.NoError(t, err, "the transaction ran again on a fresh connection")
	assert.Equal(t, 2, runs)
	assert.True(t, accountExists(t, st, "half-written"))
	assert.True(t, accountExists(t, st, "after-kill"))
}

// TestSQLiteSurvivesAKilledWriter: a child process writes accounts one transaction at a time
// and prints each ID once committed; it is killed (SIGKILL) mid-stream. The file opens again
// with every account the child reported committed.
func TestSQLiteSurvivesAKilledWriter(t *testing.T) {
	if path := os.Getenv("JSTORE_SQLITE_WRITER"); path != "" {
		sqliteWriter(path) // the child
		return
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSQLiteSurvivesAKilledWriter$")
	cmd.Env = append(os.Environ(), "JSTORE_SQLITE_WRITER="+path)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	var committed []string
	sc := bufio.NewScanner(out)
	for sc.Scan() && len(committed) < 200 {
		if id, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
			committed = append(committed, id)
		}
	}
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	require.Len(t, committed, 200, "the child wrote before it was killed")

	st, err := sqlstore.OpenSQLite(t.Context(), path)
	require.NoError(t, err)
	defer st.Close()
	for _, id := range committed {
		assert.True(t, accountExists(t, st, id), "committed account %s survives", id)
	}
}

// sqliteWriter is the child of TestSQLiteSurvivesAKilledWriter: it writes until killed.
func sqliteWriter(path string) {
	st, err := sqlstore.OpenSQLite(context.Background(), path)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		id := fmt.Sprintf("acc%06d", i)
		err := st.Update(context.Background(), func(tx jstore.Tx) error {
			a := account(id)
			return tx.CreateAccount(context.Background(), &a)
		})
		if err != nil {
			fmt.Println("write:", err)
			os.Exit(1)
		}
		fmt.Println("committed", id)
	}
}
