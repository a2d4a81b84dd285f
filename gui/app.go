// Package gui is ReturnDesk's desktop interface: a Fyne window with one screen per task, built on model.Store.
package gui

import (
	"context"
	"errors"
	"os/user"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"returndesk/gui/frame"
	"returndesk/model"
)

// AppID is the application's unique identifier (also in FyneApp.toml).
const AppID = "com.returndesk.app"

// Info describes where the data lives and which version is running, for the Settings screen.
type Info struct {
	DBPath  string // the database file
	DataDir string // the folder holding the database and other data
	Version string // the application version, e.g. "0.1.0"
	// ChoiceDir is the folder of the database this computer opens when none is named
	// (dbchoice); "" when the window may not change it.
	ChoiceDir string
}

// Run opens the main window on store and returns when the user closes it.
func Run(store model.Store, info Info) error {
	if store == nil {
		return errors.New("gui: no store to show")
	}
	go logoImage()
	a := newApp()
	showMain(a, store, info)
	a.Run()
	return nil
}

// newApp is the Fyne application with ReturnDesk's theme.
func newApp() fyne.App {
	a := app.NewWithID(AppID)
	useLanguage(a.Preferences())
	onlyRegularFiles()
	a.Settings().SetTheme(newTheme())
	return a
}

// showMain opens the main window on store in a; closing it quits the app.
func showMain(a fyne.App, store model.Store, info Info) {
	if info.Version == "" {
		info.Version = a.Metadata().Version
	}
	w := a.NewWindow(say(model.T("ReturnDesk")))
	w.SetMaster()
	u := NewMainUI(w, store, info)
	startProbe(u)
	u.frames.AfterNextFrame(func() { // decoding the icon and handing it to X can wait too
		a.SetIcon(iconResource)
		w.SetIcon(iconResource)
		sizeMainWindow(a, w)
	})
	w.CenterOnScreen()
	w.Show()
}

// sidebarWidth is the width of the navigation column.
const sidebarWidth = 220

// windowSize is the main window's first size, with room for the columns of the case list.
var windowSize = fyne.NewSize(1280, 760)

// deskActor is who the history says made a change from this window, whichever screen it
// was made on: the login name, which tells the counters of a shared database apart.
var deskActor = sync.OnceValue(func() string {
	if u, err := user.Current(); err == nil && strings.TrimSpace(u.Username) != "" {
		return u.Username
	}
	return "desk"
})

// MainUI is the main window's state: the navigation sidebar and every screen, each
// built once and kept while the user moves between them.
type MainUI struct {
	win   fyne.Window
	store model.Store
	info  Info
	ctx   context.Context

	nav     *navList        // the sidebar
	content *fyne.Container // holds the view of the current screen
	screens []*screen       // in sidebar order
	current int             // index into screens

	dashboard *dashboardScreen
	cases     *casesScreen
	settings  *settingsScreen
	// customers and products are the Customers and Products & serials screens; each sets its field when it is built.
	customers *customersScreen
	products  *productsScreen
	// counter is the Counter (intake) screen; it sets this field when it is built.
	counter *counterScreen
	// manufacturers is the Manufacturers & policies screen; it sets this field when it is built.
	manufacturers *manufacturersScreen
	// claims and oemOrders are the Claims and OEM orders screens; each sets its field when it is built.
	claims    *claimsScreen
	oemOrders *oemOrdersScreen
	reports   *reportsScreen
	// guide is the first-start guide, shown in place of a screen (see firststart.go).
	guide *firstStart

	// readOnly says why the database cannot be changed, "" when it can; writeButtons are
	// the buttons that change it, kept disabled while it is read-only.
	readOnly     string
	writeButtons []*button
	// waiting says that a change waits for another ReturnDesk's write (an import); it goes
	// when the next piece of work comes back.
	waiting *widget.Label
	// offline says that the database server is out of reach (see watchChanges).
	offline *widget.Label

	// dialogs are the dialogs shown through showDialog, newest last (see keys.go).
	dialogs []*openDialog

	// missing is the last "Shop details missing" question asked (see confirmMissing).
	missing *missingQuestion

	// lastSaveFolder is the folder of the last file saved, where the next save dialog starts.
	lastSaveFolder string

	// openCase shows one case's detail screen; the case detail screen sets it when it is built.
	openCase func(id model.CaseID)

	// do runs a function on the UI thread: fyne.Do, or a queue the tests drain.
	do func(func())
	// frames calls back after the window's next frame (nil in tests); until the first,
	// background keeps the loads it is asked for in held (non-nil while it does).
	frames *frame.Marker
	held   []func()
	// pending counts the loads in flight and the searches waiting for typing to pause;
	// it changes on the UI thread only and lets tests know when the window has settled.
	pending atomic.Int64

	// watching is closed once the store's changes are watched (see watchChanges);
	// stopWatching, when set, ends the watch.
	watching     chan struct{}
	stopWatching func()
}

// NewMainUI builds the whole interface into w (its content and size) and shows the dashboard.
// Loads from the database wait for the window's first frame: on a large database they would
// hold the window back (there are only so many cores), and the data follows a moment later.
func NewMainUI(w fyne.Window, store model.Store, info Info) *MainUI {
	return newFramedMainUI(w, store, info, fyne.Do)
}

