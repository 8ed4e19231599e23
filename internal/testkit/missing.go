package testkit

import (
	"os"
	"testing"
)

// Missing stops a test that needs something this machine lacks: it skips with why (which names
// the Debian package or the variable to set), or fails under JSTORE_REQUIRE_INTEGRATION=1,
// which CI sets so that nothing is skipped there.
func Missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("JSTORE_REQUIRE_INTEGRATION") == "1" {
		t.Fatalf("%s (JSTORE_REQUIRE_INTEGRATION=1 forbids skipping)", why)
	}
	t.Skip(why)
}
