package gui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/i18n"
	"returndesk/model"
)

// speak makes the window speak l for the rest of the test.
func speak(t *testing.T, l i18n.Language) {
	before := i18n.Current()
	i18n.Use(l)
	t.Cleanup(func() { i18n.Use(before) })
}

// The Chinese bundle loads into Fyne's lang package (no reserved go-i18n word as a key), and
// a Chinese locale then makes Fyne's lookups, its own dialogs' words among them, Chinese.
func TestChineseBundleLoadsInFyne(t *testing.T) {
	t.Setenv("LANGUAGE", "zh_CN")
	t.Setenv("LC_ALL", "")
	if err := addFyneBundles(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		t.Setenv("LANGUAGE", "en_US")
		addFyneBundles()
	}()
	if got := lang.L("Refund"); got != i18n.Catalog(i18n.Chinese)["Refund"] {
		t.Errorf("lang.L(Refund) = %q", got)
	}
	if got := lang.L("Cancel"); got == "Cancel" { // Fyne's own word, from its own bundle
		t.Errorf("Fyne's Cancel stayed English under a Chinese locale")
	}
	// Our bundle is laid over Fyne's: a key of ours that is also Fyne's would change Fyne's
	// word (the file dialog's Open read 未结, "not closed", while a report's column had the key).
	if got := lang.L("Open"); got != "打开" {
		t.Errorf("the file dialog's Open reads %q, want 打开", got)
	}
}

// The choice in Settings is kept for this computer and says, in the language chosen, that it
// applies from the next start; RETURNDESK_LANG and then the saved choice decide the language.
func TestSettingsChoosesTheLanguage(t *testing.T) {
	h, _ := openScreen(t, "Settings")
	prefs := fyne.CurrentApp().Preferences()
	sel := findSelect(t, h.w.Canvas().Content(), "As the system")
	sel.SetSelected("中文（简体）")
	if got := prefs.String(prefLanguage); got != "zh" {
		t.Errorf("saved %q, want zh", got)
	}
	if !canvasHasText(h.w.Canvas(), i18n.Catalog(i18n.Chinese)["ReturnDesk speaks this language from its next start."]) {
		t.Errorf("no note in Chinese after choosing Chinese")
	}
	t.Setenv(i18n.EnvLanguage, "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "en_US.UTF-8")
	defer i18n.Use(i18n.Current())
	if l := useLanguage(prefs); l != i18n.Chinese || i18n.Current() != i18n.Chinese {
		t.Errorf("after choosing Chinese the window speaks %q", l)
	}
	t.Setenv(i18n.EnvLanguage, "en")
	if l := useLanguage(prefs); l != i18n.English {
		t.Errorf("RETURNDESK_LANG=en: %q", l)
	}
	sel.SetSelected("As the system")
	if got := prefs.String(prefLanguage); got != "" {
		t.Errorf("saved %q after choosing the system's", got)
	}
}

// In Chinese the vocabulary on screen is Chinese: the Cases screen's filters and its table.
func TestCasesSpeakChinese(t *testing.T) {
	speak(t, i18n.Chinese)
	h, _ := openScreen(t, "Cases")
	h.w.Resize(fyne.NewSize(1600, 900)) // every column laid out
	h.settle()
	want := i18n.In(i18n.Chinese, model.TierReplace.Label())
	if !slices.Contains(h.u.cases.tier.Options, want) {
		t.Errorf("tier filter options %q lack %q", h.u.cases.tier.Options, want)
	}
	received := i18n.In(i18n.Chinese, model.StatusReceived.Label())
	if !slices.ContainsFunc(tableLabels(h.u.cases.table.table), func(l *widget.Label) bool { return l.Text == received }) {
		t.Errorf("no case shows its status in Chinese (%s)", received)
	}
}

// findSelect is the Select under o that offers option.
func findSelect(t *testing.T, o fyne.CanvasObject, option string) *choice {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if s, ok := x.(*choice); ok && slices.Contains(s.Options, option) {
			return s
		}
	}
	t.Fatalf("no choice offers %q", option)
	return nil
}
