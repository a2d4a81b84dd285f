package export

import (
	"io"
	"strings"
	"time"

	"returndesk/model"
)

// The return label is 100 × 150 mm (a 4 × 6 inch shipping label), taller only when the addresses
// are too long for it even in smaller type.
const (
	labelW, labelH = 100.0, 150.0
	labelMargin    = 5.0
)

// Notes every return label carries: the distributor policy asks for faulty units to be returned
// by post only, and for the products without their accessories.
const (
	noteNoAccessories = "ACCESSORIES NOT INCLUDED / 不含配件"
	notePostOnly      = "RETURN BY POST ONLY / 仅限邮寄退回"
)

// WriteLabel writes the return label of a case as a PDF: the shop as sender, the manufacturer's
// after-sales address as recipient, the case and claim numbers with barcodes, the model and
// serial, and the notes the distributor policy asks for.
func WriteLabel(w io.Writer, s *Slip, opt PDFOptions) error {
	created := opt.Created
	if created.IsZero() {
		created = time.Now()
	}
	return writeDoc(w, opt, "Return label "+string(s.Case.CaseNo), func(d *doc) error {
		width := labelW - 2*labelMargin
		usable := labelH - 2*labelMargin
		var bs []block
		for _, scale := range []float64{1, 0.9, 0.8, 0.7} {
			var err error
			if bs, err = d.labelBoxes(s, width, scale, created); err != nil {
				return err
			}
			if blocksHeight(bs) <= usable {
				break
			}
		}
		return d.stackPage(labelW, labelH, labelMargin, labelMargin, labelMargin, bs)
	})
}

// labelBoxes lays the label out for a width, its type at scale.
func (d *doc) labelBoxes(s *Slip, width, scale float64, created time.Time) ([]block, error) {
	sc := func(st textStyle) textStyle { return st.scaled(scale) }
	var (
		title   = sc(textStyle{12, true})
		small   = sc(textStyle{7, false})
		from    = sc(textStyle{8.5, false})
		fromB   = sc(textStyle{9.5, true})
		toName  = sc(textStyle{14, true})
		toLine  = sc(textStyle{11, false})
		number  = sc(textStyle{15, true})
		number2 = sc(textStyle{11, true})
		note    = sc(textStyle{9.5, true})
	)
	ts := tableStyle{label: sc(textStyle{7, false}), value: sc(textStyle{9.5, false}), pad: 1.1 * scale, borders: true}
	var bs []block
	gap := func(h float64) { bs = append(bs, blankBlock(h*scale)) }

	// Title and the date the label is printed.
	date := "Date / 日期 " + model.DateOf(created).String()
	bs = append(bs, block{h: title.lineHeight() + 1, draw: func(x, y float64) {
		d.lines(x, y, width, []string{"Return to manufacturer / 返厂"}, title, alignLeft)
		d.color(60, 60, 60)
		d.lines(x, y+title.lineHeight()-small.lineHeight(), width, []string{date}, small, alignRight)
		d.color(0, 0, 0)
	}})
	bs = append(bs, ruleBox(d, width, 0.5, 40))
	gap(2)

	// Sender: the shop.
	bs = append(bs, d.textBox("From / 寄件人", width, small, alignLeft, 70))
	sender := []struct {
		text string
		st   textStyle
	}{{s.Shop.Name, fromB}, {s.Shop.Address, from}}
	if s.Shop.Phone != "" {
		sender = append(sender, struct {
			text string
			st   textStyle
		}{"Tel. / 电话 " + s.Shop.Phone, from})
	}
	named := false
	for _, l := range sender {
		if strings.TrimSpace(l.text) != "" {
			bs = append(bs, d.textBox(l.text, width, l.st, alignLeft, 0))
			named = true
		}
	}
	if !named {
		bs = append(bs, d.textBox(emptyField, width, from, alignLeft, 0))
	}
	gap(2.5)

	// Recipient: the manufacturer's after-sales department, in a heavy frame.
	m := s.Manufacturer
	addr := m.AfterSalesAddress
	if strings.TrimSpace(addr) == "" {
		addr = m.Address
	}
	pad := 2.5 * scale
	inner := width - 2*pad
	type line struct {
		ls []string
		st textStyle
	}
	to := []line{{d.wrap("To / 收件人", inner, small), small}, {d.wrap(orEmpty(m.Name), inner, toName), toName}}
	if m.Contact != "" {
		to = append(to, line{d.wrap("Attn. / 联系人 "+m.Contact, inner, toLine), toLine})
	}
	to = append(to, line{d.wrap(orEmpty(addr), inner, toLine), toLine})
	if m.Phone != "" {
		to = append(to, line{d.wrap("Tel. / 电话 "+m.Phone, inner, toLine), toLine})
	}
	toH := 2 * pad
	for _, l := range to {
		toH += float64(len(l.ls)) * l.st.lineHeight()
	}
	bs = append(bs, block{h: toH, draw: func(x, y float64) {
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetLineWidth(0.7)
		d.pdf.Rect(x, y, width, toH, "D")
		yy := y + pad
		for i, l := range to {
			if i == 0 {
				d.color(70, 70, 70)
			}
			yy += d.lines(x+pad, yy, inner, l.ls, l.st, alignLeft)
			d.color(0, 0, 0)
		}
	}})
	gap(3)

	// The case number with its barcode, then the claim number with its own.
	caseBox, err := d.labelNumber("Case no. / 案件号", string(s.Case.CaseNo), width, small, number, 13*scale)
	if err != nil {
		return nil, err
	}
	bs = append(bs, caseBox)
	gap(2)
	claimNo := string(s.ClaimNo)
	if claimNo == "" {
		bs = append(bs, d.row([]tcell{{"Claim no. / 索赔单号", width * 0.38, true}, {emptyField, width * 0.62, false}}, ts))
	} else {
		claimBox, err := d.labelNumber("Claim no. / 索赔单号", claimNo, width, small, number2, 9*scale)
		if err != nil {
			return nil, err
		}
		bs = append(bs, claimBox)
		gap(1.5)
	}

	// The unit.
	lw := width * 0.38
	rows := [][2]string{{"Model / 型号", orEmpty(strings.TrimSpace(m.Name + " " + string(s.Product.Model)))},
		{"Serial no. / 序列号", orEmpty(string(s.Case.Serial))}}
	if s.Product.Name != "" {
		rows = append(rows, [2]string{"Product / 产品", s.Product.Name})
	}
	if s.Case.MaintenanceNo != "" {
		rows = append(rows, [2]string{"Maintenance no. / 维修单号", string(s.Case.MaintenanceNo)})
	}
	for _, r := range rows {
		bs = append(bs, d.row([]tcell{{r[0], lw, true}, {r[1], width - lw, false}}, ts))
	}
	gap(3)

	// The notes, white on black.
	notes := []string{noteNoAccessories, notePostOnly}
	var wrapped [][]string
	nh := 0.0
	for _, n := range notes {
		ls := d.wrap(n, width-4, note)
		wrapped = append(wrapped, ls)
		nh += float64(len(ls)) * note.lineHeight()
	}
	nh += 3 * scale
	bs = append(bs, block{h: nh, draw: func(x, y float64) {
		d.pdf.SetFillColor(0, 0, 0)
		d.pdf.Rect(x, y, width, nh, "F")
		d.color(255, 255, 255)
		yy := y + 1.5*scale
		for _, ls := range wrapped {
			yy += d.lines(x+2, yy, width-4, ls, note, alignCenter)
		}
		d.color(0, 0, 0)
	}})
	return bs, nil
}

