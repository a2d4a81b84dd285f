package storetest

import (
	"strings"
	"testing"

	"returndesk/model"
)

func testAddAndListPhotos(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	c := MustCreate(t, db, f.NewCase("HX-PHOTO-1"))
	other := MustCreate(t, db, f.NewCase("HX-PHOTO-2"))

	list, err := db.ListPhotos(ctx, c.ID)
	if err != nil || list == nil || len(list) != 0 {
		t.Fatalf("no photos yet: %v %v", list, err)
	}
	p1 := &model.Photo{CaseID: c.ID, File: "photos/0a1b2c3d.png", Name: "  背面 裂痕.PNG ", Format: "png", Width: 640, Height: 480, Size: 1234}
	if err := db.AddPhoto(ctx, p1, "tester"); err != nil {
		t.Fatal(err)
	}
	if p1.ID == 0 || p1.AddedAt.IsZero() || p1.Name != "背面 裂痕.PNG" {
		t.Errorf("added photo = %+v", p1)
	}
	p2 := &model.Photo{CaseID: c.ID, File: "photos/ffee-01_x.jpg", Name: "front.jpg", Format: "jpeg", Width: 10, Height: 20, Size: 99}
	if err := db.AddPhoto(ctx, p2, "tester"); err != nil {
		t.Fatal(err)
	}
	if err := db.AddPhoto(ctx, &model.Photo{CaseID: other.ID, File: "photos/other.png", Format: "png", Width: 1, Height: 1, Size: 1}, "x"); err != nil {
		t.Fatal(err)
	}

	list, err = db.ListPhotos(ctx, c.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("photos = %v, %v", list, err)
	}
	if got := list[0]; got.ID != p1.ID || got.File != p1.File || got.Name != p1.Name || got.Format != "png" ||
		got.Width != 640 || got.Height != 480 || got.Size != 1234 || got.Actor != "tester" || !got.AddedAt.Equal(p1.AddedAt) {
		t.Errorf("first photo = %+v, want %+v", got, *p1)
	}
	if list[1].File != p2.File {
		t.Errorf("second photo = %+v", list[1])
	}

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
	db, _ := s.openTest(t)
	f := Seed(t, db)
	c := MustCreate(t, db, f.NewCase("HX-PHOTO-1"))
	good := model.Photo{CaseID: c.ID, File: "photos/abc.png", Format: "png", Width: 1, Height: 1, Size: 1}
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
		"format":           func(p *model.Photo) { p.Format = "gif" },
		"no pixels":        func(p *model.Photo) { p.Width = 0 },
		"empty file":       func(p *model.Photo) { p.Size = 0 },
	} {
		p := good
		change(&p)
		err := db.AddPhoto(ctx, &p, "tester")
		WantCode(t, err, model.EINVALID)
		if p.ID != 0 {
			t.Errorf("%s: stored as %d", name, p.ID)
		}
	}
	p := good
	if err := db.AddPhoto(ctx, &p, "tester"); err != nil {
		t.Fatal(err)
	}
	dup := good
	WantCode(t, db.AddPhoto(ctx, &dup, "tester"), model.ECONFLICT)
}
