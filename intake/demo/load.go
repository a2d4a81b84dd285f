package demo

import (
	"context"
	"time"

	"returndesk/model"
)

// bulk runs load with the store's bulk loader, or with storeLoad when it has none.
func bulk(ctx context.Context, db model.Store, load func(model.BulkLoad) error) error {
	if bl, ok := db.(model.BulkLoader); ok {
		return bl.Bulk(ctx, load)
	}
	return load(storeLoad{ctx, db})
}

// storeLoad is a bulk load through a store's own methods: each step is a transaction of
// its own, stamped with the store's clock rather than the time the step is given.
type storeLoad struct {
	ctx context.Context
	db  model.Store
}

func (s storeLoad) CreateCustomer(c *model.Customer) error { return s.db.CreateCustomer(s.ctx, c) }

func (s storeLoad) AddSale(sale *model.Sale) error {
	one := []model.Sale{*sale}
	if err := s.db.ImportSales(s.ctx, one); err != nil {
		return err
	}
	*sale = one[0]
	return nil
}

func (s storeLoad) CreateCase(_ time.Time, nc model.NewCase, actor string) (*model.Case, error) {
	return s.db.CreateCase(s.ctx, nc, actor)
}

func (s storeLoad) UpdateCase(_ time.Time, id model.CaseID, u model.CaseUpdate, actor string) (*model.Case, error) {
	return s.db.UpdateCase(s.ctx, id, u, actor)
}

func (s storeLoad) MoveCase(_ time.Time, id model.CaseID, to model.Status, actor, note string) (*model.Case, error) {
	return s.db.MoveCase(s.ctx, id, to, actor, note)
}

func (s storeLoad) Case(id model.CaseID) (*model.Case, error) { return s.db.CaseByID(s.ctx, id) }
