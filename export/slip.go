package export

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"returndesk/model"
	"returndesk/policy"
)

// PageSize is the paper a maintenance order slip is printed on.
type PageSize string

const (
	PageA4   PageSize = "a4"   // two copies, the customer's and the shop's, with a cut line between them
	PageA5   PageSize = "a5"   // one copy
	PageRoll PageSize = "80mm" // one copy on an 80 mm receipt roll, as long as the content
)

// PageSizes are the page sizes in the order Settings offers them.
var PageSizes = []PageSize{PageA4, PageA5, PageRoll}

// ParsePageSize reads a page size as typed on the command line or stored in Settings ("a4", "A5", "80mm").
func ParsePageSize(s string) (PageSize, error) {
	p := PageSize(strings.ToLower(strings.TrimSpace(s)))
	if p == "80" || p == "80 mm" || p == "roll" {
		p = PageRoll
	}
	for _, k := range PageSizes {
		if p == k {
			return p, nil
		}
	}
	return "", model.Invalid("page", "unknown page size %q (use a4, a5 or 80mm)", s)
}

// Label names a page size for people.
func (p PageSize) Label() model.Text {
	switch p {
	case PageA4:
		return model.T("A4 (two copies)")
	case PageA5:
		return model.T("A5")
	case PageRoll:
		return model.T("80 mm receipt roll")
	}
	return model.T("%s", string(p))
}

// Settings that the printed documents use (stored with model.SettingsService).
const (
	SettingShopName    = "shop_name"
	SettingShopAddress = "shop_address"
	SettingShopPhone   = "shop_phone"
	SettingPageSize    = "slip_page_size" // a PageSize; "" for A4
	SettingPrinter     = "printer"        // the printer `lp -d` prints to; "" opens the PDF in the viewer
)

// Shop is the header of every document: the shop's name, address, phone and logo.
type Shop struct {
	Name    string
	Address string
	Phone   string
	Logo    []byte // a PNG or JPEG picture; nil for none
}

// PrepareLogo checks that data is a PNG or JPEG picture within the logo's limits and returns
// what the shop keeps as its logo (model.SettingsService.SetLogo): the picture as a PNG, at
// most 600 pixels on its longest side.
func PrepareLogo(data []byte) ([]byte, error) {
	png, _, _, err := logoPNG(data)
	var e *model.Error
	if errors.As(err, &e) && e.Field != "logo" {
		return nil, model.Invalid("logo", "%s", model.ErrorText(err))
	}
	return png, err
}

// SlipFile and LabelFile are where the GUI keeps a case's documents: <data folder>/slips/<case no>-slip.pdf.
func SlipFile(dataDir string, no model.CaseNo) string {
	return filepath.Join(dataDir, "slips", safeName(string(no))+"-slip.pdf")
}

// LabelFile is the return label's file next to SlipFile.
func LabelFile(dataDir string, no model.CaseNo) string {
	return filepath.Join(dataDir, "slips", safeName(string(no))+"-label.pdf")
}

func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
	if s == "" {
		return "case"
	}
	return s
}

// Slip is everything a maintenance order slip and a return label print about one case.
type Slip struct {
	Shop         Shop
	Case         model.Case
	Customer     model.Customer
	Product      model.Product
	Manufacturer model.Manufacturer
	Centre       *model.ServiceCentre // the service centre the unit goes to; nil when none
	ClaimNo      model.ClaimNo        // the claim the case is in; "" when none
	// Verdict is the case's deciding verdict under the policy version recorded on it; nil when
	// the case has none (no policy, or no start date).
	Verdict *policy.Verdict
}

// Number is what the slip is filed under: the maintenance number, or the case number when there is none.
func (s *Slip) Number() string {
	if s.Case.MaintenanceNo != "" {
		return string(s.Case.MaintenanceNo)
	}
	return string(s.Case.CaseNo)
}

