package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

// claimWorld is the fixture with EleTrek under its distributor policy and router cases of
// every kind the claim builder sorts.
type claimWorld struct {
	*Fixture
	db                                                                  model.Store
	owedA, owedLate, outOfWindow, misuse, dealer, noShipment, cancelled *model.Case
}

func newClaimWorld(t *testing.T, s suite) (*claimWorld, func() *model.ClaimCandidates) {
	t.Helper()
	db, f := s.openSeeded(t)
	if err := intake.EnsurePresets(ctx, db); err != nil {
		t.Fatal(err)
	}
	f.EleTrek.DistributorPolicy = policy.EleTrekDistributor
	if err := db.UpdateManufacturer(ctx, &f.EleTrek); err != nil {
		t.Fatal(err)
	}
	w := &claimWorld{Fixture: f, db: db}
	router := func(serial, shipped, reported string, cause model.Cause, tier model.Tier) model.NewCase {
		nc := f.NewCase(serial)
		nc.Case.ProductID = f.Router.ID
		nc.Case.Cause = cause
		nc.Case.Tier = tier
		nc.Case.PurchaseDate = model.MustDate("2025-12-20")
		nc.Case.ReportedDate = model.MustDate(reported)
		if shipped != "" {
			nc.Case.ShipmentDate = model.MustDate(shipped)
		}
		return nc
	}
	w.owedA = MustCreate(t, db, router("R-A", "2025-06-01", "2026-03-01", model.CauseManufacturer, model.TierRepair))
	w.owedLate = MustCreate(t, db, router("R-E", "2025-06-01", "2026-03-09", model.CauseManufacturer, model.TierRepair))
	w.outOfWindow = MustCreate(t, db, router("R-B", "2024-12-01", "2026-03-02", model.CauseManufacturer, model.TierRepair))
	w.misuse = MustCreate(t, db, router("R-C", "2025-06-01", "2026-03-02", model.CauseMisuse, model.TierPaid))
	nc := router("R-D", "2024-11-01", "2026-03-03", model.CauseUnknown, model.TierRepair)
	nc.Case.DealerCarriesCost = true
	w.dealer = MustCreate(t, db, nc)
	w.noShipment = MustCreate(t, db, router("R-F", "", "2026-03-04", model.CauseManufacturer, model.TierRepair))
	w.cancelled = MustCreate(t, db, router("R-G", "2025-06-01", "2026-03-04", model.CauseManufacturer, model.TierRepair))
	if _, err := db.MoveCase(ctx, w.cancelled.ID, model.StatusCancelled, "tester", ""); err != nil {
		t.Fatal(err)
	}
	list := func() *model.ClaimCandidates {
		t.Helper()
		cc, err := db.ClaimableCases(ctx, f.EleTrek.ID, model.Date{})
		if err != nil {
			t.Fatal(err)
		}
		return cc
	}
	return w, list
}

// createOwedClaim creates the claim of every case list finds owed.
func createOwedClaim(t *testing.T, db model.Store, list func() *model.ClaimCandidates) *model.Claim {
	t.Helper()
	claim := list().NewClaim()
	if err := db.CreateClaim(ctx, claim); err != nil {
		t.Fatal(err)
	}
	return claim
}

func caseNos(cs []model.ClaimCandidate) []model.CaseNo {
	out := []model.CaseNo{}
	for _, c := range cs {
		out = append(out, c.CaseNo)
	}
	return out
}

