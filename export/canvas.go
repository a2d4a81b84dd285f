package export

import (
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// canvas is what a document draws on: an fpdf document, or a probe (see writeDoc).
type canvas interface {
	AddPageFormat(orientation string, size fpdf.SizeType)
	PageCount() int
	SetPage(page int)
	SetFont(family, style string, size float64)
	Text(x, y float64, text string)
	SetTextColor(r, g, b int)
	SetTextRenderingMode(mode int)
	SetDrawColor(r, g, b int)
	GetDrawColor() (int, int, int)
	SetFillColor(r, g, b int)
	SetLineWidth(width float64)
	GetLineWidth() float64
	SetDashPattern(dashes []float64, phase float64)
	Line(x1, y1, x2, y2 float64)
	Rect(x, y, w, h float64, style string)
	Image(name string, x, y, w, h float64, flow bool, tp string, link int, linkStr string)
	GetImageInfo(name string) *fpdf.ImageInfoType
	RegisterImageOptionsReader(name string, options fpdf.ImageOptions, r io.Reader) *fpdf.ImageInfoType
	Error() error
	Err() bool
	ClearError()
}

var _ canvas = (*fpdf.Fpdf)(nil)

// probeCanvas draws nothing: it keeps only the state the drawing code reads back. Pictures
// count as registered, so that no barcode is made for it.
type probeCanvas struct {
	pages     int
	lineWidth float64
	draw      [3]int
}

func (p *probeCanvas) AddPageFormat(string, fpdf.SizeType) { p.pages++ }
func (p *probeCanvas) PageCount() int                      { return p.pages }
func (p *probeCanvas) SetPage(int)                         {}
func (p *probeCanvas) SetFont(string, string, float64)     {}
func (p *probeCanvas) Text(float64, float64, string)       {}
func (p *probeCanvas) SetTextColor(int, int, int)          {}
func (p *probeCanvas) SetTextRenderingMode(int)            {}
func (p *probeCanvas) SetDrawColor(r, g, b int)            { p.draw = [3]int{r, g, b} }
func (p *probeCanvas) GetDrawColor() (int, int, int)       { return p.draw[0], p.draw[1], p.draw[2] }
func (p *probeCanvas) SetFillColor(int, int, int)          {}
func (p *probeCanvas) SetLineWidth(w float64)              { p.lineWidth = w }
func (p *probeCanvas) GetLineWidth() float64               { return p.lineWidth }
func (p *probeCanvas) SetDashPattern([]float64, float64)   {}
func (p *probeCanvas) Line(float64, float64, float64, float64) {
}
func (p *probeCanvas) Rect(float64, float64, float64, float64, string) {}
func (p *probeCanvas) Image(string, float64, float64, float64, float64, bool, string, int, string) {
}
func (p *probeCanvas) GetImageInfo(string) *fpdf.ImageInfoType { return &fpdf.ImageInfoType{} }
func (p *probeCanvas) RegisterImageOptionsReader(string, fpdf.ImageOptions, io.Reader) *fpdf.ImageInfoType {
	return &fpdf.ImageInfoType{}
}
func (p *probeCanvas) Error() error { return nil }
func (p *probeCanvas) Err() bool    { return false }
func (p *probeCanvas) ClearError()  {}
