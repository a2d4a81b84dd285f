package main

// The Windows build is linked with -H windowsgui so that the window opens without a console
// window beside it. Such a program has no console of its own, so a command typed in cmd.exe or
// PowerShell would print nothing: attach to the console of the shell it was started from and
// write there. Output already redirected to a file or a pipe keeps going there.

import (
	"os"
	"syscall"
)

var (
	kernel32         = syscall.NewLazyDLL("kernel32.dll")
	procAttach       = kernel32.NewProc("AttachConsole")
	procSetStdHandle = kernel32.NewProc("SetStdHandle")
)

const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1

func init() {
	if len(os.Args) > 1 { // a command (or the window with options); a plain double-click has none
		attachParentConsole()
	}
}

// attachParentConsole points stdout and stderr at the parent's console where they have no
// valid handle; it does nothing when the parent has no console (Explorer, a service).
func attachParentConsole() {
	if usable(syscall.Stdout) && usable(syscall.Stderr) {
		return // both redirected (or a console program's own): leave them alone
	}
	// ERROR_ACCESS_DENIED: attached to a console already (Wine does that for a GUI program
	// started from one); any other failure: the parent has none.
	if r, _, err := procAttach.Call(attachParentProcess); r == 0 && err != syscall.ERROR_ACCESS_DENIED {
		return
	}
	for _, s := range []struct {
		f   **os.File
		h   syscall.Handle
		std int32 // STD_OUTPUT_HANDLE, STD_ERROR_HANDLE
	}{{&os.Stdout, syscall.Stdout, syscall.STD_OUTPUT_HANDLE}, {&os.Stderr, syscall.Stderr, syscall.STD_ERROR_HANDLE}} {
		if usable(s.h) {
			continue
		}
		name, _ := syscall.UTF16PtrFromString("CONOUT$")
		h, err := syscall.CreateFile(name, syscall.GENERIC_READ|syscall.GENERIC_WRITE,
			syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE, nil, syscall.OPEN_EXISTING, 0, 0)
		if err != nil {
			continue
		}
		procSetStdHandle.Call(uintptr(s.std), uintptr(h)) // for a panic's trace, which the runtime writes itself
		*s.f = os.NewFile(uintptr(h), "CONOUT$")
	}
}

// usable reports whether h is an open file, pipe or console, not the null handle a GUI
// program gets when nothing was redirected.
func usable(h syscall.Handle) bool {
	if h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && t != syscall.FILE_TYPE_UNKNOWN
}
