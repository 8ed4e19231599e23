package jstore

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/jstore-sdk/sdk/message"
)

// Argon2Params is the cost of argon2id password hashing.
type Argon2Params struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultArgon2Params returns RFC 9106's second recommended option: 3 passes, 64 MiB, 4 lanes.
func DefaultArgon2Params() Argon2Params { return Argon2Params{Time: 3, Memory: 64 * 1024, Threads: 4} }

// Bounds on argon2id parameters, configured or read from a stored hash. A stored hash beyond
// them (a tampered or foreign record) is refused rather than run: one login must not be able to
// cost gigabytes or minutes.
const (
	MaxArgon2Time    = 16
	MaxArgon2Memory  = 1 << 20 // KiB: 1 GiB
	MaxArgon2Threads = 64
)

func (p Argon2Params) validate() error {
	if p.Time < 1 || p.Time > MaxArgon2Time || p.Threads < 1 || p.Threads > MaxArgon2Threads ||
		p.Memory < 8*uint32(p.Threads) || p.Memory > MaxArgon2Memory {
		return fmt.Errorf("jstore: argon2 parameters out of range (time 1–%d, memory 8×threads–%d KiB, threads 1–%d): time %d, memory %d KiB, threads %d",
			MaxArgon2Time, MaxArgon2Memory, MaxArgon2Threads, p.Time, p.Memory, p.Threads)
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
		return invalid("password_charset", "password")
	case utf8.RuneCountInString(password) < minPasswordRunes || len(password) > maxPasswordBytes:
		return invalid("password_length", "password", arg("min", count(10, message.Characters)), arg("max", count(128, message.Bytes)))
	case !letters || !digits:
		return invalid("password_weak", "password")
	case strings.EqualFold(password, loginID):
		return invalid("password_is_login", "password")
	}
	return nil
}

// passwordHasher hashes and verifies passwords. Each argon2id run holds its memory cost (64 MiB
// by default) for its duration, so runs are admitted through slots, a counting semaphore: a
// burst of logins waits its turn instead of exhausting memory.
type passwordHasher struct {
	params Argon2Params
	slots  chan struct{}
}

func newPasswordHasher(p Argon2Params, concurrency int) passwordHasher {
	return passwordHasher{params: p, slots: make(chan struct{}, concurrency)}
}

const (
	hashKeyLen  = 32
	maxPHCBytes = 200 // a PHC string at the bounds, with a 64-byte salt, is far shorter
)

// run computes argon2id once a slot is free, or returns ctx's error.
func (h passwordHasher) run(ctx context.Context, password string, salt []byte, p Argon2Params) ([]byte, error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.slots }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, hashKeyLen), nil
}

// hash returns the PHC string $argon2id$v=19$m=…,t=…,p=…$salt$key.
func (h passwordHasher) hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	p := h.params
	key, err := h.run(ctx, password, salt, p)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// verify checks password against a PHC string in constant time. The parameters come from the
// stored hash, so raising the cost later keeps old hashes valid; a hash beyond the bounds, or
// malformed, matches nothing and is never run. Only ctx's error is returned as an error.
func (h passwordHasher) verify(ctx context.Context, password, encoded string) (bool, error) {
	if len(encoded) > maxPHCBytes {
		return false, nil
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false, nil
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || p.validate() != nil {
		return false, nil
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(want) != hashKeyLen {
		return false, nil
	}
	got, err := h.run(ctx, password, salt, p)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummy is a well-formed hash at the configured cost that matches no password.
func (h passwordHasher) dummy() string {
	p := h.params
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", argon2.Version, p.Memory, p.Time, p.Threads)
}
