package ttf

import (
	"os"
	"path/filepath"
	"slices"
)

// names are the installed Japanese gothic fonts looked for, best first.
var names = []string{"ipaexg.ttf", "ipag.ttf", "ipagp.ttf", "IPAexGothic.ttf", "IPAGothic.ttf", "ipaexm.ttf", "ipam.ttf"}

// DefaultDirs are the usual system font folders.
func DefaultDirs() []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", `C:\Windows\Fonts`}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	return dirs
}

// Find lists the installed Japanese fonts in dirs (DefaultDirs when none are given) and their
// sub-folders, best first; an unreadable folder is passed over.
func Find(dirs ...string) []string {
	if len(dirs) == 0 {
		dirs = DefaultDirs()
	}
	found := map[string][]string{} // file name → paths, in folder order
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && slices.Contains(names, d.Name()) {
				found[d.Name()] = append(found[d.Name()], path)
			}
			return nil
		})
	}
	var out []string
	for _, name := range names {
		out = append(out, found[name]...)
	}
	return out
}
