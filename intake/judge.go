package intake

import (
	"returndesk/model"
	"returndesk/policy"
)

// Judge evaluates both clocks for case c under policies already loaded and records the
// deciding verdict on c, as Plan does at intake and Reassess once the cause is known. It
// reads nothing, so a bulk loader can judge many units with the policies loaded once.
func Judge(c *model.Case, terminal, distributor *Loaded, customer *model.Customer, product *model.Product) (policy.CaseVerdict, error) {
	cause := c.Cause
	if cause == "" {
		cause = model.CauseUnknown
	}
	in := policy.Input{Purchased: c.PurchaseDate, Shipped: c.ShipmentDate, On: c.ReportedDate, Cause: cause,
		Regular: customer.Regular, CustomBranded: product.CustomBranded}
	cv, err := evaluate(terminal, distributor, in, customer.Kind)
	if err != nil {
		return cv, err
	}
	c.Cause = cause
	applyVerdict(c, cv, customer.Kind, terminal, distributor)
	return cv, nil
}
