// Walk (walk.go) has no body here: go:linkname binds it to Fyne's function. This file lets
// the compiler accept a function declared without a body.
