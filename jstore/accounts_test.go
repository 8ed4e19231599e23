package jstore_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jstore-sdk/sdk/jstore"
)

func TestRegisterAndAuthenticate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	a, err := f.svc.Register(ctx, jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: customer})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(a.PasswordHash, "$argon2id$v=19$"), "stored as an argon2id PHC string")
	assert.NotContains(t, a.PasswordHash, "correct horse")

	got, err := f.svc.Authenticate(ctx, "taro", "correct horse 1")
	require.NoError(t, err)
	assert.Equal(t, a.ID, got.ID)
	for _, tc := range []struct{ login, password string }{
		{"taro", "wrong horse 1"}, {"nobody", "correct horse 1"}, {"taro", ""}, {"", ""},
		{"taro", strings.Repeat("x", 10000)}, {strings.Repeat("x", 10000), "p"},
	} {
		_, err := f.svc.Authenticate(ctx, tc.login, tc.password)
		assert.ErrorIs(t, err, jstore.ErrUnauthenticated, "%q", tc.login)
	}
	_, err = f.svc.Register(ctx, jstore.RegisterRequest{LoginID: "taro", Password: "another pass 2", Customer: customer})
	assert.ErrorIs(t, err, jstore.ErrExists)
}

func TestDefaultArgon2Cost(t *testing.T) {
	t.Parallel()
	svc, err := jstore.New(newFixture(t).store)
	require.NoError(t, err)
	a, err := svc.Register(t.Context(), jstore.RegisterRequest{LoginID: "cost", Password: "correct horse 1", Customer: customer})
	require.NoError(t, err)
	assert.Contains(t, a.PasswordHash, "$m=65536,t=3,p=4$")
	_, err = svc.Authenticate(t.Context(), "cost", "correct horse 1")
	assert.NoError(t, err)
}

func TestRegisterValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		name string
		req  jstore.RegisterRequest
		want []string
	}{
		{"short login", jstore.RegisterRequest{LoginID: "ab", Password: "correct horse 1", Customer: customer}, []string{"login_id_invalid"}},
		{"non-ASCII login", jstore.RegisterRequest{LoginID: "太郎さん", Password: "correct horse 1", Customer: customer}, []string{"login_id_invalid"}},
		{"short password", jstore.RegisterRequest{LoginID: "taro", Password: "abc123", Customer: customer}, []string{"password_length"}},
		{"letters only", jstore.RegisterRequest{LoginID: "taro", Password: "abcdefghijkl", Customer: customer}, []string{"password_weak"}},
		{"password is login", jstore.RegisterRequest{LoginID: "taro12345678", Password: "TARO12345678", Customer: customer}, []string{"password_is_login"}},
		{"control in password", jstore.RegisterRequest{LoginID: "taro", Password: "correct\x00horse1", Customer: customer}, []string{"password_charset"}},
		{"long password", jstore.RegisterRequest{LoginID: "taro", Password: strings.Repeat("a1", 65), Customer: customer}, []string{"password_length"}},
		{"empty customer", jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1"}, []string{"required", "required", "email_invalid", "required"}},
		{"unknown language", jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: func() jstore.CustomerInfo {
			c := customer
			c.Language = "fr"
			return c
		}()}, []string{"language_unknown"}},
		{"control in company", jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: func() jstore.CustomerInfo {
			c := customer
			c.Company = "Evil\x1bCorp"
			return c
		}()}, []string{"control_character"}},
		{"right-to-left override in company", jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: func() jstore.CustomerInfo {
			c := customer
			c.Company = "株式会社\u202eルプンサ"
			return c
		}()}, []string{"control_character"}},
		{"zero-width space in company", jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: func() jstore.CustomerInfo {
			c := customer
			c.Company = "株式会社\u200bサンプル"
			return c
		}()}, []string{"control_character"}},
		{"oversized address", jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: func() jstore.CustomerInfo {
			c := customer
			c.Address = strings.Repeat("あ", 200)
			return c
		}()}, []string{"too_long"}},
		{"bad e-mail", jstore.RegisterRequest{LoginID: "taro", Password: "correct horse 1", Customer: func() jstore.CustomerInfo {
			c := customer
			c.Email = "Taro <taro@example.jp>"
			return c
		}()}, []string{"email_invalid"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.Register(t.Context(), tc.req)
			assert.Equal(t, tc.want, problemCodes(t, err))
		})
	}
}

func TestChangeLoginIDAndPassword(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	id := f.account(t, "taro")
	f.account(t, "hanako")

	assert.ErrorIs(t, f.svc.ChangeLoginID(ctx, id, "wrong password 1", "taro2"), jstore.ErrUnauthenticated)
	assert.ErrorIs(t, f.svc.ChangeLoginID(ctx, id, "correct horse 1", "hanako"), jstore.ErrExists)
	assert.ErrorIs(t, f.svc.ChangeLoginID(ctx, id, "correct horse 1", "a b"), jstore.ErrInvalid)
	require.NoError(t, f.svc.ChangeLoginID(ctx, id, "correct horse 1", "taro2"))
	_, err := f.svc.Authenticate(ctx, "taro", "correct horse 1")
	assert.ErrorIs(t, err, jstore.ErrUnauthenticated, "the old login ID no longer works")
	_, err = f.svc.Authenticate(ctx, "taro2", "correct horse 1")
	require.NoError(t, err)

	assert.ErrorIs(t, f.svc.ChangePassword(ctx, id, "wrong password 1", "brand new pass 9"), jstore.ErrUnauthenticated)
	assert.ErrorIs(t, f.svc.ChangePassword(ctx, id, "correct horse 1", "short1"), jstore.ErrInvalid)
	require.NoError(t, f.svc.ChangePassword(ctx, id, "correct horse 1", "brand new pass 9"))
	_, err = f.svc.Authenticate(ctx, "taro2", "correct horse 1")
	assert.ErrorIs(t, err, jstore.ErrUnauthenticated)
	_, err = f.svc.Authenticate(ctx, "taro2", "brand new pass 9")
	require.NoError(t, err)
}

func TestUpdateCustomer(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	id := f.account(t, "taro")
	info := customer
	info.Department = "情報システム部"
	info.Email = "it@example.jp"
	require.NoError(t, f.svc.UpdateCustomer(ctx, id, info))
	a, err := f.svc.GetAccount(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, info, a.Customer)

	bad := info
	bad.Phone = ""
	assert.Equal(t, []string{"required"}, problemCodes(t, f.svc.UpdateCustomer(ctx, id, bad)))
	a2, err := f.svc.GetAccount(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, a, a2, "a refused update changes nothing")
}

func TestStaffSetsContract(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := t.Context()
	id := f.account(t, "taro")
	require.NoError(t, f.svc.Staff().SetContract(ctx, id, "gold-2026"))
	a, err := f.svc.GetAccount(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "gold-2026", a.ContractRef)
	assert.ErrorIs(t, f.svc.Staff().SetContract(ctx, "acc_missing", "x"), jstore.ErrNotFound)
	assert.ErrorIs(t, f.svc.Staff().SetContract(ctx, id, "bad\x00ref"), jstore.ErrInvalid)
	require.NoError(t, f.svc.Staff().SetContract(ctx, id, ""))
	a, err = f.svc.GetAccount(ctx, id)
	require.NoError(t, err)
	assert.Empty(t, a.ContractRef)
}
