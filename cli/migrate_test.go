package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"returndesk/model"
	"returndesk/model/postgres"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

// on runs a command on database db with the data folder data; it must succeed.
func on(t *testing.T, db, data string, args ...string) string {
	t.Helper()
	out, stderr, code := runEnv(t, []string{"RETURNDESK_DB=" + db, "XDG_DATA_HOME=" + data}, args...)
	if code != 0 {
		t.Fatalf("%v on %s: exit %d: %s", args, db, code, stderr)
	}
	return out
}

// lists is what `case list --json` and `claim list --json` say of db.
func lists(t *testing.T, db, data string) string {
	t.Helper()
	return on(t, db, data, "case", "list", "--json", "--limit", "1000") + on(t, db, data, "claim", "list", "--json")
}

// pictures reads every photo's bytes and the logo of the database db.
func pictures(t *testing.T, db string) [][]byte {
	t.Helper()
	ctx := context.Background()
	s := openAny(t, db)
	defer s.Close()
	cases, _, err := s.FindCases(ctx, model.CaseFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, c := range cases {
		_, data := storetest.Photos(t, s, c.ID)
		out = append(out, data...)
	}
	logo, err := s.Logo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return append(out, logo)
}

// addPictures gives the first case of db two photos and the shop a logo.
func addPictures(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	p := openAny(t, db)
	defer p.Close()
	for i, pic := range [][]byte{storetest.PNG(24, 12, 0x30), storetest.JPEG(6, 6)} {
		if err := p.AddPhoto(ctx, &model.Photo{CaseID: model.CaseID(i + 1)}, pic, "tester"); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.SetLogo(ctx, storetest.PNG(10, 10, 0x70)); err != nil {
		t.Fatal(err)
	}
}

// openAny opens the database db of either engine.
func openAny(t *testing.T, db string) model.Store {
	t.Helper()
	var s model.Store
	var err error
	if postgres.IsURL(db) {
		s, err = postgres.Open(db)
	} else {
		s, err = sqlite.Open(db)
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func samePictures(t *testing.T, what string, a, b [][]byte) {
	t.Helper()
	if len(a) != len(b) || len(a) < 3 {
		t.Fatalf("%s: %d pictures, want %d (at least 3)", what, len(b), len(a))
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("%s: picture %d differs", what, i)
		}
	}
}

// migrate moves a shop from a file onto the server, back into a new file and into another: the same
// cases, claims and pictures; a target that is not empty is refused in one line, exit 2,
// and left as it was.
func TestMigrateFileToServerAndBack(t *testing.T) {
	data := t.TempDir()
	server := serverDB(t)
	file := filepath.Join(t.TempDir(), "shop.db")
	on(t, file, data, "demo", "--cases", "12")
	addPictures(t, file)
	want, wantPics := lists(t, file, data), pictures(t, file)

	out := on(t, file, data, "migrate", "--to", server)
	if !strings.Contains(out, "Copied "+file+" to postgres://") || !strings.Contains(out, "12 cases") ||
		strings.Contains(out, password(t, server)) {
		t.Errorf("migrate said %q", out)
	}
	if got := lists(t, server, data); got != want {
		t.Errorf("the server after migrate:\n%s\nwant\n%s", got, want)
	}
	samePictures(t, "server", wantPics, pictures(t, server))
	back := filepath.Join(t.TempDir(), "back.db")
	on(t, server, data, "migrate", "--to", back)
	if got := lists(t, back, data); got != want {
		t.Errorf("the file migrated back differs")
	}
	samePictures(t, "file", wantPics, pictures(t, back))
	third := filepath.Join(t.TempDir(), "third.db") // file to file
	on(t, back, data, "migrate", "--to", third)
	if got := lists(t, third, data); got != want {
		t.Errorf("the file migrated from a file differs")
	}
	samePictures(t, "file to file", wantPics, pictures(t, third))

	// Not empty: refused, one line, exit 2, the target unchanged.
	for _, target := range []string{server, back} {
		o, stderr, code := runEnv(t, []string{"RETURNDESK_DB=" + file, "XDG_DATA_HOME=" + data}, "migrate", "--to", target)
		if code != 2 || o != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "is not empty") {
			t.Errorf("migrate into a full %s: exit %d, stdout %q, stderr %q", target, code, o, stderr)
		}
		if got := lists(t, target, data); got != want {
			t.Errorf("the refused target %s changed", target)
		}
	}
	// The source itself, and a source that does not exist.
	if _, stderr, code := runEnv(t, []string{"RETURNDESK_DB=" + file}, "migrate", "--to", file); code != 2 {
		t.Errorf("migrate into itself: exit %d: %s", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if _, _, code := runEnv(t, []string{"RETURNDESK_DB=" + missing}, "migrate", "--to", back); code == 0 {
		t.Errorf("migrate of a missing database succeeded")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("migrate created the database it was to copy")
	}
}

// A backup taken on PostgreSQL is a .rdbak like a file's: it restores into SQLite, and a
// backup of that file restores onto the server, replacing what is there; the same cases,
// claims and photo bytes all the way, and the server's content before the restore kept as
// a backup in the backups folder.
func TestServerBackupRestoresIntoFileAndBack(t *testing.T) {
	data := t.TempDir()
	server := serverDB(t)
	on(t, server, data, "demo", "--cases", "10")
	addPictures(t, server)
	want, wantPics := lists(t, server, data), pictures(t, server)

	dir := t.TempDir()
	out := on(t, server, data, "backup", "--out", filepath.Join(dir, "server.rdbak"))
	if !strings.Contains(out, "Backed up postgres://") || !strings.Contains(out, "10 cases") || !strings.Contains(out, "2 photos") {
		t.Errorf("backup said %q", out)
	}
	// One file, as a file's backup: rollback-journal mode (header bytes 18 and 19 are 1),
	// nothing beside it.
	if head, err := os.ReadFile(filepath.Join(dir, "server.rdbak")); err != nil || len(head) < 20 || head[18] != 1 || head[19] != 1 {
		t.Errorf("the server's backup is not a one-file SQLite database (%v)", err)
	}
	if beside, _ := filepath.Glob(filepath.Join(dir, "*")); len(beside) != 1 {
		t.Errorf("files beside the backup: %v", beside)
	}
	file := filepath.Join(t.TempDir(), "shop.db")
	on(t, file, data, "restore", filepath.Join(dir, "server.rdbak"))
	if got := lists(t, file, data); got != want {
		t.Errorf("the file restored from the server's backup:\n%s\nwant\n%s", got, want)
	}
	samePictures(t, "file", wantPics, pictures(t, file))

	on(t, file, data, "backup", "--out", filepath.Join(dir, "file.rdbak"))
	var first struct {
		Cases []struct {
			Model string `json:"model"`
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(on(t, server, data, "case", "list", "--json")), &first); err != nil || len(first.Cases) == 0 {
		t.Fatalf("case list: %v", err)
	}
	on(t, server, data, "case", "add", "--customer", "Somebody New", "--phone", "13900000000", "--serial", "GONE-1",
		"--model", first.Cases[0].Model, "--purchased", "2026-01-10", "--fault", "will be replaced by the restore")
	out = on(t, server, data, "restore", filepath.Join(dir, "file.rdbak"))
	if !strings.Contains(out, "Restored postgres://") {
		t.Errorf("restore said %q", out)
	}
	if got := lists(t, server, data); got != want {
		t.Errorf("the server restored from the file's backup:\n%s\nwant\n%s", got, want)
	}
	samePictures(t, "server", wantPics, pictures(t, server))
	kept, _ := filepath.Glob(filepath.Join(data, "returndesk", "backups", "*-*-*", "returndesk-before-restore-*.rdbak"))
	if len(kept) != 1 {
		t.Fatalf("kept before the restore: %v", kept)
	}
	if o := on(t, file, data, "restore", kept[0]); !strings.Contains(o, "11 cases") {
		t.Errorf("the kept backup holds: %s", o)
	}
}