// The Chinese half of what the documents call tiers and remedies; the English half is the
// vocabulary's label.
var (
	tierZh = map[model.Tier]string{
		model.TierRefund:   "退货",
		model.TierReplace:  "换货",
		model.TierRepair:   "保修维修",
		model.TierPaid:     "有偿维修",
		model.TierWarranty: "厂家保修",
	}
	remedyZh = map[model.Remedy]string{
		model.RemedyRefund:          "退款",
		model.RemedyReplace:         "同型号换新",
		model.RemedyServiceCenter:   "送服务中心",
		model.RemedyRepair:          "维修",
		model.RemedyPaidService:     "有偿维修",
		model.RemedyNewUnits:        "新品替换",
		model.RemedyDeductNextOrder: "下单抵扣",
		model.RemedyAirReplacement:  "空运换新",
	}
)

// bilingual is a label in English, then in Chinese when there is a Chinese word for it:
// "Full refund / 退款".
func bilingual(en model.Text, zh string) string {
	if zh == "" {
		return en.String()
	}
	return en.String() + " / " + zh
}

// emptyField stands for an empty field on a document.
const emptyField = "—"

func orEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return emptyField
	}
	return s
}

// slipFields are the values a slip prints, as text.
type slipFields struct {
	customer, phone, product, serial, purchased, caseNo string
	tier, remedy, fault, accessories, condition, centre string
	clause, date                                        string
}

func (s *Slip) fields() slipFields {
	c := &s.Case
	f := slipFields{customer: orEmpty(s.Customer.Name), phone: orEmpty(s.Customer.Phone),
		serial: orEmpty(string(c.Serial)), caseNo: string(c.CaseNo), fault: orEmpty(c.Fault),
		accessories: orEmpty(c.Accessories), condition: orEmpty(c.Condition), date: orEmpty(c.ReportedDate.String())}
	product := strings.TrimSpace(s.Manufacturer.Name + " " + string(s.Product.Model))
	if s.Product.Name != "" {
		product += " · " + s.Product.Name
	}
	f.product = orEmpty(product)
	if c.PurchaseDate.IsZero() {
		f.purchased = emptyField
	} else {
		f.purchased = c.PurchaseDate.String()
		if !c.ReportedDate.IsZero() {
			days := c.ReportedDate.DaysSince(c.PurchaseDate)
			unit := "days"
			if days == 1 {
				unit = "day"
			}
			f.purchased += fmt.Sprintf(" · %d %s / %d 天", days, unit, days)
		}
	}
	f.tier = emptyField
	if c.Tier != "" {
		f.tier = bilingual(c.Tier.Label(), tierZh[c.Tier])
		if s.Verdict != nil && s.Verdict.Provisional && c.Status.Open() {
			f.tier += " · provisional until tested / 待检测确认"
		}
	}
	f.remedy = remedyName(c.Remedy)
	if c.Remedy == "" {
		f.remedy = "To be chosen / 待定"
		if s.Verdict != nil && len(s.Verdict.Remedies) > 0 {
			var names []string
			for _, r := range s.Verdict.Remedies {
				names = append(names, remedyName(r))
			}
			f.remedy += ": " + strings.Join(names, "; ")
		}
	}
	if sc := s.Centre; sc != nil {
		var parts []string
		for _, p := range []string{sc.Name, sc.Address, sc.Phone} {
			if strings.TrimSpace(p) != "" {
				parts = append(parts, strings.TrimSpace(p))
			}
		}
		f.centre = strings.Join(parts, " · ")
	}
	f.centre = orEmpty(f.centre)
	f.clause = emptyField
	if s.Verdict != nil && !s.Verdict.Clause.IsZero() {
		// Both languages, each its own paragraph: the customer and the shop may read either.
		f.clause = strings.TrimSpace(s.Verdict.Clause.En + "\n" + s.Verdict.Clause.Zh)
	}
	return f
}

func remedyName(r model.Remedy) string { return bilingual(r.Label(), remedyZh[r]) }

// slipForm is how a slip is laid out.
type slipForm int

