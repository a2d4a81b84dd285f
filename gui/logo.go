package gui

import (
	"bytes"
	"image"
	_ "image/png" // the icon
	"sync"

	"golang.org/x/image/draw"

	"returndesk/assets"
)

// logoSize is the side of the logo at the top of the sidebar.
const logoSize = 36

// logoImage is the app icon scaled down to twice the logo's size (sharp on HiDPI screens).
// Run starts it on another core: decoding the 512-pixel icon and scaling it down where the
// sidebar is drawn took the UI thread some 25 ms of the start.
var logoImage = sync.OnceValue(func() image.Image {
	icon, _, err := image.Decode(bytes.NewReader(assets.IconPNG()))
	if err != nil {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // cannot happen with the bundled icon; no logo then
	}
	logo := image.NewNRGBA(image.Rect(0, 0, 2*logoSize, 2*logoSize))
	draw.CatmullRom.Scale(logo, logo.Bounds(), icon, icon.Bounds(), draw.Src, nil)
	return logo
})
