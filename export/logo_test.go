package export

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"returndesk/model"
)

func TestReadLogo(t *testing.T) {
	dir := t.TempDir()
	file, err := StoreLogo(dir, testLogo())
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(outside, testLogo(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "huge.png"), make([]byte, maxLogoBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want bool
	}{
		{file, true},
		{"  " + file + " ", true},
		{"", false},
		{outside, false}, // a path elsewhere, not a file in the data folder
		{"../" + filepath.Base(filepath.Dir(outside)) + "/logo.png", false},
		{"missing.png", false},
		{"..", false},
		{"huge.png", false},
	} {
		if got := ReadLogo(dir, tc.name); (got != nil) != tc.want {
			t.Errorf("ReadLogo(%q): %d bytes, want a logo: %v", tc.name, len(got), tc.want)
		}
	}
	if got := ReadLogo("", file); got != nil {
		t.Errorf("ReadLogo without a data folder: %d bytes", len(got))
	}
}

func TestStoreLogo(t *testing.T) {
	dir := t.TempDir()
	if _, err := StoreLogo(dir, []byte("GIF89a, not a logo")); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("StoreLogo of no picture: %v, want EINVALID", err)
	}
	file, err := StoreLogo(dir, testLogo())
	if err != nil || file != LogoFileName {
		t.Fatalf("StoreLogo = %q, %v", file, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != 160 || cfg.Height != 80 {
		t.Errorf("stored logo: %+v, %v", cfg, err)
	}
}

func TestDocumentFiles(t *testing.T) {
	if got := SlipFile("/data", "RMA-2026-000123"); got != filepath.Join("/data", "slips", "RMA-2026-000123-slip.pdf") {
		t.Errorf("SlipFile = %s", got)
	}
	if got := LabelFile("/data", "../x"); got != filepath.Join("/data", "slips", "___x-label.pdf") {
		t.Errorf("LabelFile = %s", got)
	}
}
