// Package backupdir keeps a folder of ReturnDesk's own backups, the same for every engine:
// the automatic backup of a day is returndesk-YYYY-MM-DD.rdbak and the newest Keep of those
// stay; a backup kept for a reason is returndesk-WHY-YYYY-MM-DD-hhmmss.rdbak and stays until
// the dealer removes it; State says how today's automatic backup is going.
package backupdir

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"returndesk/model"
	"returndesk/outfile"
)

const (
	// Keep is how many automatic daily backups a folder keeps.
	Keep = 14
	// Name is the name of a backup folder beside the data it backs up.
	Name = "backups"
)

// dailyName matches the automatic backups, returndesk-2026-11-21.rdbak: the only backups
// ever deleted.
var dailyName = regexp.MustCompile(`^returndesk-\d{4}-\d{2}-\d{2}\.rdbak$`)

// Make creates the folder dir, owner-only, when missing.
func Make(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return model.Wrap(model.EINTERNAL, err, "cannot create the backup folder")
	}
	return nil
}

// Daily is the file of day's automatic backup in dir.
func Daily(dir string, day time.Time) string {
	return filepath.Join(dir, "returndesk-"+day.Format("2006-01-02")+model.BackupExt)
}

// Prune deletes all but the newest Keep automatic backups in dir.
func Prune(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return model.Wrap(model.EINTERNAL, err, "cannot list the backups")
	}
	var daily []string
	for _, e := range entries {
		if e.Type().IsRegular() && dailyName.MatchString(e.Name()) {
			daily = append(daily, e.Name())
		}
	}
	sort.Strings(daily) // the date in the name sorts them oldest first
	for len(daily) > Keep {
		if err := os.Remove(filepath.Join(dir, daily[0])); err != nil {
			return model.Wrap(model.EINTERNAL, err, "cannot delete an old backup")
		}
		daily = daily[1:]
	}
	return nil
}

// RemoveStaleTemps deletes the temporary files of backups and restores that a crash left
// in dir; those younger than a day may belong to one still running in another window.
// Their age is by the system clock, as their modification times are.
func RemoveStaleTemps(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, outfile.TempPattern))
	for _, p := range old {
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > 24*time.Hour {
			os.Remove(p)
		}
	}
}

// Stamped tries the names returndesk-WHY-YYYY-MM-DD-hhmmss[-N].rdbak in dir until write
// finds one that does not exist yet (write refuses an existing file with ECONFLICT).
func Stamped(dir, why string, at time.Time, write func(name string) (*model.BackupInfo, error)) (*model.BackupInfo, error) {
	base := filepath.Join(dir, "returndesk-"+why+"-"+at.Format("2006-01-02-150405"))
	for i := 1; ; i++ {
		name := base + model.BackupExt
		if i > 1 {
			name = base + "-" + strconv.Itoa(i) + model.BackupExt
		}
		info, err := write(name)
		if model.ErrorCode(err) == model.ECONFLICT && i < 100 {
			continue // one taken within the same second
		}
		return info, err
	}
}

// Newest is the newest backup of any kind in dir and when it was written; "" when there
// is none (or no folder yet).
func Newest(dir string) (file string, at time.Time, err error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, model.Wrap(model.EINTERNAL, err, "cannot list the backups")
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, "returndesk-") || !strings.HasSuffix(name, model.BackupExt) {
			continue
		}
		fi, err := e.Info()
		if err != nil || fi.Size() == 0 { // an empty file is a name reserved by a backup under way
			continue
		}
		if fi.ModTime().After(at) {
			file, at = filepath.Join(dir, name), fi.ModTime()
		}
	}
	return file, at, nil
}

// State is how today's automatic backup is going, for the Settings screen. The zero value
// is ready to use.
type State struct {
	mu      sync.Mutex
	running bool
	failed  model.Text
}

// Run runs the automatic backup backup, noting that it runs and, after, why it failed.
func (s *State) Run(backup func() (*model.BackupInfo, error)) (*model.BackupInfo, error) {
	s.mu.Lock()
	s.running, s.failed = true, model.Text{}
	s.mu.Unlock()
	info, err := backup()
	s.mu.Lock()
	s.running = false
	if err != nil {
		s.failed = model.ErrorText(err)
	}
	s.mu.Unlock()
	return info, err
}

// Status is the status of the backups in dir: the newest one there, and how today's
// automatic backup is going.
func (s *State) Status(dir string) (model.BackupStatus, error) {
	st := model.BackupStatus{Dir: dir}
	s.mu.Lock()
	st.Running, st.Failed = s.running, s.failed
	s.mu.Unlock()
	var err error
	st.LastFile, st.LastAt, err = Newest(dir)
	return st, err
}
