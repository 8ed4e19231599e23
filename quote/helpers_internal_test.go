package quote

import (
	"os"
	"testing"
)

// internalFont is the installed Japanese font for the package's internal tests. Without one
// they skip, except under JSTORE_REQUIRE_INTEGRATION=1 (CI), where a missing font fails.
func internalFont(t *testing.T) *Font {
	t.Helper()
	f, err := FindFont()
	if err != nil {
		if os.Getenv("JSTORE_REQUIRE_INTEGRATION") == "1" {
			t.Fatalf("%v (JSTORE_REQUIRE_INTEGRATION=1: CI must install fonts-ipaexfont-gothic)", err)
		}
		t.Skip("needs an installed Japanese font: apt-get install fonts-ipaexfont-gothic")
	}
	return f
}
