package storetest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"returndesk/model"
)

// PNG is a w×h PNG picture, as a photo or logo to store; the same size and shade give the
// same bytes.
func PNG(w, h int, shade uint8) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = shade
	}
	img.Set(0, 0, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// JPEG is a w×h JPEG picture.
func JPEG(w, h int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// pngHeader is the start of a PNG file that says it is w×h pixels: enough to be refused
// for its size without building the picture.
func pngHeader(w, h int) []byte {
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[8:], uint32(h))
	ihdr[12], ihdr[13] = 8, 2 // 8-bit RGB
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

func testAddAndListPhotos(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	c := MustCreate(t, db, f.NewCase("HX-PHOTO-1"))
	other := MustCreate(t, db, f.NewCase("HX-PHOTO-2"))

	list, err := db.ListPhotos(ctx, c.ID)
	if err != nil || list == nil || len(list) != 0 {
		t.Fatalf("no photos yet: %v %v", list, err)
	}
	front, back := PNG(640, 480, 0x80), JPEG(10, 20)
	p1 := &model.Photo{CaseID: c.ID, File: "photos/0a1b2c3d.png", Name: "  背面 裂痕.PNG "}
	if err := db.AddPhoto(ctx, p1, front, "tester"); err != nil {
		t.Fatal(err)
	}
	if p1.ID == 0 || p1.AddedAt.IsZero() || p1.Name != "背面 裂痕.PNG" || p1.Format != "png" || p1.Width != 640 ||
		p1.Height != 480 || p1.Size != int64(len(front)) {
		t.Errorf("added photo = %+v", p1)
	}
	// Without a file name the store makes one up.
	p2 := &model.Photo{CaseID: c.ID, Name: "front.jpg"}
	if err := db.AddPhoto(ctx, p2, back, "tester"); err != nil {
		t.Fatal(err)
	}
	if p2.Format != "jpeg" || !strings.HasPrefix(p2.File, model.PhotoDir+"/") || !strings.HasSuffix(p2.File, ".jpg") {
		t.Errorf("second photo = %+v", p2)
	}
	if err := db.AddPhoto(ctx, &model.Photo{CaseID: other.ID, File: "photos/other.png"}, PNG(1, 1, 0), "x"); err != nil {
		t.Fatal(err)
	}

	list, err = db.ListPhotos(ctx, c.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("photos = %v, %v", list, err)
	}
	if got := list[0]; got.ID != p1.ID || got.File != p1.File || got.Name != p1.Name || got.Format != "png" ||
		got.Width != 640 || got.Height != 480 || got.Size != p1.Size || got.Actor != "tester" || !got.AddedAt.Equal(p1.AddedAt) {
		t.Errorf("first photo = %+v, want %+v", got, *p1)
	}
	if list[1].File != p2.File {
		t.Errorf("second photo = %+v", list[1])
	}
	// The pictures come back byte for byte, from any counter.
	for _, st := range []model.Store{db, hooks(t, db).Reopen(t)} {
		for _, want := range []struct {
			id   model.PhotoID
			data []byte
		}{{p1.ID, front}, {p2.ID, back}} {
			got, err := st.PhotoData(ctx, want.id)
			if err != nil || !bytes.Equal(got, want.data) {
				t.Errorf("PhotoData(%d) = %d bytes, %v; want %d bytes", want.id, len(got), err, len(want.data))
			}
		}
	}
	_, err = db.PhotoData(ctx, 9999)
	WantCode(t, err, model.ENOTFOUND)

	// Each attachment is in the history.
	hist, err := db.CaseHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var photos []string
	for _, h := range hist {
		if h.Action == "photo" {
			photos = append(photos, h.NewValue)
		}
	}
	if strings.Join(photos, "|") != "背面 裂痕.PNG|front.jpg" {
		t.Errorf("history photos = %q", photos)
	}

	_, err = db.ListPhotos(ctx, 9999)
	WantCode(t, err, model.ENOTFOUND)
}

func testAddPhotoRefusesBadRecords(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	c := MustCreate(t, db, f.NewCase("HX-PHOTO-1"))
	good := model.Photo{CaseID: c.ID, File: "photos/abc.png", Name: "x.png"}
	picture := PNG(2, 2, 0x40)
	for name, change := range map[string]func(p *model.Photo){
		"no case":          func(p *model.Photo) { p.CaseID = 0 },
		"unknown case":     func(p *model.Photo) { p.CaseID = 4242 },
		"outside folder":   func(p *model.Photo) { p.File = "../../etc/passwd.png" },
		"climbs out":       func(p *model.Photo) { p.File = "photos/../x.png" },
		"absolute":         func(p *model.Photo) { p.File = "/tmp/x.png" },
		"sub folder":       func(p *model.Photo) { p.File = "photos/a/b.png" },
		"user's name":      func(p *model.Photo) { p.File = "photos/my photo.png" },
		"backslash":        func(p *model.Photo) { p.File = `photos\x.png` },
		"not an image ext": func(p *model.Photo) { p.File = "photos/x.exe" },
	} {
		p := good
		change(&p)
		err := db.AddPhoto(ctx, &p, picture, "tester")
		WantCode(t, err, model.EINVALID)
		if p.ID != 0 {
			t.Errorf("%s: stored as %d", name, p.ID)
		}
	}
	// The picture itself: the limits, with the messages the window shows.
	for _, tc := range []struct {
		data []byte
		msg  string
	}{
		{nil, "x.png is not a JPEG or PNG picture."},
		{[]byte("GIF89a, not a photo"), "x.png is not a JPEG or PNG picture."},
		{bytes.Repeat([]byte{0}, model.MaxPhotoBytes+1), "x.png is larger than 25 MB."},
		{pngHeader(model.MaxPhotoSide+1, 1), "x.png is 16001×1 pixels: too large to attach."},
		{pngHeader(10_000, 10_000), "x.png is 10000×10000 pixels: too large to attach."},
		{picture[:len(picture)-20], "x.png is a damaged picture"},
	} {
		p := good
		err := db.AddPhoto(ctx, &p, tc.data, "tester")
		WantCode(t, err, model.EINVALID)
		if msg := model.ErrorMessage(err); !strings.HasPrefix(msg, tc.msg) {
			t.Errorf("refusal = %q, want %q", msg, tc.msg)
		}
	}
	if list, _ := db.ListPhotos(ctx, c.ID); len(list) != 0 {
		t.Fatalf("refused photos stored: %v", list)
	}
	p := good
	if err := db.AddPhoto(ctx, &p, picture, "tester"); err != nil {
		t.Fatal(err)
	}
	dup := good
	WantCode(t, db.AddPhoto(ctx, &dup, picture, "tester"), model.ECONFLICT)
}

func testLogo(t *testing.T, s suite) {
	db, _ := s.openTest(t)
	if logo, err := db.Logo(ctx); err != nil || logo != nil {
		t.Fatalf("no logo yet: %d bytes, %v", len(logo), err)
	}
	first, second := PNG(120, 48, 0x20), JPEG(60, 30)
	for _, want := range [][]byte{first, second} {
		if err := db.SetLogo(ctx, want); err != nil {
			t.Fatal(err)
		}
		for _, st := range []model.Store{db, hooks(t, db).Reopen(t)} {
			if got, err := st.Logo(ctx); err != nil || !bytes.Equal(got, want) {
				t.Errorf("Logo = %d bytes, %v; want %d bytes", len(got), err, len(want))
			}
		}
	}
	for _, tc := range []struct {
		data []byte
		msg  string
	}{
		{[]byte("GIF89a, not a logo"), "the logo is not a PNG or JPEG picture"},
		{bytes.Repeat([]byte{0}, model.MaxLogoBytes+1), "logo: is larger than 10 MB"},
		{pngHeader(10_000, 5001), "the logo is 10000×5001 pixels: too large"},
	} {
		err := db.SetLogo(ctx, tc.data)
		WantCode(t, err, model.EINVALID)
		if msg := model.ErrorMessage(err); msg != tc.msg {
			t.Errorf("refusal = %q, want %q", msg, tc.msg)
		}
	}
	if got, _ := db.Logo(ctx); !bytes.Equal(got, second) {
		t.Errorf("a refused logo replaced the logo: %d bytes", len(got))
	}
	if err := db.SetLogo(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Logo(ctx); err != nil || got != nil {
		t.Errorf("removed logo = %d bytes, %v", len(got), err)
	}
}
