package gui

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"returndesk/i18n"
	"returndesk/model"
)

// prefLanguage is the preference that keeps the language chosen in Settings on this
// computer ("" follows the system).
const prefLanguage = "language"

// useLanguage chooses the window's language: RETURNDESK_LANG, then the choice saved in
// Settings, then the system's. Fyne's own words (its file dialog's buttons) follow the
// locale Fyne reads from the environment: on Linux and macOS LANGUAGE makes them speak the
// chosen language too; Windows' display language cannot be overridden from inside.
func useLanguage(prefs fyne.Preferences) i18n.Language {
	l := i18n.Choose(os.Getenv, prefs.String(prefLanguage))
	i18n.Use(l)
	if runtime.GOOS != "windows" {
		os.Setenv("LANGUAGE", fyneLocale(l))
	}
	// The Chinese bundle under both names Fyne's matcher may pick for a Chinese locale;
	// adding it also makes Fyne read the locale again.
	if err := addFyneBundles(); err != nil {
		fyne.LogError("the translations", err)
	}
	return l
}

func fyneLocale(l i18n.Language) string {
	if l == i18n.Chinese {
		return "zh_CN"
	}
	return "en_US"
}

// addFyneBundles registers the translations with Fyne's lang package.
func addFyneBundles() error {
	data, err := i18n.Bundles.ReadFile(i18n.BundleDir + "/zh.json")
	if err != nil {
		return err
	}
	for _, loc := range []fyne.Locale{"zh", "zh-Hans"} {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			return err
		}
	}
	return nil
}

// languageChoice is the Settings card that chooses the window's language. The choice is
// kept for this computer and applies when ReturnDesk starts again (RETURNDESK_LANG, where
// it is set, still wins).
func languageChoice(prefs fyne.Preferences) fyne.CanvasObject {
	options := []string{say(model.T("As the system"))}
	for _, l := range i18n.Languages {
		options = append(options, l.Name())
	}
	note := widget.NewLabel("")
	note.Wrapping = fyne.TextWrapWord
	sel := newChoice(options, nil)
	if i := indexOfLanguage(prefs.String(prefLanguage)); i >= 0 {
		sel.SetSelectedIndex(i + 1)
	} else {
		sel.SetSelectedIndex(0)
	}
	sel.OnChanged = func(string) {
		chosen := ""
		if i := sel.SelectedIndex(); i > 0 {
			chosen = string(i18n.Languages[i-1])
		}
		prefs.SetString(prefLanguage, chosen)
		// Said in the language chosen, which the person can read.
		next := i18n.Choose(func(string) string { return "" }, chosen)
		note.SetText(i18n.In(next, model.T("ReturnDesk speaks this language from its next start.")))
	}
	return container.NewVBox(sel, note)
}

func indexOfLanguage(s string) int {
	for i, l := range i18n.Languages {
		if string(l) == s {
			return i
		}
	}
	return -1
}
