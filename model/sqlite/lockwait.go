package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"returndesk/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Waiting for the write lock. SQLite keeps no queue for it: a writer that finds it taken
// tries again. One try waits lockPoll inside SQLite (its busy handler); between tries
// waitForLock says once, after announceAfter, that it is waiting, and keeps trying as long
// as the holder makes progress: its WAL file grows as it writes. A writer that holds the
// lock for stuckAfter without writing a page (a sqlite3 shell left in BEGIN IMMEDIATE, a
// hung program) is given up on with a clear message. A holder that dies releases the lock
// with its process, so a dead holder is never waited for.
var (
	announceAfter = time.Second
	stuckAfter    = 3 * time.Minute
)

// lockPoll is the writer connection's busy timeout: how long one try at the lock waits.
const lockPoll = 200 * time.Millisecond

// writingSuffix names the note a long writer leaves beside the database while it holds
// the write lock ("pid 1234: an import"), so that a waiting writer can say what it waits for.
const writingSuffix = "-writing"

// waitForLock runs begin, which tries to take the write lock, until it gets the lock,
// fails for another reason, or the lock holder is stuck (see above).
func (db *DB) waitForLock(ctx context.Context, begin func() error) error {
	err := begin()
	if !isBusy(err) {
		return err
	}
	start := time.Now()
	lastChange, last := start, db.walState()
	announced := false
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		now := time.Now()
		if st := db.walState(); st != last {
			last, lastChange = st, now
		}
		if !announced && now.Sub(start) >= announceAfter {
			announced = true
			if db.OnWait != nil {
				db.OnWait(waitingFor(db.holder()))
			}
		}
		if now.Sub(lastChange) >= stuckAfter {
			return model.Errorf(model.EINTERNAL,
				"gave up waiting for the database: %s has held its write lock for %s without writing anything; close it and try again",
				holderName(db.holder()), stuckAfter.Round(time.Second))
		}
		if err = begin(); !isBusy(err) {
			return err
		}
	}
}

// waitingFor is the one line said while waiting for the lock; what is the holder's note.
func waitingFor(what string) string {
	if what == "" {
		return "waiting for another program to finish writing to the database…"
	}
	return fmt.Sprintf("waiting for another ReturnDesk to finish writing (%s)…", what)
}

func holderName(what string) string {
	if what == "" {
		return "another program"
	}
	return fmt.Sprintf("another ReturnDesk (%s)", what)
}

// isBusy reports whether err is SQLite's "the lock is taken".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// walState is what changes in the WAL file while its writer works.
type walState struct {
	size int64
	mod  time.Time
}

func (db *DB) walState() walState {
	fi, err := os.Stat(db.path + "-wal")
	if err != nil {
		return walState{}
	}
	return walState{fi.Size(), fi.ModTime()}
}

// holder returns what the note of the lock holder says it is doing, or "" when there is no
// note or it was left by a process that has ended (a writer killed while holding the lock).
func (db *DB) holder() string {
	b, err := os.ReadFile(db.path + writingSuffix)
	if err != nil {
		return ""
	}
	pidText, what, ok := strings.Cut(strings.TrimSpace(string(b)), " ")
	pid, err := strconv.Atoi(pidText)
	if !ok || err != nil || !processAlive(pid) {
		return ""
	}
	return what
}

// noteWriting leaves the note for a long write (what: "an import") and returns its removal.
// It is written only by the lock holder, so it names the holder; failing to write it costs
// only the words of a waiting writer's message.
func (db *DB) noteWriting(what string) func() {
	path := db.path + writingSuffix
	if err := os.WriteFile(path, []byte(fmt.Sprintf("%d %s\n", os.Getpid(), what)), 0o600); err != nil {
		os.Remove(path) // a full disk may leave it empty
		return func() {}
	}
	return func() { os.Remove(path) }
}
