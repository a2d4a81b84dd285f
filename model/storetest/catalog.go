package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"returndesk/model"
)

func testManufacturers(t *testing.T, s suite) {
	db, f := s.openSeeded(t)

	dup := model.Manufacturer{Name: " HALOTEK "}
	err := db.CreateManufacturer(ctx, &dup)
	WantCode(t, err, model.ECONFLICT)
	if !strings.Contains(model.ErrorMessage(err), "HALOTEK") {
		t.Errorf("message %q", model.ErrorMessage(err))
	}
	WantCode(t, db.CreateManufacturer(ctx, &model.Manufacturer{}), model.EINVALID)

	m, err := db.ManufacturerByName(ctx, "halotek")
	if err != nil || m.ID != f.Halotek.ID || m.Contact != "Ms Li" {
		t.Fatalf("ManufacturerByName = %+v, %v", m, err)
	}
	_, err = db.ManufacturerByName(ctx, "Nokla")
	WantCode(t, err, model.ENOTFOUND)

	m.Name = "Halotek Ltd"
	m.TerminalPolicy = "halotek-terminal"
	if err := db.UpdateManufacturer(ctx, m); err != nil {
		t.Fatal(err)
	}
	got, _ := db.ManufacturerByID(ctx, m.ID)
	if got.Name != "Halotek Ltd" || got.TerminalPolicy != "halotek-terminal" {
		t.Errorf("after update %+v", got)
	}
	clash := *got
	clash.Name = "eletrek"
	WantCode(t, db.UpdateManufacturer(ctx, &clash), model.ECONFLICT)
	WantCode(t, db.UpdateManufacturer(ctx, &model.Manufacturer{ID: 999, Name: "X"}), model.ENOTFOUND)

	list, err := db.ListManufacturers(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "EleTrek" {
		t.Errorf("ListManufacturers = %+v, %v", list, err)
	}
}

func testProducts(t *testing.T, s suite) {
	db, f := s.openSeeded(t)

	WantCode(t, db.CreateProduct(ctx, &model.Product{ManufacturerID: f.Halotek.ID, Model: "h1"}), model.ECONFLICT)
	WantCode(t, db.CreateProduct(ctx, &model.Product{ManufacturerID: 999, Model: "Z1"}), model.EINVALID)
	WantCode(t, db.CreateProduct(ctx, &model.Product{ManufacturerID: f.Halotek.ID, Model: "Z1", UnitPrice: -1}), model.EINVALID)

	// The same code at another manufacturer is allowed, but then ambiguous without one.
	twin := model.Product{ManufacturerID: f.EleTrek.ID, Model: "H1"}
	if err := db.CreateProduct(ctx, &twin); err != nil {
		t.Fatal(err)
	}
	_, err := db.ProductByModel(ctx, 0, "H1")
	WantCode(t, err, model.ECONFLICT)
	p, err := db.ProductByModel(ctx, f.Halotek.ID, "h1")
	if err != nil || p.ID != f.Phone.ID || p.Manufacturer != "Halotek" || p.UnitPrice != 129900 {
		t.Errorf("ProductByModel = %+v, %v", p, err)
	}
	p, err = db.ProductByModel(ctx, 0, "R7")
	if err != nil || p.ID != f.Router.ID {
		t.Errorf("ProductByModel R7 = %+v, %v", p, err)
	}
	_, err = db.ProductByModel(ctx, 0, "nope")
	WantCode(t, err, model.ENOTFOUND)

	p, _ = db.ProductByID(ctx, f.Phone.ID)
	p.CustomBranded = true
	p.Name = "Halo phone 2"
	if err := db.UpdateProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	p, _ = db.ProductByID(ctx, f.Phone.ID)
	if !p.CustomBranded || p.Name != "Halo phone 2" {
		t.Errorf("after update %+v", p)
	}
	_, err = db.ProductByID(ctx, 999)
	WantCode(t, err, model.ENOTFOUND)

	all, _ := db.ListProducts(ctx, 0)
	halo, _ := db.ListProducts(ctx, f.Halotek.ID)
	if len(all) != 3 || len(halo) != 1 || halo[0].Model != "H1" {
		t.Errorf("ListProducts: all %d, halotek %+v", len(all), halo)
	}
}

// A service centre is edited in place: its maker (or every brand), name, region, address
// and phone; the cases sent to it keep it, and the nearest centre follows the change.
func testUpdateServiceCentre(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	nc := f.NewRepairCase("SC-1")
	c := MustCreate(t, db, nc)
	if c.ServiceCentreID != f.CentreBJ.ID {
		t.Fatalf("the repair went to centre %d, want Halotek Beijing (%d)", c.ServiceCentreID, f.CentreBJ.ID)
	}
	moved := f.CentreBJ
	moved.ManufacturerID, moved.Name, moved.Region = 0, " Fix-all Tianjin ", "Tianjin"
	moved.Address, moved.Phone = "1 Heping Road", "022-1234 5678"
	if err := db.UpdateServiceCentre(ctx, &moved); err != nil {
		t.Fatal(err)
	}
	all, err := db.ListServiceCentres(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(all, func(sc model.ServiceCentre) bool { return sc.ID == moved.ID })
	if i < 0 || all[i].Name != "Fix-all Tianjin" || all[i].ManufacturerID != 0 || all[i].Region != "Tianjin" ||
		all[i].Address != "1 Heping Road" || all[i].Phone != "022-1234 5678" || len(all) != 3 {
		t.Errorf("after the update: %+v", all)
	}
	if got, err := db.CaseByID(ctx, c.ID); err != nil || got.ServiceCentreID != moved.ID {
		t.Errorf("the case's centre after the update: %v, %v", got, err)
	}
	if got, err := db.NearestServiceCentre(ctx, f.EleTrek.ID, "tianjin"); err != nil || got.ID != moved.ID {
		t.Errorf("nearest EleTrek centre in Tianjin: %v, %v; want the all-brands one now there", got, err)
	}
	bad := moved
	bad.Region = ""
	WantCode(t, db.UpdateServiceCentre(ctx, &bad), model.EINVALID)
	bad = moved
	bad.ManufacturerID = 999
	WantCode(t, db.UpdateServiceCentre(ctx, &bad), model.EINVALID)
	gone := moved
	gone.ID = 999
	WantCode(t, db.UpdateServiceCentre(ctx, &gone), model.ENOTFOUND)
}

func testNearestServiceCentre(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	eletrekBJ := model.ServiceCentre{ManufacturerID: f.EleTrek.ID, Name: "EleTrek Beijing", Region: "Beijing"}
	if err := db.CreateServiceCentre(ctx, &eletrekBJ); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		manufacturer model.ManufacturerID
		region       string
		want         model.ServiceCentreID
	}{
		{"own centre in the region", f.Halotek.ID, "beijing", f.CentreBJ.ID},
		{"all-brands centre in the region", f.Halotek.ID, "Guangzhou", f.CentreAnyGZ.ID},
		{"its own elsewhere before another brand's in the region", f.EleTrek.ID, "Shanghai", eletrekBJ.ID},
		{"manufacturer's first elsewhere", f.Halotek.ID, "Tibet", f.CentreSH.ID},
		{"no region", f.EleTrek.ID, "", eletrekBJ.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.NearestServiceCentre(ctx, tt.manufacturer, tt.region)
			if err != nil || got.ID != tt.want {
				t.Errorf("got %+v, %v; want id %d", got, err, tt.want)
			}
		})
	}
	_, err := db.NearestServiceCentre(ctx, 999, "Tibet")
	WantCode(t, err, model.ENOTFOUND)
	_, err = db.NearestServiceCentre(ctx, 999, "Shanghai") // only Halotek's there
	WantCode(t, err, model.ENOTFOUND)

	WantCode(t, db.CreateServiceCentre(ctx, &model.ServiceCentre{Name: "X"}), model.EINVALID)
	WantCode(t, db.CreateServiceCentre(ctx, &model.ServiceCentre{Name: "X", Region: "Y", ManufacturerID: 999}), model.EINVALID)
	list, err := db.ListServiceCentres(ctx)
	if err != nil || len(list) != 4 || list[0].Region != "Beijing" {
		t.Errorf("ListServiceCentres = %+v, %v", list, err)
	}
}

