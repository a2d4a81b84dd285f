package main

import (
	"context"
	"fmt"
	"math/rand/v2"

	"returndesk/model"
	"returndesk/policy/intake"
)

// demoCatalog is the fixed part of the demo data: the two manufacturers of the seed
// policies, their products and service centres, and the shop's customers.
var demoManufacturers = []model.Manufacturer{
	{Name: "Halotek", Contact: "Lin Xiaoyan (sales manager)", Phone: "+86 755 8660 3120", Email: "support@halotek.example",
		Address: "Block B, Tianan Cyber Park, Futian, Shenzhen, Guangdong, China", AfterSalesAddress: "Halotek After-Sales Dept., 3F Block B, Tianan Cyber Park, Futian, Shenzhen 518040, China",
		TerminalPolicy: "halotek-terminal", OEMPolicy: "halotek-oem"},
	{Name: "EleTrek", Contact: "Kevin Zhou (sales manager)", Phone: "+86 20 3705 1188", Email: "rma@eletrek.example",
		Address: "No. 18 Kexue Avenue, Huangpu, Guangzhou, Guangdong, China", AfterSalesAddress: "EleTrek After Sales Dept., No. 18 Kexue Avenue, Huangpu, Guangzhou 510663, China",
		TerminalPolicy: "halotek-terminal", DistributorPolicy: "eletrek-distributor"},
}

var demoProducts = []struct {
	maker   string
	product model.Product
}{
	{"Halotek", model.Product{Model: "HT-H200", Name: "Bluetooth headset H200", UnitPrice: 3900}},
	{"Halotek", model.Product{Model: "HT-CAM5", Name: "5 MP IP camera", UnitPrice: 8900}},
	{"Halotek", model.Product{Model: "HT-PS48", Name: "48 V DC power cabinet 直流屏", UnitPrice: 128000}},
	{"Halotek", model.Product{Model: "HT-OEM-H1", Name: "Headset H1 (NordAudio brand)", UnitPrice: 2450, CustomBranded: true}},
	{"EleTrek", model.Product{Model: "ET-PB20", Name: "Power bank 20000 mAh", UnitPrice: 2500}},
	{"EleTrek", model.Product{Model: "ET-CH65", Name: "65 W USB-C charger", UnitPrice: 1850}},
	{"EleTrek", model.Product{Model: "ET-DC12", Name: "DC-DC converter 24→12 V", UnitPrice: 1200}},
	{"EleTrek", model.Product{Model: "ET-LED50", Name: "LED driver 50 W (shop brand)", UnitPrice: 990, CustomBranded: true}},
}

var demoCentres = []struct {
	maker  string
	centre model.ServiceCentre
}{
	{"Halotek", model.ServiceCentre{Name: "Halotek Service Centre Futian", Region: "Guangdong", Address: "2F, 1008 Shennan Road, Futian, Shenzhen", Phone: "+86 755 8321 7700"}},
	{"Halotek", model.ServiceCentre{Name: "Halotek Service Centre Pudong", Region: "Shanghai", Address: "Room 1203, 58 Zhangjiang Road, Pudong, Shanghai", Phone: "+86 21 5080 4411"}},
	{"Halotek", model.ServiceCentre{Name: "Halotek Service Centre Haidian", Region: "Beijing", Address: "66 Zhongguancun Street, Haidian, Beijing", Phone: "+86 10 6255 9020"}},
	{"EleTrek", model.ServiceCentre{Name: "EleTrek Repair Point Guangzhou", Region: "Guangdong", Address: "No. 18 Kexue Avenue, Huangpu, Guangzhou", Phone: "+86 20 3705 1190"}},
	{"", model.ServiceCentre{Name: "成都快修电子服务中心", Region: "Sichuan", Address: "成都市武侯区人民南路四段 27 号", Phone: "+86 28 8555 6021"}},
	{"", model.ServiceCentre{Name: "Kowloon Electronics Service", Region: "Hong Kong", Address: "Shop 12, Golden Computer Arcade, 146 Fuk Wa Street, Sham Shui Po", Phone: "+852 2728 1180"}},
}

