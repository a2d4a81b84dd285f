package i18n

import "strings"

// EnvLanguage is the environment variable that chooses the language over everything else
// (tests and support use it): zh or en.
const EnvLanguage = "RETURNDESK_LANG"

// Parse reads a language from a choice or a locale name: "zh", "zh_CN.UTF-8", "zh-Hans",
// "zh-TW", "en_US"; false for a language the interface does not speak, and for "C".
// Every Chinese locale gets Simplified Chinese, the interface's only Chinese.
func Parse(s string) (Language, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@:"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "zh":
		return Chinese, true
	case "en":
		return English, true
	}
	return "", false
}

// Choose is the language to speak: RETURNDESK_LANG when it names one, else the saved
// choice ("" for none), else the system's language, else English.
func Choose(getenv func(string) string, saved string) Language {
	if l, ok := Parse(getenv(EnvLanguage)); ok {
		return l
	}
	if l, ok := Parse(saved); ok {
		return l
	}
	if l, ok := System(getenv); ok {
		return l
	}
	return English
}

// fromLocaleEnv is the language of the POSIX locale variables, in the order of their
// precedence for messages: LANGUAGE (a list), LC_ALL, LC_MESSAGES, LANG. The first one set
// decides, even when it names a language the interface does not speak (then English).
func fromLocaleEnv(getenv func(string) string) (Language, bool) {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if name == "LANGUAGE" {
			for _, one := range strings.Split(v, ":") {
				if l, ok := Parse(one); ok {
					return l, true
				}
			}
			continue
		}
		return Parse(v)
	}
	return "", false
}
