// Package textwidth is ReturnDesk's one measure of how wide text is shown: the columns of
// the command line's tables, the width of an Excel column, and where a PDF line may break.
// It follows Unicode's East Asian Width and grapheme clusters through go-runewidth: wide
// and fullwidth characters (Chinese, Japanese, Korean, emoji) take two columns, combining
// marks none, the rest one. Characters of ambiguous width count as narrow whatever the
// locale, so that a file comes out the same on every machine.
package textwidth

import "github.com/mattn/go-runewidth"

// narrow is go-runewidth's measure with ambiguous characters narrow; its default one
// follows the locale of the process.
var narrow = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// String is the number of columns s takes.
func String(s string) int { return narrow.StringWidth(s) }

// Wide reports whether r takes two columns: a Chinese, Japanese or Korean character (or
// an emoji), between any two of which a line may also break.
func Wide(r rune) bool { return narrow.RuneWidth(r) == 2 }
