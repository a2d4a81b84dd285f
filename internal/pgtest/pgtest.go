// Package pgtest starts a private, throwaway PostgreSQL cluster for tests: initdb into a new
// folder, its own port on 127.0.0.1 and its socket in that folder, stopped and removed when
// the tests end. It never touches a server it did not start. PostgreSQL refuses to run as
// root, so under root the cluster runs as the `postgres` user (Debian's package makes it).
//
// A package's tests share one server (Main in its TestMain; Database gives each test its own
// database). Without PostgreSQL the tests skip on a laptop and fail under CI=true (testenv).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"returndesk/internal/testenv"
)

// MinVersion is the oldest PostgreSQL major version ReturnDesk supports.
const MinVersion = 15

// Server is a running private cluster.
type Server struct {
	dir      string // owned by the server's user; holds data/, the socket and the log
	bin      string // the folder of initdb, pg_ctl and postgres
	port     int
	password string   // of the superuser "postgres", for connections over TCP
	asUser   []string // the runuser prefix when we are root
	paused   bool     // stopped by Pause, to be started again by Resume
	durable  bool     // commits wait for the disk, as on a shop's server (StartDurable)
}

// Start initialises and starts a new cluster; it is stopped and removed when t ends.
func Start(t testing.TB) *Server { return startFor(t, false) }

// StartDurable is Start for a cluster whose commits wait for the disk, as a shop's server's
// do: for benchmarks whose figures depend on what a commit costs.
func StartDurable(t testing.TB) *Server { return startFor(t, true) }

