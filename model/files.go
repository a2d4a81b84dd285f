package model

import "os"

// WriteNewFile writes data to a file that must not exist yet, readable by its owner only and
// synced to disk, as ReturnDesk keeps every file of customer data (photos, restored photos).
// A failed write leaves no file behind.
func WriteNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}