var demoCustomers = []model.Customer{
	{Name: "张伟", Phone: "13800138001", Region: "Guangdong", Kind: model.KindTerminal},
	{Name: "王芳", Phone: "13912345678", Region: "Shanghai", Kind: model.KindTerminal},
	{Name: "李娜", Phone: "13688889999", Region: "Beijing", Kind: model.KindTerminal},
	{Name: "刘洋", Phone: "15013572468", Region: "Guangdong", Kind: model.KindTerminal},
	{Name: "陈静", Phone: "18620001234", Region: "Sichuan", Kind: model.KindTerminal},
	{Name: "黄晓明", Phone: "13798765432", Region: "Guangdong", Kind: model.KindTerminal, Email: "xiaoming.huang@example.cn"},
	{Name: "欧阳娜娜", Phone: "13511112222", Region: "Hong Kong", Kind: model.KindTerminal},
	{Name: "赵磊", Phone: "18888886666", Region: "Beijing", Kind: model.KindTerminal},
	{Name: "Maria Santos", Phone: "+852 6123 4567", Region: "Hong Kong", Kind: model.KindTerminal, Email: "maria.santos@example.com"},
	{Name: "John Carter", Phone: "+852 9012 3344", Region: "Hong Kong", Kind: model.KindTerminal},
	{Name: "Nguyen Van An", Phone: "13377778888", Region: "Guangdong", Kind: model.KindTerminal},
	{Name: "Olga Petrova", Phone: "13244556677", Region: "Shanghai", Kind: model.KindTerminal},
	{Name: "深圳华强北鑫达电子商行", Phone: "0755-83261234", Region: "Guangdong", Kind: model.KindDealer, Regular: true, Address: "深圳市福田区华强北路 1019 号"},
	{Name: "TechMart Electronics Ltd", Phone: "+852 2388 0456", Region: "Hong Kong", Kind: model.KindDealer, Address: "Unit 5, 8/F, Sino Centre, Mong Kok"},
	{Name: "NordAudio AB", Phone: "+46 8 410 220 00", Region: "Sweden", Kind: model.KindOEM, Regular: true, Email: "quality@nordaudio.example"},
}

var demoFaults = []struct{ text, category string }{
	{"无法开机，充电指示灯不亮", "No power"},
	{"充电时机身发烫，约十分钟后自动关机", "Overheating"},
	{"右耳无声音，左耳正常", "Audio"},
	{"Does not charge: the LED blinks red three times and the unit stays off", "No power"},
	{"Picture freezes every few minutes; night vision IR does not switch on", "Video"},
	{"屏幕显示乱码，按键无反应", "Display"},
	{"Output voltage drops to 9 V under 2 A load", "Output"},
	{"外壳裂开，疑似跌落造成", "Physical damage"},
	{"Bluetooth pairing lost after firmware update; cannot re-pair with any phone", "Connectivity"},
	{"Fan noise and burning smell after one hour of use", "Overheating"},
}

// demoPlan says, for each demo case, which tier its dates aim at and where its life ends.
type demoPlan struct {
	daysSincePurchase int
	cause             model.Cause
	status            model.Status
}

// demoSchedule cycles through every tier and every status.
var demoSchedule = []demoPlan{
	{2, model.CauseUnknown, model.StatusReceived},
	{5, model.CauseManufacturer, model.StatusReadyForPickup},
	{20, model.CauseUnknown, model.StatusDiagnosing},
	{45, model.CauseManufacturer, model.StatusClosed},
	{90, model.CauseUnknown, model.StatusReceived},
	{150, model.CauseManufacturer, model.StatusAtServiceCentre},
	{200, model.CauseManufacturer, model.StatusAwaitingManufacturer},
	{300, model.CauseManufacturer, model.StatusAwaitingManufacturer},
	{330, model.CauseMisuse, model.StatusReadyForPickup},
	{400, model.CauseUnknown, model.StatusDiagnosing},
	{12, model.CauseMisuse, model.StatusClosed},
	{58, model.CauseUnknown, model.StatusCancelled},
}

