package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"returndesk/model"
	"returndesk/model/sqlstore"
)

// testFindCustomersThroughTheIndex finds customers by what the counter types, whichever way
// they came in (one by one, with a new case, from a sales list, in a bulk load) and after
// a change of name or phone; a term so common that the search reads the customers in name
// order gives the same first page as the index would; a term longer than any key is still
// found.
func testFindCustomersThroughTheIndex(t *testing.T, s suite) {
	db, f := s.openSeeded(t)
	names := func(q string, limit int) []string {
		t.Helper()
		found, err := db.FindCustomers(ctx, q, limit)
		if err != nil {
			t.Fatalf("FindCustomers(%q): %v", q, err)
		}
		var out []string
		for _, c := range found {
			out = append(out, c.Name)
		}
		return out
	}
	want := func(q string, limit int, wanted ...string) {
		t.Helper()
		if got := names(q, limit); !slices.Equal(got, wanted) {
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
	// Many customers in a bulk load (as the demo makes them), each with many keys of "ee".
	var many []string
	const es = 56 // each name has as many keys that start with "ee"
	bl, ok := db.(model.BulkLoader)
	if !ok {
		t.Fatal("the store has no bulk loader to make many customers with")
	}
	if err := bl.Bulk(ctx, func(b model.BulkLoad) error {
		for i := range sqlstore.CustomerKeysRead/es + 10 {
			c := &model.Customer{Name: fmt.Sprintf("Lee %s %04d", strings.Repeat("e", es), i), Phone: fmt.Sprint(700000 + i)}
			many = append(many, c.Name)
			if err := b.CreateCustomer(c); err != nil {
				return err
			}
		}
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

	// More keys of "ee" than the search reads from the index: the customers in name order,
	// which give the first ones by name as the index does for a rarer term.
	want("ee", 0, many[:50]...)
	want("ee", 1000, many...)
	want("ee 007", 0, many[70:80]...)

	// A term longer than a key (model.MaxCodeLen characters) is looked for without the index.
	long := &model.Customer{Name: "Guangzhou Tianhe District Huijing New City Mobile Phone Repair Centre No. 2", Phone: "020-3"}
	if err := db.CreateCustomer(ctx, long); err != nil {
		t.Fatal(err)
	}
	want(strings.ToUpper(long.Name[5:75]), 0, long.Name)
}
