package gui

import "fyne.io/fyne/v2/theme"

// newClaimsScreen builds the Claims screen, the batches claimed from manufacturers.
func newClaimsScreen() *screen {
	return placeholderScreen("Claims", theme.MailSendIcon(),
		"Batching claims to a manufacturer, exporting the Excel claim sheet and recording the answers come with the claims screen.")
}
