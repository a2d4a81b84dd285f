package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"returndesk/model"
)

// A new shop adds its service centres on their tab: a centre without a name or region is
// refused under the fields and nothing is stored; a good one is stored, listed and picked;
// a change (another region, every brand) is stored in place.
func TestServiceCentresTabAddsAndEdits(t *testing.T) {
	db, h, s := openPolicies(t)
	ctx := context.Background()
	tab := s.centres
	f := tab.form
	s.tabs.SelectIndex(2)
	h.settle()
	test.Tap(tab.add)
	h.settle()
	if f.id != 0 || f.save.Text != "Add service centre" || h.w.Canvas().Focused() != f.name {
		t.Fatalf("new centre form: id %d, button %q, focus %T", f.id, f.save.Text, h.w.Canvas().Focused())
	}
	f.phone.SetText("021-5555 0101")
	test.Tap(f.save)
	h.settle()
	if shown(f.errs["name"]) != "Required" || shown(f.errs["region"]) != "Required" || f.phone.Text != "021-5555 0101" {
		t.Errorf("empty centre: name %q, region %q, phone kept %q", shown(f.errs["name"]), shown(f.errs["region"]), f.phone.Text)
	}
	if got, _ := db.ListServiceCentres(ctx); len(got) != 0 {
		t.Fatalf("an invalid centre was stored: %+v", got)
	}

	f.maker.SetSelected("Halotek")
	f.name.SetText("Halotek Shanghai")
	f.region.SetText("Shanghai")
	test.Tap(f.save)
	h.settle()
	got, _ := db.ListServiceCentres(ctx)
	if len(got) != 1 || got[0].Name != "Halotek Shanghai" || got[0].ManufacturerID == 0 || got[0].Phone != "021-5555 0101" {
		t.Fatalf("stored %+v", got)
	}
	if tab.idx != 0 || f.id != got[0].ID || f.save.Text != "Save changes" || tab.line(tab.centres[0]) != "Halotek · Shanghai · 021-5555 0101" {
		t.Errorf("the new centre is not picked: index %d, form %d, button %q, line %q", tab.idx, f.id, f.save.Text, tab.line(tab.centres[0]))
	}

	f.maker.SetSelected("All brands")
	f.region.SetText("Suzhou")
	test.Tap(f.save)
	h.settle()
	got, _ = db.ListServiceCentres(ctx)
	if len(got) != 1 || got[0].Region != "Suzhou" || got[0].ManufacturerID != 0 {
		t.Errorf("after the change: %+v", got)
	}
}

// A case is sent to a centre chosen in its detail, among its maker's and the all-brands
// ones; a maker without one is told where centres are added.
func TestCaseDetailChoosesTheServiceCentre(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	c := f.cases["repair"]
	other := model.ServiceCentre{Name: "Fix-all Suzhou", Region: "Suzhou"}
	foreign := model.Manufacturer{Name: "Othermaker"}
	if err := f.store.CreateManufacturer(ctx, &foreign); err != nil {
		t.Fatal(err)
	}
	theirs := model.ServiceCentre{ManufacturerID: foreign.ID, Name: "Othermaker Suzhou", Region: "Suzhou"}
	for _, sc := range []*model.ServiceCentre{&other, &theirs} {
		if err := f.store.CreateServiceCentre(ctx, sc); err != nil {
			t.Fatal(err)
		}
	}
	h := newTestUI(t, f.store)
	d := openDetail(t, h, c.ID)
	for _, o := range d.centre.Options {
		if o == centreText(theirs) {
			t.Errorf("another maker's centre is offered: %q", d.centre.Options)
		}
	}
	d.centre.SetSelected(centreText(other))
	test.Tap(d.save)
	h.settle()
	if got, _ := f.store.CaseByID(ctx, c.ID); got.ServiceCentreID != other.ID {
		t.Errorf("the case went to centre %d, want %d (%s)", got.ServiceCentreID, other.ID, d.saveResult.Text)
	}
	if d.centre.Selected != centreText(other) {
		t.Errorf("after saving the choice reads %q", d.centre.Selected)
	}
}
