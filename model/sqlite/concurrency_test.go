package sqlite_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"returndesk/internal/testenv"
	"returndesk/model"
	"returndesk/model/sqlite"
	"returndesk/model/storetest"
)

// TestSecondProcess runs a real second process (this test binary) writing to the same
// file while this one writes too.
func TestSecondProcess(t *testing.T) {
	testenv.Slow(t, "a second process writing the same file")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clk := storetest.NewClock(start)
	db.Now = clk.Now
	f := seed(t, db)

	const n = 100
	cmd := exec.Command(exe, "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RETURNDESK_HELPER_DB="+path,
		"RETURNDESK_HELPER_N="+strconv.Itoa(n),
		"RETURNDESK_HELPER_CUSTOMER="+strconv.FormatInt(int64(f.Zhang.ID), 10),
		"RETURNDESK_HELPER_PRODUCT="+strconv.FormatInt(int64(f.Phone.ID), 10))
	out := make(chan []byte, 1)
	go func() {
		b, err := cmd.CombinedOutput()
		if err != nil {
			b = append(b, []byte("\nexit: "+err.Error())...)
		}
		out <- b
	}()
	for i := 0; i < n; i++ {
		if _, err := db.CreateCase(ctx, f.NewCase(fmt.Sprintf("P1-%d", i)), "parent"); err != nil {
			t.Error(err)
		}
	}
	if b := <-out; cmd.ProcessState == nil || !cmd.ProcessState.Success() {
		t.Fatalf("helper process failed:\n%s", b)
	}
	storetest.CheckContiguous(t, db, 2*n)
}

// TestHelperWriter is the second process of TestSecondProcess; it does nothing otherwise.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("RETURNDESK_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	n, _ := strconv.Atoi(os.Getenv("RETURNDESK_HELPER_N"))
	cust, _ := strconv.ParseInt(os.Getenv("RETURNDESK_HELPER_CUSTOMER"), 10, 64)
	prod, _ := strconv.ParseInt(os.Getenv("RETURNDESK_HELPER_PRODUCT"), 10, 64)
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = (storetest.NewClock(start)).Now
	for i := 0; i < n; i++ {
		_, err := db.CreateCase(ctx, model.NewCase{Case: model.Case{
			CustomerID: model.CustomerID(cust), ProductID: model.ProductID(prod),
			Serial: model.Serial(fmt.Sprintf("P2-%d", i)), ReportedDate: model.MustDate("2026-03-10"),
			Fault: "no power"}}, "child")
		if err != nil {
			t.Fatal(err)
		}
	}
}
