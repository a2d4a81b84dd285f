package export

import (
	"bytes"
	"image/png"
	"path/filepath"
	"testing"

	"returndesk/model"
)

func TestPrepareLogo(t *testing.T) {
	for _, tc := range []struct {
		data []byte
		want string
	}{
		{[]byte("GIF89a, not a logo"), "logo: the logo is not a PNG or JPEG picture"},
		{make([]byte, model.MaxLogoBytes+1), "logo: is larger than 10 MB"},
	} {
		_, err := PrepareLogo(tc.data)
		if model.ErrorCode(err) != model.EINVALID || model.ErrorMessage(err) != tc.want {
			t.Errorf("PrepareLogo = %v, want %q", err, tc.want)
		}
	}
	data, err := PrepareLogo(testLogo())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != 160 || cfg.Height != 80 {
		t.Errorf("prepared logo: %+v, %v", cfg, err)
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
