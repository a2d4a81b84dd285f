//go:build !windows

package gui

// knownDocumentsFolder is "" outside Windows: the Documents folder is found under the home folder.
func knownDocumentsFolder() string { return "" }
