// Package assets holds the resources bundled into the ReturnDesk binary: the app icon and the fonts.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

//go:embed fonts/DroidSansFallbackFull.ttf
var cjkTTF []byte

//go:embed fonts/LiberationSans-Regular.ttf
var latinTTF []byte

//go:embed fonts/LiberationSans-Bold.ttf
var latinBoldTTF []byte

// Icon is the application icon: a parcel inside a circular return arrow on a blue rounded square (512×512 PNG).
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

// CJKFont is Droid Sans Fallback (Apache-2.0, see fonts/LICENSE-DroidSansFallback.txt), a TrueType font
// covering Latin and Chinese, Japanese and Korean text, so customer names such as 张伟 render on every platform.
var CJKFont fyne.Resource = fyne.NewStaticResource("DroidSansFallbackFull.ttf", cjkTTF)

// CJKFontBytes returns the TrueType data of CJKFont, for documents (PDF) that embed the same font.
// The slice is shared: callers must not modify it.
func CJKFontBytes() []byte { return cjkTTF }

// LatinFontBytes returns Liberation Sans Regular (SIL OFL 1.1, see fonts/LICENSE-LiberationSans.txt),
// the TrueType font printed documents (PDF) use for Latin letters, digits and punctuation: the CJK
// font's glyphs cover Chinese, Japanese and Korean only. The slice is shared: callers must not modify it.
func LatinFontBytes() []byte { return latinTTF }

// LatinBoldFontBytes returns Liberation Sans Bold, the bold face of LatinFontBytes.
// The slice is shared: callers must not modify it.
func LatinBoldFontBytes() []byte { return latinBoldTTF }
