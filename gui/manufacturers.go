package gui

import "fyne.io/fyne/v2/theme"

// newManufacturersScreen builds the Manufacturers & policies screen.
func newManufacturersScreen() *screen {
	return placeholderScreen("Manufacturers & policies", theme.DocumentIcon(),
		"Manufacturers' after-sales contacts and the warranty policies applied to their goods come with the policy editor.")
}
