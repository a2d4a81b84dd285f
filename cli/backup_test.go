package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"returndesk/i18n"
	"returndesk/internal/shoptest"

	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

// runHere runs one command in this process against the database at db.
func runHere(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runWith(t, db, time.Now, args...)
}

// runWith is runHere on the clock now.
func runWith(t *testing.T, db string, now func() time.Time, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "RETURNDESK_DB" {
			return db
		}
		return ""
	}
	code = Run(args, &out, &errb, getenv, now)
	return out.String(), errb.String(), code
}

// runEnv runs one command in this process with env (KEY=VALUE) over the test's environment.
func runEnv(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	vars := map[string]string{i18n.EnvLanguage: "en"} // whatever the developer's locale
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	getenv := func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		return os.Getenv(k)
	}
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb, getenv, time.Now)
	return out.String(), errb.String(), code
}

// shopWithCases makes a database with n cases of one customer, and a photo of the first.
func shopWithCases(t *testing.T, path string, n int) {
	t.Helper()
	shop := shoptest.At(t, path)
	defer shop.DB.Close()
	m := &model.Manufacturer{Name: "Halotek"}
	shop.Manufacturers(m)
	p := &model.Product{ManufacturerID: m.ID, Model: "HT-R200", Name: "路由器"}
	shop.Products(p)
	cu := &model.Customer{Name: "张伟", Phone: "13800138000"}
	shop.Customers(cu)
	addCases(shop, cu.ID, p.ID, 0, n)
	photo := model.Photo{CaseID: 1, File: "photos/0a1b2c.jpg", Name: "正面.jpg"}
	if err := shop.DB.AddPhoto(context.Background(), &photo, frontPhoto, "test"); err != nil {
		t.Fatal(err)
	}
}

// frontPhoto is the picture of shopWithCases's photo.
var frontPhoto = storetest.JPEG(2, 2)

// addCases adds the cases SN-A, SN-B, … numbered from to to.
func addCases(shop *shoptest.Shop, customer model.CustomerID, product model.ProductID, from, to int) {
	for i := from; i < to; i++ {
		shop.Case(model.Case{CustomerID: customer, ProductID: product,
			Serial: model.Serial(fmt.Sprintf("SN-%04d", i)), PurchaseDate: model.MustDate("2026-03-01"),
			ReportedDate: model.MustDate("2026-03-05"), Fault: "无法开机", Tier: model.TierRefund})
	}
}

func casesIn(t *testing.T, path string) int {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, total, err := db.FindCases(context.Background(), model.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "data", "returndesk.db")
	shopWithCases(t, dbPath, 2)
	out := filepath.Join(dir, "shop backup.rdbak")

	stdout, stderr, code := runHere(t, dbPath, "backup", "--out", out)
	if code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Backed up " + dbPath + " to " + out, "2 cases, 0 claims, 1 photo, "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("backup said %q, want %q", stdout, want)
		}
	}
	_, stderr, code = runHere(t, dbPath, "backup", "--out", out)
	if code != 2 || !strings.Contains(stderr, "never writes over one") {
		t.Errorf("backup over an existing file: exit %d, %q", code, stderr)
	}

	// A third case and a second photo, then the restore brings back the backup's state.
	shop := shoptest.At(t, dbPath)
	addCases(shop, 1, 1, 2, 3)
	if err := shop.DB.AddPhoto(context.Background(), &model.Photo{CaseID: 1}, storetest.PNG(3, 3, 0), "test"); err != nil {
		t.Fatal(err)
	}
	shop.DB.Close()

	stdout, stderr, code = runHere(t, dbPath, "restore", out)
	if code != 0 {
		t.Fatalf("restore: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Checked " + out + ": integrity ok", "2 cases, 0 claims, 1 photo with matching checksums",
		"Kept the replaced database as " + filepath.Join(dir, "data", "backups", "returndesk-before-restore-"),
		"Restored " + dbPath + ".\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("restore said %q, want %q", stdout, want)
		}
	}
	if n := casesIn(t, dbPath); n != 2 {
		t.Errorf("%d cases after the restore, want 2", n)
	}
	db, err := sqlite.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	photos, err := db.ListPhotos(context.Background(), 1)
	if err != nil || len(photos) != 1 {
		t.Fatalf("photos after the restore: %v (%v)", photos, err)
	}
	if b, err := db.PhotoData(context.Background(), photos[0].ID); !bytes.Equal(b, frontPhoto) {
		t.Errorf("photo after the restore: %d bytes (%v)", len(b), err)
	}
}

func TestRestoreCommandRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "returndesk.db")
	shopWithCases(t, dbPath, 1)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := filepath.Join(dir, "good.rdbak")
	if _, stderr, code := runHere(t, dbPath, "backup", "--out", good); code != 0 {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(good)
	for i := len(data) / 2; i < len(data)/2+4096; i++ {
		data[i] ^= 0x5a
	}
	damaged := write("damaged.rdbak", data)

	tests := []struct{ name, file, want string }{
		{"empty", write("empty.rdbak", nil), "not a ReturnDesk backup (the file is empty)"},
		{"text", write("readme.txt", bytes.Repeat([]byte("not a backup\n"), 100)), "not a ReturnDesk backup (it is not an SQLite file)"},
		{"damaged", damaged, "failed the integrity check"},
	}
	for _, tc := range tests {
		_, stderr, code := runHere(t, dbPath, "restore", tc.file)
		if code != 2 || !strings.HasPrefix(stderr, "returndesk restore: ") || !strings.Contains(stderr, tc.want) ||
			strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, %q; want exit 2 and one line with %q", tc.name, code, stderr, tc.want)
		}
	}
	if n := casesIn(t, dbPath); n != 1 {
		t.Errorf("%d cases after the refusals, want 1", n)
	}

	if _, stderr, code := runHere(t, dbPath, "backup"); code != 2 || !strings.Contains(stderr, "--out FILE") {
		t.Errorf("backup without --out: exit %d, %q", code, stderr)
	}
	missing := filepath.Join(dir, "none", "returndesk.db")
	if _, stderr, code := runHere(t, missing, "backup", "--out", filepath.Join(dir, "x.rdbak")); code != 2 ||
		!strings.Contains(stderr, "no database at") {
		t.Errorf("backup of no database: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("backup created a database: %v", err)
	}
}
