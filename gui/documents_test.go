package gui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A file chooser opens in the Documents folder, where a shop keeps its files, not in the home
// folder or Fyne's own settings folder.
func TestFileChoosersStartInDocuments(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home) // os.UserHomeDir outside Windows
	docs := filepath.Join(home, "Documents")
	for _, f := range []string{filepath.Join(docs, "docfile.csv"), filepath.Join(home, "homefile.csv")} {
		if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("serial,model\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if got := documentsFolder(); got != docs {
		t.Errorf("documentsFolder() = %q, want %q", got, docs)
	}

	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1000, 700))
	askOpenPath(w, []string{".csv"}, func(string) {})
	if !overlayHasText(w.Canvas(), "docfile") || overlayHasText(w.Canvas(), "homefile") {
		t.Error("the file chooser does not list the Documents folder")
	}

	// Without a Documents folder, the home folder.
	if err := os.RemoveAll(docs); err != nil {
		t.Fatal(err)
	}
	if got := documentsFolder(); got != home {
		t.Errorf("without Documents: documentsFolder() = %q, want %q", got, home)
	}
}
