package probe

import (
	_ "unsafe" // go:linkname

	"fyne.io/fyne/v2"
)

// Walk is Fyne's own walk over the visible objects of a canvas tree, the insides of widgets
// included (which no exported API reaches: buttons in dialogs, list rows, table cells, tab
// headers), with each object's absolute position and the clip it is drawn in. The driver
// finds what a click hits with the same walk, so the widgets mode reports what a click at a
// position reaches. before is called on an object before its children, after after them.
// If a Fyne upgrade renames the function, the link fails naming it; the widgets-mode test
// (TestEveryDialogOpensAndClosesInRealWindow) runs this on every make test.
//
//go:linkname Walk fyne.io/fyne/v2/internal/driver.WalkVisibleObjectTree
func Walk(obj fyne.CanvasObject,
	before func(obj fyne.CanvasObject, pos, clipPos fyne.Position, clipSize fyne.Size) bool,
	after func(obj fyne.CanvasObject, pos fyne.Position, parent fyne.CanvasObject)) bool
