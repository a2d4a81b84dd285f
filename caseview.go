package main

import (
	"context"

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
}

// loadCaseView finds a case by case or maintenance number and joins what a person needs to read it.
func loadCaseView(ctx context.Context, store model.Store, number string) (*caseView, error) {
	cs, err := store.FindCase(ctx, number)
	if err != nil {
		return nil, err
	}
	v := &caseView{Case: *cs}
	rows, _, err := store.FindCases(ctx, model.CaseFilter{Search: string(cs.CaseNo), Limit: 10})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.ID == cs.ID {
			v.Customer, v.Phone, v.Manufacturer, v.Model, v.ClaimNo = r.Customer, r.Phone, r.Manufacturer, r.Model, r.ClaimNo
		}
	}
	if cs.ServiceCentreID != 0 {
		centres, err := store.ListServiceCentres(ctx)
		if err != nil {
			return nil, err
		}
		for _, sc := range centres {
			if sc.ID == cs.ServiceCentreID {
				v.ServiceCentre = sc.Name + ", " + sc.Address
			}
		}
	}
	if v.History, err = store.CaseHistory(ctx, cs.ID); err != nil {
		return nil, err
	}
	if v.History == nil {
		v.History = []model.HistoryEntry{}
	}
	return v, nil
}