func testCustomers(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	for _, c := range []model.Customer{
		{Name: "张伟强", Phone: "13911112222", Kind: model.KindDealer, Regular: true, Email: "zwq@example.com"},
		{Name: "Ann O'Neil", Phone: "+852 5555 0000"},
		{Name: "100% Mobile_Shop", Phone: "020-1"},
	} {
		c := c
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	WantCode(t, db.CreateCustomer(ctx, &model.Customer{Name: " "}), model.EINVALID)
	WantCode(t, db.CreateCustomer(ctx, &model.Customer{Name: "X", Kind: "vip"}), model.EINVALID)

	tests := []struct {
		q    string
		want []string
	}{
		{"伟", []string{"张伟强", "张伟"}}, // newest first
		{"1111", []string{"张伟强"}},
		{"ann", []string{"Ann O'Neil"}},
		{"%", []string{"100% Mobile_Shop"}},
		{"_", []string{"100% Mobile_Shop"}},
		{"nobody", nil},
	}
	for _, tt := range tests {
		if names := foundCustomers(t, db, tt.q, 0); !slices.Equal(names, tt.want) {
			t.Errorf("FindCustomers(%q) = %v, want %v", tt.q, names, tt.want)
		}
	}
	if all, _ := db.FindCustomers(ctx, "", 2); len(all) != 2 {
		t.Errorf("limit 2 gave %d", len(all))
	}

	c, err := db.CustomerByID(ctx, f.Zhang.ID)
	if err != nil || c.Region != "Beijing" || c.Kind != model.KindTerminal {
		t.Fatalf("CustomerByID = %+v, %v", c, err)
	}
	c.Email = "not-an-address"
	WantCode(t, db.UpdateCustomer(ctx, c), model.EINVALID)
	WantCode(t, db.UpdateCustomer(ctx, &model.Customer{ID: 999, Name: "X"}), model.ENOTFOUND)
	_, err = db.CustomerByID(ctx, 999)
	WantCode(t, err, model.ENOTFOUND)
}

// testFindCustomersThroughTheIndex finds customers by what the counter types, whichever way
// they came in (one by one, with a new case, from a sales list, in a bulk load) and after
// a change of name or phone, newest first whether the index is read or, for a term too
// common for it, the customers; a term longer than any key is still found.
func testFindCustomersThroughTheIndex(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	want := func(q string, limit int, wanted ...string) {
		t.Helper()
		if got := foundCustomers(t, db, q, limit); !slices.Equal(got, wanted) {
			t.Errorf("FindCustomers(%q, %d) = %q, want %q", q, limit, got, wanted)
		}
	}

	one := &model.Customer{Name: "欧阳娜娜", Phone: "13712345678"}
	if err := db.CreateCustomer(ctx, one); err != nil {
		t.Fatal(err)
	}
	nc := f.NewCase("IDX-0001")
	nc.Case.CustomerID, nc.Customer = 0, &model.Customer{Name: "Brigitte Okafor", Phone: "+44 20 7946 0321"}
	MustCreate(t, db, nc)
	if err := db.ImportSales(ctx, []model.Sale{{Serial: "IDX-S1", ProductID: f.Phone.ID,
		CustomerName: "上官婉儿", Phone: "18655554444"}}); err != nil {
		t.Fatal(err)
	}
	// A customer of a bulk load (as the demo makes them).
	bl, ok := db.(model.BulkLoader)
	if !ok {
		t.Fatal("the store has no bulk loader")
	}
	if err := bl.Bulk(ctx, func(b model.BulkLoad) error {
		return b.CreateCustomer(&model.Customer{Name: "Zbigniew Wróblewski", Phone: "48600111000"})
	}); err != nil {
		t.Fatal(err)
	}
	want("wróbl", 0, "Zbigniew Wróblewski")
	want("阳娜", 0, "欧阳娜娜")
	want("2345", 0, "欧阳娜娜")
	want("OKAF", 0, "Brigitte Okafor")
	want("7946 0", 0, "Brigitte Okafor")
	want("官婉", 0, "上官婉儿")
	want("55554", 0, "上官婉儿")

	// A new name and phone: found by them, no longer by the old ones.
	one.Name, one.Phone = "欧阳菲菲", "13798765432"
	if err := db.UpdateCustomer(ctx, one); err != nil {
		t.Fatal(err)
	}
	want("阳菲", 0, "欧阳菲菲")
	want("98765", 0, "欧阳菲菲")
	want("阳娜", 0)
	want("2345", 0)

	// Newest first, from the index; a term with more keys than the search counts
	// (model.CountedMatches) in the newest customers alone reads the customers newest first.
	var many []string
	const es = 56 // keys of each name that start with "ee"
	for i := range model.CountedMatches/es + 3 {
		c := &model.Customer{Name: fmt.Sprintf("Lee %s %03d", strings.Repeat("e", es), i), Phone: fmt.Sprint(700000 + i)}
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		many = slices.Insert(many, 0, c.Name)
	}
	want("ee 00", 0, many[1:]...)
	want("ee", 0, many...)
	want("ee", 3, many[:3]...)

	// A whole name or phone as typed: that customer first, however many newer ones hold it.
	wang := &model.Customer{Name: "王芳", Phone: "13500001111"}
	if err := db.CreateCustomer(ctx, wang); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"王芳芳", "王芳华", "王芳玲", "李王芳"} {
		if err := db.CreateCustomer(ctx, &model.Customer{Name: n, Phone: "13500001111" + "0"}); err != nil {
			t.Fatal(err)
		}
	}
	want("王芳", 3, "王芳", "李王芳", "王芳玲")
	want("13500001111", 2, "王芳", "李王芳")

	// A term longer than a key (model.MaxCodeLen characters) is looked for without the index.
	long := &model.Customer{Name: "Guangzhou Tianhe District Huijing New City Mobile Phone Repair Centre No. 2", Phone: "020-3"}
	if err := db.CreateCustomer(ctx, long); err != nil {
		t.Fatal(err)
	}
	want(strings.ToUpper(long.Name[5:75]), 0, long.Name)
}