func testClaimableCasesSortsOwedFromDealerCost(t *testing.T, s suite) {
	w, list := newClaimWorld(t, s)
	db := w.db
	cc := list()
	if got, want := caseNos(cc.Owed), []model.CaseNo{w.owedA.CaseNo, w.owedLate.CaseNo}; !slices.Equal(got, want) {
		t.Fatalf("owed = %v, want %v", got, want)
	}
	a := cc.Owed[0]
	if a.RemedyAsked != model.RemedyReplace || a.FreightBy != "manufacturer" || a.UnitPrice != 45000 ||
		a.WindowEnds != model.MustDate("2026-06-01") || !strings.Contains(a.Reason.String(), "2026-06-01") {
		t.Errorf("owed line = %+v", a)
	}
	if got, want := caseNos(cc.DealerCost), []model.CaseNo{w.outOfWindow.CaseNo, w.dealer.CaseNo, w.noShipment.CaseNo}; !slices.Equal(got, want) {
		t.Fatalf("dealer cost = %v, want %v", got, want)
	}
	if r := cc.DealerCost[0].Reason.String(); !strings.Contains(r, "ended on 2025-12-01") {
		t.Errorf("out-of-window reason = %q", r)
	}
	if r := cc.DealerCost[2].Reason.String(); !strings.Contains(r, "no shipment date") {
		t.Errorf("no-shipment reason = %q", r)
	}
	// Up to a date.
	early, err := db.ClaimableCases(ctx, w.EleTrek.ID, model.MustDate("2026-03-05"))
	if err != nil || len(early.Owed) != 1 || early.Owed[0].CaseNo != w.owedA.CaseNo {
		t.Errorf("owed until 2026-03-05 = %+v, %v", early, err)
	}
	claim := early.NewClaim()
	if claim.PeriodFrom != model.MustDate("2026-03-01") || claim.PeriodUntil != model.MustDate("2026-03-05") {
		t.Errorf("period %s – %s", claim.PeriodFrom, claim.PeriodUntil)
	}
	// Halotek has no distributor policy: nothing owed, and a note says why.
	h, err := db.ClaimableCases(ctx, w.Halotek.ID, model.Date{})
	if err != nil || len(h.Owed) != 0 || !strings.Contains(h.Note.String(), "no distributor policy") {
		t.Errorf("Halotek = %+v, %v", h, err)
	}
	_, err = db.ClaimableCases(ctx, 999, model.Date{})
	WantCode(t, err, model.EINVALID)
}

