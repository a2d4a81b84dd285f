//go:build unix

package postgres

import (
	"path/filepath"
	"strings"
)

// systemZone is the zone /etc/localtime points at ("Asia/Shanghai"), or "".
func systemZone() string {
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			return name
		}
	}
	return ""
}
