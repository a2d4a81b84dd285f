package model

import "context"

// ChangeWatcher is a Store that tells when any counter (this one too) has committed a
// change, so that a window shows it without being asked to refresh. Both engines have it;
// it is optional so that a Store wrapped by a test need not.
type ChangeWatcher interface {
	// Watch starts watching: the channel receives a value (coalesced: one for many
	// changes made meanwhile) after each change, and when watching resumes after a lost
	// connection, since changes may have been missed; it is closed once ctx ends.
	// Changes committed after Watch returns are seen.
	Watch(ctx context.Context) <-chan struct{}
}

// Signal sends on a change channel without waiting: a value already waiting stands for
// this change too.
func Signal(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// LinkReporter is a ChangeWatcher whose database is on a server: its watch also tells when
// it loses the server and when it has it again, so that a window can say so and carry on.
type LinkReporter interface {
	// ReportLink has report called, from the watch's goroutine, with the error when the
	// server is lost and with nil when it is back. It is set before Watch is called.
	ReportLink(report func(lost error))
}
