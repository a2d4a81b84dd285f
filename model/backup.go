package model

import (
	"context"
	"fmt"
	"time"
)

// BackupExt ends the name of every backup file ReturnDesk writes.
const BackupExt = ".rdbak"

// BackupInfo describes one backup file: where it is and what it holds.
type BackupInfo struct {
	File          string `json:"file"`
	Size          int64  `json:"size"` // bytes
	SchemaVersion int    `json:"schema_version"`
	Cases         int    `json:"cases"`
	Claims        int    `json:"claims"`
	Photos        int    `json:"photos"`
	// Taken is when the file was written, for lists of backups to choose from.
	Taken time.Time `json:"taken,omitempty"`
	// MissingPhotos are photos without their picture: files the data folder no longer had
	// when they were backed up (an older schema) or moved into the database; the backup
	// holds the rest.
	MissingPhotos []string `json:"missing_photos,omitempty"`
}

// RestoreReport says what a restore checked, where the database it replaced was kept,
// and what it wrote.
type RestoreReport struct {
	Backup        BackupInfo `json:"backup"`         // the file that was checked and restored
	Kept          string     `json:"kept"`           // the replaced database, saved as a backup first
	PhotosWritten int        `json:"photos_written"` // photos an older backup kept as files, moved into the database
	Upgraded      bool       `json:"upgraded"`       // an older backup whose schema was brought up to date
}

// BackupStatus is what the Settings screen shows about the automatic backups.
type BackupStatus struct {
	Dir      string    `json:"dir"`       // where the daily backups go
	LastFile string    `json:"last_file"` // the newest backup there; "" when there is none
	LastAt   time.Time `json:"last_at"`
	Running  bool      `json:"running"` // today's automatic backup is being written
	Failed   Text      `json:"failed"`  // why today's automatic backup failed; empty when it did not

	// On a server database each day's automatic backup is written by the counter that
	// starts first that day, into Dir on its own computer.
	Server       string `json:"server,omitempty"`        // the server database (host:port/name); "" for a file
	Computer     string `json:"computer,omitempty"`      // this computer's name, on a server database
	LastComputer string `json:"last_computer,omitempty"` // the computer that holds LastFile, on a server database
}

// BackupService backs the database (with its photos) up to one file and restores it.
type BackupService interface {
	// Backup writes a backup to path, which must not exist yet.
	Backup(ctx context.Context, path string) (*BackupInfo, error)
	// CheckBackup checks a backup file without changing anything.
	CheckBackup(ctx context.Context, path string) (*BackupInfo, error)
	// Restore checks the backup, keeps the current database as a backup, then replaces it.
	Restore(ctx context.Context, path string) (*RestoreReport, error)
	// BackupStatus reports where the daily backups are and the newest one.
	BackupStatus(ctx context.Context) (BackupStatus, error)
	// DailyBackup writes today's automatic backup unless there is one; nil when there was.
	DailyBackup(ctx context.Context) (*BackupInfo, error)
}

// SizeText is the backup's size for people: "830 KB", "12.4 MB".
func (b BackupInfo) SizeText() string {
	const kb, mb = 1 << 10, 1 << 20
	switch {
	case b.Size >= 10*mb:
		return fmt.Sprintf("%d MB", (b.Size+mb/2)/mb)
	case b.Size >= mb:
		return fmt.Sprintf("%.1f MB", float64(b.Size)/mb)
	case b.Size >= kb:
		return fmt.Sprintf("%d KB", (b.Size+kb/2)/kb)
	}
	return fmt.Sprintf("%d bytes", b.Size)
}
