package gui

import (
	"fyne.io/fyne/v2"

	"returndesk/assets"
)

// The bundled files as Fyne resources, made here once: assets holds bytes only, so that
// export, policy and the other packages below the GUI link no Fyne.
var (
	// iconResource is the application icon.
	iconResource fyne.Resource = fyne.NewStaticResource("icon.png", assets.IconPNG())
	// cjkFont is the font of all proportional text, so that names such as 张伟 show everywhere.
	cjkFont fyne.Resource = fyne.NewStaticResource("DroidSansFallbackFull.ttf", assets.CJKFontBytes())
)
