//go:build !windows && !darwin

package i18n

// System is the language of the POSIX locale variables (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
func System(getenv func(string) string) (Language, bool) { return fromLocaleEnv(getenv) }
