package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRestoreOverDamagedDatabases runs `returndesk restore` over a truncated database and
// over one with a damaged page, as a shop whose disk failed would: the damaged file is
// kept aside byte for byte and the cases are back.
func TestRestoreOverDamagedDatabases(t *testing.T) {
	for _, how := range []string{"truncated", "damaged page"} {
		db := filepath.Join(t.TempDir(), "shop.db")
		if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "40"); code != 0 {
			t.Fatalf("demo: exit %d: %s", code, stderr)
		}
		good := filepath.Join(t.TempDir(), "good.rdbak")
		if _, stderr, code := runBinary(t, nil, "backup", "--db", db, "--out", good); code != 0 {
			t.Fatalf("backup: exit %d: %s", code, stderr)
		}
		data, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		if how == "truncated" {
			data = data[:len(data)/3]
		} else {
			// Page 3 onwards holds tables; overwrite one in the middle of the file.
			page := 4096
			mid := (len(data) / page / 2) * page
			copy(data[mid:mid+page], bytes.Repeat([]byte{0x5A}, page))
		}
		if err := os.WriteFile(db, data, 0o600); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, code := runBinary(t, nil, "restore", good, "--db", db, "--json")
		if code != 0 {
			t.Fatalf("%s: restore: exit %d: %s", how, code, stderr)
		}
		var rep struct {
			Kept   string `json:"kept"`
			Backup struct {
				Cases int `json:"cases"`
			} `json:"backup"`
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep.Backup.Cases != 40 {
			t.Fatalf("%s: restore --json = %s (%v)", how, stdout, err)
		}
		if kept, err := os.ReadFile(rep.Kept); err != nil || !bytes.Equal(kept, data) {
			t.Errorf("%s: the damaged file is not kept byte for byte as %q (%v)", how, rep.Kept, err)
		}
		if !strings.Contains(filepath.Base(rep.Kept), "damaged") {
			t.Errorf("%s: kept as %s, not as a damaged database", how, rep.Kept)
		}
		if !strings.HasPrefix(rep.Kept, filepath.Join(filepath.Dir(db), "backups")+string(filepath.Separator)) {
			t.Errorf("%s: kept as %s, not in the backups folder", how, rep.Kept)
		}
		out, stderr, code := runBinary(t, nil, "case", "list", "--json", "--limit", "1000", "--db", db)
		var list struct {
			Cases []map[string]any `json:"cases"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list.Cases) != 40 {
			t.Errorf("%s: case list after the restore: exit %d, %d cases, %s", how, code, len(list.Cases), stderr)
		}
	}
}

// TestRecoveryWindowOnADamagedDatabase starts the real app on a truncated database: instead
// of exiting with a line on stderr, it opens the recovery window, and the file is untouched.
func TestRecoveryWindowOnADamagedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "12"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	data = data[:len(data)/2+7]
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	w := startApp(t, db)
	if name := w.xdo("getwindowname", w.id); !strings.Contains(name, "cannot be opened") {
		t.Errorf("the window is %q, not the recovery window", name)
	}
	if !strings.Contains(w.stderr.String(), "is damaged") {
		t.Errorf("stderr does not say the database is damaged: %s", w.stderr.String())
	}
	if now, _ := os.ReadFile(db); !bytes.Equal(now, data) {
		t.Error("the damaged database changed")
	}
}
