package gui

import "fyne.io/fyne/v2/theme"

// newCustomersScreen builds the Customers screen.
func newCustomersScreen() *screen {
	return placeholderScreen("Customers", theme.AccountIcon(),
		"The list of end customers, dealers and OEM brands, with their phone numbers and cases, comes with the customers screen.")
}