// fillDemo writes the demo data into an empty store; today anchors every date.
func fillDemo(ctx context.Context, store model.Store, today model.Date, nCases int, seed uint64) (*demoSummary, error) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	makers := map[string]*model.Manufacturer{}
	for _, m := range demoManufacturers {
		m := m
		if err := store.CreateManufacturer(ctx, &m); err != nil {
			return nil, fmt.Errorf("manufacturer %s: %w", m.Name, err)
		}
		makers[m.Name] = &m
	}
	var products []model.Product
	for _, p := range demoProducts {
		prod := p.product
		prod.ManufacturerID = makers[p.maker].ID
		if err := store.CreateProduct(ctx, &prod); err != nil {
			return nil, fmt.Errorf("product %s: %w", prod.Model, err)
		}
		prod.Manufacturer = p.maker
		products = append(products, prod)
	}
	for _, c := range demoCentres {
		sc := c.centre
		if c.maker != "" {
			sc.ManufacturerID = makers[c.maker].ID
		}
		if err := store.CreateServiceCentre(ctx, &sc); err != nil {
			return nil, fmt.Errorf("service centre %s: %w", sc.Name, err)
		}
	}
	var customers []model.Customer
	for _, c := range demoCustomers {
		c := c
		if err := store.CreateCustomer(ctx, &c); err != nil {
			return nil, fmt.Errorf("customer %s: %w", c.Name, err)
		}
		customers = append(customers, c)
	}

	// Sales records: one per demo case, plus stock sold without a problem so far.
	type unit struct {
		sale     model.Sale
		customer model.Customer
		plan     demoPlan
		fault    int
	}
	units := make([]unit, 0, nCases)
	var sales []model.Sale
	for i := 0; i < nCases; i++ {
		plan := demoSchedule[i%len(demoSchedule)]
		prod := products[rng.IntN(len(products))]
		cust := customers[rng.IntN(12)] // walk-in customers; dealers get their own cases below
		if i%7 == 6 {
			cust = customers[12+rng.IntN(2)]
		}
		// Later laps of the schedule shift dates a little so the list is not repetitive,
		// without leaving the tier the plan aims at.
		jitter := 0
		if i >= len(demoSchedule) && plan.daysSincePurchase > 70 && plan.daysSincePurchase < 330 {
			jitter = rng.IntN(25)
		}
		reported := today.AddDays(-rng.IntN(3))
		purchased := reported.AddDays(-(plan.daysSincePurchase + jitter))
		shipped := purchased.AddDays(-(20 + rng.IntN(100)))
		// The unit number is unique per case, so any number of demo cases gets distinct serials.
		s := model.Sale{Serial: model.Serial(fmt.Sprintf("%s-%s%06d", prod.Model, yearCode(purchased), 100000+i)),
			ProductID: prod.ID, CustomerName: cust.Name, Phone: cust.Phone,
			Invoice: fmt.Sprintf("INV-%d-%05d", purchased.Year, 1200+i), PurchaseDate: purchased, ShipmentDate: shipped}
		sales = append(sales, s)
		units = append(units, unit{s, cust, plan, rng.IntN(len(demoFaults))})
	}
	for i := 0; i < nCases/2+10; i++ {
		prod := products[rng.IntN(len(products))]
		purchased := today.AddDays(-rng.IntN(500))
		cust := customers[rng.IntN(len(customers))]
		sales = append(sales, model.Sale{Serial: model.Serial(fmt.Sprintf("%s-S%07d", prod.Model, 1000000+i)), ProductID: prod.ID,
			CustomerName: cust.Name, Phone: cust.Phone, Invoice: fmt.Sprintf("INV-%d-%05d", purchased.Year, 8000+i),
			PurchaseDate: purchased, ShipmentDate: purchased.AddDays(-30 - rng.IntN(60))})
	}
	if err := store.ImportSales(ctx, sales); err != nil {
		return nil, fmt.Errorf("sales records: %w", err)
	}

	sum := &demoSummary{}
	var claimable []model.Case
	for _, u := range units {
		f := demoFaults[u.fault]
		req := intake.Request{CustomerID: u.customer.ID, Serial: u.sale.Serial, On: u.sale.PurchaseDate.AddDays(u.plan.daysSincePurchase),
			Fault: f.text, FaultCategory: f.category, Accessories: "charger, original box", Cause: model.CauseUnknown}
		if req.On.After(today) {
			req.On = today
		}
		plan, err := intake.Plan(ctx, store, req)
		if err != nil {
			return nil, fmt.Errorf("demo case for %s: %w", u.sale.Serial, err)
		}
		cs, err := store.CreateCase(ctx, plan.NewCase, "demo")
		if err != nil {
			return nil, fmt.Errorf("demo case for %s: %w", u.sale.Serial, err)
		}
		if cs, err = advanceDemoCase(ctx, store, cs, u.plan, today); err != nil {
			return nil, fmt.Errorf("demo case %s: %w", cs.CaseNo, err)
		}
		sum.Cases++
		if cs.Status == model.StatusAwaitingManufacturer && cs.Cause == model.CauseManufacturer && !cs.DealerCarriesCost {
			claimable = append(claimable, *cs)
		}
	}

	spares := 80
	order := model.OEMOrder{ManufacturerID: makers["Halotek"].ID, ProductID: products[3].ID, CustomerID: customers[14].ID,
		OrderNo: fmt.Sprintf("PO-NA-%d-017", today.Year), Quantity: 20000, ShipmentDate: today.AddMonths(-5), SpareRate: "0.4", SparesReceived: &spares}
	if err := store.CreateOEMOrder(ctx, &order); err != nil {
		return nil, fmt.Errorf("OEM order: %w", err)
	}

	// One claim to EleTrek over the cases it owes.
	var lines []model.ClaimLine
	for _, cs := range claimable {
		prod, err := store.ProductByID(ctx, cs.ProductID)
		if err != nil {
			return nil, err
		}
		if prod.ManufacturerID != makers["EleTrek"].ID {
			continue
		}
		lines = append(lines, model.ClaimLine{CaseID: cs.ID, CaseNo: cs.CaseNo, RemedyAsked: model.RemedyReplace, Quantity: 1,
			UnitPrice: prod.UnitPrice, FreightBy: "manufacturer"})
	}
	if len(lines) > 0 {
		claim := model.Claim{ManufacturerID: makers["EleTrek"].ID, PeriodFrom: today.AddMonths(-1), PeriodUntil: today,
			Status: model.ClaimDraft, Lines: lines}
		if err := store.CreateClaim(ctx, &claim); err != nil {
			return nil, fmt.Errorf("claim: %w", err)
		}
		sum.Claim = claim.ClaimNo
	}
	sum.Sales = len(sales)
	return sum, nil
}

