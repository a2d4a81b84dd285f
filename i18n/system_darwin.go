package i18n

import (
	"os/exec"
	"strings"
)

// System is the language of macOS's locale (AppleLocale, as System Settings sets it); a
// locale variable, as Terminal sets it, comes first.
func System(getenv func(string) string) (Language, bool) {
	if l, ok := fromLocaleEnv(getenv); ok {
		return l, true
	}
	out, err := exec.Command("defaults", "read", "-g", "AppleLocale").Output()
	if err != nil {
		return "", false
	}
	return Parse(strings.TrimSpace(string(out)))
}