// testFindCustomersAcrossBuckets spreads customers over three buckets of the index: a term
// whose newest matches have more keys each than the search counts before it stops still
// fills its page, newest first, and a term of the oldest bucket alone is found there.
func testFindCustomersAcrossBuckets(t *testing.T, s suite) {
	db, _ := s.openSeeded(t)
	var newest []string
	add := func(prefix string, n int) {
		for i := range n {
			c := &model.Customer{Name: fmt.Sprintf("%s %s %03d", prefix, strings.Repeat("e", 56), i)}
			if err := db.CreateCustomer(ctx, c); err != nil {
				t.Fatal(err)
			}
			newest = slices.Insert(newest, 0, c.Name)
		}
	}
	add("Old", 20)
	hooks(t, db).SkipIDs(t, "customers", bucketSize)
	add("Mid", 12)
	hooks(t, db).SkipIDs(t, "customers", 2*bucketSize)
	add("New", 2)
	for _, tt := range []struct {
		q    string
		want []string
	}{{"ee", newest}, {"old e", newest[14:]}, {"mid e", newest[2:14]}} {
		if got := foundCustomers(t, db, tt.q, 0); !slices.Equal(got, tt.want) {
			t.Errorf("FindCustomers(%q) gave %d: %q…, want %d", tt.q, len(got), got[:min(len(got), 3)], len(tt.want))
		}
	}
}

// foundCustomers is the names of the customers FindCustomers(q, limit) gives, in its order.
func foundCustomers(t *testing.T, db model.Store, q string, limit int) []string {
	t.Helper()
	found, err := db.FindCustomers(ctx, q, limit)
	if err != nil {
		t.Fatalf("FindCustomers(%q): %v", q, err)
	}
	var names []string
	for _, c := range found {
		names = append(names, c.Name)
	}
	return names
}
