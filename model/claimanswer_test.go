package model

import "testing"

// A claim answer's note is stored in English and read back into its wording, to be shown in
// the reader's language; notes stored before the wording was one read the same.
func TestClaimAnswerNoteReadsBack(t *testing.T) {
	for _, c := range []struct {
		maker   string
		d       Decision
		claim   ClaimNo
		granted bool
		credit  Money
		note    string
		stored  string // as the history has kept it
	}{
		{"EleTrek", DecisionAccepted, "CLM-2026-0001", true, 1200, "", "EleTrek accepted the case in claim CLM-2026-0001, credit 12.00"},
		{"Halo Tek Ltd", DecisionAccepted, "CLM-2026-0002", false, 0, "", "Halo Tek Ltd accepted the case in claim CLM-2026-0002"},
		{"EleTrek", DecisionPartly, "CLM-2026-0003", true, 350, "board only: see 2.1", "EleTrek partly accepted the case in claim CLM-2026-0003, credit 3.50: board only: see 2.1"},
		{"EleTrek", DecisionRejected, "CLM-2026-0004", false, 0, "water damage\nno cover", "EleTrek rejected the case in claim CLM-2026-0004: water damage\nno cover"},
	} {
		if got := ClaimAnswerNote(c.maker, c.d, c.claim, c.granted, c.credit, c.note).String(); got != c.stored {
			t.Errorf("note = %q, want %q", got, c.stored)
		}
		got, ok := ReadClaimAnswerNote(c.stored)
		if !ok || got.String() != c.stored || len(got.Args) == 0 {
			t.Errorf("%q read back as %q (%v)", c.stored, got, ok)
		}
	}
	for _, other := range []string{"", "customer called", "EleTrek accepted the case in claim CLM-1, credit lots"} {
		if got, ok := ReadClaimAnswerNote(other); ok {
			t.Errorf("%q read as a claim answer: %q", other, got)
		}
	}
}
