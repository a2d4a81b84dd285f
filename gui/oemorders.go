package gui

import "fyne.io/fyne/v2/theme"

// newOEMOrdersScreen builds the OEM orders screen, with each order's spare-unit allowance.
func newOEMOrdersScreen() *screen {
	return placeholderScreen("OEM orders", theme.StorageIcon(),
		"OEM orders with their spare-unit allowance and the defects reported against them come with the OEM orders screen.")
}
