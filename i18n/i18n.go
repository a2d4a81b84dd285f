// Package i18n turns wordings (model.Text) into the language of the person reading them:
// English, which is the keys' own language, or Simplified Chinese from the embedded bundle.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"sync/atomic"
	"unicode"

	"returndesk/model"
)

// Language is a language the interface speaks.
type Language string

// The interface's languages.
const (
	English Language = "en"
	Chinese Language = "zh"
)

// Languages are the interface's languages, in the order a choice offers them.
var Languages = []Language{English, Chinese}

// Name is the language in its own words, as a choice of language shows it.
func (l Language) Name() string {
	if l == Chinese {
		return "中文（简体）"
	}
	return "English"
}

// Bundles are the translations in go-i18n's JSON format (a flat map from the English key to
// its translation), one file a language, named as Fyne's loader expects: bundles/zh.json.
// English needs none: a key is its English wording.
//
//go:embed bundles/*.json
var Bundles embed.FS

// BundleDir is the folder of Bundles that holds the files.
const BundleDir = "bundles"

var catalogs = loadCatalogs()

func loadCatalogs() map[Language]map[string]string {
	out := map[Language]map[string]string{}
	files, err := Bundles.ReadDir(BundleDir)
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	for _, f := range files {
		data, err := Bundles.ReadFile(path.Join(BundleDir, f.Name()))
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", f.Name(), err)) // TestBundles keeps them readable
		}
		out[Language(strings.TrimSuffix(f.Name(), ".json"))] = m
	}
	return out
}

// Catalog is the translations of l, key by key (nil for English).
func Catalog(l Language) map[string]string { return catalogs[l] }

var current atomic.Value

// Use makes l the language Say speaks.
func Use(l Language) { current.Store(l) }

// Current is the language Say speaks: English until Use is called.
func Current() Language {
	if l, ok := current.Load().(Language); ok {
		return l
	}
	return English
}

// Say is t in the current language.
func Say(t model.Text) string { return In(Current(), t) }

// In is t in l: its key's translation (the key itself where there is none, so that a wording
// is never lost) filled with its arguments, each argument that is a Text in l too. A
// translation may take the arguments in another order with explicit indexes (%[2]s).
func In(l Language, t model.Text) string { return in(l, t, false) }

// OnScreen is t in the current language as a window shows it: a Chinese wording without the
// spaces between its characters and Latin letters or digits (Tight). The arguments, names
// as somebody typed them, keep theirs.
func OnScreen(t model.Text) string {
	l := Current()
	return in(l, t, l == Chinese)
}

func in(l Language, t model.Text, tight bool) string {
	format := t.Key
	if tr, ok := catalogs[l][t.Key]; ok && tr != "" {
		format = tr
		if tight {
			format = Tight(format)
		}
	}
	if len(t.Args) == 0 {
		return format
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		if sub, ok := a.(model.Text); ok {
			args[i] = in(l, sub, tight)
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(format, args...)
}

// Tight is Chinese text s without the spaces between a Chinese character and a short run of
// Latin letters or digits: "购买后 7 天内" is 购买后7天内. A window wraps a line only at a
// space, so "购买后 7 天内出现质量问题…" broke after the 7 with half the line empty; without
// those spaces it breaks where the line is full, as Chinese does. A long run (a date, a
// serial, a policy's id, a name) and a wording's %s keep their spaces, so that the line
// breaks beside them rather than inside them. Printed documents, which wrap Chinese
// themselves, keep every space.
func Tight(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	r := []rune(s)
	out := make([]rune, 0, len(r))
	for i, c := range r {
		if c == ' ' && i > 0 && i+1 < len(r) && shortRunBeside(r, i) {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// tightRun is the longest run of Latin letters and digits whose spaces to Chinese go.
const tightRun = 4

// shortRunBeside reports whether the space at r[i] stands between a Chinese character and a
// short run of Latin letters or digits (not a string verb: what fills it may be long).
func shortRunBeside(r []rune, i int) bool {
	latin := func(c rune) bool { return c < 0x80 && c != ' ' }
	var run []rune
	switch {
	case Hanzi(r[i-1]) && latin(r[i+1]):
		j := i + 1
		for j < len(r) && latin(r[j]) {
			j++
		}
		run = r[i+1 : j]
	case latin(r[i-1]) && Hanzi(r[i+1]):
		k := i
		for k > 0 && latin(r[k-1]) {
			k--
		}
		run = r[k:i]
	default:
		return false
	}
	text := string(run)
	edge := run[0]
	if latin(r[i-1]) {
		edge = run[len(run)-1]
	}
	letterOrDigit := unicode.IsLetter(edge) || unicode.IsDigit(edge) || edge == '%'
	stringVerb := strings.HasPrefix(text, "%") && strings.ContainsAny(text[len(text)-1:], "sqv")
	return letterOrDigit && len(run) <= tightRun && !stringVerb
}

// Hanzi reports whether r is a Chinese character or punctuation: a line may break beside it.
func Hanzi(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}
