package model

import (
	"context"
	"errors"
)

// changedElsewhere is the wording of a save refused because another counter saved the
// case after it was loaded here.
const changedElsewhere = "case %s was changed at another counter — reload it"

type expectKey struct{}

// ExpectVersion asks UpdateCase and MoveCase to refuse the write when the case is no
// longer at version v, the version it had when this counter loaded it: the later of two
// counters' saves must not silently overwrite the earlier one. It travels in the context
// so that the Store's methods keep their signatures for callers (the CLI, imports) that
// write right after reading.
func ExpectVersion(ctx context.Context, v int64) context.Context {
	return context.WithValue(ctx, expectKey{}, v)
}

// CheckVersion is the rule UpdateCase and MoveCase apply to the stored case c, within
// their write transaction: ChangedElsewhere when ctx expects another version.
func CheckVersion(ctx context.Context, c *Case) error {
	if v, ok := ctx.Value(expectKey{}).(int64); ok && v != c.Version {
		return ChangedElsewhere(c.CaseNo)
	}
	return nil
}

// ChangedElsewhere is CheckVersion's refusal; a window also shows it, before any save,
// when it learns that the case it has unsaved changes to was saved at another counter.
func ChangedElsewhere(no CaseNo) *Error {
	return &Error{Code: ECONFLICT, Message: T(changedElsewhere, no)}
}

// ExpectsVersion reports whether ctx carries an expected version (a store then reads the
// case's version before writing).
func ExpectsVersion(ctx context.Context) bool {
	_, ok := ctx.Value(expectKey{}).(int64)
	return ok
}

// IsChangedElsewhere reports whether err is CheckVersion's refusal: the window then keeps
// what was typed and offers to reload.
func IsChangedElsewhere(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Message.Key == changedElsewhere
}
