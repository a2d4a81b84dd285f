//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"returndesk/internal/testenv"
	"strings"
	"syscall"
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

// TestUnreadableFolderIsNamed runs the binary as another user on a database whose folder
// that user may not enter: one line says which folder and what to do, exit 1.
func TestUnreadableFolderIsNamed(t *testing.T) {
	testenv.Root(t)
	dir := filepath.Join(t.TempDir(), "private")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "shop.db")
	if _, stderr, code := runBinary(t, nil, "demo", "--db", db, "--cases", "3"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	// The test's own temporary folders must let the other user reach dir at all.
	for p := filepath.Dir(dir); p != "/" && p != "."; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o001 == 0 {
			os.Chmod(p, fi.Mode().Perm()|0o001)
		}
	}
	bin := testBinary(t)
	if err := os.Chmod(filepath.Dir(bin), 0o755); err != nil { // a private folder of this test run
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "case", "list", "--db", db)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	_, stderr, code := runCmd(t, cmd)
	line := strings.TrimSpace(stderr)
	if code != 1 || !strings.Contains(line, "cannot open the folder "+dir) || strings.Contains(line, "\n") {
		t.Errorf("exit %d, stderr %q; want exit 1 and one line naming the folder", code, line)
	}
}
