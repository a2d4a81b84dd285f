// Package frame calls back once a window's next frame is on screen: for work that should
// wait until the window is up, and for the start-up probe that benchmarks read.
package frame

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Marker is a transparent pixel in the window's corner. Fyne's GL painter calls a raster's
// generator while it draws a frame, and only when the raster has no texture yet (the first
// frame, or the first after a refresh): the generator running means that a frame with
// everything set before it is being drawn. The callbacks then wait in Fyne's queue, behind
// the rest of that frame and its buffer swap.
type Marker struct {
	raster *canvas.Raster
	next   []func() // to call after the next frame
}

// Watch lays a marker over w's content. Call it once the content is set.
func Watch(w fyne.Window) *Marker {
	m := &Marker{}
	m.raster = canvas.NewRaster(m.generate)
	m.raster.Resize(fyne.NewSquareSize(1))
	w.SetContent(container.NewStack(w.Content(), container.NewWithoutLayout(m.raster)))
	return m
}

// AfterNextFrame calls fn on the UI thread once the next frame has been drawn and shown.
// Call it on the UI thread.
func (m *Marker) AfterNextFrame(fn func()) {
	m.next = append(m.next, fn)
	canvas.Refresh(m.raster) // drops the texture, so that the next frame draws it anew
}

func (m *Marker) generate(w, h int) image.Image {
	if next := m.next; next != nil {
		m.next = nil
		fyne.Do(func() { // queued: it runs once this frame is done
			for _, fn := range next {
				fn()
			}
		})
	}
	return image.NewNRGBA(image.Rect(0, 0, max(w, 1), max(h, 1))) // all transparent
}