const (
	formWide   slipForm = iota // A4: 190 mm wide, the fields in two columns
	formNarrow                 // A5: one column of fields
	formRoll                   // 80 mm roll: everything stacked, no borders
)

// Page geometry in mm.
const (
	a4W, a4H     = 210.0, 297.0
	a5W, a5H     = 148.0, 210.0
	rollW        = 80.0
	pageMargin   = 10.0 // A4 and A5
	halfMargin   = 7.0  // above and below each copy in a half of an A4 page
	rollMargin   = 4.0  // left and right on the roll
	rollTop      = 5.0
	rollBottom   = 12.0 // room to tear the slip off
	qrQuietZone  = 4.0
	code128Quiet = 4.0
)

// Copies of an A4 slip.
const (
	customerCopy = "Customer copy / 客户联"
	shopCopy     = "Shop copy / 商户联"
)

// WriteSlip writes the maintenance order slip of a case as a PDF on paper of the given size.
func WriteSlip(w io.Writer, s *Slip, page PageSize, opt PDFOptions) error {
	page, err := ParsePageSize(string(page))
	if err != nil {
		return err
	}
	return writeDoc(w, opt, "Maintenance Order "+s.Number(), func(d *doc) error {
		switch page {
		case PageA5:
			return d.slipPages(s, formNarrow, a5W, a5H, []string{""})
		case PageRoll:
			return d.slipRoll(s)
		}
		return d.slipA4(s)
	})
}

// slipA4 puts the customer's copy on the top half of an A4 page and the shop's copy on the
// bottom half, with a dashed cut line between them, in smaller type when the content needs it.
// Content too long for half a page even then gets a whole page (or more) for each copy.
func (d *doc) slipA4(s *Slip) error {
	const width = a4W - 2*pageMargin
	half := a4H / 2
	usable := half - 2*halfMargin
	for _, scale := range []float64{1, 0.92, 0.85} {
		top, err := d.slipBoxes(s, formWide, width, scale, usable, customerCopy)
		if err != nil {
			return err
		}
		if blocksHeight(top) > usable {
			continue
		}
		bottom, err := d.slipBoxes(s, formWide, width, scale, usable, shopCopy)
		if err != nil {
			return err
		}
		d.pdf.AddPageFormat("P", fpdfSize(a4W, a4H))
		drawBlocks(top, pageMargin, halfMargin)
		d.cutLine(half)
		drawBlocks(bottom, pageMargin, half+halfMargin)
		return d.drawErr()
	}
	return d.slipPages(s, formWide, a4W, a4H, []string{customerCopy, shopCopy})
}

// cutLine is the dashed line the two copies of an A4 slip are cut apart at.
func (d *doc) cutLine(y float64) {
	d.dashed(pageMargin/2, a4W-pageMargin/2, y)
	st := textStyle{size: 6.5}
	text := "Cut here / 沿虚线剪开"
	w := d.width(text, st) + 4
	x := (a4W - w) / 2
	d.pdf.SetFillColor(255, 255, 255)
	d.pdf.Rect(x, y-st.lineHeight()/2, w, st.lineHeight(), "F")
	d.color(110, 110, 110)
	d.text(x+2, y-st.lineHeight()/2+st.ascent(), text, st)
	d.color(0, 0, 0)
}

