package gui

import "fyne.io/fyne/v2/theme"

// newProductsScreen builds the Products & serials screen: models and sold serial numbers.
func newProductsScreen() *screen {
	return placeholderScreen("Products & serials", theme.ComputerIcon(),
		"Each manufacturer's models and the sales records imported from Excel or CSV come with the products screen.")
}
