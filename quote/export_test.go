package quote

// SubsetForTest exposes the subsetter to the external tests.
func SubsetForTest(f *Font, text string) []byte { return f.parsed.Subset([]rune(text)) }
