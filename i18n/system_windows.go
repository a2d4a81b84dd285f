package i18n

import "syscall"

var getUserDefaultUILanguage = syscall.NewLazyDLL("kernel32.dll").NewProc("GetUserDefaultUILanguage")

// System is the display language of Windows (GetUserDefaultUILanguage); a locale variable,
// as a developer's shell may set, comes first.
func System(getenv func(string) string) (Language, bool) {
	if l, ok := fromLocaleEnv(getenv); ok {
		return l, true
	}
	if getUserDefaultUILanguage.Find() != nil {
		return "", false
	}
	id, _, _ := getUserDefaultUILanguage.Call()
	switch id & 0x3ff { // the primary language of the LANGID
	case 0x04:
		return Chinese, true
	case 0x09:
		return English, true
	}
	return "", false
}