// slipPages lays out one copy per label on pages of pw×ph, each copy on a page of its own, in
// smaller type when that makes it fit; content too long even then runs over as many pages as it
// needs, with the number and the page count at the foot of each.
func (d *doc) slipPages(s *Slip, form slipForm, pw, ph float64, copies []string) error {
	width := pw - 2*pageMargin
	top, bottom := pageMargin, ph-pageMargin-5 // 5 mm for the page footer
	for _, label := range copies {
		var bs []block
		for _, scale := range []float64{1, 0.92, 0.85} {
			var err error
			if bs, err = d.slipBoxes(s, form, width, scale, bottom-top, label); err != nil {
				return err
			}
			if blocksHeight(bs) <= bottom-top {
				break
			}
		}
		if blocksHeight(bs) > bottom-top {
			var err error
			if bs, err = d.slipBoxes(s, form, width, 1, bottom-top, label); err != nil {
				return err
			}
		}
		at, pages := flowBlocks(bs, top, bottom)
		first := d.pdf.PageCount()
		for p := 0; p < pages; p++ {
			d.pdf.AddPageFormat("P", fpdfSize(pw, ph))
		}
		for i, b := range bs {
			d.pdf.SetPage(first + at[i].page + 1)
			b.draw(pageMargin, at[i].y)
		}
		if pages > 1 {
			for p := 0; p < pages; p++ {
				d.pdf.SetPage(first + p + 1)
				st := textStyle{size: 7}
				d.color(90, 90, 90)
				note := fmt.Sprintf("%s · page %d of %d / 第 %d 页，共 %d 页", s.Number(), p+1, pages, p+1, pages)
				d.lines(pageMargin, ph-pageMargin-st.lineHeight(), width, []string{note}, st, alignRight)
				d.color(0, 0, 0)
			}
		}
	}
	return d.drawErr()
}

// slipRoll puts the slip on one page 80 mm wide and as long as its content.
func (d *doc) slipRoll(s *Slip) error {
	width := rollW - 2*rollMargin
	bs, err := d.slipBoxes(s, formRoll, width, 1, 1e9, "")
	if err != nil {
		return err
	}
	return d.stackPage(rollW, 0, rollMargin, rollTop, rollBottom, bs)
}

// drawErr is the first error met while drawing (a barcode that could not be made).
func (d *doc) drawErr() error {
	if d.err != nil {
		return d.err
	}
	return d.pdf.Error()
}

