package gui

import (
	"returndesk/i18n"
	"returndesk/model"
	"returndesk/policy"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The GUI shows every model.Text, and so every error and every enum label, through say:
// the one place where a wording becomes what the screen shows (the Chinese interface
// translates here, its wordings as a window wraps them best: i18n.OnScreen).
func say(t model.Text) string { return i18n.OnScreen(t) }

// sayError is what went wrong, as the person at the counter is told it.
func sayError(err error) string { return say(model.ErrorText(err)) }

// sayFailed is what was being done, then what went wrong: "Not saved: the disk is full".
func sayFailed(doing string, err error) string {
	return say(model.T("%s: %s", doing, model.ErrorText(err)))
}

// sayFields is each field's problem in err, for showing next to the field ("" for the
// problems of no field).
func sayFields(err error) map[string]string {
	out := map[string]string{}
	for f, t := range model.FieldTexts(err) {
		out[f] = say(t)
	}
	return out
}

// sayClause is a policy's clause in the window's language (the other language's words
// where the policy has none in it).
// A Chinese clause is wrapped as Chinese (i18n.Tight).
func sayClause(c policy.Clause) string {
	if i18n.Current() == i18n.Chinese {
		return i18n.Tight(c.In(true))
	}
	return c.In(false)
}

// sayList is items as a list in the window's language: "a, b, c" (Chinese: a、b、c).
func sayList(items []string) string { return strings.Join(items, say(model.T(", "))) }

// capitalized is s with its first letter upper-case (a Chinese text is left as it is).
func capitalized(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