func testClaimLifecycleAnswersAndLedger(t *testing.T, s suite) {
	w, list := newClaimWorld(t, s)
	db := w.db
	claim := createOwedClaim(t, db, list)
	if len(list().Owed) != 0 {
		t.Fatalf("cases in the open claim are still owed")
	}
	// Review: take the later case out, set the freight of the first.
	got, err := db.RemoveClaimLine(ctx, claim.ClaimNo, w.owedLate.CaseNo)
	if err != nil || len(got.Lines) != 1 {
		t.Fatalf("RemoveClaimLine = %+v, %v", got, err)
	}
	if owed := caseNos(list().Owed); !slices.Equal(owed, []model.CaseNo{w.owedLate.CaseNo}) {
		t.Errorf("after removal owed = %v", owed)
	}
	_, err = db.RemoveClaimLine(ctx, claim.ClaimNo, w.owedA.CaseNo)
	WantCode(t, err, model.ECONFLICT) // the last line
	freight := model.Money(1200)
	got, err = db.UpdateClaimLine(ctx, claim.ClaimNo, w.owedA.CaseNo, model.ClaimLineUpdate{Freight: &freight})
	if err != nil || got.Lines[0].Freight != 1200 {
		t.Fatalf("UpdateClaimLine = %+v, %v", got, err)
	}
	l := got.Lines[0]
	if l.Model != "R7" || l.Serial != "R-A" || l.Customer != "张伟" || l.ShipmentDate != model.MustDate("2025-06-01") ||
		l.ReportedDate != model.MustDate("2026-03-01") || l.Fault != "does not charge" || l.Cause != model.CauseManufacturer {
		t.Errorf("line details = %+v", l)
	}
	neg := model.Money(-1)
	_, err = db.UpdateClaimLine(ctx, claim.ClaimNo, w.owedA.CaseNo, model.ClaimLineUpdate{Freight: &neg})
	WantCode(t, err, model.EINVALID)

	// Status moves one step at a time.
	_, err = db.SetClaimStatus(ctx, claim.ClaimNo, model.ClaimSettled)
	WantCode(t, err, model.ECONFLICT)
	got, err = db.SetClaimStatus(ctx, claim.ClaimNo, model.ClaimSubmitted)
	if err != nil || got.Status != model.ClaimSubmitted || got.SubmittedAt == nil {
		t.Fatalf("submit = %+v, %v", got, err)
	}
	_, err = db.UpdateClaimLine(ctx, claim.ClaimNo, w.owedA.CaseNo, model.ClaimLineUpdate{Freight: &freight})
	WantCode(t, err, model.ECONFLICT) // no longer a draft

	// The answer: accepted without a credit is credited what was asked; unknown lines are reported.
	answers := []model.ClaimAnswer{{CaseNo: w.owedA.CaseNo, Decision: model.DecisionAccepted},
		{CaseNo: "RMA-2099-000001", Decision: model.DecisionRejected}}
	rep, err := db.AnswerClaimLines(ctx, claim.ClaimNo, answers, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != model.ClaimAnswered || rep.Matched != 1 || rep.Changed != 1 || len(rep.Replaced) != 0 ||
		!slices.Equal(rep.Unmatched, []model.CaseNo{"RMA-2099-000001"}) {
		t.Errorf("report = %+v", rep)
	}
	// An older sheet, read after this answer, would undo it: the check names what it replaces.
	older := []model.ClaimAnswer{{CaseNo: w.owedA.CaseNo, Decision: model.DecisionRejected, Row: 11}}
	checked, err := db.CheckClaimAnswers(ctx, claim.ClaimNo, older)
	if err != nil || len(checked.Replaced) != 1 || checked.Replaced[0] != (model.ReplacedAnswer{Row: 11, CaseNo: w.owedA.CaseNo,
		Was: model.DecisionAccepted, WasCredit: 45000, Now: model.DecisionRejected, NowCredit: 0}) {
		t.Errorf("an answer over another: %+v, %v", checked, err)
	}
	bal, err := db.LedgerBalances(ctx)
	if err != nil || len(bal) != 1 || bal[0].Manufacturer != "EleTrek" || bal[0].Credit != 45000 ||
		bal[0].Freight != 1200 || bal[0].Owed != 46200 {
		t.Fatalf("balances = %+v, %v", bal, err)
	}
	hist, _ := db.CaseHistory(ctx, w.owedA.ID)

	// Importing the same answers again changes nothing.
	rep, err = db.AnswerClaimLines(ctx, claim.ClaimNo, answers, "tester")
	if err != nil || rep.Changed != 0 || rep.Unchanged != 1 {
		t.Errorf("again: %+v, %v", rep, err)
	}
	if again, _ := db.CaseHistory(ctx, w.owedA.ID); len(again) != len(hist) {
		t.Errorf("re-import wrote history: %d entries, had %d", len(again), len(hist))
	}
	if b, _ := db.LedgerBalances(ctx); b[0].Owed != 46200 {
		t.Errorf("re-import changed the balance: %+v", b)
	}
	entries, err := db.LedgerEntries(ctx, w.EleTrek.ID, true)
	if err != nil || len(entries) != 2 || entries[0].ClaimNo != claim.ClaimNo || entries[0].CaseNo != w.owedA.CaseNo {
		t.Errorf("entries = %+v, %v", entries, err)
	}

	// Deducted on the next PI: nothing owed any more, and the amounts cannot change.
	n, amount, err := db.MarkDeducted(ctx, w.EleTrek.ID, " PI-2026-031 ")
	if err != nil || n != 2 || amount != 46200 {
		t.Fatalf("MarkDeducted = %d, %s, %v", n, amount, err)
	}
	bal, _ = db.LedgerBalances(ctx)
	if bal[0].Owed != 0 || bal[0].Deducted != 46200 {
		t.Errorf("after deduction = %+v", bal)
	}
	entries, _ = db.LedgerEntries(ctx, 0, false)
	if entries[0].PI != "PI-2026-031" || entries[0].DeductedAt == nil {
		t.Errorf("deducted entry = %+v", entries[0])
	}
	_, _, err = db.MarkDeducted(ctx, w.EleTrek.ID, "PI-2026-032")
	WantCode(t, err, model.ECONFLICT) // nothing left
	_, _, err = db.MarkDeducted(ctx, w.EleTrek.ID, " ")
	WantCode(t, err, model.EINVALID)
	less := model.Money(100)
	_, err = db.AnswerClaimLines(ctx, claim.ClaimNo, []model.ClaimAnswer{{CaseNo: w.owedA.CaseNo,
		Decision: model.DecisionPartly, Credit: &less}}, "tester")
	WantCode(t, err, model.ECONFLICT)

	// Settled: final.
	got, err = db.SetClaimStatus(ctx, claim.ClaimNo, model.ClaimSettled)
	if err != nil || got.Status != model.ClaimSettled || got.SettledAt == nil || got.Lines[0].Credit != 45000 {
		t.Fatalf("settle = %+v, %v", got, err)
	}
	_, err = db.AnswerClaimLines(ctx, claim.ClaimNo, answers, "tester")
	WantCode(t, err, model.ECONFLICT)
	// An accepted case is never owed again.
	if owed := caseNos(list().Owed); slices.Contains(owed, w.owedA.CaseNo) {
		t.Errorf("accepted case owed again: %v", owed)
	}
	claims, err := db.ListClaims(ctx)
	if err != nil || len(claims) != 1 || claims[0].LineCount != 1 || claims[0].Credit != 45000 || claims[0].Answered != 1 {
		t.Errorf("ListClaims = %+v, %v", claims, err)
	}
}

// A factory lists the claims it deducts on a PI: only what those claims owe is marked, a
// claim that owes nothing (or another maker's, or none) is refused with nothing marked, and
// a claim number is read in any letter case.
func testDeductByClaim(t *testing.T, s suite) {
	w, list := newClaimWorld(t, s)
	db := w.db
	answerAll := func(c *model.Claim) model.Money {
		t.Helper()
		if _, err := db.SetClaimStatus(ctx, c.ClaimNo, model.ClaimSubmitted); err != nil {
			t.Fatal(err)
		}
		var answers []model.ClaimAnswer
		var owed model.Money
		for _, l := range c.Lines {
			answers = append(answers, model.ClaimAnswer{CaseNo: l.CaseNo, Decision: model.DecisionAccepted})
			owed += l.Amount()
		}
		if _, err := db.AnswerClaimLines(ctx, c.ClaimNo, answers, "tester"); err != nil {
			t.Fatal(err)
		}
		return owed
	}
	first := createOwedClaim(t, db, list)
	owedFirst := answerAll(first)
	nc := w.NewCase("R-LATER")
	nc.Case.ProductID, nc.Case.Cause, nc.Case.Tier = w.Router.ID, model.CauseManufacturer, model.TierRepair
	nc.Case.PurchaseDate, nc.Case.ShipmentDate = model.MustDate("2025-12-20"), model.MustDate("2025-06-01")
	MustCreate(t, db, nc)
	second := createOwedClaim(t, db, list)
	owedSecond := answerAll(second)
	if owedFirst == 0 || owedSecond == 0 {
		t.Fatalf("claims owe %s and %s", owedFirst, owedSecond)
	}

	n, amount, err := db.MarkDeducted(ctx, w.EleTrek.ID, "PI-1", second.ClaimNo)
	if err != nil || n != len(second.Lines) || amount != owedSecond {
		t.Fatalf("deduct %s: %d entries, %s, %v; want %d, %s", second.ClaimNo, n, amount, err, len(second.Lines), owedSecond)
	}
	if b, _ := db.LedgerBalances(ctx); len(b) != 1 || b[0].Owed != owedFirst || b[0].Deducted != owedSecond {
		t.Errorf("after deducting %s: %+v", second.ClaimNo, b)
	}
	for claims, says := range map[model.ClaimNo]string{second.ClaimNo: "owes nothing on claim", "CLM-2099-0001": "there is no claim"} {
		_, _, err = db.MarkDeducted(ctx, w.EleTrek.ID, "PI-2", first.ClaimNo, claims)
		WantCode(t, err, model.EINVALID)
		if !strings.Contains(model.ErrorMessage(err), says) {
			t.Errorf("deduct %s: %q, want it to say %q", claims, model.ErrorMessage(err), says)
		}
	}
	if b, _ := db.LedgerBalances(ctx); b[0].Owed != owedFirst {
		t.Errorf("a refused deduction marked something: %+v", b)
	}
	if n, amount, err = db.MarkDeducted(ctx, w.EleTrek.ID, "PI-2", model.ClaimNo(" "+strings.ToLower(string(first.ClaimNo))+" ")); err != nil || amount != owedFirst {
		t.Errorf("deduct %s typed in small letters: %d, %s, %v", first.ClaimNo, n, amount, err)
	}
	_, _, err = db.MarkDeducted(ctx, w.EleTrek.ID, "PI-3")
	WantCode(t, err, model.ECONFLICT) // nothing left
}

func testRejectedLineGoesBackToTheDealer(t *testing.T, s suite) {
	w, list := newClaimWorld(t, s)
	db := w.db
	claim := createOwedClaim(t, db, list)
	half := model.Money(20000)
	rep, err := db.AnswerClaimLines(ctx, claim.ClaimNo, []model.ClaimAnswer{
		{CaseNo: model.CaseNo(strings.ToLower(string(w.owedA.CaseNo))), Decision: model.DecisionPartly, Credit: &half, Note: "housing not covered"},
		{CaseNo: w.owedLate.CaseNo, Decision: model.DecisionRejected, Note: "water damage found"},
	}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	// A draft that comes back answered was evidently sent.
	if rep.Status != model.ClaimAnswered || rep.Changed != 2 {
		t.Errorf("report = %+v", rep)
	}
	got, _ := db.FindClaim(ctx, claim.ClaimNo)
	if got.SubmittedAt == nil || got.AnsweredAt == nil || got.Lines[0].Credit != 20000 ||
		got.Lines[0].AnswerNote != "housing not covered" || got.Lines[1].Decision != model.DecisionRejected {
		t.Errorf("claim = %+v", got)
	}
	c, _ := db.CaseByID(ctx, w.owedLate.ID)
	if !c.DealerCarriesCost {
		t.Errorf("rejected case is not the dealer's cost")
	}
	hist, _ := db.CaseHistory(ctx, w.owedLate.ID)
	last := hist[len(hist)-1]
	if last.Action != "claim answer" || !strings.Contains(last.Note, "water damage found") || !strings.Contains(last.Note, string(claim.ClaimNo)) {
		t.Errorf("history = %+v", last)
	}
	cc := list()
	i := slices.IndexFunc(cc.DealerCost, func(c model.ClaimCandidate) bool { return c.CaseID == w.owedLate.ID })
	if i < 0 || cc.DealerCost[i].ClaimNo != claim.ClaimNo || !strings.Contains(cc.DealerCost[i].Reason.String(), "water damage found") {
		t.Errorf("dealer cost list = %+v", cc.DealerCost)
	}
	// Only the partial credit is owed; the rejected line books nothing.
	if b, _ := db.LedgerBalances(ctx); len(b) != 1 || b[0].Credit != 20000 {
		t.Errorf("balance = %+v", b)
	}
	// The same sheet answering a case twice differently is refused whole.
	_, err = db.AnswerClaimLines(ctx, claim.ClaimNo, []model.ClaimAnswer{
		{CaseNo: w.owedA.CaseNo, Decision: model.DecisionAccepted, Row: 11},
		{CaseNo: w.owedA.CaseNo, Decision: model.DecisionRejected, Row: 12}}, "tester")
	WantCode(t, err, model.EINVALID)
	// Nothing that belongs to the claim.
	_, err = db.AnswerClaimLines(ctx, claim.ClaimNo, []model.ClaimAnswer{{CaseNo: "RMA-1999-000001", Decision: model.DecisionAccepted}}, "tester")
	WantCode(t, err, model.EINVALID)
	// Changing the rejection to an acceptance takes the case back off the dealer's list.
	if _, err := db.AnswerClaimLines(ctx, claim.ClaimNo, []model.ClaimAnswer{{CaseNo: w.owedLate.CaseNo, Decision: model.DecisionAccepted}}, "tester"); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.CaseByID(ctx, w.owedLate.ID); c.DealerCarriesCost {
		t.Errorf("accepted case still the dealer's cost")
	}
	if b, _ := db.LedgerBalances(ctx); b[0].Credit != 65000 {
		t.Errorf("balance after the change = %+v", b)
	}
}

func testDraftClaimCanBeDeleted(t *testing.T, s suite) {
	w, list := newClaimWorld(t, s)
	db := w.db
	claim := createOwedClaim(t, db, list)
	if err := db.DeleteClaim(ctx, claim.ClaimNo); err != nil {
		t.Fatal(err)
	}
	_, err := db.FindClaim(ctx, claim.ClaimNo)
	WantCode(t, err, model.ENOTFOUND)
	if len(list().Owed) != 2 {
		t.Errorf("cases of the deleted claim are not owed again")
	}
	claim = createOwedClaim(t, db, list)
	if _, err := db.SetClaimStatus(ctx, claim.ClaimNo, model.ClaimSubmitted); err != nil {
		t.Fatal(err)
	}
	WantCode(t, db.DeleteClaim(ctx, claim.ClaimNo), model.ECONFLICT)
}

func testOEMDefects(t *testing.T, s suite) {
	db, clk := s.openTest(t)
	f := Seed(t, db)
	clk.Set(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	o := model.OEMOrder{ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, CustomerID: f.Zhang.ID, OrderNo: "PO-1",
		Quantity: 1000, ShipmentDate: model.MustDate("2025-03-01"), SpareRate: "0.4"}
	if err := db.CreateOEMOrder(ctx, &o); err != nil {
		t.Fatal(err)
	}
	mk := func(serial, reported string, cause model.Cause) *model.Case {
		nc := f.NewCase(serial)
		nc.Case.PurchaseDate = model.MustDate("2025-03-05")
		nc.Case.ReportedDate = model.MustDate(reported)
		nc.Case.Cause = cause
		return MustCreate(t, db, nc)
	}
	in1 := mk("O-1", "2025-06-01", model.CauseManufacturer)
	in2 := mk("O-2", "2026-02-28", model.CauseUnknown)
	late := mk("O-3", "2026-03-05", model.CauseManufacturer) // after 2026-03-01
	misuse := mk("O-4", "2025-07-01", model.CauseMisuse)
	rc := f.NewCase("O-R")
	rc.Case.ProductID = f.Router.ID
	router := MustCreate(t, db, rc)

	cands, err := db.OEMDefectCandidates(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []model.CaseID
	for _, c := range cands {
		got = append(got, c.CaseID)
	}
	if !slices.Equal(got, []model.CaseID{in1.ID, in2.ID}) {
		t.Errorf("candidates = %v, want %d, %d (not %d late, %d misuse)", got, in1.ID, in2.ID, late.ID, misuse.ID)
	}
	if err := db.LinkOEMDefects(ctx, o.ID, []model.CaseID{in1.ID, in2.ID, late.ID}); err != nil {
		t.Fatal(err)
	}
	// Linking again is harmless; another product is refused.
	if err := db.LinkOEMDefects(ctx, o.ID, []model.CaseID{in1.ID}); err != nil {
		t.Errorf("relink: %v", err)
	}
	WantCode(t, db.LinkOEMDefects(ctx, o.ID, []model.CaseID{router.ID}), model.EINVALID)
	o2 := model.OEMOrder{ManufacturerID: f.Halotek.ID, ProductID: f.Phone.ID, OrderNo: "PO-2",
		Quantity: 10, ShipmentDate: model.MustDate("2025-01-01"), SpareRate: "0.5"}
	if err := db.CreateOEMOrder(ctx, &o2); err != nil {
		t.Fatal(err)
	}
	WantCode(t, db.LinkOEMDefects(ctx, o2.ID, []model.CaseID{in1.ID}), model.ECONFLICT)

	ds, err := db.OEMDefects(ctx, o.ID)
	if err != nil || len(ds) != 3 || !ds[0].InYear || !ds[1].InYear || ds[2].InYear || ds[2].CaseID != late.ID {
		t.Fatalf("defects = %+v, %v", ds, err)
	}
	if err := db.CreateClaim(ctx, &model.Claim{ManufacturerID: f.Halotek.ID, Lines: []model.ClaimLine{{CaseID: in1.ID,
		RemedyAsked: model.RemedyReplace}}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetOEMBatchDefect(ctx, o.ID, true); err != nil {
		t.Fatal(err)
	}
	list, err := db.ListOEMOrders(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListOEMOrders = %+v, %v", list, err)
	}
	got1 := list[0]
	if got1.OrderNo != "PO-1" || got1.Defects != 2 || got1.Claimed != 1 || !got1.BatchDefect || got1.Model != "H1" ||
		got1.Manufacturer != "Halotek" || got1.Customer != "张伟" {
		t.Errorf("order = %+v", got1)
	}
	if err := db.UnlinkOEMDefect(ctx, o.ID, in2.ID); err != nil {
		t.Fatal(err)
	}
	WantCode(t, db.UnlinkOEMDefect(ctx, o.ID, in2.ID), model.ENOTFOUND)
	WantCode(t, db.SetOEMBatchDefect(ctx, 999, true), model.ENOTFOUND)
	// Linked cases are claimed through the OEM order, not the distributor policy.
	if err := intake.EnsurePresets(ctx, db); err != nil {
		t.Fatal(err)
	}
	f.Halotek.DistributorPolicy = policy.EleTrekDistributor
	if err := db.UpdateManufacturer(ctx, &f.Halotek); err != nil {
		t.Fatal(err)
	}
	cc, err := db.ClaimableCases(ctx, f.Halotek.ID, model.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(cc.Owed, cc.DealerCost...) {
		if c.CaseID == late.ID || c.CaseID == in1.ID {
			t.Errorf("OEM defect %s listed by the claim builder", c.CaseNo)
		}
	}
}

// Checking answers records nothing and reports what recording them will do: the draft
// recorded as submitted on the way to answered, and credits above what a line claimed.
func testCheckClaimAnswersThenAnswerADraft(t *testing.T, s suite) {
	w, list := newClaimWorld(t, s)
	db := w.db
	claim := createOwedClaim(t, db, list)
	huge, small := model.Money(100_000_000), model.Money(100)
	answers := []model.ClaimAnswer{
		{CaseNo: w.owedA.CaseNo, Decision: model.DecisionAccepted, Credit: &huge, Row: 11},
		{CaseNo: w.owedLate.CaseNo, Decision: model.DecisionPartly, Credit: &small, Row: 12},
	}
	wantOver := []model.OverCredit{{Row: 11, CaseNo: w.owedA.CaseNo, Credit: huge, Claimed: 45000}}
	checked, err := db.CheckClaimAnswers(ctx, claim.ClaimNo, answers)
	if err != nil {
		t.Fatal(err)
	}
	if !checked.Submitted || checked.Status != model.ClaimAnswered || checked.Changed != 2 || !slices.Equal(checked.OverCredits, wantOver) {
		t.Errorf("check = %+v", checked)
	}
	got, _ := db.FindClaim(ctx, claim.ClaimNo)
	if got.Status != model.ClaimDraft || got.SubmittedAt != nil || got.Lines[0].Decision != "" {
		t.Errorf("checking recorded something: %+v", got)
	}
	if b, _ := db.LedgerBalances(ctx); len(b) != 0 {
		t.Errorf("checking booked %+v", b)
	}

	rep, err := db.AnswerClaimLines(ctx, claim.ClaimNo, answers, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Submitted || rep.Status != model.ClaimAnswered || !slices.Equal(rep.OverCredits, wantOver) {
		t.Errorf("report = %+v", rep)
	}
	got, _ = db.FindClaim(ctx, claim.ClaimNo)
	if got.Status != model.ClaimAnswered || got.SubmittedAt == nil || got.AnsweredAt == nil || got.SubmittedAt.After(*got.AnsweredAt) ||
		got.Lines[0].Credit != huge {
		t.Errorf("claim = %+v", got)
	}
	// The same answers again: nothing changes, nothing to point out.
	rep, err = db.AnswerClaimLines(ctx, claim.ClaimNo, answers, "tester")
	if err != nil || rep.Submitted || len(rep.OverCredits) != 0 || rep.Unchanged != 2 {
		t.Errorf("again = %+v, %v", rep, err)
	}
	// A refusal is the same when checking.
	_, err = db.CheckClaimAnswers(ctx, claim.ClaimNo, []model.ClaimAnswer{{CaseNo: "RMA-1999-000001", Decision: model.DecisionAccepted}})
	WantCode(t, err, model.EINVALID)
}