// labelNumber is a number's label, the number large and its Code 128 barcode beside it when there
// is room, else under it.
func (d *doc) labelNumber(label, number string, width float64, small, big textStyle, barH float64) (block, error) {
	modules, err := code128Modules(number)
	if err != nil {
		return block{}, err
	}
	textW := max(d.width(label, small), d.width(number, big)) + 2
	beside := width - textW - code128Quiet
	module := min(0.38, beside/float64(modules))
	textH := small.lineHeight() + big.lineHeight()
	if module >= code128Min {
		h := max(textH, barH)
		return block{h: h, draw: func(x, y float64) {
			d.color(70, 70, 70)
			d.lines(x, y, textW, []string{label}, small, alignLeft)
			d.color(0, 0, 0)
			d.lines(x, y+small.lineHeight(), textW, []string{number}, big, alignLeft)
			barW := module * float64(modules)
			_, err := d.code128(number, x+width-barW, y+(h-barH)/2, module, barH)
			d.fail(err)
		}}, nil
	}
	module = min(0.38, (width-2*code128Quiet)/float64(modules))
	nl := d.wrap(number, width, big)
	textH = small.lineHeight() + float64(len(nl))*big.lineHeight()
	return block{h: textH + 1 + barH, draw: func(x, y float64) {
		d.color(70, 70, 70)
		d.lines(x, y, width, []string{label}, small, alignLeft)
		d.color(0, 0, 0)
		d.lines(x, y+small.lineHeight(), width, nl, big, alignLeft)
		_, err := d.code128(number, x, y+textH+1, module, barH)
		d.fail(err)
	}}, nil
}
