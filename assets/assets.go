// Package assets holds the files bundled into the ReturnDesk binary, the app icon and the
// fonts, as bytes: printing links no GUI toolkit, and the GUI wraps them as it needs.
package assets

import _ "embed"

//go:embed icon.png
var iconPNG []byte

//go:embed fonts/DroidSansFallbackFull.ttf
var cjkTTF []byte

//go:embed fonts/LiberationSans-Regular.ttf
var latinTTF []byte

//go:embed fonts/LiberationSans-Bold.ttf
var latinBoldTTF []byte

// IconPNG returns the application icon: a parcel inside a circular return arrow on a blue
// rounded square (512×512 PNG). The slice is shared: callers must not modify it.
func IconPNG() []byte { return iconPNG }

// CJKFontBytes returns Droid Sans Fallback (Apache-2.0, see fonts/LICENSE-DroidSansFallback.txt),
// a TrueType font covering Latin and Chinese, Japanese and Korean text, so customer names such
// as 张伟 render on every platform: the GUI's font, and the PDFs' for CJK text.
// The slice is shared: callers must not modify it.
func CJKFontBytes() []byte { return cjkTTF }

// LatinFontBytes returns Liberation Sans Regular (SIL OFL 1.1, see fonts/LICENSE-LiberationSans.txt),
// the TrueType font printed documents (PDF) use for Latin letters, digits and punctuation: the CJK
// font's glyphs cover Chinese, Japanese and Korean only. The slice is shared: callers must not modify it.
func LatinFontBytes() []byte { return latinTTF }

// LatinBoldFontBytes returns Liberation Sans Bold, the bold face of LatinFontBytes.
// The slice is shared: callers must not modify it.
func LatinBoldFontBytes() []byte { return latinBoldTTF }
