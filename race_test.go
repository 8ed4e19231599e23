//go:build race

package sdk_test

// raceEnabled says the test binary was built with -race, so the README snippets are built with
// it too and reuse the packages go test -race compiled.
const raceEnabled = true
