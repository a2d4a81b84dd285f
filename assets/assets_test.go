package assets

import (
	"bytes"
	"image/png"
	"testing"
)

func TestIconIs512PNG(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(IconPNG()))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 512 || cfg.Height != 512 {
		t.Errorf("icon is %dx%d, want 512x512", cfg.Width, cfg.Height)
	}
}

func TestCJKFontIsTrueType(t *testing.T) {
	b := CJKFontBytes()
	if len(b) < 1<<20 || !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
		t.Errorf("CJK font: %d bytes starting % x, want a TrueType file", len(b), b[:4])
	}
}

func TestLatinFontsAreTrueType(t *testing.T) {
	for name, b := range map[string][]byte{"regular": LatinFontBytes(), "bold": LatinBoldFontBytes()} {
		if len(b) < 100<<10 || !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("Latin %s font: %d bytes, want a TrueType file", name, len(b))
		}
	}
	if bytes.Equal(LatinFontBytes(), LatinBoldFontBytes()) {
		t.Error("the bold Latin font is the regular one")
	}
}
