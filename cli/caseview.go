package cli

import (
	"context"

	"returndesk/intake"
	"returndesk/model"
)

// caseView is a case as `case show --json` prints it: the stored case with the names
// a person reads (customer, manufacturer, model, claim) and its history.
type caseView struct {
	model.Case
	Customer      string               `json:"customer"`
	Phone         string               `json:"phone"`
	Manufacturer  string               `json:"manufacturer"`
	Model         model.ModelCode      `json:"model"`
	ClaimNo       model.ClaimNo        `json:"claim_no"`
	ServiceCentre string               `json:"service_centre"`
	History       []model.HistoryEntry `json:"history"`
	// Warnings are what `case add` warns of as it stores the case (in English, as all JSON).
	Warnings []string `json:"warnings,omitempty"`
}

// loadCaseView finds a case by case or maintenance number and joins what a person needs to read it.
func loadCaseView(ctx context.Context, store model.Store, number string) (*caseView, error) {
	cs, err := store.FindCase(ctx, number)
	if err != nil {
		return nil, err
	}
	f, err := intake.LoadFacts(ctx, store, cs)
	if err != nil {
		return nil, err
	}
	v := &caseView{Case: *cs, Customer: f.Customer.Name, Phone: f.Customer.Phone, Manufacturer: f.Manufacturer.Name,
		Model: f.Product.Model, ClaimNo: f.ClaimNo}
	if f.Centre != nil {
		v.ServiceCentre = f.Centre.Name + ", " + f.Centre.Address
	}
	if v.History, err = store.CaseHistory(ctx, cs.ID); err != nil {
		return nil, err
	}
	if v.History == nil {
		v.History = []model.HistoryEntry{}
	}
	return v, nil
}
