package model

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Text is a wording shown to a person. Key is its English form, a fmt format that is also
// the key its translations are looked up by (as Fyne's lang.L keys by the English text);
// Args fill its verbs. Build one with T and format it only where it is shown: a sentence
// formatted early can no longer be translated.
type Text struct {
	Key  string
	Args []any
}

// T makes a Text from an English format (a constant, so that the key can be found in the
// source) and its arguments.
func T(key string, args ...any) Text { return Text{Key: key, Args: args} }

// Count picks the singular or plural wording for n ("1 case", "3 cases"); both are keys
// of their own, and n is their argument (a singular without a verb, "a cell", takes none).
func Count(n int, one, other string) Text {
	if n == 1 {
		if !strings.Contains(one, "%") {
			return T(one)
		}
		return T(one, n)
	}
	return T(other, n)
}

// String is the English wording. An argument that is itself a Text prints as its own wording.
func (t Text) String() string {
	if len(t.Args) == 0 {
		return t.Key
	}
	return fmt.Sprintf(t.Key, t.Args...)
}

// MarshalJSON writes the English wording: JSON is read by programs, which get English.
func (t Text) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }
