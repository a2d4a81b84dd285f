package gui

import (
	"context"

	"returndesk/model"
)

// watchChanges shows what other counters change without a press of Refresh: when the
// store is a model.ChangeWatcher, every change it reports reloads the dashboard, the case
// list or the open case, whichever is on display. A server the store loses is said in a
// banner until it is back (and the screen then reloads, as after a change). Watching
// starts off the UI thread (on PostgreSQL it connects); watching is closed once it has.
func (u *MainUI) watchChanges() {
	w, ok := u.store.(model.ChangeWatcher)
	u.watching = make(chan struct{})
	if !ok {
		close(u.watching)
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	u.stopWatching = stop
	if l, ok := u.store.(model.LinkReporter); ok {
		l.ReportLink(func(lost error) { u.do(func() { u.showLink(lost) }) })
	}
	go func() {
		ch := w.Watch(ctx)
		close(u.watching)
		for range ch {
			u.do(u.showChanges)
		}
	}()
}

// showLink shows the banner while the server is lost, and hides it when it is back.
func (u *MainUI) showLink(lost error) {
	if lost != nil {
		u.offline.Show()
	} else {
		u.offline.Hide()
	}
}

// showChanges reloads the screen on display, if it shows cases or the counter's verdict.
func (u *MainUI) showChanges() {
	if len(u.content.Objects) != 1 {
		return
	}
	switch on := u.content.Objects[0]; {
	case on == u.dashboard.view:
		u.dashboard.load()
	case on == u.cases.view:
		u.cases.load()
	case on == u.cases.detail.view:
		u.cases.detail.showChanges()
	case on == u.counter.view:
		u.counter.catchUp()
	}
}

// showChanges reads the open case again and shows it when another counter changed it.
// What was typed and not saved is not replaced: the case is then said to have changed,
// with Reload beside, as a refused save would.
func (d *caseDetail) showChanges() {
	if d.f == nil {
		return
	}
	id := d.f.c.ID
	d.fetch(id, func(f *caseFacts) {
		old := d.f
		if old == nil || old.c.ID != id {
			d.show(f, false)
			return
		}
		if d.ownWrites > 0 {
			return // this counter's own write: when it ends, it shows the case
		}
		if f.c.Version == old.c.Version && len(f.history) == len(old.history) && len(f.photos) == len(old.photos) {
			return // not this case (or this counter's own change, already on display)
		}
		if f.c.ID == d.own.id && f.c.Version == d.own.version {
			d.show(f, true) // this counter's own save, read here before its own reload
			return
		}
		if _, typed, _ := d.edits(); typed {
			d.changedElsewhere(model.ChangedElsewhere(f.c.CaseNo))
			return
		}
		d.show(f, false)
	})
}
