package ttf

import (
	"os"
	"testing"

	"github.com/jstore-sdk/sdk/internal/testkit"
)

// testFont is the installed Japanese font. Without one the tests skip, except under
// JSTORE_REQUIRE_INTEGRATION=1 (CI), where a missing font fails.
func testFont(t *testing.T) *Font {
	t.Helper()
	for _, path := range Find() {
		if b, err := os.ReadFile(path); err == nil {
			if f, err := Parse(b); err == nil {
				return f
			}
		}
	}
	testkit.Missing(t, "needs an installed Japanese font: apt-get install fonts-ipaexfont-gothic")
	return nil
}
