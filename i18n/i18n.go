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
func In(l Language, t model.Text) string {
	format := t.Key
	if tr, ok := catalogs[l][t.Key]; ok && tr != "" {
		format = tr
	}
	if len(t.Args) == 0 {
		return format
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		if sub, ok := a.(model.Text); ok {
			args[i] = In(l, sub)
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(format, args...)
}
