package gui

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"returndesk/model"
)

// TestFormsTellLengthLimitsAsTyped: a field counts its characters near its limit and says
// it is too long past it, before Save is pressed; a problem Save found goes as it is typed in.
func TestFormsTellLengthLimitsAsTyped(t *testing.T) {
	h, s, _ := openCustomers(t)
	name, msg := s.form.name, s.form.errs["name"]
	for _, c := range []struct {
		text, want string
		imp        widget.Importance
	}{
		{strings.Repeat("张", model.MaxNameLen+1), "Too long: 121 characters, at most 120", widget.DangerImportance},
		{strings.Repeat("张", 110), "110 of at most 120 characters", widget.MediumImportance},
		{"张伟", "", widget.DangerImportance},
	} {
		name.SetText(c.text)
		if msg.Visible() != (c.want != "") || msg.Text != c.want || msg.Importance != c.imp {
			t.Errorf("%d characters: %q (visible %v, importance %v), want %q", len([]rune(c.text)), msg.Text, msg.Visible(), msg.Importance, c.want)
		}
	}
	name.SetText(strings.Repeat("a", 200))
	if !canvasHasText(h.w.Canvas(), "Too long: 200 characters, at most 120") {
		t.Errorf("the limit is not drawn next to the field")
	}

	// A problem Save found goes once the field is typed in: "Required" under a name typed
	// since read as if the name were still empty.
	name.SetText("")
	test.Tap(s.form.save)
	h.settle()
	if msg.Text != "Required" || !msg.Visible() {
		t.Fatalf("Save with no name: %q", msg.Text)
	}
	name.SetText("王")
	if msg.Visible() {
		t.Errorf("typing a name left Save's problem: %q", msg.Text)
	}

	// The same helper serves every form: a model code has 64 characters at most.
	_, p, _ := openProducts(t)
	p.form.code.SetText(strings.Repeat("X", model.MaxCodeLen+1))
	if l := p.form.errs["model"]; l.Text != "Too long: 65 characters, at most 64" {
		t.Errorf("model code message = %q", l.Text)
	}
}

// TestReadPhotoJudgesByContent: a file named .png (or .jpg) is attached only when its bytes
// are a PNG or JPEG picture; anything else is refused in one sentence.
func TestReadPhotoJudgesByContent(t *testing.T) {
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()
	good := writePNG(t, filepath.Join(t.TempDir(), "good.png"))
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	// A PNG header that claims 100,000 × 100,000 pixels.
	huge := append([]byte(nil), good[:33]...)
	binary.BigEndian.PutUint32(huge[16:], 100_000)
	binary.BigEndian.PutUint32(huge[20:], 100_000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"report.png", zipped.Bytes(), "report.png is not a JPEG or PNG picture."},
		{"notes.jpg", []byte("the unit is scratched\n"), "notes.jpg is not a JPEG or PNG picture."},
		{"empty.png", nil, "empty.png is not a JPEG or PNG picture."},
		{"anim.png", gif, "anim.png is not a JPEG or PNG picture."},
		{"half.png", good[:len(good)/2], "half.png is a damaged picture"},
		{"huge.png", huge, "huge.png is 100000×100000 pixels: too large to attach."},
		{"../../etc/passwd.png", zipped.Bytes(), "is not a JPEG or PNG picture."},
	} {
		_, _, err := readPhoto(c.name, bytes.NewReader(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// A real picture with a hostile name keeps only the name's last part, for display.
	p, data, err := readPhoto("../../etc/passwd.png", bytes.NewReader(good))
	if err != nil || p.File != "" || p.Name != "passwd.png" || !bytes.Equal(data, good) {
		t.Errorf("readPhoto = %+v, %v", p, err)
	}
	// A name with an escape sequence or a bidi override (a file system allows both) keeps
	// them out of the record, which the model would refuse.
	p, _, err = readPhoto("unit\x1b[2J\u202egnp.png", bytes.NewReader(good))
	p.CaseID, p.File = 1, model.NewPhotoFile(p.Format)
	if err != nil || p.Name != "unit\ufffd[2J\ufffdgnp.png" || p.Validate() != nil {
		t.Errorf("readPhoto = %+v, %v; validate: %v", p, err, p.Validate())
	}
}