// fail records the first drawing error.
func (d *doc) fail(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

// slipStyles are the type sizes of a slip.
type slipStyles struct {
	shop, shopLine, title, copyLabel, date, numLabel, number, small, sign, note textStyle
	table                                                                       tableStyle
}

func newSlipStyles(form slipForm, scale float64) slipStyles {
	st := slipStyles{
		shop: textStyle{12, true}, shopLine: textStyle{8, false}, title: textStyle{14, true}, copyLabel: textStyle{8, true},
		date: textStyle{8.5, false}, numLabel: textStyle{7, false}, number: textStyle{17, true}, small: textStyle{7.5, false},
		sign: textStyle{7.5, false}, note: textStyle{7, false},
		table: tableStyle{label: textStyle{7, false}, value: textStyle{9, false}, pad: 1.1, borders: true},
	}
	if form == formRoll {
		st.shop, st.title, st.number = textStyle{11, true}, textStyle{12, true}, textStyle{15, true}
		st.table = tableStyle{label: textStyle{7, false}, value: textStyle{8.5, false}, pad: 0.7}
	}
	for _, p := range []*textStyle{&st.shop, &st.shopLine, &st.title, &st.copyLabel, &st.date, &st.numLabel,
		&st.number, &st.small, &st.sign, &st.note, &st.table.label, &st.table.value} {
		*p = p.scaled(scale)
	}
	st.table.pad *= scale
	return st
}

// slipBoxes lays out one copy of a slip for a width; maxH is the tallest a block may be (a page).
func (d *doc) slipBoxes(s *Slip, form slipForm, width, scale, maxH float64, copyLabel string) ([]block, error) {
	st := newSlipStyles(form, scale)
	f := s.fields()
	var bs []block
	gap := func(h float64) { bs = append(bs, blankBlock(h*scale)) }

	// The shop, the title and the date.
	if form == formRoll {
		bs = append(bs, d.shopBlock(s.Shop, width, st, alignCenter)...)
		bs = append(bs, d.centred("Maintenance Order / 维修单", width, st.title))
		bs = append(bs, d.centred("Date / 日期 "+f.date, width, st.date))
		gap(2)
	} else {
		bs = append(bs, d.slipHeader(s.Shop, f.date, copyLabel, form, width, st))
	}
	bs = append(bs, ruleBox(d, width, 0.5, 40))
	gap(2.5)

	// The number, large, as a barcode and a QR code.
	band, err := d.numberBand(s, form, width, st)
	if err != nil {
		return nil, err
	}
	bs = append(bs, band...)
	gap(2.5)

	// The fields.
	ts := st.table
	type pair struct{ label, value string }
	pairs := []pair{
		{"Customer / 客户", f.customer}, {"Phone / 电话", f.phone},
		{"Product / 产品", f.product}, {"Serial no. / 序列号", f.serial},
		{"Purchased / 购买日期", f.purchased}, {"Case no. / 案件号", f.caseNo},
		{"Warranty / 保修类别", f.tier}, {"Remedy / 处理方式", f.remedy},
	}
	long := []pair{
		{"Fault / 故障描述", f.fault}, {"Accessories / 随机附件", f.accessories},
		{"Visible damage / 外观损伤", f.condition}, {"Service centre / 服务中心", f.centre},
		{"Warranty clause / 保修条款", f.clause},
	}
	var lw float64
	switch form {
	case formWide:
		lw = 27 * scale
		half := width / 2
		for i := 0; i < len(pairs); i += 2 {
			a, b := pairs[i], pairs[i+1]
			bs = append(bs, d.row([]tcell{{a.label, lw, true}, {a.value, half - lw, false},
				{b.label, lw, true}, {b.value, width - half - lw, false}}, ts))
		}
	case formNarrow:
		lw = 30 * scale
	case formRoll:
		lw = 21
	}
	if form != formWide {
		for _, p := range pairs {
			bs = append(bs, d.row([]tcell{{p.label, lw, true}, {p.value, width - lw, false}}, ts))
		}
	}
	for _, p := range long {
		bs = append(bs, d.longRow(p.label, lw, p.value, width-lw, ts, maxH)...)
	}
	gap(3)

	// Signatures and the note for whoever keeps the copy.
	bs = append(bs, d.signatures(form, width, st, scale))
	note := "Please keep this slip and show it when you collect the unit. / 请妥善保管本单，取机时出示。"
	if copyLabel == shopCopy {
		note = "Shop copy: keep it with the unit. / 商户联：随机存放。"
	}
	gap(1.5)
	a := alignLeft
	if form == formRoll {
		a = alignCenter
	}
	bs = append(bs, d.textBox(note, width, st.note, a, 90))
	return bs, nil
}

// slipHeader is the shop on the left and the title, copy and date on the right (A4), or the shop
// above the title and date (A5).
func (d *doc) slipHeader(sh Shop, date, copyLabel string, form slipForm, width float64, st slipStyles) block {
	title := "Maintenance Order / 维修单"
	dateText := "Date / 日期 " + date
	if form == formNarrow {
		shop := d.shopBlock(sh, width, st, alignLeft)
		shopH := blocksHeight(shop)
		titleW := width - d.width(dateText, st.date) - 4
		tl := d.wrap(title, titleW, st.title)
		gapH := 0.0
		if shopH > 0 {
			gapH = 2
		}
		h := shopH + gapH + float64(len(tl))*st.title.lineHeight()
		if copyLabel != "" {
			h += st.copyLabel.lineHeight()
		}
		return block{h: h + 1.5, draw: func(x, y float64) {
			y = drawBlocks(shop, x, y) + gapH
			if copyLabel != "" {
				d.lines(x, y, width, []string{copyLabel}, st.copyLabel, alignRight)
				y += st.copyLabel.lineHeight()
			}
			d.lines(x, y, titleW, tl, st.title, alignLeft)
			d.color(60, 60, 60)
			d.lines(x, y+(st.title.lineHeight()-st.date.lineHeight())/2, width, []string{dateText}, st.date, alignRight)
			d.color(0, 0, 0)
		}}
	}
	leftW := width * 0.58
	rightW := width - leftW - 4
	shop := d.shopBlock(sh, leftW, st, alignLeft)
	shopH := blocksHeight(shop)
	tl := d.wrap(title, rightW, st.title)
	rightH := float64(len(tl))*st.title.lineHeight() + st.date.lineHeight()
	if copyLabel != "" {
		rightH += st.copyLabel.lineHeight() + 0.5
	}
	return block{h: max(shopH, rightH) + 1.5, draw: func(x, y float64) {
		sy := y
		for _, b := range shop {
			b.draw(x, sy)
			sy += b.h
		}
		rx := x + width - rightW
		ry := y
		if copyLabel != "" {
			d.copyTag(rx, ry, rightW, copyLabel, st.copyLabel)
			ry += st.copyLabel.lineHeight() + 0.5
		}
		ry += d.lines(rx, ry, rightW, tl, st.title, alignRight)
		d.color(60, 60, 60)
		d.lines(rx, ry, rightW, []string{dateText}, st.date, alignRight)
		d.color(0, 0, 0)
	}}
}

// copyTag is the copy's name, white on black, at the right of its line.
func (d *doc) copyTag(x, y, width float64, text string, st textStyle) {
	w := d.width(text, st) + 3
	d.pdf.SetFillColor(30, 30, 30)
	d.pdf.Rect(x+width-w, y, w, st.lineHeight(), "F")
	d.color(255, 255, 255)
	d.text(x+width-w+1.5, y+st.ascent(), text, st)
	d.color(0, 0, 0)
}

// shopBlock is the shop's logo, name, address and phone; nothing when none of them is set.
func (d *doc) shopBlock(sh Shop, width float64, st slipStyles, a textAlign) []block {
	type item struct {
		text string
		st   textStyle
	}
	var items []item
	for _, it := range []item{{sh.Name, st.shop}, {sh.Address, st.shopLine}, {sh.Phone, st.shopLine}} {
		if strings.TrimSpace(it.text) != "" {
			items = append(items, it)
		}
	}
	if sh.Phone != "" {
		items[len(items)-1].text = "Tel. / 电话 " + sh.Phone
	}
	name, pw, ph := d.logo(sh.Logo)
	if name == "" && len(items) == 0 {
		return nil
	}
	var lw, lh float64
	textX, textW := 0.0, width
	if name != "" {
		if a == alignCenter {
			lw, lh = fitLogo(pw, ph, width*0.6, 18)
		} else {
			lw, lh = fitLogo(pw, ph, 32, 15)
			textX, textW = lw+3, width-lw-3
		}
	}
	wrapped := make([][]string, len(items))
	th := 0.0
	for i, it := range items {
		wrapped[i] = d.wrap(it.text, textW, it.st)
		th += float64(len(wrapped[i])) * it.st.lineHeight()
	}
	h := max(th, lh)
	if a == alignCenter {
		h = lh + th
		if lh > 0 && th > 0 {
			h += 1.5
		}
	}
	return []block{{h: h + 1.5, draw: func(x, y float64) {
		ty := y
		if name != "" {
			if a == alignCenter {
				d.pdf.Image(name, x+(width-lw)/2, y, lw, lh, false, "", 0, "")
				ty += lh + 1.5
			} else {
				d.pdf.Image(name, x, y, lw, lh, false, "", 0, "")
			}
		}
		for i, it := range items {
			ty += d.lines(x+textX, ty, textW, wrapped[i], it.st, a)
		}
	}}}
}

// centred is a line (or lines) of text centred in width.
func (d *doc) centred(text string, width float64, st textStyle) block {
	return d.textBox(text, width, st, alignCenter, 0)
}

// textBox is wrapped text; gray 0 is black.
func (d *doc) textBox(text string, width float64, st textStyle, a textAlign, gray int) block {
	ls := d.wrap(text, width, st)
	return block{h: float64(len(ls)) * st.lineHeight(), draw: func(x, y float64) {
		d.color(gray, gray, gray)
		d.lines(x, y, width, ls, st, a)
		d.color(0, 0, 0)
	}}
}

// ruleBox is a horizontal line across the width.
func ruleBox(d *doc, width, lineWidth float64, gray int) block {
	return block{h: lineWidth, draw: func(x, y float64) { d.rule(x, x+width, y+lineWidth/2, lineWidth, gray) }}
}

// numberBand is the slip's number: large, as a Code 128 barcode under it and as a QR code beside
// it (on the roll, everything centred one under the other).
func (d *doc) numberBand(s *Slip, form slipForm, width float64, st slipStyles) ([]block, error) {
	number := s.Number()
	label := "Maintenance no. / 维修单号"
	if s.Case.MaintenanceNo == "" {
		label = "Case no. / 案件号"
	}
	modules, err := code128Modules(number)
	if err != nil {
		return nil, err
	}
	if form == formRoll {
		module := min(code128Module, (width-2*code128Quiet)/float64(modules))
		barW := module * float64(modules)
		const barH, qrSize = 13.0, 30.0
		return []block{
			d.centred(label, width, st.numLabel),
			d.centred(number, width, st.number),
			blankBlock(1.5),
			{h: barH + 2, draw: func(x, y float64) {
				_, err := d.code128(number, x+(width-barW)/2, y, module, barH)
				d.fail(err)
			}},
			{h: qrSize + 2*qrQuietZone, draw: func(x, y float64) {
				d.fail(d.qr(number, x+(width-qrSize)/2, y+qrQuietZone, qrSize))
			}},
		}, nil
	}
	qrSize := 24.0
	if form == formNarrow {
		qrSize = 26
	}
	leftW := width - qrSize - qrQuietZone
	module := min(code128Module, (leftW-code128Quiet)/float64(modules))
	barH := 11.0
	if form == formNarrow {
		barH = 12
	}
	numLines := d.wrap(number, leftW, st.number)
	textH := st.numLabel.lineHeight() + float64(len(numLines))*st.number.lineHeight()
	h := max(textH+1.5+barH, qrSize)
	return []block{{h: h, draw: func(x, y float64) {
		d.color(70, 70, 70)
		d.lines(x, y, leftW, []string{label}, st.numLabel, alignLeft)
		d.color(0, 0, 0)
		d.lines(x, y+st.numLabel.lineHeight(), leftW, numLines, st.number, alignLeft)
		_, err := d.code128(number, x, y+textH+1.5, module, barH)
		d.fail(err)
		d.fail(d.qr(number, x+width-qrSize, y, qrSize))
	}}}, nil
}

// signatures are the lines the customer and the staff sign on.
func (d *doc) signatures(form slipForm, width float64, st slipStyles, scale float64) block {
	labels := []string{"Customer signature / 客户签名", "Staff / 经办人", "Date / 日期"}
	space := 9 * scale
	lh := st.sign.lineHeight()
	if form == formRoll {
		return block{h: 2 * (space + lh), draw: func(x, y float64) {
			for i, l := range labels[:2] {
				yy := y + float64(i)*(space+lh) + space
				d.rule(x, x+width, yy, 0.25, 0)
				d.color(70, 70, 70)
				d.lines(x, yy+0.3, width, []string{l}, st.sign, alignLeft)
			}
			d.color(0, 0, 0)
		}}
	}
	widths := []float64{width * 0.42, width * 0.34, width * 0.24}
	return block{h: space + lh + 0.5, draw: func(x, y float64) {
		cx := x
		for i, l := range labels {
			w := widths[i] - 5
			if i == len(labels)-1 {
				w = widths[i]
			}
			d.rule(cx, cx+w, y+space, 0.25, 0)
			d.color(70, 70, 70)
			d.lines(cx, y+space+0.3, w, []string{l}, st.sign, alignLeft)
			cx += widths[i]
		}
		d.color(0, 0, 0)
	}}
}
