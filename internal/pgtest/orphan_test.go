package pgtest

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// A server whose test process died before its cleanup (killed by a timeout) is stopped, and
// its folder removed, when the next server starts.
func TestOrphansAreStopped(t *testing.T) {
	orphan, err := start(false)
	if err != nil {
		unavailable(t, err)
	}
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(orphan.dir, "owner"), []byte(strconv.Itoa(gone.Process.Pid)), 0o644); err != nil {
		t.Fatal(err)
	}
	next := Start(t)
	if _, err := os.Stat(orphan.dir); !os.IsNotExist(err) {
		orphan.Stop()
		t.Fatalf("the orphan's folder %s is still there (%v)", orphan.dir, err)
	}
	if c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(orphan.port)), time.Second); err == nil {
		c.Close()
		t.Errorf("the orphan still listens on %d", orphan.port)
	}
	if next.dir == orphan.dir {
		t.Fatal("the new server took the orphan's folder")
	}
}
