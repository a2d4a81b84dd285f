package policy

import (
	"bytes"
	"encoding/json"
)

// Clause is a policy's own words for a rule, in English and in Chinese, as the slip prints
// them; either may be empty. In JSON a clause with no Chinese is a plain string, as every
// policy stored before the Chinese half existed has it; one with Chinese is {"en", "zh"}.
type Clause struct {
	En string `json:"en"`
	Zh string `json:"zh,omitempty"`
}

// IsZero reports whether the clause says nothing in either language.
func (c Clause) IsZero() bool { return c.En == "" && c.Zh == "" }

// In is the clause for a reader of Chinese (chinese) or of English, the other language's
// words when the clause has none in theirs.
func (c Clause) In(chinese bool) string {
	if chinese && c.Zh != "" || c.En == "" {
		return c.Zh
	}
	return c.En
}

// String is the English words (the Chinese when there are none).
func (c Clause) String() string { return c.In(false) }

// join is a followed by b, in each language.
func (c Clause) join(b Clause) Clause {
	return Clause{En: joinWords(c.En, b.En, " "), Zh: joinWords(c.Zh, b.Zh, "")}
}

func joinWords(a, b, sep string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + sep + b
}

// MarshalJSON writes a clause without Chinese as the plain string older policies hold.
func (c Clause) MarshalJSON() ([]byte, error) {
	if c.Zh == "" {
		return json.Marshal(c.En)
	}
	type both Clause
	return json.Marshal(both(c))
}

// UnmarshalJSON reads a plain string (English) or {"en", "zh"}.
func (c *Clause) UnmarshalJSON(data []byte) error {
	if d := bytes.TrimSpace(data); len(d) > 0 && d[0] == '"' {
		*c = Clause{}
		return json.Unmarshal(d, &c.En)
	}
	type both Clause
	var b both
	if err := json.Unmarshal(data, &b); err != nil {
		return err
	}
	*c = Clause(b)
	return nil
}
