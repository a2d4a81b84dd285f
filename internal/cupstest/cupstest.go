// Package cupstest starts a private CUPS scheduler with a CUPS-PDF queue for tests that print
// for real, never touching the machine's own CUPS.
package cupstest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"returndesk/internal/testenv"
)

// Start starts a private CUPS scheduler (its own folder and socket, never the
// machine's) with one CUPS-PDF queue named queue as the default, points lp and lpstat at
// it, and returns the folder the printed PDFs land in.
func Start(t *testing.T, queue string) string {
	t.Helper()
	testenv.Root(t) // cupsd runs its backends as root
	cupsd := testenv.Tool(t, "cupsd")
	testenv.Tool(t, "lp")
	testenv.Tool(t, "pdfinfo")
	const ppd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
	if _, err := os.Stat(ppd); err != nil {
		testenv.Tool(t, "cups-pdf (printer-driver-cups-pdf)")
	}
	dir, err := os.MkdirTemp("", "rd-cups-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, sub := range []string{"etc/ppd", "spool", "tmp", "cache", "state", "log", "out"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(dir, 0o755)
	os.Chmod(filepath.Join(dir, "tmp"), 0o1777)
	os.Chmod(filepath.Join(dir, "out"), 0o1777)
	sock := filepath.Join(dir, "cups.sock")
	write(t, filepath.Join(dir, "etc", "cupsd.conf"), "Listen "+sock+"\nLogLevel warn\nBrowsing No\nDefaultAuthType None\n"+
		"<Location />\n  Order allow,deny\n  Allow all\n</Location>\n<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"+
		"<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
	write(t, filepath.Join(dir, "etc", "cups-files.conf"), strings.NewReplacer("DIR", dir).Replace(
		"ServerRoot DIR/etc\nRequestRoot DIR/spool\nTempDir DIR/tmp\nCacheDir DIR/cache\nStateDir DIR/state\n"+
			"ErrorLog DIR/log/error_log\nAccessLog DIR/log/access_log\nPageLog DIR/log/page_log\n"+
			"ServerBin /usr/lib/cups\nDataDir /usr/share/cups\nSystemGroup root\n"))
	// CUPS-PDF reads its settings from /etc/cups only: one file for this instance, removed afterwards.
	instance := fmt.Sprintf("rdtest%d", os.Getpid())
	conf := filepath.Join("/etc/cups", "cups-pdf-"+instance+".conf")
	write(t, conf, "Out "+dir+"/out\nAnonDirName "+dir+"/out\nGrp root\n")
	t.Cleanup(func() { os.Remove(conf) })

	cmd := exec.Command(cupsd, "-f", "-c", filepath.Join(dir, "etc", "cupsd.conf"), "-s", filepath.Join(dir, "etc", "cups-files.conf"))
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	t.Setenv("CUPS_SERVER", sock)
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if out, err := exec.Command("lpstat", "-r").CombinedOutput(); err == nil && strings.Contains(string(out), "is running") {
			break
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("the private cupsd did not start: %s", logs.String())
		}
	}
	testenv.Run(t, "lpadmin", "-p", queue, "-E", "-v", "cups-pdf:/"+instance, "-P", ppd)
	testenv.Run(t, "lpadmin", "-d", queue)
	return filepath.Join(dir, "out")
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
