package model

import (
	"regexp"
	"strings"
)

// ClaimAnswerNote is the history's note of a manufacturer's answer to a case in a claim:
// maker decided d in claim, granting credit when granted, with the manufacturer's note.
func ClaimAnswerNote(maker string, d Decision, claim ClaimNo, granted bool, credit Money, note string) Text {
	t := claimAnswer(maker, d, claim, granted, credit.String())
	if note != "" {
		t = T("%s: %s", t, note)
	}
	return t
}

func claimAnswer(maker string, d Decision, claim ClaimNo, granted bool, credit string) Text {
	switch {
	case d == DecisionAccepted && granted:
		return T("%s accepted the case in claim %s, credit %s", maker, string(claim), credit)
	case d == DecisionAccepted:
		return T("%s accepted the case in claim %s", maker, string(claim))
	case d == DecisionPartly && granted:
		return T("%s partly accepted the case in claim %s, credit %s", maker, string(claim), credit)
	case d == DecisionPartly:
		return T("%s partly accepted the case in claim %s", maker, string(claim))
	case d == DecisionRejected:
		return T("%s rejected the case in claim %s", maker, string(claim))
	}
	return T("%s answered the case in claim %s", maker, string(claim))
}

// claimAnswerForm is one way a claim answer's note is worded, and the pattern that reads it.
type claimAnswerForm struct {
	d       Decision
	granted bool
	re      *regexp.Regexp
}

// claimAnswerForms read the wordings of claimAnswer back out of a stored note.
var claimAnswerForms = func() []claimAnswerForm {
	var out []claimAnswerForm
	for _, d := range Decisions {
		for _, granted := range []bool{true, false} {
			key := claimAnswer("", d, "", granted, "").Key
			if granted && !strings.Contains(key, "credit") {
				continue // granted or not, the same words
			}
			p := regexp.QuoteMeta(key)
			p = strings.Replace(p, "%s", "(.+?)", 1)  // the manufacturer
			p = strings.Replace(p, "%s", `(\S+?)`, 1) // the claim
			p = strings.Replace(p, "%s", `(\S+?)`, 1) // the credit
			out = append(out, claimAnswerForm{d, granted, regexp.MustCompile(`(?s)^` + p + `(?:: (.*))?$`)})
		}
	}
	return out
}()

// ReadClaimAnswerNote is the wording of a claim answer's history note (ClaimAnswerNote,
// stored in English), to be shown in any language; false when note is not one.
func ReadClaimAnswerNote(note string) (Text, bool) {
	for _, f := range claimAnswerForms {
		m := f.re.FindStringSubmatch(note)
		if m == nil {
			continue
		}
		var credit Money
		if f.granted {
			var err error
			if credit, err = ParseMoney(m[3]); err != nil {
				continue
			}
		}
		return ClaimAnswerNote(m[1], f.d, ClaimNo(m[2]), f.granted, credit, m[len(m)-1]), true
	}
	return Text{}, false
}