func startFor(t testing.TB, durable bool) *Server {
	t.Helper()
	s, err := start(durable)
	if err != nil {
		unavailable(t, err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return s
}

// unavailable skips t when PostgreSQL is not installed (fails it under CI=true) and fails
// it when an installed PostgreSQL does not start.
func unavailable(t testing.TB, err error) {
	t.Helper()
	const hint = "make deps-test installs the postgresql package"
	if errors.Is(err, errMissing) && !testenv.Strict() {
		t.Skipf("skipped: no PostgreSQL test server: %v (%s)", err, hint)
	}
	t.Fatalf("no PostgreSQL test server: %v (%s)", err, hint)
}

// errMissing says PostgreSQL is not installed, which on a laptop is a reason to skip.
var errMissing = errors.New("PostgreSQL is not installed")

// binDir finds a PostgreSQL of at least MinVersion: pg_ctl on PATH, else the newest of
// Debian's /usr/lib/postgresql/N/bin.
func binDir() (string, error) {
	var dirs []string
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(found, func(i, j int) bool { return major(found[i]) > major(found[j]) })
	dirs = append(dirs, found...)
	for _, d := range dirs {
		out, err := exec.Command(filepath.Join(d, "pg_ctl"), "--version").Output()
		if err != nil {
			continue
		}
		// "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
		f := strings.Fields(string(out))
		if len(f) >= 3 {
			if v, _ := strconv.Atoi(strings.SplitN(f[2], ".", 2)[0]); v >= MinVersion {
				if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
					return d, nil
				}
			}
		}
	}
	return "", errMissing
}

func major(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func start(durable bool) (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, durable: durable}
	uid, gid := -1, -1
	defer reapOrphans(s) // after asUser is known
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("%w: running as root and there is no postgres user to run the server as (%v)", errMissing, err)
		}
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
		s.asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	// A folder of its own that the server's user owns (a test's TempDir may not be
	// enterable by it); short, because a socket path is limited to about 100 bytes.
	if s.dir, err = os.MkdirTemp("", "rdpg-"); err != nil {
		return nil, err
	}
	// Who started it: a test process killed before its cleanup leaves the server running, and
	// the next start stops it (reapOrphans).
	if err := os.WriteFile(filepath.Join(s.dir, "owner"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		os.RemoveAll(s.dir)
		return nil, err
	}
	if uid >= 0 {
		if err := os.Chown(s.dir, uid, gid); err != nil {
			os.RemoveAll(s.dir)
			return nil, err
		}
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(s.dir)
		}
	}()
	var pw [16]byte
	rand.Read(pw[:])
	s.password = hex.EncodeToString(pw[:])
	pwfile := filepath.Join(s.dir, "pw")
	if err := os.WriteFile(pwfile, []byte(s.password+"\n"), 0o600); err != nil {
		return nil, err
	}
	if uid >= 0 {
		os.Chown(pwfile, uid, gid)
	}
	// The socket (trust) is reachable only through the folder (0700); TCP needs the password.
	if out, err := s.run("initdb", "-D", s.data(), "-U", "postgres", "--pwfile", pwfile, "-E", "UTF8",
		"--locale", "C", "--auth-local", "trust", "--auth-host", "scram-sha-256", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	os.Remove(pwfile)
	// The port: one nobody listens on now; if another program takes it before the
	// server does, the server fails to start and the next free port is tried.
	var lastErr error
	for range 5 {
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		out, err := s.pgStart()
		if err == nil {
			ok = true
			return s, nil
		}
		log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		lastErr = fmt.Errorf("pg_ctl start: %v\n%s%s", err, out, log)
		if !strings.Contains(string(log), "in use") {
			break
		}
	}
	return nil, lastErr
}

// pgStart starts the cluster on s.port.
func (s *Server) pgStart() ([]byte, error) {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", s.port, s.dir)
	if !s.durable {
		// A throwaway cluster: no fsync (its data never outlives the run).
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	return s.run("pg_ctl", "-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-o", opts, "-w", "-t", "60", "start")
}

// Pause stops the server (fast: open connections are ended) and keeps its data, as a
// server that goes away for a while: Resume starts it again on the same port.
func (s *Server) Pause() error {
	out, err := s.run("pg_ctl", "-D", s.data(), "-m", "fast", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	s.paused = true
	return nil
}

// Resume starts a paused server again, with its data, on its port; a running one is left be.
func (s *Server) Resume() error {
	if !s.paused {
		return nil
	}
	if out, err := s.pgStart(); err != nil {
		return fmt.Errorf("pg_ctl start: %v\n%s", err, out)
	}
	s.paused = false
	return nil
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// run runs one of the server's programs as the server's user.
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	argv := append(append(append([]string{}, s.asUser...), filepath.Join(s.bin, prog)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = s.dir
	return cmd.CombinedOutput()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop stops the server (fast: open connections are ended) and removes its folder.
func (s *Server) Stop() error {
	var err error
	if !s.paused {
		if out, stopErr := s.run("pg_ctl", "-D", s.data(), "-m", "fast", "-w", "stop"); stopErr != nil {
			err = fmt.Errorf("pg_ctl stop: %v\n%s", stopErr, out)
		}
	}
	if rmErr := os.RemoveAll(s.dir); err == nil {
		err = rmErr
	}
	return err
}

// URL is the connection URL of database db as the superuser, over TCP.
func (s *Server) URL(db string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword("postgres", s.password),
		Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)), Path: "/" + db, RawQuery: "sslmode=disable"}
	return u.String()
}

// Port is the server's TCP port.
func (s *Server) Port() int { return s.port }

var dbSeq atomic.Int64

// Database creates a new, empty database for t, drops it when t ends, and returns its URL.
func (s *Server) Database(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbSeq.Add(1))
	if err := s.admin(`CREATE DATABASE ` + name + ` TEMPLATE template0 ENCODING 'UTF8'`); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		// FORCE: a connection the test left open does not keep its database alive.
		if err := s.admin(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return s.URL(name)
}

// admin runs one statement in the postgres database.
func (s *Server) admin(sql string) error { return Exec(s.URL("postgres"), sql) }

// Exec runs one statement in the database at url (a test's setting up: roles, grants).
func Exec(url, sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// The server a package's tests share: started by the first test that asks, stopped by Main.
var shared struct {
	sync.Mutex
	main    bool
	started bool
	s       *Server
	err     error
}

// Main runs a package's tests (call it from TestMain) and then stops the shared server.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run is Main for a TestMain with more to do after the tests: it returns the exit code.
func Run(m *testing.M) int {
	shared.Lock()
	shared.main = true
	shared.Unlock()
	code := m.Run()
	shared.Lock()
	if shared.s != nil {
		if err := shared.s.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	shared.Unlock()
	return code
}

// Shared returns the package's shared server, starting it on first use; the package's
// TestMain must call Main, which stops it.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if !shared.main {
		t.Fatal("pgtest.Shared: the package's TestMain must call pgtest.Main (it stops the server)")
	}
	if !shared.started {
		shared.started = true
		shared.s, shared.err = start(false)
	}
	if shared.err != nil {
		unavailable(t, shared.err)
	}
	return shared.s
}

// reapOrphans stops the servers this package started for test processes that are gone (killed
// before their cleanup ran) and removes their folders. Only folders with an owner file are
// touched: those are ours, never another program's server.
func reapOrphans(s *Server) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "rdpg-*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "owner"))
		if err != nil || dir == s.dir {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || alive(pid) {
			continue
		}
		old := &Server{bin: s.bin, asUser: s.asUser, dir: dir}
		old.run("pg_ctl", "-D", old.data(), "-m", "immediate", "-w", "stop")
		os.RemoveAll(dir)
	}
}

// alive reports whether a process with this id runs.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}
