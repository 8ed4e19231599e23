package jstore

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2Params is the cost of argon2id password hashing.
type Argon2Params struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultArgon2Params returns RFC 9106's second recommended option: 3 passes, 64 MiB, 4 lanes.
func DefaultArgon2Params() Argon2Params { return Argon2Params{Time: 3, Memory: 64 * 1024, Threads: 4} }

func (p Argon2Params) validate() error {
	if p.Time < 1 || p.Threads < 1 || p.Memory < 8*uint32(p.Threads) || p.Memory > 4<<20 {
		return fmt.Errorf("jstore: argon2 parameters out of range: %+v", p)
	}
	return nil
}

// Password policy bounds. The upper bound keeps hashing cost independent of the input.
const (
	minPasswordRunes = 10
	maxPasswordBytes = 128
)

func checkPasswordPolicy(password, loginID string) error {
	var letters, digits bool
	for _, r := range password {
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	switch {
	case !utf8.ValidString(password) || strings.ContainsFunc(password, unicode.IsControl):
		return invalid("password_charset", "password", "パスワードに使えない文字が含まれています。", "the password contains characters that are not allowed")
	case utf8.RuneCountInString(password) < minPasswordRunes || len(password) > maxPasswordBytes:
		return invalid("password_length", "password", "パスワードは10文字以上128バイト以下にしてください。", "the password must be at least 10 characters and at most 128 bytes")
	case !letters || !digits:
		return invalid("password_weak", "password", "パスワードには英字と数字の両方を含めてください。", "the password must contain both letters and digits")
	case strings.EqualFold(password, loginID):
		return invalid("password_is_login", "password", "ログインIDと同じパスワードは使えません。", "the password must differ from the login ID")
	}
	return nil
}

type passwordHasher struct{ params Argon2Params }

const hashKeyLen = 32

// hash returns the PHC string $argon2id$v=19$m=…,t=…,p=…$salt$key.
func (h passwordHasher) hash(password string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	p := h.params
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, hashKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, enc.EncodeToString(salt), enc.EncodeToString(key))
}

// verify checks password against a PHC string in constant time. The parameters come from the
// stored hash, so raising the cost later keeps old hashes valid.
func (h passwordHasher) verify(password, encoded string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || p.validate() != nil {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) != hashKeyLen {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, hashKeyLen)
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummy is a well-formed hash at the configured cost that matches no password.
func (h passwordHasher) dummy() string {
	p := h.params
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", argon2.Version, p.Memory, p.Time, p.Threads)
}
