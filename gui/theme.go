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

// focusColor marks the widget with the keyboard focus. Fyne's own (the primary blue at
// 16 %) is all but invisible on a button, so the focus is lost after a Tab.
var focusColor = color.NRGBA{R: 0x29, G: 0x6f, B: 0xf6, A: 0x99}

// Color is the default theme's, with a focus that can be seen.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		return focusColor
	}
	return t.Theme.Color(n, v)
}

// tableInnerPadding is the padding inside a table cell: less than elsewhere, so that a
// case list shows all its columns and more rows.
const tableInnerPadding = 5
