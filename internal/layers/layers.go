// Package layers holds no code: its test keeps the arrows between ReturnDesk's packages
// pointing the right way. Only the window (gui/ and what starts it: the root, cli, bench)
// may link Fyne; the domain, the rules, the store, printing and reports must build and
// run without a GUI toolkit.
package layers