type demoSummary struct {
	Cases int
	Sales int
	Claim model.ClaimNo
}

// advanceDemoCase records the test result and walks the case to its planned status
// through the allowed transitions, as staff would.
func advanceDemoCase(ctx context.Context, store model.Store, cs *model.Case, plan demoPlan, today model.Date) (*model.Case, error) {
	path := map[model.Status][]model.Status{
		model.StatusReceived:             nil,
		model.StatusDiagnosing:           {model.StatusDiagnosing},
		model.StatusAtServiceCentre:      {model.StatusDiagnosing, model.StatusAtServiceCentre},
		model.StatusAwaitingManufacturer: {model.StatusDiagnosing, model.StatusAwaitingManufacturer},
		model.StatusReadyForPickup:       {model.StatusDiagnosing, model.StatusReadyForPickup},
		model.StatusClosed:               {model.StatusDiagnosing, model.StatusReadyForPickup, model.StatusClosed},
		model.StatusCancelled:            {model.StatusCancelled},
	}[plan.status]
	for _, to := range path {
		if to != model.StatusDiagnosing && to != model.StatusCancelled && plan.cause != model.CauseUnknown && cs.Cause == model.CauseUnknown {
			upd, _, err := intake.Reassess(ctx, store, cs, plan.cause)
			if err != nil {
				return nil, err
			}
			if cs, err = store.UpdateCase(ctx, cs.ID, upd, "demo"); err != nil {
				return nil, err
			}
		}
		note := map[model.Status]string{
			model.StatusDiagnosing:           "bench test started",
			model.StatusAtServiceCentre:      "sent with maintenance order",
			model.StatusAwaitingManufacturer: "posted back to the manufacturer",
			model.StatusReadyForPickup:       "customer informed by phone",
			model.StatusClosed:               "collected by the customer",
			model.StatusCancelled:            "customer withdrew the return",
		}[to]
		var err error
		if cs, err = store.MoveCase(ctx, cs.ID, to, "demo", note); err != nil {
			return nil, err
		}
	}
	return cs, nil
}

func yearCode(d model.Date) string { return fmt.Sprintf("%02d", d.Year%100) }