// newFramedMainUI is NewMainUI with the function that hands results back to the UI thread.
func newFramedMainUI(w fyne.Window, store model.Store, info Info, do func(func())) *MainUI {
	u := buildMainUI(w, store, info, do)
	u.frames = frame.Watch(w)
	u.held = []func(){}
	u.frames.AfterNextFrame(u.releaseLoads)
	u.nav.Select(0)
	return u
}

// buildMainUI builds the sidebar and every screen into w.
func buildMainUI(w fyne.Window, store model.Store, info Info, do func(func())) *MainUI {
	u := &MainUI{win: w, store: store, info: info, ctx: context.Background(), do: do}
	if ro, ok := store.(interface{ ReadOnly() string }); ok {
		u.readOnly = ro.ReadOnly()
	}
	u.waiting = widget.NewLabel("")
	u.waiting.Importance = widget.WarningImportance
	u.waiting.Wrapping = fyne.TextWrapWord
	u.waiting.Hide()
	u.offline = widget.NewLabel(say(model.T("The database server cannot be reached. Trying again every second; what you type stays on screen, and saves work again once the server is back.")))
	u.offline.Importance = widget.DangerImportance
	u.offline.Wrapping = fyne.TextWrapWord
	u.offline.Hide()
	if n, ok := store.(interface{ NotifyWaits(func(string)) }); ok {
		n.NotifyWaits(func(line string) {
			u.do(func() { u.waiting.SetText(capitalized(line)); u.waiting.Show() })
		})
	}

	u.guide = newFirstStart(u) // before the screens that show its "Set up the shop" button
	u.dashboard = newDashboardScreen(u)
	u.cases = newCasesScreen(u)
	u.settings = newSettingsScreen(u)
	u.screens = []*screen{
		u.dashboard.screen,
		newCounterScreen(u),
		u.cases.screen,
		newClaimsScreen(u),
		newOEMOrdersScreen(u),
		newReportsScreen(u).screen,
		newCustomersScreen(u).screen,
		newProductsScreen(u).screen,
		newManufacturersScreen(u).screen,
		u.settings.screen,
	}

	u.content = container.NewStack()
	u.nav = newNavList(u)
	u.nav.OnSelected = u.show

	logo := canvas.NewImageFromImage(logoImage())
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSquareSize(logoSize))
	name := widget.NewLabelWithStyle(say(model.T("ReturnDesk")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	brand := container.NewPadded(container.NewHBox(logo, name))
	width := canvas.NewRectangle(nil)
	width.SetMinSize(fyne.NewSize(sidebarWidth, 0))
	sidebar := container.NewBorder(brand, u.keyboardButton(), nil, nil, container.NewStack(width, u.nav))

	w.SetContent(container.NewBorder(u.banners(), nil,
		container.NewHBox(sidebar, widget.NewSeparator()), nil,
		container.NewPadded(u.content)))
	u.lockWrites()
	u.listenKeys()
	w.Resize(windowSize)
	u.checkSetup(true) // a new shop's empty database opens on the guide
	u.watchChanges()
	return u
}

// Show switches to the screen with the given sidebar title and reports whether there is one.
func (u *MainUI) Show(title string) bool {
	for i, s := range u.screens {
		if s.title == title {
			u.nav.Select(i)
			return true
		}
	}
	return false
}

// now is the time on the store's clock, the window's one clock: a test that fixes the
// store's clock fixes every screen's "today", the printed date and the backup's name.
func (u *MainUI) now() time.Time { return u.store.Clock()() }

// today is the shop's calendar date on that clock.
func (u *MainUI) today() model.Date { return model.DateOf(u.now()) }

// Current returns the title of the screen on display.
func (u *MainUI) Current() string { return u.screens[u.current].title }

// show puts screen i in the content area and lets it refresh its data.
func (u *MainUI) show(i widget.ListItemID) {
	if i < 0 || i >= len(u.screens) {
		return
	}
	u.current = i
	if u.nav.highlight != i {
		u.nav.Highlight(i) // the sidebar's focus ring (and its arrows) follow a screen opened by a shortcut
	}
	s := u.screens[i]
	u.content.Objects = []fyne.CanvasObject{s.view}
	u.content.Refresh()
	if s.onShow != nil {
		s.onShow()
	}
	if s == u.dashboard.screen || s == u.settings.screen {
		u.checkSetup(false) // their "Set up the shop" shows while something is missing
	}
	u.lockWrites()
}

// background runs work off the UI thread; the function it returns is then run on the UI thread
// to apply the result. Call it on the UI thread.
func (u *MainUI) background(work func(ctx context.Context) (apply func())) {
	u.pending.Add(1)
	start := func() {
		go func() {
			apply := work(u.ctx)
			u.do(func() {
				defer u.pending.Add(-1)
				u.waiting.Hide() // whatever waited is done
				if apply != nil {
					apply()
				}
				u.lockWrites() // a load may have enabled buttons that change the database
			})
		}()
	}
	if u.held != nil {
		u.held = append(u.held, start)
		return
	}
	start()
}

// releaseLoads starts the loads held until the first frame, and any later ones at once.
func (u *MainUI) releaseLoads() {
	held := u.held
	u.held = nil
	for _, start := range held {
		start()
	}
}
