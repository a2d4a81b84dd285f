package gui

import "fyne.io/fyne/v2/theme"

// newCounterScreen builds the Counter screen, where a returned unit is taken in.
func newCounterScreen() *screen {
	return placeholderScreen("Counter", theme.DocumentCreateIcon(),
		"Intake of a returned unit (serial lookup, the customer's entitlement, the fault and the maintenance order slip) comes with the counter screen.")
}
