package intake

import (
	"context"
	"strings"

	"returndesk/export"
	"returndesk/model"
	"returndesk/policy"
)

// The printed documents' data is read here, through the store; export only lays it out.

// LoadSlip reads a case (by case or maintenance number) and everything its documents print:
// the customer, product, manufacturer, service centre, claim, the verdict under the policy
// version recorded on the case, and the shop's header from the settings and its logo.
func LoadSlip(ctx context.Context, store model.Store, number string) (*export.Slip, error) {
	c, err := store.FindCase(ctx, strings.TrimSpace(number))
	if err != nil {
		return nil, err
	}
	s := &export.Slip{Case: *c}
	facts, err := LoadFacts(ctx, store, c)
	if err != nil {
		return nil, err
	}
	s.Customer, s.Product, s.Manufacturer = *facts.Customer, *facts.Product, *facts.Manufacturer
	s.Centre, s.ClaimNo = facts.Centre, facts.ClaimNo
	// A policy that was deleted or is broken leaves the verdict off the slip; it does not stop it.
	if cv, _, _, err := facts.RecordedVerdict(ctx, store); err == nil {
		s.Verdict = recordedClock(cv, c.PolicyID)
	}
	if s.Shop, err = LoadShop(ctx, store); err != nil {
		return nil, err
	}
	return s, nil
}

// recordedClock picks, from a case's verdict, the clock of the policy recorded on the case
// (the customer's when neither matches); nil when there is none.
func recordedClock(cv policy.CaseVerdict, id model.PolicyID) *policy.Verdict {
	for _, v := range []*policy.Verdict{cv.Customer, cv.Manufacturer} {
		if v != nil && v.Policy == id {
			return v
		}
	}
	if cv.Customer != nil {
		return cv.Customer
	}
	return cv.Manufacturer
}

// LoadShop reads the shop's header: its settings and its logo, both from the store.
func LoadShop(ctx context.Context, settings model.SettingsService) (export.Shop, error) {
	var sh export.Shop
	for _, f := range []struct {
		key string
		to  *string
	}{{export.SettingShopName, &sh.Name}, {export.SettingShopAddress, &sh.Address}, {export.SettingShopPhone, &sh.Phone}} {
		v, err := settings.Setting(ctx, f.key)
		if err != nil {
			return export.Shop{}, err
		}
		*f.to = strings.TrimSpace(v)
	}
	var err error
	sh.Logo, err = settings.Logo(ctx)
	return sh, err
}

// DefaultPageSize is the page size chosen in Settings, A4 when none (or a bad one) is stored.
func DefaultPageSize(ctx context.Context, settings model.SettingsService) (export.PageSize, error) {
	v, err := settings.Setting(ctx, export.SettingPageSize)
	if err != nil {
		return "", err
	}
	if p, err := export.ParsePageSize(v); err == nil {
		return p, nil
	}
	return export.PageA4, nil
}
