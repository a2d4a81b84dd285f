//go:build !unix

package postgres

// systemZone has no file to read outside Unix: localZone falls back to Go's and the offset.
func systemZone() string { return "" }
