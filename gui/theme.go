package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme with a bundled font that covers Chinese, Japanese and Korean,
// so names such as 张伟 render even where the system has no CJK font.
type appTheme struct {
	fyne.Theme
}

func newTheme() fyne.Theme { return &appTheme{Theme: theme.DefaultTheme()} }

// Font returns the CJK font for proportional text, regular and bold alike (the font has one
// weight, so bold text shows regular), and the default fonts for monospace and symbols.
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return cjkFont
}

// focusColor marks the widget with the keyboard focus, blended over it. Fyne's own (the
// primary blue at 16 %) is all but invisible on a button, and any blue is on the blue of the
// main buttons (Create case): half white on the dark variant, half black on the light one
// stand out on every colour of either.
var focusColor = map[fyne.ThemeVariant]color.Color{
	theme.VariantDark:  color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x80},
	theme.VariantLight: color.NRGBA{A: 0x80},
}

// Color is the default theme's, with a focus that can be seen.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := focusColor[v]; ok && n == theme.ColorNameFocus {
		return c
	}
	return t.Theme.Color(n, v)
}

// tableInnerPadding is the padding inside a table cell: less than elsewhere, so that a
// case list shows all its columns and more rows.
const tableInnerPadding = 5
